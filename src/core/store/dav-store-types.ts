import type { DavCollectionKind, DavCollectionRow, DavResourceRow } from './dav-types';

/** A DAV account as stored (the password stays inside the encrypted database). */
export interface StoredDavAccount {
  accountId: number;
  name: string;
  serverUrl: string;
  user: string;
  password: string;
  principalUrl: string | null;
  calendarHome: string | null;
  addressBookHome: string | null;
  lastSyncAt: number | null;
}

export type NewDavAccount = Omit<StoredDavAccount, 'accountId' | 'lastSyncAt'>;

/** A collection as the server lists it (what discovery and each sync pass report). */
export interface CollectionInfo {
  kind: DavCollectionKind;
  url: string;
  name: string;
  color: string;
  readOnly: boolean;
  components: string[];
}

export interface ServerResource {
  href: string;
  etag: string | null;
  data: string;
}

export interface ServerChanges {
  upserts: ServerResource[];
  removed: string[];
  syncToken: string | null;
  ctag: string | null;
}

/** A resource with what only the DAV side needs (tasks, conflicts). */
export interface DavResourceState extends DavResourceRow {
  deleted: boolean;
  localRev: number;
}

export interface DavConflictRow {
  id: number;
  resourceId: number;
  collection: DavCollectionRow;
  href: string;
  localData: string | null;
  serverData: string | null;
  serverEtag: string | null;
  createdAt: number;
}

export interface AppliedChanges {
  /** Resources written or removed by this batch (0: nothing visible changed). */
  changed: number;
  /** Local changes the server also changed: skipped here, their task will meet a 412. */
  skippedLocal: number;
}
