import { expect, it } from 'vitest';
import { recipient } from './write-to';

it('quotes the name so commas, quotes or line breaks in it cannot split or inject recipients', () => {
  expect(recipient('Müller, Anna', 'anna@x.test')).toBe('"Müller, Anna" <anna@x.test>');
  expect(recipient('Evil"\r\nBcc: x@y', 'a@b.test')).toBe('"EvilBcc: x@y" <a@b.test>');
  expect(recipient('  ', 'a@b.test')).toBe('a@b.test');
});
