import { describe, expect, it } from 'vitest';
import { PmsyncError } from '../../shared/errors';
import { formatAddressList, isValidEmailAddress, parseAddressList, sanitizeDisplayName, uniqueAddresses, validateAddresses } from './addresses';

function refusal(fn: () => unknown): PmsyncError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PmsyncError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('parseAddressList', () => {
  it('reads names, bare addresses, quoted commas, groups, semicolons and comments', () => {
    expect(parseAddressList('"Doe, Jane" <jane@example.org>, bob@example.test')).toEqual([
      { name: 'Doe, Jane', address: 'jane@example.org' },
      { name: '', address: 'bob@example.test' },
    ]);
    expect(parseAddressList('Team: a@x.org, "Q \\"Cue\\"" <q@y.org>;, z@z.io')).toEqual([
      { name: '', address: 'a@x.org' },
      { name: 'Q "Cue"', address: 'q@y.org' },
      { name: '', address: 'z@z.io' },
    ]);
    expect(parseAddressList('a@x.org; b@y.org (Bob)')).toEqual([
      { name: '', address: 'a@x.org' },
      { name: '', address: 'b@y.org' },
    ]);
    expect(parseAddressList('Ann Lee <ann@x.org>')).toEqual([{ name: 'Ann Lee', address: 'ann@x.org' }]);
  });

  it('accepts an IDN domain but not a non-ASCII local part', () => {
    expect(parseAddressList('Jörg <joerg@bücher.de>')).toEqual([{ name: 'Jörg', address: 'joerg@bücher.de' }]);
    expect(refusal(() => parseAddressList('jörg@example.de')).code).toBe('INVALID_INPUT');
  });

  it('returns nothing for an empty list or an empty group, and drops duplicates', () => {
    expect(parseAddressList('  ')).toEqual([]);
    expect(parseAddressList('undisclosed-recipients:;')).toEqual([]);
    expect(parseAddressList('a@x.org, A <A@X.ORG>')).toEqual([{ name: '', address: 'a@x.org' }]);
  });

  it.each([
    'foo bar',
    'a@@x.org',
    'a@x.org b@y.org',
    'Name <a@x.org> junk',
    'bob@gmail',
    'bob@x.123',
    '"unterminated <a@x.org>',
    'Bob <bob@x.org',
    '<>',
    'a..b@x.org',
    '.a@x.org',
    'a@-x.org',
    `${'a'.repeat(65)}@x.org`,
  ])('refuses %j with an INVALID_INPUT that says what and what to do', (input) => {
    const err = refusal(() => parseAddressList(input, 'To'));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toMatch(/is not a valid email address/);
    expect(err.message).toContain('(in To)');
    expect(err.hint).toBeTruthy();
  });

  it('refuses a line break that tries to start a header, instead of splitting it out', () => {
    const err = refusal(() => parseAddressList('x@y.org\r\nBcc: evil@x.org'));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).not.toMatch(/[\r\n]/);
    expect(refusal(() => parseAddressList('Alice\r\nBcc: evil@x.org <a@x.org>')).code).toBe('INVALID_INPUT');
  });

  it('turns CR/LF and controls inside a quoted name into spaces', () => {
    const [a] = parseAddressList('"Hi\r\nBcc: evil@x.org\u0000\u202e" <a@x.org>');
    expect(a).toEqual({ name: 'Hi Bcc: evil@x.org', address: 'a@x.org' });
  });
});

describe('validateAddresses', () => {
  it('returns header-safe copies and strips angle brackets', () => {
    expect(validateAddresses([{ name: ' Ann\r\n\tLee ', address: ' <ann@x.org> ' }])).toEqual([{ name: 'Ann Lee', address: 'ann@x.org' }]);
    expect(validateAddresses([{ name: 'ann@x.org', address: 'ann@x.org' }])).toEqual([{ name: '', address: 'ann@x.org' }]);
  });

  it('refuses an address carrying a line break or a second address', () => {
    expect(refusal(() => validateAddresses([{ name: '', address: 'a@x.org\r\nBcc: e@y.org' }], 'Cc')).message).toContain('(in Cc)');
    expect(refusal(() => validateAddresses([{ name: '', address: 'a@x.org, b@y.org' }])).code).toBe('INVALID_INPUT');
  });
});

describe('helpers', () => {
  it('isValidEmailAddress', () => {
    expect(isValidEmailAddress('first.last+tag@mail.example.co.uk')).toBe(true);
    expect(isValidEmailAddress("o'brien@example.ie")).toBe(true);
    expect(isValidEmailAddress('a b@x.org')).toBe(false);
    expect(isValidEmailAddress('a@x.org\n')).toBe(false);
  });

  it('sanitizeDisplayName removes controls and bidi overrides and bounds the length', () => {
    expect(sanitizeDisplayName('A\u0007B\u202eC\u2028D')).toBe('A B C D');
    expect(Array.from(sanitizeDisplayName('é'.repeat(500)))).toHaveLength(200);
  });

  it('uniqueAddresses drops repeats and excluded addresses case-insensitively', () => {
    const list = [{ name: 'A', address: 'a@x.org' }, { name: 'a', address: 'A@x.org' }, { name: 'Me', address: 'ME@x.org' }];
    expect(uniqueAddresses(list, ['me@x.org'])).toEqual([{ name: 'A', address: 'a@x.org' }]);
  });

  it('formatAddressList quotes names that need it and parses back to the same list', () => {
    const list = [{ name: 'Doe, "J"', address: 'j@x.org' }, { name: '', address: 'b@y.org' }, { name: 'Ann Lee', address: 'ann@x.org' }];
    const line = formatAddressList(list);
    expect(line).toBe('"Doe, \\"J\\"" <j@x.org>, b@y.org, Ann Lee <ann@x.org>');
    expect(parseAddressList(line)).toEqual(list);
  });
});
