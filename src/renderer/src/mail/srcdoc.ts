/** The CSP every rendered mail starts with; the outer page's CSP applies on top of it. */
export function mailFrameCsp(allowRemote: boolean): string {
  const img = allowRemote ? "img-src data: blob: https: http:" : 'img-src data: blob:';
  return `default-src 'none'; ${img}; style-src 'unsafe-inline'; font-src data:`;
}

// Mail is written for a white page: keep it white in dark mode, like other mail clients do.
const BASE_STYLE = [
  'html{color-scheme:light}',
  'body{margin:0;padding:16px 20px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#fff;overflow-wrap:anywhere}',
  'img{max-width:100%;height:auto}',
  'table{max-width:100%}',
  'pre{white-space:pre-wrap}',
  'a[href]{color:#0b57d0}',
  'blockquote{margin:0 0 0 .8em;padding-left:.8em;border-left:3px solid #d0d4da;color:#555}',
].join('');

/**
 * The whole document for `<iframe srcdoc>`: CSP meta first (before any content can load
 * anything), no-referrer, base styles, then the already-sanitized body.
 */
export function buildMailSrcdoc(sanitizedBody: string, allowRemote: boolean): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${mailFrameCsp(allowRemote)}">` +
    '<meta name="referrer" content="no-referrer">' +
    `<style>${BASE_STYLE}</style></head><body>${sanitizedBody}</body></html>`
  );
}

export interface ContentShape {
  textLength: number;
  imageCount: number;
  blockCount: number;
}

/**
 * Height for the mail iframe. Without allow-same-origin (and without scripts) the parent cannot
 * read the frame's layout, so we estimate from the sanitized content: characters per line,
 * block breaks and images. The frame scrolls when the guess is short, is capped at 80% of the
 * viewport, and its wrapper can be resized by the user.
 */
export function estimateFrameHeight(shape: ContentShape, viewportHeight: number, contentWidth = 720): number {
  const charsPerLine = Math.max(40, Math.floor(contentWidth / 7.5));
  const lines = shape.blockCount + Math.ceil(shape.textLength / charsPerLine);
  const estimate = 32 + lines * 21 + shape.imageCount * 160;
  const cap = Math.max(240, Math.round(viewportHeight * 0.8));
  return Math.min(cap, Math.max(120, estimate));
}
