import type { ContactFields } from '../../shared/api/contacts';
import { parseVCard } from '../contacts/vcard';
import type { Db } from './connection';
import type { DavCollectionRow, DavIndexer, DavResourceRow, DavSyncState } from './dav-types';
import { StatementCache } from './statements';

const caches = new WeakMap<Db, StatementCache>();
function stmtsFor(db: Db): StatementCache {
  let s = caches.get(db);
  if (!s) {
    s = new StatementCache(db);
    caches.set(db, s);
  }
  return s;
}

/** Case- and accent-insensitive A–Z key ("Émile" sorts with "Emile"); nameless contacts last. */
export function sortKeyOf(fullName: string): string {
  const key = fullName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
  return key === '' ? '\uffff' : key;
}

/** What instant search matches: every way a user might start typing a person. */
function ftsColumns(f: ContactFields): [string, string, string, string, string] {
  const phones = f.phones.flatMap((p) => {
    const digits = p.value.replace(/\D/g, '');
    // "+49 170 123" is found by "4917…", "0170…" (national form) and "170…".
    return [p.value, digits, digits.length > 2 ? `0${digits.slice(2)}` : ''];
  });
  return [
    [f.fullName, f.givenName, f.familyName].join(' '),
    f.emails.map((e) => e.value).join(' '),
    phones.join(' '),
    [f.organization, f.title, ...f.groups].join(' '),
    [f.note, ...f.addresses.flatMap((a) => [a.street, a.locality, a.region, a.postalCode, a.country])].join(' '),
  ];
}

function writeContact(db: Db, resourceId: number, collectionId: number, data: string, syncState: DavSyncState): void {
  const s = stmtsFor(db);
  const card = parseVCard(data);
  const f = card.fields;
  // A card PMSync cannot name still gets a row, so the user can see and delete it.
  const fields: ContactFields = f.fullName === '' ? { ...f, fullName: card.lossy ? 'Unreadable contact' : 'Unnamed contact' } : f;
  s.get('DELETE FROM contacts WHERE id = ?').run(resourceId);
  s.get(`INSERT INTO contacts(id, address_book_id, uid, version, sync_state, full_name, sort_key, organization, has_photo, fields)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    resourceId, collectionId, card.uid, card.version, syncState, fields.fullName, sortKeyOf(f.fullName), fields.organization, fields.photo ? 1 : 0, JSON.stringify(fields),
  );
  fields.emails.forEach((e, i) => s.get('INSERT INTO contact_emails(contact_id, position, address) VALUES (?, ?, ?)').run(resourceId, i, e.value));
  for (const g of new Set(fields.groups)) s.get('INSERT INTO contact_groups(contact_id, name) VALUES (?, ?)').run(resourceId, g);
  s.get('INSERT INTO contacts_fts(rowid, names, emails, phones, organization, notes) VALUES (?, ?, ?, ?, ?, ?)').run(resourceId, ...ftsColumns(fields));
}

/**
 * Keeps the contacts tables in step with vCard resources, inside the DAV store's transaction.
 * Hostile cards cannot make it throw: parseVCard never throws and every value it returns fits
 * the columns. What can still throw is the database itself (disk full, damage); the DAV side's
 * DavIndexerRunner gives each call its own savepoint and reports that failure, so no second
 * savepoint here (measured: a savepoint per card costs nothing noticeable, 2,000 cards in
 * ~0.3-0.7 s either way, same FTS segment count).
 */
export const contactsIndexer: DavIndexer = {
  kind: 'addressbook',
  resourceChanged(db: Db, resource: DavResourceRow, collection: DavCollectionRow): void {
    if (collection.kind !== 'addressbook') return;
    writeContact(db, resource.id, collection.id, resource.data, resource.syncState);
  },
  resourceRemoved(db: Db, resourceId: number): void {
    stmtsFor(db).get('DELETE FROM contacts WHERE id = ?').run(resourceId);
  },
};

/** Rebuilds the whole index from dav_resources (migration 0160; repair). */
export function reindexAllContacts(db: Db): number {
  db.exec('DELETE FROM contacts; DELETE FROM contacts_fts;');
  // Pages by id: better-sqlite3 cannot write while a read statement is still iterating.
  const page = db.prepare(`SELECT r.id, r.collection_id AS collectionId, r.data, r.sync_state AS syncState FROM dav_resources r
    JOIN dav_collections c ON c.id = r.collection_id WHERE c.kind = 'addressbook' AND r.deleted = 0 AND r.id > ? ORDER BY r.id LIMIT 200`);
  let n = 0;
  let after = 0;
  for (;;) {
    const rows = page.all(after) as Array<{ id: number; collectionId: number; data: string; syncState: DavSyncState }>;
    if (rows.length === 0) break;
    for (const r of rows) writeContact(db, r.id, r.collectionId, r.data, r.syncState);
    n += rows.length;
    after = rows[rows.length - 1].id;
  }
  return n;
}
