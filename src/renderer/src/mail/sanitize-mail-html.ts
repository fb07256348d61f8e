import DOMPurify from 'dompurify';
import { isRemoteUrl, isSafeLinkHref, keepResourceUrl, keepSrcset, neutralizeCss, RESOURCE_ATTRIBUTES, srcsetUrls } from './remote-content';

export interface SanitizeOptions {
  allowRemote: boolean;
  /** cid (without angle brackets) → data: URL of the inline part, for <img src="cid:…">. */
  inlineImages?: ReadonlyMap<string, string>;
}

export interface SanitizedMail {
  html: string;
  /** Remote references removed; > 0 means the "remote content blocked" bar has something to offer. */
  blocked: number;
  textLength: number;
  imageCount: number;
  blockCount: number;
}

const FORBID_TAGS = ['script', 'form', 'input', 'button', 'select', 'textarea', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'meta', 'base', 'link', 'portal', 'noscript'];
const FORBID_ATTR = ['ping', 'action', 'formaction', 'http-equiv', 'srcdoc', 'target'];

/**
 * Sanitizes mail HTML a second time in the renderer (the core did it at import) and applies the
 * remote-content policy. The result is only ever placed in a script-less sandboxed iframe.
 */
export function sanitizeMailHtml(dirty: string, options: SanitizeOptions): SanitizedMail {
  // A fresh instance per call: hooks see this call's options and nothing leaks between messages.
  const purify = DOMPurify(window);
  let blocked = 0;
  let imageCount = 0;
  let blockCount = 0;

  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'style' && node.textContent) {
      const r = neutralizeCss(node.textContent, options.allowRemote);
      blocked += r.blocked;
      node.textContent = r.css;
    }
  });

  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (typeof el.getAttribute !== 'function') return;
    const tag = el.tagName.toLowerCase();
    if (tag === 'img') imageCount++;
    if (/^(p|div|br|tr|li|h[1-6]|blockquote|pre|table|hr)$/.test(tag)) blockCount++;

    for (const name of RESOURCE_ATTRIBUTES) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      if (name === 'src' && /^\s*cid:/i.test(value)) {
        const data = options.inlineImages?.get(value.trim().slice(4).replace(/^<|>$/g, ''));
        if (data) el.setAttribute('src', data);
        continue;
      }
      const keep = name === 'srcset' ? keepSrcset(value, options.allowRemote) : keepResourceUrl(value, options.allowRemote);
      if (!keep) {
        if (name === 'srcset' ? srcsetUrls(value).some(isRemoteUrl) : isRemoteUrl(value)) blocked++;
        el.removeAttribute(name);
      }
    }

    // href fetches on SVG <image>/<use>/<feImage>; only links and image maps may keep one.
    for (const name of ['href', 'xlink:href']) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      if (tag === 'a' || tag === 'area') {
        if (!isSafeLinkHref(value)) el.removeAttribute(name);
      } else if (!keepResourceUrl(value, options.allowRemote) && !value.trim().startsWith('#')) {
        if (isRemoteUrl(value)) blocked++;
        el.removeAttribute(name);
      }
    }
    if ((tag === 'a' || tag === 'area') && el.hasAttribute('href') && !el.getAttribute('href')!.trim().startsWith('#')) {
      // Links open outside the sandbox (allow-popups-to-escape-sandbox), never in the frame.
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
    }

    const style = el.getAttribute('style');
    if (style !== null) {
      const r = neutralizeCss(style, options.allowRemote);
      blocked += r.blocked;
      if (r.css.trim()) el.setAttribute('style', r.css);
      else el.removeAttribute('style');
    }
  });

  const fragment = purify.sanitize(dirty, {
    FORBID_TAGS,
    FORBID_ATTR,
    // Keeps leading <style> blocks, which the parser would otherwise hoist away into <head>.
    FORCE_BODY: true,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    RETURN_DOM_FRAGMENT: true,
  });
  const container = document.createElement('div');
  container.appendChild(fragment);
  return { html: container.innerHTML, blocked, textLength: (container.textContent ?? '').length, imageCount, blockCount };
}
