import { describe, expect, it } from 'vitest';
import { splitSnippet } from './snippet-marks';

describe('splitSnippet', () => {
  it('splits marked terms from plain text', () => {
    expect(splitSnippet('the \u0002quarterly\u0003 report for \u0002Q3\u0003.')).toEqual([
      { text: 'the ', marked: false },
      { text: 'quarterly', marked: true },
      { text: ' report for ', marked: false },
      { text: 'Q3', marked: true },
      { text: '.', marked: false },
    ]);
  });
  it('keeps markup-looking text as plain text (it is rendered as text, never HTML)', () => {
    expect(splitSnippet('<img src=x onerror=alert(1)> \u0002hit\u0003')).toEqual([
      { text: '<img src=x onerror=alert(1)> ', marked: false },
      { text: 'hit', marked: true },
    ]);
  });
  it('tolerates unbalanced and doubled markers', () => {
    expect(splitSnippet('\u0002open ended')).toEqual([{ text: 'open ended', marked: true }]);
    expect(splitSnippet('close\u0003 only')).toEqual([{ text: 'close only', marked: false }]);
    expect(splitSnippet('\u0002a\u0003\u0002b\u0003')).toEqual([{ text: 'ab', marked: true }]);
  });
  it('returns nothing for an empty snippet', () => {
    expect(splitSnippet('')).toEqual([]);
  });
});
