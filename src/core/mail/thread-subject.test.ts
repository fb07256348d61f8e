import { describe, expect, it } from 'vitest';
import { extractMessageId, extractMessageIds } from './message-ids';
import { normalizeThreadSubject } from './thread-subject';

describe('normalizeThreadSubject', () => {
  it('removes reply/forward prefixes in many languages, repeatedly, and list tags', () => {
    const cases: Array<[string, string]> = [
      ['Re: Hello', 'hello'],
      ['RE: re: Fwd: FW: Fw: hello', 'hello'],
      ['AW: WG: SV: VS: Antw: Réf: Hello', 'hello'],
      ['[dev-list] Re: [dev-list] Patch  v2', 'patch v2'],
      ['Re[2]: Re(3): topic', 'topic'],
      ['  Meeting\t\tnotes  ', 'meeting notes'],
      ['Regarding the plan', 'regarding the plan'],
      ['', ''],
    ];
    for (const [input, want] of cases) expect(normalizeThreadSubject(input)).toBe(want);
  });
});

describe('message ids', () => {
  it('strips brackets and comments and tolerates garbage', () => {
    expect(extractMessageIds('<a@b> (comment <x@y>) <c@d>')).toEqual(['a@b', 'c@d']);
    expect(extractMessageIds('a@b c@d')).toEqual(['a@b', 'c@d']);
    expect(extractMessageIds('<a@b> <a@b>')).toEqual(['a@b']);
    expect(extractMessageIds('total garbage')).toEqual([]);
    expect(extractMessageIds(null)).toEqual([]);
    expect(extractMessageId('<id@host>')).toBe('id@host');
    expect(extractMessageId('no-brackets-id')).toBe('no-brackets-id');
    expect(extractMessageId('  ')).toBeNull();
  });
});
