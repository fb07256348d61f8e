import { expect, it } from 'vitest';
import { canonicalPath, hrefKey, resourceHref } from './href';

it('spells every path one way whatever the server\'s percent-encoding', () => {
  expect(hrefKey('/alice/work/a%40b.ics', 'http://h/')).toBe('/alice/work/a%40b.ics');
  expect(hrefKey('/alice/work/a@b.ics', 'http://h/')).toBe('/alice/work/a%40b.ics');
  expect(hrefKey('http://h/alice/My%20Cal/x.ics', 'http://h/')).toBe(hrefKey('/alice/My Cal/x.ics', 'http://h/'));
  expect(resourceHref('http://h/alice/work/', 'uid@host.ics')).toBe('/alice/work/uid%40host.ics');
  expect(resourceHref('http://h/alice/work', 'x.ics')).toBe('/alice/work/x.ics');
  expect(canonicalPath('/a/%E0%A4%A/b')).toBe('/a/%E0%A4%A/b');
});
