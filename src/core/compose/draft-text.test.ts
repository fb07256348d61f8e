import { describe, expect, it } from 'vitest';
import { draftHtmlToText } from './draft-text';

describe('draftHtmlToText', () => {
  it('keeps paragraphs, link targets and list items', () => {
    const text = draftHtmlToText(
      '<p>Hello <b>Ann</b>,</p><p>see <a href="https://example.org/x">the plan</a> and <a href="https://example.org/">https://example.org/</a>.</p><ul><li>one</li><li>two</li></ul>',
    );
    expect(text).toBe('Hello Ann,\n\nsee the plan <https://example.org/x> and https://example.org/.\n\n- one\n- two');
  });

  it('writes blockquotes as "> " lines, nested ones as ">> "', () => {
    const text = draftHtmlToText('<p>Yes.</p><p>On Mon, Bob wrote:</p><blockquote><p>Lunch?</p><blockquote><p>Hungry</p></blockquote></blockquote><p>Bye</p>');
    expect(text).toBe('Yes.\n\nOn Mon, Bob wrote:\n\n> Lunch?\n>\n>> Hungry\n\nBye');
  });

  it('drops javascript: link targets and decodes entities', () => {
    expect(draftHtmlToText('<a href="javascript:alert(1)">click</a> &amp; more')).toBe('click & more');
  });
});

describe('draftHtmlToText on hostile input', () => {
  // Quoted originals are sanitized HTML (tags well-formed) but may still be built to hurt.
  it('stays fast on a megabyte of unclosed links, list items and deep nesting, and caps the quote depth', () => {
    const inputs = [
      '<a href="x">y '.repeat(80_000),
      '<li>x'.repeat(100_000),
      '<blockquote>'.repeat(20_000) + 'x' + '</blockquote>'.repeat(20_000),
      '<blockquote><p>x</p>'.repeat(20_000),
    ];
    for (const html of inputs) {
      const started = performance.now();
      const text = draftHtmlToText(html);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(text.length).toBeLessThan(html.length * 2);
    }
    expect(draftHtmlToText('<blockquote>'.repeat(30) + 'deep')).toBe('>>>>>>>> deep');
  });
});
