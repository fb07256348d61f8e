import { describe, expect, it } from 'vitest';
import { endsChip, formatAddress, isValidAddress, mergeChips, parseAddress, parseAddressList, splitAddressList } from './address-chips';

describe('address chips', () => {
  it('splits a pasted list on commas, semicolons and newlines but not inside quotes or brackets', () => {
    expect(splitAddressList('a@x.org, "Doe, Jane" <jane@x.org>; b@y.com\nc@z.net,,')).toEqual(['a@x.org', '"Doe, Jane" <jane@x.org>', 'b@y.com', 'c@z.net']);
    expect(splitAddressList('Odd <we;ird@x.org>')).toEqual(['Odd <we;ird@x.org>']);
  });

  it('parses names and bare addresses', () => {
    expect(parseAddress('Ann Lee <ann@example.org>')).toEqual({ text: 'Ann Lee <ann@example.org>', address: 'ann@example.org', name: 'Ann Lee', valid: true });
    expect(parseAddress('"Doe, Jane" <jane@x.org>')).toMatchObject({ name: 'Doe, Jane', address: 'jane@x.org', valid: true });
    expect(parseAddress(' mailto:bob@example.com ')).toMatchObject({ text: 'bob@example.com', address: 'bob@example.com', name: '', valid: true });
  });

  it('flags typos as invalid', () => {
    for (const bad of ['ann@', 'ann.example.org', 'ann @example.org', 'ann@example', 'a@b..com', '@x.org', 'ann@x.c']) expect(isValidAddress(bad), bad).toBe(false);
    expect(parseAddressList('ok@x.org, broken@').map((c) => c.valid)).toEqual([true, false]);
  });

  it('never keeps CR/LF in a chip (no header injection through the field)', () => {
    const chip = parseAddress('Eve\r\nBcc: victim@x.org <eve@x.org>');
    expect(chip.text).not.toMatch(/[\r\n]/);
    expect(chip.address).toBe('eve@x.org');
    expect(parseAddress('eve@x.org\r\nBcc: v@x.org').valid).toBe(false);
  });

  it('formats suggestions, quoting names that need it', () => {
    expect(formatAddress('Ann Lee', 'ann@x.org')).toBe('Ann Lee <ann@x.org>');
    expect(formatAddress('Lee, Ann', 'ann@x.org')).toBe('"Lee, Ann" <ann@x.org>');
    expect(formatAddress('', 'ann@x.org')).toBe('ann@x.org');
    expect(formatAddress('ANN@x.org', 'ann@x.org')).toBe('ann@x.org');
    expect(formatAddress('Bad "quote"\n', 'a@x.org')).toBe('Bad quote <a@x.org>');
  });

  it('merges without duplicates, ignoring case', () => {
    const merged = mergeChips(parseAddressList('a@x.org'), parseAddressList('A@X.org, b@x.org, b@x.org'));
    expect(merged.map((c) => c.address)).toEqual(['a@x.org', 'b@x.org']);
  });

  it('knows which keys end a chip', () => {
    expect(['Enter', ',', ';', 'Tab'].every(endsChip)).toBe(true);
    expect(endsChip('a')).toBe(false);
  });
});
