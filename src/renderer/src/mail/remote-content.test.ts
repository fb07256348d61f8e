import { describe, expect, it } from 'vitest';
import { decodeCssEscapes, isRemoteUrl, isSafeLinkHref, keepResourceUrl, keepSrcset, neutralizeCss, srcsetUrls } from './remote-content';

describe('isRemoteUrl', () => {
  it('recognises URLs that leave the machine, however they are disguised', () => {
    for (const u of ['http://x.test/a.gif', 'HTTPS://x.test', '//x.test/p.gif', ' \thttps://x', 'ht\ntp://x.test', '\\\\x.test/a']) {
      expect(isRemoteUrl(u), u).toBe(true);
    }
  });
  it('does not flag embedded or relative data', () => {
    for (const u of ['data:image/png;base64,AAAA', 'cid:logo@x', 'logo.png', '#top', 'mailto:a@b.c']) {
      expect(isRemoteUrl(u), u).toBe(false);
    }
  });
});

describe('keepResourceUrl', () => {
  it('blocks remote and relative resources until allowed', () => {
    expect(keepResourceUrl('http://tracker.test/p.gif', false)).toBe(false);
    expect(keepResourceUrl('/api/secret', false)).toBe(false);
    expect(keepResourceUrl('data:image/gif;base64,R0lG', false)).toBe(true);
    expect(keepResourceUrl('cid:part1', false)).toBe(true);
  });
  it('keeps remote resources once allowed, never relative ones', () => {
    expect(keepResourceUrl('https://cdn.test/logo.png', true)).toBe(true);
    expect(keepResourceUrl('//cdn.test/logo.png', true)).toBe(true);
    expect(keepResourceUrl('/api/secret', true)).toBe(false);
    expect(keepResourceUrl('javascript:alert(1)', true)).toBe(false);
  });
});

describe('isSafeLinkHref', () => {
  it('allows web, mail and phone links and in-page anchors only', () => {
    expect(isSafeLinkHref('https://example.test/x')).toBe(true);
    expect(isSafeLinkHref('mailto:a@b.test')).toBe(true);
    expect(isSafeLinkHref('#section')).toBe(true);
    expect(isSafeLinkHref('javascript:alert(1)')).toBe(false);
    expect(isSafeLinkHref('java\tscript:alert(1)')).toBe(false);
    expect(isSafeLinkHref('file:///etc/passwd')).toBe(false);
    expect(isSafeLinkHref('data:text/html,<script>')).toBe(false);
  });
});

describe('neutralizeCss', () => {
  it('replaces remote url() in declarations when blocked', () => {
    const r = neutralizeCss('background: url("http://t.test/a.png") no-repeat; color: red', false);
    expect(r.css).toBe('background: none no-repeat; color: red');
    expect(r.blocked).toBe(1);
  });
  it('handles unquoted, single-quoted and protocol-relative urls', () => {
    const r = neutralizeCss("a{background:url(https://t.test/1)} b{background:url( '//t.test/2' )}", false);
    expect(r.css).not.toMatch(/t\.test/);
    expect(r.blocked).toBe(2);
  });
  it('keeps embedded data urls', () => {
    const css = 'background:url(data:image/gif;base64,R0lGODlh)';
    expect(neutralizeCss(css, false)).toEqual({ css, blocked: 0 });
  });
  it('always drops @import, even when remote content is allowed', () => {
    expect(neutralizeCss('@import url(http://t.test/x.css); p{color:red}', true).css).toBe(' p{color:red}');
    expect(neutralizeCss('@import "http://t.test/x.css"', true).css).toBe('');
  });
  it('sees through CSS escapes and comments used to hide url()', () => {
    const escaped = neutralizeCss('background: \\75 rl(http://t.test/e.png)', false);
    expect(escaped.css).not.toMatch(/t\.test/);
    const commented = neutralizeCss('background: u/**/rl(http://t.test/c.png)', false);
    expect(commented.css).not.toMatch(/t\.test/);
  });
  it('drops remote strings in image-set and font src', () => {
    const r = neutralizeCss('background-image: image-set("https://t.test/a.png" 1x)', false);
    expect(r.css).not.toMatch(/t\.test/);
  });
  it('leaves remote urls alone when the user allowed remote content', () => {
    const css = 'background:url(https://cdn.test/bg.png)';
    expect(neutralizeCss(css, true).css).toBe(css);
  });
});

describe('decodeCssEscapes', () => {
  it('decodes hex and character escapes', () => {
    expect(decodeCssEscapes('\\75 rl')).toBe('url');
    expect(decodeCssEscapes('\\000075rl')).toBe('url');
    expect(decodeCssEscapes('\\@import')).toBe('@import');
  });
});

describe('srcset', () => {
  it('parses candidates, including data URLs that contain commas', () => {
    expect(srcsetUrls('a.png 1x, https://t.test/b.png 2x')).toEqual(['a.png', 'https://t.test/b.png']);
    expect(srcsetUrls('data:image/png;base64,AAAA 1x,data:image/png;base64,BBBB 2x')).toEqual(['data:image/png;base64,AAAA', 'data:image/png;base64,BBBB']);
    expect(srcsetUrls('https://t.test/a.png,https://t.test/b.png')).toEqual(['https://t.test/a.png,https://t.test/b.png']);
  });
  it('keeps a srcset only when every candidate may load', () => {
    expect(keepSrcset('data:image/png;base64,AAAA 1x', false)).toBe(true);
    expect(keepSrcset('data:image/png;base64,AAAA 1x, https://t.test/b.png 2x', false)).toBe(false);
    expect(keepSrcset('https://t.test/a.png 1x, https://t.test/b.png 2x', true)).toBe(true);
    expect(keepSrcset('https://t.test/a.png 1x, /local.png 2x', true)).toBe(false);
  });
});
