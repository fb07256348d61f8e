import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PmsyncError } from '../../shared/errors';
import { SearchPages } from './search-pages';
import { StatementCache } from './statements';
import { addr, attachment, parsedMessage } from './test-support/fixtures';
import { connectionOf } from './test-support/raw-profile';
import { openTestStore, type TestStore } from './test-support/test-store';

let t: TestStore;
let ids: Record<string, number>;
const day = (y: number, m: number, d: number, h = 12): number => new Date(y, m - 1, d, h).getTime();

beforeAll(async () => {
  t = await openTestStore();
  const archive = t.store.ensureFolder(t.accountId, 'Archive/2024', 'archive');
  const sent = t.store.ensureFolder(t.accountId, 'Sent', 'sent');
  const inbox = t.store.insertMessages(t.inbox.id, [
    parsedMessage({ messageId: 'budget@x', subject: 'Budget review meeting', bodyText: 'Let us do the budget review on Monday.', from: addr('alice@example.com', 'Alice Adams'), to: [addr('bob@example.com', 'Bob')], date: day(2024, 1, 10) }),
    parsedMessage({ messageId: 'review@x', subject: 'Code review', bodyText: 'The budget is fine, the review is not.', from: addr('carol@corp.example', 'Carol'), date: day(2024, 2, 15) }),
    parsedMessage({ messageId: 'photos@x', subject: 'Holiday photos', bodyText: 'Photos attached.', from: addr('dan@example.com', 'Dan'), attachments: [attachment({ filename: 'beach-sunset.jpg', contentType: 'image/jpeg' })], date: day(2024, 3, 1) }),
    parsedMessage({ messageId: 'accent@x', subject: 'Café résumé', bodyText: 'Naïve coöperation.', from: addr('eve@example.org', 'Eve'), date: day(2024, 3, 5) }),
  ]).ids as number[];
  const [archived] = t.store.insertMessages(archive.id, [
    parsedMessage({ messageId: 'old@x', subject: 'Old budget', bodyText: 'Budgetary planning for 2023.', from: addr('eve@example.org', 'Eve'), date: day(2023, 12, 20) }),
  ]).ids as number[];
  const [sentId] = t.store.insertMessages(sent.id, [
    parsedMessage({ messageId: 'sent@x', subject: 'My reply', bodyText: 'Sure, review it.', from: addr('me@example.com', 'Me'), to: [addr('alice@example.com', 'Alice Adams')], date: day(2024, 2, 1) }),
  ]).ids as number[];
  ids = { budget: inbox[0], review: inbox[1], photos: inbox[2], accent: inbox[3], archived, sent: sentId };
  t.store.setFlagged([ids.review], true);
  t.store.setRead([ids.budget, ids.photos], true);
});
afterAll(() => t.cleanup());

const hits = (q: string): number[] => t.store.search(q, 0, 50).items.map((h) => h.id);

describe('search', () => {
  it('ANDs bare words and returns hits newest first', () => {
    expect(hits('budget')).toEqual([ids.review, ids.budget, ids.archived]);
    expect(hits('budget review')).toEqual([ids.review, ids.budget]);
    expect(t.store.search('budget', 0, 50).total).toBe(3);
  });

  it('matches phrases, prefixes and negations', () => {
    expect(hits('"budget review"')).toEqual([ids.budget]);
    expect(hits('budg*')).toEqual([ids.review, ids.budget, ids.archived]);
    expect(hits('budget -review')).toEqual([ids.archived]);
    expect(hits('-review -budget').sort()).toEqual([ids.photos, ids.accent].sort());
    expect(hits('cafe resume naive')).toEqual([ids.accent]); // diacritics folded
  });

  it('filters by sender, recipient, subject and attachment names', () => {
    expect(hits('from:alice')).toEqual([ids.budget]);
    expect(hits('from:alice@example.com')).toEqual([ids.budget]);
    expect(hits('from:"Alice Adams"')).toEqual([ids.budget]);
    expect(hits('to:alice')).toEqual([ids.sent]);
    expect(hits('subject:review')).toEqual([ids.review, ids.budget]);
    expect(hits('subject:"code review"')).toEqual([ids.review]);
    expect(hits('sunset')).toEqual([ids.photos]);
  });

  it('filters by folder name, path or role, state and date', () => {
    expect(hits('in:inbox budget')).toEqual([ids.review, ids.budget]);
    expect(hits('in:"archive/2024" budget')).toEqual([ids.archived]);
    expect(hits('in:archive')).toEqual([ids.archived]);
    expect(hits('in:SENT')).toEqual([ids.sent]);
    expect(hits('in:nowhere budget')).toEqual([]);
    expect(hits('-in:inbox budget')).toEqual([ids.archived]);
    expect(hits('is:flagged')).toEqual([ids.review]);
    expect(hits('is:unread budget')).toEqual([ids.review, ids.archived]);
    expect(hits('is:read')).toEqual([ids.photos, ids.budget]);
    expect(hits('has:attachment')).toEqual([ids.photos]);
    expect(hits('after:2024-02-01 before:2024-03-01')).toEqual([ids.review, ids.sent]);
    expect(hits('before:2024-01-01')).toEqual([ids.archived]);
  });

  it('marks matches in the snippet and returns hit facts', () => {
    const [hit] = t.store.search('"budget review"', 0, 10).items;
    expect(hit.snippet).toContain('\u0002Budget review\u0003'); // a phrase is marked as one span
    expect(hit).toMatchObject({ id: ids.budget, subject: 'Budget review meeting', from: { name: 'Alice Adams', address: 'alice@example.com' }, unread: false, flagged: false, hasAttachments: false });
    expect(t.store.search('has:attachment', 0, 10).items[0]).toMatchObject({ snippet: 'Photos attached.', hasAttachments: true });
  });

  it('pages with offset and limit', () => {
    expect(t.store.search('budget', 1, 1).items.map((h) => h.id)).toEqual([ids.budget]);
    expect(t.store.search('budget', 5, 10)).toEqual({ total: 3, items: [] });
  });

  it('never lets user text break the FTS5 syntax', () => {
    const hostile = ['"', '""', 'AND(', 'NEAR', 'NEAR(a b)', 'a OR', 'OR', 'NOT', '*', 'budget*"', '(budget', 'sender:alice', '{subject}:x',
      '^budget', 'budget +', 'a:b:c', '-', '--', "'; DROP TABLE messages; --", '\u0000', '\u0002budget\u0003', 'x'.repeat(1000), 'from:"', 'in:"'];
    for (const q of hostile) {
      const r = t.store.search(q, 0, 10);
      expect(Array.isArray(r.items), q).toBe(true);
    }
    expect(hits('AND(')).toEqual([]);
    expect(hits('(budget')).toEqual([ids.review, ids.budget, ids.archived]);
    expect(hits('sender:alice')).toEqual([]); // not an operator: the literal words "sender" and "alice"
    expect(t.store.counts().messages).toBe(6);
  });

  it('reports bad operator values as INVALID_INPUT', () => {
    let err: unknown;
    try { t.store.search('before:someday', 0, 10); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(PmsyncError);
    expect((err as PmsyncError).code).toBe('INVALID_INPUT');
  });

  it('returns nothing for an empty query', () => {
    expect(t.store.search('   ', 0, 10)).toEqual({ total: 0, items: [] });
  });
});

describe('snippet markers', () => {
  it('cannot be forged by message text', () => {
    t.store.insertMessages(t.inbox.id, [parsedMessage({ messageId: 'forge@x', subject: 'Markers', bodyText: 'before \u0002fake\u0003 after quetzal word' })]);
    const [hit] = t.store.search('quetzal', 0, 10).items;
    expect(hit.snippet.split('\u0002')).toHaveLength(2);
    expect(hit.snippet).toContain('\u0002quetzal\u0003');
  });
});

describe('snippets per hit', () => {
  it('gives each hit the excerpt of its own text, also for prefix queries', () => {
    const animals = ['aardvark', 'albatross', 'alligator', 'alpaca', 'anteater'];
    t.store.insertMessages(t.inbox.id, animals.map((a, i) => parsedMessage({ messageId: `zoo${i}@x`, subject: `Zoo ${i}`, bodyText: `zooword about the ${a} here`, date: day(2025, 1, 1 + i) })));
    for (const q of ['zooword', 'zoow*']) {
      const items = t.store.search(q, 0, 10).items;
      expect(items.map((h) => h.subject), q).toEqual(['Zoo 4', 'Zoo 3', 'Zoo 2', 'Zoo 1', 'Zoo 0']);
      items.forEach((h, k) => expect(h.snippet, q).toContain(animals[4 - k]));
      items.forEach((h) => expect(h.snippet, q).toContain('\u0002zooword\u0003'));
    }
  });
});

describe('long prefixes and large hit sets', () => {
  it('finds the same messages for a spelled-out prefix as for the words themselves', () => {
    expect(hits('budge*')).toEqual([ids.review, ids.budget, ids.archived]);
    expect(hits('budgetar*')).toEqual([ids.archived]);
    expect(hits('"budget revi"*')).toEqual([ids.budget]);
    expect(hits('from:alic*')).toEqual(hits('from:alice'));
    expect(hits('qwertyuiop*')).toEqual([]);
  });

  it('pages newest first the same way whether hits are sorted, walked or probed', () => {
    const base = day(2026, 1, 1);
    const batch = Array.from({ length: 2600 }, (_, i) => parsedMessage({
      messageId: `bulk${i}@x`, subject: `Bulk ${i}`, bodyText: `bulkword ${i % 3 === 0 ? 'trio' : 'other'} text`,
      // Dates out of insertion order, so rowid order is not date order.
      date: base + ((i * 7919) % 2600) * 60_000,
    }));
    for (let i = 0; i < batch.length; i += 500) t.store.insertMessages(t.inbox.id, batch.slice(i, i + 500));
    const expected = (pred: (i: number) => boolean) => batch.map((m, i) => ({ m, i })).filter(({ i }) => pred(i))
      .sort((a, b) => b.m.date - a.m.date).map(({ m }) => m.subject);
    // 2600 hits: walk of the date index over a known hit set; 867 hits: sorted.
    for (const [q, pred] of [['bulkword', () => true], ['trio', (i: number) => i % 3 === 0]] as const) {
      const all = expected(pred);
      const first = t.store.search(q, 0, 40);
      expect(first.total, q).toBe(all.length);
      expect(first.items.map((h) => h.subject), q).toEqual(all.slice(0, 40));
      expect(t.store.search(q, 700, 25).items.map((h) => h.subject), q).toEqual(all.slice(700, 725));
      expect(first.items.every((h) => h.snippet.includes('\u0002')), q).toBe(true);
      // Beyond TOTAL_CAP hits the page is found by probing FTS5 row by row: same page.
      const pages = new SearchPages(new StatementCache(connectionOf(t.store)));
      expect(pages.probe(`"${q}"`, 0, 40).map((r) => r.subject), q).toEqual(all.slice(0, 40));
      expect(pages.probe(`"${q}"`, 700, 25).map((r) => r.subject), q).toEqual(all.slice(700, 725));
    }
  });
});
