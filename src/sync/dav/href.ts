/**
 * One spelling per server path. Servers percent-encode differently from one answer to the next
 * (Radicale lists a resource PUT as `a@b.ics` as `a%40b.ics`); comparing raw strings would make
 * two local copies of one item. Every segment is decoded and re-encoded with encodeURIComponent.
 */
export function canonicalPath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => {
      try {
        return encodeURIComponent(decodeURIComponent(segment));
      } catch {
        // Not valid percent-encoding: keep it as the server sent it.
        return segment;
      }
    })
    .join('/');
}

/** The canonical path of an href (absolute URL or path) relative to `base`. */
export function hrefKey(href: string, base: string): string {
  return canonicalPath(new URL(href, base).pathname);
}

/** The canonical path of a new resource named `fileName` (unencoded) in a collection. */
export function resourceHref(collectionUrl: string, fileName: string): string {
  return `${canonicalPath(new URL(collectionUrl).pathname).replace(/\/?$/, '/')}${encodeURIComponent(fileName)}`;
}
