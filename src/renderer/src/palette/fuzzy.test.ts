import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from './fuzzy';

describe('fuzzy matching', () => {
  it('matches subsequences and rejects the rest', () => {
    expect(fuzzyScore('gtinb', 'Go to folder: Inbox')).not.toBeNull();
    expect(fuzzyScore('xyz', 'Go to folder: Inbox')).toBeNull();
    expect(fuzzyScore('', 'anything')).toBe(0);
  });
  it('ranks word starts and contiguous runs first', () => {
    const commands = ['Toggle theme', 'Go to folder: Sent', 'Settings', 'Search mail'];
    expect(fuzzyFilter(commands, 'set', (c) => c)[0]).toBe('Settings');
    expect(fuzzyFilter(commands, 'sent', (c) => c)[0]).toBe('Go to folder: Sent');
    expect(fuzzyFilter(commands, 'theme', (c) => c)).toEqual(['Toggle theme']);
  });
  it('keeps the original order when nothing is typed', () => {
    expect(fuzzyFilter(['b', 'a', 'c'], '', (c) => c)).toEqual(['b', 'a', 'c']);
  });
});
