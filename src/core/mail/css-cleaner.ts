/**
 * Cleans CSS from mail (`<style>` blocks and `style=""` attributes). Mail needs CSS to look
 * right, so it is kept; what goes is what can run code or load things the user did not allow
 * to load silently: `@import`, IE `expression()`, `behavior`, `-moz-binding`, and `url()`s with
 * schemes other than http(s), cid and data:image. Remote http(s) `url()`s stay (the renderer's
 * CSP blocks them until the user allows remote content); the caller is told they are there.
 */

const SAFE_DATA_IMAGE = /^data:image\/(png|gif|jpe?g|webp)[;,]/i;

/** CSS escapes (`\65 xpression`, `\3c`) decoded, so filters see what a browser would. */
function decodeEscapes(css: string): string {
  return css.replace(/\\([0-9a-f]{1,6})\s?|\\([^\n0-9a-f])/gi, (_m, hex: string | undefined, ch: string | undefined) => {
    if (hex) {
      const cp = parseInt(hex, 16);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
    }
    return ch ?? '';
  });
}

function isAllowedUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const u = url.trim().replace(/[\u0000-\u0020]/g, '');
  if (/^(https?:)?\/\//i.test(u)) return true;
  if (/^cid:/i.test(u)) return true;
  if (SAFE_DATA_IMAGE.test(u)) return true;
  // Anything else with a scheme (javascript:, file:, data:text/html, vbscript:...) goes.
  return !/^[a-z][a-z0-9+.-]*:/i.test(u);
}

export function cleanCss(input: string): string {
  let css = input.replace(/\/\*[\s\S]*?(\*\/|$)/g, '');
  css = decodeEscapes(css);
  css = css
    .replace(/@import\b[^;{}]*;?/gi, '')
    .replace(/@charset\b[^;{}]*;?/gi, '')
    .replace(/expression\s*\(/gi, 'blocked(')
    .replace(/\bbehavior\s*:/gi, 'x-blocked:')
    .replace(/-moz-binding\s*:/gi, 'x-blocked:')
    .replace(/(java|vb)script\s*:/gi, 'blocked:');
  css = css.replace(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi, (whole: string, _q: string, url: string) =>
    isAllowedUrl(url) ? whole : 'none');
  // A `<` can only end a <style> element early; CSS never needs a raw one.
  return css.replace(/</g, '\\3c ');
}

/** True when the CSS still loads something from the network. */
export function cssHasRemote(css: string): boolean {
  return /url\(\s*(['"]|&quot;|&#39;)?\s*(https?:)?\/\//i.test(css) || /image-set\([^)]*https?:\/\//i.test(css);
}
