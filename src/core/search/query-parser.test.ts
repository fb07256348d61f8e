import { describe, expect, it } from 'vitest';
import { PmsyncError } from '../../shared/errors';
import { buildFtsPlan, quoteFts } from './fts-expression';
import { isEmptyQuery, parseSearchQuery } from './query-parser';

const term = (text: string, over: object = {}) => ({ field: 'any', text, phrase: false, prefix: false, negated: false, ...over });

describe('parseSearchQuery', () => {
  it('reads bare words, phrases, prefixes and negations', () => {
    expect(parseSearchQuery('budget "review meeting" plan* -draft').terms).toEqual([
      term('budget'), term('review meeting', { phrase: true }), term('plan', { prefix: true }), term('draft', { negated: true }),
    ]);
  });

  it('reads field operators with plain and quoted values', () => {
    expect(parseSearchQuery('from:alice@example.com to:Bob subject:"a b" -from:spam').terms).toEqual([
      term('alice@example.com', { field: 'from' }), term('Bob', { field: 'to' }), term('a b', { field: 'subject', phrase: true }),
      term('spam', { field: 'from', negated: true }),
    ]);
  });

  it('reads folder, state and date operators', () => {
    const q = parseSearchQuery('in:Inbox in:"Archive/2024" -in:trash is:unread is:flagged has:attachment after:2024-01-31 before:2024/03/01');
    expect(q).toMatchObject({ inFolders: ['inbox', 'archive/2024'], notInFolders: ['trash'], unread: true, flagged: true, hasAttachment: true });
    expect(q.after).toBe(new Date(2024, 0, 31).getTime());
    expect(q.before).toBe(new Date(2024, 2, 1).getTime());
    expect(parseSearchQuery('is:read').unread).toBe(false);
    expect(parseSearchQuery('-is:unread').unread).toBe(false);
  });

  it('treats unknown prefixes with a colon as text', () => {
    expect(parseSearchQuery('http://x.org re:thing').terms.map((t) => t.text)).toEqual(['http://x.org', 're:thing']);
  });

  it('gives a clear INVALID_INPUT for a bad operator value', () => {
    for (const q of ['before:yesterday', 'after:2024-02-30', 'is:important', 'has:pictures', '-before:2024-01-01']) {
      let err: unknown;
      try { parseSearchQuery(q); } catch (e) { err = e; }
      expect(err, q).toBeInstanceOf(PmsyncError);
      expect((err as PmsyncError).code).toBe('INVALID_INPUT');
      expect((err as PmsyncError).hint).toBeTruthy();
    }
  });

  it('drops text that has nothing searchable and survives hostile input', () => {
    for (const q of ['"', '""', '*', '-', '- -', '(', ')', '^', ':', 'from:', '"unterminated', '***', '\u0000']) {
      const parsed = parseSearchQuery(q);
      expect(parsed.terms.every((t) => /[\p{L}\p{N}]/u.test(t.text)), q).toBe(true);
    }
    expect(isEmptyQuery(parseSearchQuery('" * ( )'))).toBe(true);
    expect(parseSearchQuery('"unterminated phrase').terms).toEqual([term('unterminated phrase', { phrase: true })]);
  });
});

describe('buildFtsPlan', () => {
  it('quotes every term so user text is never FTS5 syntax', () => {
    expect(quoteFts('say "hi"')).toBe('"say ""hi"""');
    const plan = buildFtsPlan(parseSearchQuery('AND( NEAR "x" OR from:a* subject:"q r" -no').terms);
    expect(plan.match).toBe('("AND(" AND "NEAR" AND "x" AND "OR" AND sender : "a" * AND subject : "q r") NOT "no"');
    expect(plan.exclude).toBeNull();
  });

  it('puts negation-only queries in an exclude expression', () => {
    expect(buildFtsPlan(parseSearchQuery('-a -to:b').terms)).toEqual({ match: null, exclude: '"a" OR recipients : "b"', slowPrefix: false });
    expect(buildFtsPlan([])).toEqual({ match: null, exclude: null, slowPrefix: false });
  });
});

describe('buildFtsPlan with prefix expansion', () => {
  const known: Record<string, string[]> = { budg: ['budget', 'budgetary'], pelic: ['pelican'], zzzz: [] };
  const lookup = (prefix: string): string[] | null => known[prefix] ?? null;
  const plan = (q: string) => buildFtsPlan(parseSearchQuery(q).terms, lookup);

  it('spells out prefixes of 4+ plain letters as the indexed terms, keeping phrase heads and fields', () => {
    expect(plan('budg*')).toEqual({ match: '("budget" OR "budgetary")', exclude: null, slowPrefix: false });
    expect(plan('"quarterly Budg"*').match).toBe('("quarterly budget" OR "quarterly budgetary")');
    expect(plan('subject:pelic* -budg*').match).toBe('(subject : "pelican") NOT ("budget" OR "budgetary")');
  });

  it('keeps a prefix as FTS5 syntax when it is short, unknown to the lookup or not plain ASCII', () => {
    expect(plan('bu*')).toEqual({ match: '"bu" *', exclude: null, slowPrefix: false }); // a prefix index answers it
    expect(plan('b*').slowPrefix).toBe(true);
    expect(plan('many*')).toEqual({ match: '"many" *', exclude: null, slowPrefix: true }); // lookup gave up (too many terms)
    expect(plan('café*').match).toBe('"café" *');
  });

  it('matches nothing, not everything, when no indexed term has the prefix', () => {
    expect(plan('zzzz*').match).toBe('"zzzz"');
  });
});
