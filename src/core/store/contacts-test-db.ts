import type { Db } from './connection';
import { contactsIndexer } from './contacts-indexer';
import type { DavCollectionRow, DavResourceRow } from './dav-types';
import { seededRandom } from './test-support/fixtures';

/**
 * Test fixtures for the contacts index: address books and vCard resources written straight into
 * the DAV tables of a real encrypted database, indexed the way the DAV store does it (inside a
 * transaction, through contactsIndexer).
 */
export function addAddressBook(db: Db, name = 'Contacts'): DavCollectionRow {
  const accountId = Number(db.prepare("INSERT INTO accounts(kind, name, created_at) VALUES ('dav', 'DAV', 0)").run().lastInsertRowid);
  const url = `/dav/${accountId}/${encodeURIComponent(name)}/`;
  const id = Number(db.prepare("INSERT INTO dav_collections(account_id, kind, url, name) VALUES (?, 'addressbook', ?, ?)").run(accountId, url, name).lastInsertRowid);
  return { id, accountId, kind: 'addressbook', url, name, color: '', readOnly: false, visible: true, components: [] };
}

/** Writes (or rewrites) one vCard resource and indexes it, as the DAV store does. Call inside a transaction for bulk. */
export function putCard(db: Db, book: DavCollectionRow, data: string, href = `${Math.random().toString(36).slice(2)}.vcf`): DavResourceRow {
  const write = (): DavResourceRow => {
    const existing = db.prepare('SELECT id FROM dav_resources WHERE collection_id = ? AND href = ?').pluck().get(book.id, href) as number | undefined;
    const id = existing ?? Number(db.prepare("INSERT INTO dav_resources(collection_id, href, etag, data) VALUES (?, ?, '\"1\"', ?)").run(book.id, href, data).lastInsertRowid);
    if (existing) db.prepare('UPDATE dav_resources SET data = ? WHERE id = ?').run(data, id);
    const row: DavResourceRow = { id, collectionId: book.id, href, etag: '"1"', data, syncState: 'synced' };
    contactsIndexer.resourceChanged(db, row, book);
    return row;
  };
  // Inside a caller's transaction (bulk fixtures) no nested one is needed.
  return db.inTransaction ? write() : db.transaction(write).immediate();
}

export function card(lines: string[], version = '3.0'): string {
  return ['BEGIN:VCARD', `VERSION:${version}`, ...lines, 'END:VCARD', ''].join('\r\n');
}

const GIVEN = ['Anna', 'Bernd', 'Chloé', 'David', 'Emma', 'Felix', 'Greta', 'Hugo', 'Ida', 'Jonas', 'Karin', 'Lukas', 'Mia', 'Noah', 'Olga', 'Paul', 'Quinn', 'Rosa', 'Sven', 'Tara'];
const FAMILY = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hartmann'];
const ORGS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries', 'Wayne Enterprises', 'Cyberdyne'];

/** `n` varied, deterministic vCards (benchmarks and bulk tests). */
export function bulkCards(n: number, seed = 7): string[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  return Array.from({ length: n }, (_, i) => {
    const given = pick(GIVEN);
    const family = pick(FAMILY);
    const org = pick(ORGS);
    return card([
      `UID:bulk-${seed}-${i}`,
      `FN:${given} ${family} ${i}`,
      `N:${family};${given};;;`,
      `EMAIL;TYPE=work:${given.toLowerCase()}.${i}@${org.toLowerCase().replace(/ /g, '')}.test`,
      `TEL;TYPE=cell:+49 170 ${String(1_000_000 + i)}`,
      `ORG:${org}`,
      `NOTE:Met at conference ${i % 50}`,
      ...(i % 10 === 0 ? ['CATEGORIES:VIP'] : []),
    ]);
  });
}
