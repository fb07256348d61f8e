import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { addAddressBook, bulkCards, card, putCard } from './contacts-test-db';
import { ContactsIndex, contactsIndexer, reindexAllContacts } from './contacts-index';
import { databaseAt } from './test-support/migration-db';

let cleanup = (): void => undefined;
afterEach(() => cleanup());

function freshDb() {
  const t = databaseAt(160);
  cleanup = t.cleanup;
  return { db: t.db, index: new ContactsIndex(t.db) };
}

const ANNA = card(['UID:anna', 'FN:Anna Müller', 'N:Müller;Anna;;;', 'EMAIL;TYPE=work:anna.mueller@acme.test', 'EMAIL:anna@home.test', 'TEL;TYPE=cell:+49 170 1234567',
  'ORG:Acme Corp', 'TITLE:Engineer', 'NOTE:Loves climbing', 'CATEGORIES:Work,Climbing', 'ADR:;;Hauptstr. 1;Berlin;;10115;Germany', 'X-KEEP:yes']);
const BOB = card(['UID:bob', 'FN:Bob Annan', 'EMAIL:bob@globex.test', 'ORG:Globex', 'CATEGORIES:Work'], '4.0');
const ZED = card(['UID:zed', 'FN:Émile Zola', 'EMAIL:emile@zola.test']);

describe('contacts index on a real encrypted database', () => {
  it('indexes vCards and finds them by name, email, phone, organization and note prefixes', () => {
    const { db, index } = freshDb();
    const book = addAddressBook(db);
    const anna = putCard(db, book, ANNA);
    const bob = putCard(db, book, BOB);
    putCard(db, book, ZED);
    const names = (query: string, extra: { group?: string; addressBookId?: number } = {}) => index.search({ query, offset: 0, limit: 50, ...extra }).items.map((i) => i.fullName);
    expect(names('')).toEqual(['Anna Müller', 'Bob Annan', 'Émile Zola']);
    expect(names('ann')).toEqual(['Anna Müller', 'Bob Annan']);
    expect(names('mull')).toEqual(['Anna Müller']); // diacritics folded
    expect(names('anna.mu')).toEqual(['Anna Müller']);
    expect(names('4917012')).toEqual(['Anna Müller']);
    expect(names('0170 123')).toEqual(['Anna Müller']);
    expect(names('globex')).toEqual(['Bob Annan']);
    expect(names('engin')).toEqual(['Anna Müller']);
    expect(names('climb')).toEqual(['Anna Müller']);
    expect(names('berlin')).toEqual(['Anna Müller']);
    expect(names('emile')).toEqual(['Émile Zola']);
    expect(names('nobody')).toEqual([]);
    expect(names('"*) OR NEAR(')).toEqual([]); // FTS syntax in the query is inert
    expect(names('', { group: 'Work' })).toEqual(['Anna Müller', 'Bob Annan']);
    expect(names('bob', { group: 'Climbing' })).toEqual([]);
    const hit = index.search({ query: 'anna', offset: 0, limit: 1 });
    expect(hit.total).toBe(2);
    expect(hit.items).toEqual([{ id: anna.id, addressBookId: book.id, fullName: 'Anna Müller', emails: ['anna.mueller@acme.test', 'anna@home.test'], organization: 'Acme Corp', hasPhoto: false }]);
    expect(index.listGroups()).toEqual([{ name: 'Climbing', count: 1 }, { name: 'Work', count: 2 }]);
    expect(index.get(bob.id)).toMatchObject({ id: bob.id, uid: 'bob', version: '4.0', syncState: 'synced', fullName: 'Bob Annan', groups: ['Work'] });
    expect(index.versionsIn(book.id).sort()).toEqual(['3.0', '4.0']);
  });

  it('follows changes and removals, including cascades from a deleted address book', () => {
    const { db, index } = freshDb();
    const book = addAddressBook(db);
    const anna = putCard(db, book, ANNA, 'anna.vcf');
    putCard(db, book, ANNA.replace('FN:Anna Müller', 'FN:Anna Schmidt').replace('CATEGORIES:Work,Climbing', 'CATEGORIES:Family'), 'anna.vcf');
    expect(index.search({ query: 'müller', offset: 0, limit: 10 }).total).toBe(1); // N still says Müller
    expect(index.search({ query: 'schmidt', offset: 0, limit: 10 }).items.map((i) => i.id)).toEqual([anna.id]);
    expect(index.listGroups()).toEqual([{ name: 'Family', count: 1 }]);
    db.transaction(() => contactsIndexer.resourceRemoved(db, anna.id, book))();
    expect(index.search({ query: '', offset: 0, limit: 10 }).total).toBe(0);
    expect(db.prepare('SELECT count(*) FROM contacts_fts').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM contact_emails').pluck().get()).toBe(0);

    putCard(db, book, BOB);
    db.prepare('DELETE FROM dav_collections WHERE id = ?').run(book.id);
    expect(db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM contacts_fts').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM contact_groups').pluck().get()).toBe(0);
    expect(index.find(anna.id)).toBeUndefined();
    expect(() => index.get(anna.id)).toThrow(/does not exist/);
  });

  it('never throws on hostile cards: unreadable ones still get a row the user can delete', () => {
    const { db, index } = freshDb();
    const book = addAddressBook(db);
    const garbage = putCard(db, book, 'not a vcard at all \u0000');
    const huge = putCard(db, book, `BEGIN:VCARD\r\n${'EMAIL:x@y.test\r\n'.repeat(8000)}END:VCARD`);
    expect(index.get(garbage.id).fullName).toBe('Unreadable contact');
    expect(index.get(huge.id).emails).toHaveLength(50);
    expect(index.search({ query: '', offset: 0, limit: 10 }).total).toBe(2);
  });

  it('suggests addresses for autocomplete by name or email prefix, best match first', () => {
    const { db, index } = freshDb();
    const book = addAddressBook(db);
    putCard(db, book, ANNA);
    putCard(db, book, BOB);
    expect(index.suggest('anna', 5)).toEqual([
      { name: 'Anna Müller', address: 'anna.mueller@acme.test' }, { name: 'Anna Müller', address: 'anna@home.test' }, { name: 'Bob Annan', address: 'bob@globex.test' },
    ]);
    expect(index.suggest('anna@h', 1)).toEqual([{ name: 'Anna Müller', address: 'anna@home.test' }]);
    expect(index.suggest('glob', 5)).toEqual([{ name: 'Bob Annan', address: 'bob@globex.test' }]);
    expect(index.suggest('Acme', 5)).toEqual([{ name: 'Anna Müller', address: 'anna.mueller@acme.test' }]);
    expect(index.suggest('engineer', 5)).toEqual([]); // titles are not addresses
    expect(index.suggest('  ', 5)).toEqual([]);
  });

  it('rebuilds from dav_resources (repair) with the same result', () => {
    const { db, index } = freshDb();
    const book = addAddressBook(db);
    for (const c of bulkCards(50)) putCard(db, book, c);
    const before = index.search({ query: 'a', offset: 0, limit: 500 });
    db.exec('DELETE FROM contacts');
    expect(db.transaction(() => reindexAllContacts(db)).immediate()).toBe(50);
    expect(index.search({ query: 'a', offset: 0, limit: 500 })).toEqual(before);
  });

  it('searches 10k contacts instantly (p95 reported)', () => {
    const { db, index } = freshDb();
    const book = addAddressBook(db);
    const cards = bulkCards(10_000);
    const t0 = performance.now();
    db.transaction(() => cards.forEach((c, i) => putCard(db, book, c, `c${i}.vcf`)))();
    const indexMs = performance.now() - t0;
    const queries = ['a', 'an', 'ann', 'anna', 'mü', 'müll', 'schmidt', 'acme', 'hooli', 'felix w', 'greta k', '4917', '0170 100', 'conference 4', 'x', 'zzz', 'emma.12', 'vip'];
    const timings: number[] = [];
    const perQuery: string[] = [];
    for (let round = 0; round < 5; round++) {
      for (const q of queries) {
        const t = performance.now();
        index.search({ query: q, offset: 0, limit: 100 });
        timings.push(performance.now() - t);
        if (round === 4) perQuery.push(`${q}=${(performance.now() - t).toFixed(1)}`);
      }
    }
    const suggestTimings: number[] = [];
    for (const q of queries) {
      const t = performance.now();
      index.suggest(q, 8);
      suggestTimings.push(performance.now() - t);
    }
    const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
    console.log(`[contacts bench] load ${os.loadavg()[0].toFixed(1)}; index 10k: ${indexMs.toFixed(0)} ms; search p95 ${p95(timings).toFixed(2)} ms, max ${Math.max(...timings).toFixed(2)} ms; suggest p95 ${p95(suggestTimings).toFixed(2)} ms; ${perQuery.join(' ')}`);
    expect(index.search({ query: '', offset: 0, limit: 1 }).total).toBe(10_000);
    expect(index.search({ query: 'vip', offset: 0, limit: 1 }).total).toBe(1000);
    // "Instant" = under a 60 Hz frame (16 ms) on an idle machine; the bound leaves room for a
    // shared, overloaded CI box (load average is printed with the figures).
    expect(p95(timings)).toBeLessThan(100);
  });
});
