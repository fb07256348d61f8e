import { expect, it } from 'vitest';
import { splitLinks } from './linkify';

it('finds http(s) links in plain text and leaves trailing punctuation out', () => {
  expect(splitLinks('See https://example.test/a?b=1. Or (http://x.test/y), thanks')).toEqual([
    { kind: 'text', text: 'See ' },
    { kind: 'link', text: 'https://example.test/a?b=1', href: 'https://example.test/a?b=1' },
    { kind: 'text', text: '. Or (' },
    { kind: 'link', text: 'http://x.test/y', href: 'http://x.test/y' },
    { kind: 'text', text: '), thanks' },
  ]);
});

it('does not turn other schemes into links', () => {
  expect(splitLinks('javascript:alert(1) file:///etc/passwd')).toEqual([{ kind: 'text', text: 'javascript:alert(1) file:///etc/passwd' }]);
});
