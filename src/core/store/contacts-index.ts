import type { Contact, ContactFields, ContactSummary } from '../../shared/api/contacts';
import { PmsyncError } from '../../shared/errors';
import type { Db } from './connection';
import { contactMatchExpression, contactQueryTerms, matchesAllTerms } from './contacts-query';
import { classifyStoreError } from './errors';
import { SqliteProfileStore } from './sqlite-profile-store';
import { jsonIds, StatementCache } from './statements';
import type { ProfileStore } from './types';

export { contactsIndexer, reindexAllContacts } from './contacts-indexer';

export interface ContactSearch {
  query: string;
  addressBookId?: number;
  group?: string;
  offset: number;
  limit: number;
}

interface SummaryRow {
  id: number;
  addressBookId: number;
  fullName: string;
  organization: string;
  hasPhoto: number;
}

interface ContactRow {
  id: number;
  addressBookId: number;
  uid: string;
  version: '3.0' | '4.0';
  syncState: Contact['syncState'];
  fields: string;
}

const SUMMARY = 'c.id, c.address_book_id AS addressBookId, c.full_name AS fullName, c.organization, c.has_photo AS hasPhoto';
// Names weigh most, then emails: typing "ann" should put Anna before a note that mentions Anneliese.
const RANK = 'bm25(contacts_fts, 10.0, 6.0, 3.0, 2.0, 1.0)';

/** Read side of the contacts index: instant search, the detail view, groups, autocomplete. */
export class ContactsIndex {
  private readonly stmts: StatementCache;

  constructor(db: Db) {
    this.stmts = new StatementCache(db);
  }

  search({ query, addressBookId, group, offset, limit }: ContactSearch): { total: number; items: ContactSummary[] } {
    const match = contactMatchExpression(query);
    const where: string[] = [];
    const args: unknown[] = [];
    if (match) {
      where.push('c.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?)');
      args.push(match);
    }
    if (addressBookId !== undefined) {
      where.push('c.address_book_id = ?');
      args.push(addressBookId);
    }
    if (group !== undefined) {
      where.push('c.id IN (SELECT contact_id FROM contact_groups WHERE name = ?)');
      args.push(group);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.stmts.get<number>(`SELECT count(*) FROM contacts c ${filter}`).pluck().get(...args) ?? 0;
    // A–Z among the matches, as address books list people: stable under paging, and the name
    // index stops the scan at `limit` instead of ranking every match of a one-letter query.
    const rows = this.stmts.get<SummaryRow>(`SELECT ${SUMMARY} FROM contacts c ${filter} ORDER BY c.sort_key, c.id LIMIT ? OFFSET ?`).all(...args, limit, offset);
    const emails = this.emailsOf(rows.map((r) => r.id));
    return {
      total,
      items: rows.map((r) => ({ id: r.id, addressBookId: r.addressBookId, fullName: r.fullName, organization: r.organization, hasPhoto: r.hasPhoto === 1, emails: emails.get(r.id) ?? [] })),
    };
  }

  private emailsOf(ids: number[]): Map<number, string[]> {
    const byContact = new Map<number, string[]>();
    if (ids.length === 0) return byContact;
    const rows = this.stmts
      .get<{ contactId: number; address: string }>('SELECT contact_id AS contactId, address FROM contact_emails WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, position')
      .all(jsonIds(ids));
    for (const r of rows) byContact.set(r.contactId, [...(byContact.get(r.contactId) ?? []), r.address]);
    return byContact;
  }

  find(contactId: number): Contact | undefined {
    const row = this.stmts
      .get<ContactRow>('SELECT id, address_book_id AS addressBookId, uid, version, sync_state AS syncState, fields FROM contacts WHERE id = ?')
      .get(contactId);
    if (!row) return undefined;
    const fields = JSON.parse(row.fields) as ContactFields;
    return { ...fields, id: row.id, addressBookId: row.addressBookId, uid: row.uid, version: row.version, syncState: row.syncState };
  }

  get(contactId: number): Contact {
    const contact = this.find(contactId);
    if (!contact) throw new PmsyncError('NOT_FOUND', `Contact ${contactId} does not exist (it may have been deleted on another device).`, 'Refresh the contact list.');
    return contact;
  }

  listGroups(): Array<{ name: string; count: number }> {
    return this.stmts.get<{ name: string; count: number }>('SELECT name, count(*) AS count FROM contact_groups GROUP BY name ORDER BY name COLLATE NOCASE').all();
  }

  /** vCard versions in an address book, most used first (new cards follow the book's habit). */
  versionsIn(addressBookId: number): Array<'3.0' | '4.0'> {
    return this.stmts.get<'3.0' | '4.0'>('SELECT version FROM contacts WHERE address_book_id = ? GROUP BY version ORDER BY count(*) DESC').pluck().all(addressBookId);
  }

  /**
   * Autocomplete: the addresses of the contacts whose name or email matches, best first. When
   * only an address matched (not the name), only the addresses that match are offered; an
   * address starting with the typed text comes before its siblings.
   */
  suggest(query: string, limit: number): Array<{ name: string; address: string }> {
    const match = contactMatchExpression(query, ['names', 'emails']);
    if (!match) return [];
    const terms = contactQueryTerms(query);
    // The typed text as an address prefix ("anna@h" prefers anna@home over anna.mueller@…).
    const typed = query.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    const rows = this.stmts
      .get<{ name: string; address: string }>(`SELECT c.full_name AS name, e.address FROM
          (SELECT rowid AS id, ${RANK} AS score FROM contacts_fts WHERE contacts_fts MATCH ? ORDER BY score LIMIT ?) m
          JOIN contacts c ON c.id = m.id JOIN contact_emails e ON e.contact_id = c.id
          ORDER BY m.score, (lower(e.address) LIKE ? || '%' ESCAPE '\\') DESC, e.position`)
      .all(match, limit * 2, typed);
    return rows.filter((r) => matchesAllTerms(r.name, terms) || matchesAllTerms(r.address, terms)).slice(0, limit);
  }
}

const byStore = new WeakMap<ProfileStore, ContactsIndex>();

/** The contacts index on the profile's own connection; undefined for a store without SQLCipher (tests). */
export function contactsIndexFor(store: ProfileStore): ContactsIndex | undefined {
  if (!(store instanceof SqliteProfileStore)) return undefined;
  let index = byStore.get(store);
  if (!index) {
    index = guarded(new ContactsIndex(store.connection), store.profileDir);
    byStore.set(store, index);
  }
  return index;
}

/** Storage failures (disk full, damaged file) come out as errors a user can act on. */
function guarded(index: ContactsIndex, profileDir: string): ContactsIndex {
  return new Proxy(index, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (err) {
          throw classifyStoreError(err, profileDir, 'use');
        }
      };
    },
  });
}
