/**
 * String helpers for the composer's HTML. The editor's own export carries editor-only markup
 * (theme classes, white-space styles, dir attributes); mail should get plain, portable HTML.
 * These work on HTML the editor itself generated, whose attributes are always double-quoted.
 */

/** Removes the editor's presentation attributes and empty wrapper spans. */
export function cleanExportedHtml(html: string): string {
  let out = html
    .replace(/\s(?:class|dir|data-lexical-[a-z-]+)="[^"]*"/g, '')
    .replace(/\sstyle="([^"]*)"/g, (_m, style: string) => {
      const kept = style
        .split(';')
        .map((d) => d.trim())
        .filter((d) => d && !/^white-space\s*:/i.test(d))
        .join('; ');
      return kept ? ` style="${kept}"` : '';
    });
  // <b><strong>x</strong></b> and <i><em>x</em></i> are one format written twice.
  out = out.replace(/<b><strong>([\s\S]*?)<\/strong><\/b>/g, '<strong>$1</strong>').replace(/<i><em>([\s\S]*?)<\/em><\/i>/g, '<em>$1</em>');
  // Bare <span>…</span> (no attributes left) adds nothing; repeat for nesting.
  for (let i = 0; i < 4; i++) {
    const next = out.replace(/<span>([^<]*(?:<(?!\/?span\b)[^<]*)*)<\/span>/g, '$1');
    if (next === out) break;
    out = next;
  }
  return out;
}

/** True when the body holds no text and no image: "send without a body?" and "drop an untouched draft" use it. */
export function isBlankHtml(html: string): boolean {
  if (/<img\b/i.test(html)) return false;
  const text = html.replace(/<[^>]*>/g, '').replace(/&nbsp;|&#160;/g, ' ').trim();
  return text.length === 0;
}

/** Content-IDs an HTML body refers to as <img src="cid:…">. */
export function referencedCids(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/src\s*=\s*["']cid:([^"']+)["']/gi)) out.add(decodeURIComponent(m[1]));
  return [...out];
}

/** Escapes text for HTML (template names, attribution in pasted plain text). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text (pasted or typed) as paragraphs: blank lines split paragraphs, single newlines become <br>. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeHtml(para).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** Encodes file bytes for the API (which carries attachments as base64). Chunked: large files overflow apply(). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(b64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
