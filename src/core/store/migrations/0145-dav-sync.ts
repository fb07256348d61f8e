import type { Migration } from '../migrate';

/**
 * CalDAV/CardDAV sync state (issue 5). Raw resources are the source of truth; the calendar and
 * contacts indexes (0150, 0160) are derived from them by DavIndexers in the same transaction.
 *
 * - dav_accounts: where and how to sign in (the password lives here, inside the encrypted
 *   database, as IMAP passwords do) and the home sets found at discovery.
 * - dav_collections: one calendar or address book, with its cursor (sync_token / ctag). The
 *   cursor is written in the same transaction as the resources it covers.
 * - dav_resources: one calendar object or vCard. sync_state 'pending' = a local change waits for
 *   its task; 'conflict' = the server refused it with 412. `deleted` marks a local deletion not
 *   yet on the server (a tombstone keeps href and ETag for the DELETE, and keeps sync from
 *   bringing the item back meanwhile). `local_rev` counts local edits, so a PUT that finishes
 *   after a newer edit does not mark that edit synced.
 * - dav_conflicts: both versions of a refused write until the user picks one.
 */
export const davSync: Migration = {
  version: 145,
  name: 'dav-sync',
  up(db) {
    db.exec(`
      CREATE TABLE dav_accounts (
        account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        server_url TEXT NOT NULL,
        user TEXT NOT NULL,
        password TEXT NOT NULL,
        principal_url TEXT,
        calendar_home TEXT,
        addressbook_home TEXT,
        last_sync_at INTEGER
      );
      CREATE TABLE dav_collections (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('calendar', 'addressbook')),
        url TEXT NOT NULL,
        name TEXT NOT NULL,
        color TEXT NOT NULL DEFAULT '',
        read_only INTEGER NOT NULL DEFAULT 0 CHECK (read_only IN (0, 1)),
        visible INTEGER NOT NULL DEFAULT 1 CHECK (visible IN (0, 1)),
        components TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(components)),
        sync_token TEXT,
        ctag TEXT,
        UNIQUE (account_id, url)
      );
      CREATE INDEX dav_collections_by_kind ON dav_collections(kind, account_id);
      CREATE TABLE dav_resources (
        id INTEGER PRIMARY KEY,
        collection_id INTEGER NOT NULL REFERENCES dav_collections(id) ON DELETE CASCADE,
        href TEXT NOT NULL,
        etag TEXT,
        data TEXT NOT NULL,
        sync_state TEXT NOT NULL DEFAULT 'synced' CHECK (sync_state IN ('synced', 'pending', 'conflict')),
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        local_rev INTEGER NOT NULL DEFAULT 0,
        UNIQUE (collection_id, href)
      );
      CREATE INDEX dav_resources_unsynced ON dav_resources(sync_state) WHERE sync_state <> 'synced';
      CREATE TABLE dav_conflicts (
        id INTEGER PRIMARY KEY,
        resource_id INTEGER NOT NULL UNIQUE REFERENCES dav_resources(id) ON DELETE CASCADE,
        -- NULL: the local change was a deletion.
        local_data TEXT,
        -- NULL: the server no longer has the item.
        server_data TEXT,
        server_etag TEXT,
        created_at INTEGER NOT NULL
      );
    `);
  },
};
