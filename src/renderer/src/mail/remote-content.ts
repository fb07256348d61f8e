/**
 * Pure helpers that keep HTML mail from reaching the network until the user allows it.
 * They work on attribute values and CSS text, so they are testable without a DOM; the
 * DOMPurify hooks in sanitize-mail-html.ts apply them. The iframe's CSP is the backstop.
 */

/** Attributes that make a browser fetch a resource as soon as the element renders. */
export const RESOURCE_ATTRIBUTES = ['src', 'srcset', 'background', 'poster', 'lowsrc', 'dynsrc', 'longdesc'] as const;

/** Browsers drop tabs and newlines anywhere in a URL and ignore leading controls/spaces. */
function normalizeUrl(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
}

/** http:, https: or protocol-relative `//host`: anything that leaves the machine. */
export function isRemoteUrl(value: string): boolean {
  const url = normalizeUrl(value);
  return /^(https?:|\/\/|\\\\|\/\\|\\\/)/i.test(url);
}

/** Embedded data the message carries itself: data: (images) and cid: (inline parts). */
export function isEmbeddedUrl(value: string): boolean {
  return /^(data:|cid:)/i.test(normalizeUrl(value));
}

/**
 * Whether a resource URL (img src, background…) may stay. Relative URLs have no meaning in a
 * mail and would resolve against PMSync's own origin, so they never stay.
 */
export function keepResourceUrl(value: string, allowRemote: boolean): boolean {
  if (isEmbeddedUrl(value)) return true;
  return allowRemote && /^(https?:)?\/\//i.test(normalizeUrl(value));
}

/** Link targets a click may open (in a new window, outside the sandbox). */
export function isSafeLinkHref(value: string): boolean {
  const url = normalizeUrl(value);
  return /^(https?:\/\/|mailto:|tel:)/i.test(url) || url.startsWith('#');
}

/** Decodes CSS escapes (`\75 rl(` is `url(`) so obfuscated functions cannot slip through. */
export function decodeCssEscapes(css: string): string {
  return css.replace(/\\(?:([0-9a-fA-F]{1,6})\s?|([^\n0-9a-fA-F]))/g, (_m, hex: string | undefined, ch: string | undefined) => {
    if (hex) {
      const code = parseInt(hex, 16);
      return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
    }
    return ch ?? '';
  });
}

export interface CssRewrite {
  css: string;
  /** How many remote references were removed. */
  blocked: number;
}

/**
 * Makes CSS inert for the network: @import is always dropped (a mail has no business pulling
 * stylesheets); when remote content is blocked, every url(…) and quoted URL that is not
 * embedded data becomes `none`/empty. Comments are removed first so they cannot hide tokens.
 */
export function neutralizeCss(input: string, allowRemote: boolean): CssRewrite {
  let blocked = 0;
  let css = input.includes('\\') ? decodeCssEscapes(input) : input;
  css = css.replace(/\/\*[\s\S]*?(\*\/|$)/g, '');
  css = css.replace(/@import\b[^;]*(;|$)/gi, () => {
    blocked++;
    return '';
  });
  if (allowRemote) return { css, blocked };

  css = css.replace(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)/gi, (whole, dq?: string, sq?: string, bare?: string) => {
    const target = dq ?? sq ?? bare ?? '';
    if (isEmbeddedUrl(target)) return whole;
    blocked++;
    return 'none';
  });
  // Bare strings load resources too (image-set("…"), src: "…"); drop the ones that leave the machine.
  css = css.replace(/"([^"]*)"|'([^']*)'/g, (whole, dq?: string, sq?: string) => {
    const target = dq ?? sq ?? '';
    if (!isRemoteUrl(target)) return whole;
    blocked++;
    return '""';
  });
  return { css, blocked };
}

/** The URLs of a srcset, parsed the way browsers do (a URL runs until whitespace). */
export function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset[i])) i++;
    let url = '';
    while (i < srcset.length && !/\s/.test(srcset[i])) url += srcset[i++];
    if (url.endsWith(',')) url = url.replace(/,+$/, '');
    else while (i < srcset.length && srcset[i] !== ',') i++; // skip descriptors
    if (url) urls.push(url);
  }
  return urls;
}

/** A srcset stays only when every candidate may load under the current policy. */
export function keepSrcset(srcset: string, allowRemote: boolean): boolean {
  return srcsetUrls(srcset).every((u) => keepResourceUrl(u, allowRemote));
}
