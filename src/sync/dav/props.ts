/** Reading properties out of tsdav's parsed XML (camelCased local names, values "nativeType"d). */

type Node = unknown;

function isObject(v: Node): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asArray<T>(v: T | T[] | undefined | null): T[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

/** Text content: xml-js gives a string/number/boolean, or { _text } / { _cdata } (possibly arrays of them). */
export function text(v: Node): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const parts = v.map(text).filter((p): p is string => p !== null);
    return parts.length ? parts.join('') : null;
  }
  if (isObject(v)) {
    const t = text(v._cdata) ?? text(v._text);
    return t;
  }
  return null;
}

/** The first DAV:href inside a property (current-user-principal, *-home-set). */
export function hrefOf(v: Node): string | null {
  if (!isObject(v)) return null;
  const h = asArray(v.href as Node)[0];
  return text(h);
}

export function hasChild(v: Node, name: string): boolean {
  return isObject(v) && name in v;
}

/** Write access from DAV:current-user-privilege-set; unknown (not reported) counts as writable. */
export function isReadOnly(privileges: Node): boolean {
  if (!isObject(privileges)) return false;
  const granted = asArray(privileges.privilege as Node).flatMap((p) => (isObject(p) ? Object.keys(p) : []));
  if (granted.length === 0) return false;
  return !granted.some((g) => g === 'all' || g === 'write' || g === 'writeContent' || g === 'bind');
}

/** C:supported-calendar-component-set → ['VEVENT', …]. */
export function componentsOf(v: Node): string[] {
  if (!isObject(v)) return [];
  return asArray(v.comp as Node)
    .map((c) => (isObject(c) && isObject(c._attributes) ? text(c._attributes.name as Node) : null))
    .filter((n): n is string => !!n)
    .map((n) => n.toUpperCase());
}

/** Apple calendar-color is #RRGGBB or #RRGGBBAA; anything else is ignored. */
export function colorOf(v: Node): string {
  const c = text(v)?.trim() ?? '';
  return /^#[0-9a-f]{6}([0-9a-f]{2})?$/i.test(c) ? c : '';
}

/** ETags are opaque quoted strings; keep them exactly as the server sent them. */
export function etagOf(v: Node): string | null {
  const e = text(v);
  return e === null || e === '' ? null : e;
}
