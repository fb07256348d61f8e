import { describe, expect, it } from 'vitest';
import { buildMailSrcdoc, estimateFrameHeight, mailFrameCsp } from './srcdoc';

describe('buildMailSrcdoc', () => {
  it('starts with a CSP that forbids every remote load while remote content is blocked', () => {
    const doc = buildMailSrcdoc('<p>hi</p>', false);
    const head = doc.slice(0, doc.indexOf('<p>hi</p>'));
    expect(head).toContain(`content="default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'; font-src data:"`);
    expect(head).not.toMatch(/https?:/);
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<body>'));
  });
  it('lets images load over http(s) once allowed, and nothing else', () => {
    expect(mailFrameCsp(true)).toBe("default-src 'none'; img-src data: blob: https: http:; style-src 'unsafe-inline'; font-src data:");
    expect(mailFrameCsp(true)).not.toMatch(/script-src/);
  });
});

describe('estimateFrameHeight', () => {
  it('grows with content and stays within bounds', () => {
    const small = estimateFrameHeight({ textLength: 50, imageCount: 0, blockCount: 1 }, 1000);
    const long = estimateFrameHeight({ textLength: 5000, imageCount: 0, blockCount: 40 }, 1000);
    const huge = estimateFrameHeight({ textLength: 500000, imageCount: 50, blockCount: 4000 }, 1000);
    expect(small).toBe(120);
    expect(long).toBeGreaterThan(small);
    expect(huge).toBe(800);
  });
  it('counts images', () => {
    const none = estimateFrameHeight({ textLength: 200, imageCount: 0, blockCount: 2 }, 2000);
    const two = estimateFrameHeight({ textLength: 200, imageCount: 2, blockCount: 2 }, 2000);
    expect(two - none).toBe(320);
  });
});
