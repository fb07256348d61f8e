import type { Migration } from '../migrate';
import { reindexAllContacts } from '../contacts-indexer';

/**
 * The contacts index (issue 5), derived from the vCards in dav_resources by the contacts
 * DavIndexer (store/contacts-indexer.ts). A contact's id IS its resource id, so the API's
 * contactId goes straight to DavWriter.update/remove.
 *
 * - contacts: the fields PMSync shows (JSON, photo included: read for the detail view only)
 *   plus the columns lists sort and filter on.
 * - contacts_fts: names, emails, phones, organization (+ title, groups), notes (+ addresses);
 *   prefix='1 2 3' makes the first keystrokes of instant search index lookups.
 * - contact_emails: one row per address, for the composer's autocomplete.
 * - contact_groups: vCard CATEGORIES.
 * Deleting a resource (or its collection or account) cascades here; the trigger keeps the FTS
 * table, which has no foreign keys, in step.
 */
export const contactsIndex: Migration = {
  version: 160,
  name: 'contacts',
  up(db) {
    db.exec(`
      CREATE TABLE contacts (
        id INTEGER PRIMARY KEY REFERENCES dav_resources(id) ON DELETE CASCADE,
        address_book_id INTEGER NOT NULL REFERENCES dav_collections(id) ON DELETE CASCADE,
        uid TEXT NOT NULL,
        version TEXT NOT NULL CHECK (version IN ('3.0', '4.0')),
        sync_state TEXT NOT NULL CHECK (sync_state IN ('synced', 'pending', 'conflict')),
        full_name TEXT NOT NULL,
        sort_key TEXT NOT NULL,
        organization TEXT NOT NULL,
        has_photo INTEGER NOT NULL CHECK (has_photo IN (0, 1)),
        fields TEXT NOT NULL CHECK (json_valid(fields))
      );
      CREATE INDEX contacts_by_name ON contacts(sort_key, id);
      CREATE INDEX contacts_by_book ON contacts(address_book_id, sort_key, id);
      CREATE TABLE contact_emails (
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        address TEXT NOT NULL,
        PRIMARY KEY (contact_id, position)
      ) WITHOUT ROWID;
      CREATE INDEX contact_emails_by_address ON contact_emails(address COLLATE NOCASE);
      CREATE TABLE contact_groups (
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        PRIMARY KEY (contact_id, name)
      ) WITHOUT ROWID;
      CREATE INDEX contact_groups_by_name ON contact_groups(name, contact_id);
      CREATE VIRTUAL TABLE contacts_fts USING fts5(
        names, emails, phones, organization, notes,
        tokenize='unicode61 remove_diacritics 2',
        prefix='1 2 3'
      );
      CREATE TRIGGER contacts_fts_cleanup AFTER DELETE ON contacts BEGIN
        DELETE FROM contacts_fts WHERE rowid = old.id;
      END;
    `);
    // Address books synced before this version are indexed now, in the same transaction.
    reindexAllContacts(db);
  },
};
