/** What the DAV engine knows about a server, independent of how the core stores it. */

export type CollectionKind = 'calendar' | 'addressbook';

export interface DavCredentials {
  /** Server, well-known or principal URL as the user gave it. */
  url: string;
  user: string;
  password: string;
}

/** One calendar or address book as the server describes it (PROPFIND on a home set). */
export interface RemoteCollection {
  kind: CollectionKind;
  /** Absolute URL with a trailing slash. */
  url: string;
  name: string;
  /** CSS colour (#rrggbb or #rrggbbaa) or '' when the server has none. */
  color: string;
  readOnly: boolean;
  /** VEVENT/VTODO/… for calendars; [] for address books. */
  components: string[];
  syncToken: string | null;
  ctag: string | null;
}

export interface Discovery {
  principalUrl: string;
  calendarHome: string | null;
  addressBookHome: string | null;
  collections: RemoteCollection[];
}

/** A calendar object or vCard on the server. `href` is the server path (percent-encoded, as sent). */
export interface RemoteResource {
  href: string;
  etag: string | null;
  data: string;
}

/** Where a collection stands locally: the saved cursor and every resource's ETag. */
export interface LocalCollectionState {
  syncToken: string | null;
  ctag: string | null;
  /** href → ETag (null when never on the server). */
  etags: Map<string, string | null>;
}

/** A batch of server changes for one collection, applied in one transaction with its cursor. */
export interface CollectionChanges {
  upserts: RemoteResource[];
  removed: string[];
  syncToken: string | null;
  ctag: string | null;
  /** The change set came from a full listing (initial sync or a resync after an invalid token). */
  full: boolean;
}

/**
 * The narrow interface the engine writes through (the core implements it on the encrypted store).
 * Collections are named by URL; the sink maps them to its own ids.
 */
export interface DavSink {
  /** The account's collections as discovered; collections the server no longer lists are dropped. */
  applyCollections(found: RemoteCollection[]): void;
  collectionState(url: string): LocalCollectionState;
  /** Resources, removals and the new cursor in ONE transaction: the cursor is never ahead of the data. */
  applyChanges(url: string, kind: CollectionKind, changes: CollectionChanges): void;
}

export interface DavProgress {
  phase: 'calendars' | 'contacts';
  collection: string;
  done: number;
  total: number;
}

export interface CollectionReport {
  url: string;
  kind: CollectionKind;
  method: 'sync-token' | 'full-sync-collection' | 'etag-listing' | 'unchanged';
  upserts: number;
  removed: number;
  /** A saved sync-token was refused (403/409/500…) and a full resync ran instead. */
  tokenRejected: boolean;
}
