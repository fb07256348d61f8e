import type { Db } from './connection';

/**
 * The seam between DAV sync (collections and raw resources, src/core/store/dav-*.ts, owned by
 * the sync side) and the calendar and contacts indexes (derived rows: events, occurrences,
 * contacts, FTS). Raw iCalendar/vCard text is the source of truth; indexes are rebuilt from it.
 */

export type DavCollectionKind = 'calendar' | 'addressbook';

export interface DavCollectionRow {
  id: number;
  accountId: number;
  kind: DavCollectionKind;
  url: string;
  name: string;
  color: string;
  readOnly: boolean;
  visible: boolean;
  /** VEVENT/VTODO/… for calendars; empty for address books. */
  components: string[];
}

export type DavSyncState = 'synced' | 'pending' | 'conflict';

/** One calendar object or vCard as stored: raw data plus where it stands against the server. */
export interface DavResourceRow {
  id: number;
  collectionId: number;
  /** Server path; for a resource created here and not yet PUT, the href it will be PUT to. */
  href: string;
  /** null while the resource was never on the server. */
  etag: string | null;
  /** iCalendar (VCALENDAR) or vCard text. */
  data: string;
  syncState: DavSyncState;
}

/**
 * Keeps derived tables in step with raw resources. Called by the DAV store INSIDE the
 * transaction that changes the resource, so an index never disagrees with its source after a
 * crash. Must not throw on hostile data: index what can be read, skip the rest.
 */
export interface DavIndexer {
  kind: DavCollectionKind;
  resourceChanged(db: Db, resource: DavResourceRow, collection: DavCollectionRow): void;
  resourceRemoved(db: Db, resourceId: number, collection: DavCollectionRow): void;
}

/**
 * Local writes (calendar and contacts services call this; the DAV side implements it). Each
 * call stores the change at once (syncState 'pending', indexers run, in one transaction with a
 * persisted task) and the task PUTs/DELETEs it with If-Match / If-None-Match. A 412 never
 * overwrites: the resource goes to 'conflict' and the user picks a version.
 */
export interface DavWriter {
  /** New resource in a collection; returns it (href chosen from the UID). */
  create(collectionId: number, uid: string, data: string): DavResourceRow;
  /** Replaces the data of an existing resource (moves it to another collection when given). */
  update(resourceId: number, data: string, toCollectionId?: number): DavResourceRow;
  remove(resourceId: number): void;
  getResource(resourceId: number): DavResourceRow | undefined;
  getCollection(collectionId: number): DavCollectionRow | undefined;
  listCollections(kind: DavCollectionKind): DavCollectionRow[];
}
