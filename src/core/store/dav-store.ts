import { PmsyncError } from '../../shared/errors';
import type { Db } from './connection';
import { DavAccountRepository } from './dav-account-repository';
import { DavCollectionRepository } from './dav-collection-repository';
import { DavConflictRepository } from './dav-conflict-repository';
import { DavIndexerRunner, type IndexerFailures } from './dav-indexers';
import { DavResourceRepository } from './dav-resource-repository';
import type {
  AppliedChanges, CollectionInfo, DavConflictRow, DavResourceState, NewDavAccount, ServerChanges, StoredDavAccount,
} from './dav-store-types';
import type { DavCollectionKind, DavCollectionRow, DavIndexer, DavResourceRow } from './dav-types';
import { classifyStoreError } from './errors';
import { SqliteProfileStore } from './sqlite-profile-store';
import { StatementCache } from './statements';
import type { ProfileStore } from './types';

export type * from './dav-store-types';
export type { IndexerFailures } from './dav-indexers';

function missingCollection(id: number): PmsyncError {
  return new PmsyncError('NOT_FOUND', `Calendar or address book ${id} does not exist (it may have been removed on the server).`, 'Refresh the view and try again.');
}

/**
 * The DAV side of the profile store, on the profile's own connection (so a resource, its task
 * and its index rows commit together). Every write that changes a resource calls the
 * registered DavIndexers inside the same transaction.
 */
export class DavStore {
  private readonly stmts: StatementCache;
  private readonly accounts: DavAccountRepository;
  private readonly collections: DavCollectionRepository;
  private readonly resources: DavResourceRepository;
  private readonly conflicts: DavConflictRepository;
  private readonly runner: DavIndexerRunner;

  constructor(private readonly db: Db, private readonly profileDir: string, indexers: () => readonly DavIndexer[], onIndexerFailures?: (f: IndexerFailures) => void) {
    this.stmts = new StatementCache(db);
    this.runner = new DavIndexerRunner(db, indexers, onIndexerFailures);
    this.accounts = new DavAccountRepository(this.stmts);
    this.collections = new DavCollectionRepository(this.stmts);
    this.resources = new DavResourceRepository(this.stmts, this.runner);
    this.conflicts = new DavConflictRepository(this.stmts, this.runner);
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw classifyStoreError(err, this.profileDir, 'use');
    }
  }

  /** One IMMEDIATE transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.guard(() => this.db.transaction(fn).immediate());
  }

  private coll(id: number): DavCollectionRow {
    const c = this.collections.get(id);
    if (!c) throw missingCollection(id);
    return c;
  }

  // Accounts ------------------------------------------------------------------------------

  addAccount(account: NewDavAccount, found: CollectionInfo[], now = Date.now()): number {
    return this.transaction(() => {
      const id = this.accounts.add(account, now);
      this.collections.upsert(id, found);
      return id;
    });
  }
  account(accountId: number): StoredDavAccount | undefined { return this.guard(() => this.accounts.get(accountId)); }
  listAccounts(): StoredDavAccount[] { return this.guard(() => this.accounts.list()); }
  setLastSyncAt(accountId: number, at: number): void { this.guard(() => this.accounts.setLastSyncAt(accountId, at)); }
  syncIntervalMinutes(accountId: number): number { return this.guard(() => this.accounts.syncIntervalMinutes(accountId)); }

  /** Removes the account and everything synced from it (indexes first, then by cascade). */
  removeAccount(accountId: number): DavCollectionRow[] {
    return this.runner.coalesced(() => this.transaction(() => {
      const colls = this.collections.list(undefined, accountId);
      for (const c of colls) this.resources.dropCollection(c);
      this.accounts.remove(accountId);
      return colls;
    }));
  }

  // Collections ---------------------------------------------------------------------------

  /** The server's current list: new collections added, vanished ones removed with their items. */
  applyCollections(accountId: number, found: CollectionInfo[]): { added: number[]; removed: DavCollectionRow[] } {
    return this.runner.coalesced(() => this.transaction(() => {
      const { added, gone } = this.collections.upsert(accountId, found);
      for (const c of gone) {
        this.resources.dropCollection(c);
        this.collections.remove(c.id);
      }
      return { added, removed: gone };
    }));
  }
  collection(id: number): DavCollectionRow | undefined { return this.guard(() => this.collections.get(id)); }
  collectionByUrl(accountId: number, url: string): DavCollectionRow | undefined { return this.guard(() => this.collections.byUrl(accountId, url)); }
  listCollections(kind?: DavCollectionKind, accountId?: number): DavCollectionRow[] { return this.guard(() => this.collections.list(kind, accountId)); }
  setVisible(collectionId: number, visible: boolean): void {
    this.guard(() => {
      if (!this.collections.setVisible(collectionId, visible)) throw missingCollection(collectionId);
    });
  }

  collectionState(collectionId: number): { syncToken: string | null; ctag: string | null; etags: Map<string, string | null> } {
    return this.guard(() => ({ ...this.collections.cursor(collectionId), etags: this.resources.etags(collectionId) }));
  }

  /**
   * Server changes and the new cursor in ONE transaction: the cursor is never ahead of the data.
   * Called once per collection and sync pass, so indexer failures are reported once per call.
   */
  applyServerChanges(collectionId: number, changes: ServerChanges): AppliedChanges {
    return this.runner.coalesced(() => this.transaction(() => {
      const applied = this.resources.applyServer(this.coll(collectionId), changes);
      this.collections.setCursor(collectionId, changes.syncToken, changes.ctag);
      return applied;
    }));
  }

  /** Forget the cursor: the next sync lists the whole collection again. */
  resetCursor(collectionId: number): void { this.guard(() => this.collections.setCursor(collectionId, null, null)); }

  // Resources -----------------------------------------------------------------------------

  resource(id: number): DavResourceRow | undefined { return this.guard(() => this.resources.get(id)); }
  resourceState(id: number): DavResourceState | undefined { return this.guard(() => this.resources.state(id)); }
  createLocal(collectionId: number, href: string, data: string): DavResourceRow {
    return this.transaction(() => this.resources.createLocal(this.coll(collectionId), href, data));
  }
  updateLocal(resourceId: number, data: string): { row: DavResourceRow; needsTask: boolean } {
    return this.transaction(() => {
      const s = this.resources.state(resourceId);
      if (!s) throw new PmsyncError('NOT_FOUND', `Item ${resourceId} does not exist (it may have been deleted).`, 'Refresh the view and try again.');
      return this.resources.updateLocal(this.coll(s.collectionId), resourceId, data);
    });
  }
  /** Returns whether a DELETE task is needed (false: the server never had it). */
  removeLocal(resourceId: number): boolean {
    return this.transaction(() => {
      const s = this.resources.state(resourceId);
      return s ? this.resources.removeLocal(this.coll(s.collectionId), resourceId) : false;
    });
  }
  markWritten(resourceId: number, sentRev: number, etag: string | null): void {
    this.transaction(() => {
      const s = this.resources.state(resourceId);
      if (s) this.resources.markWritten(this.coll(s.collectionId), resourceId, sentRev, etag);
    });
  }
  forget(resourceId: number): void { this.guard(() => this.resources.forget(resourceId)); }
  markConflict(resourceId: number, server: { data: string; etag: string | null } | null, now = Date.now()): void {
    this.transaction(() => {
      const s = this.resources.state(resourceId);
      if (s) this.resources.markConflict(this.coll(s.collectionId), resourceId, server, now);
    });
  }
  /** The server refused a write for good: back to the server's version at the next full sync. */
  revertToServer(resourceId: number): number | undefined {
    return this.transaction(() => {
      const s = this.resources.state(resourceId);
      if (!s) return undefined;
      this.resources.revertToServer(this.coll(s.collectionId), resourceId);
      this.collections.setCursor(s.collectionId, null, null);
      return s.collectionId;
    });
  }

  // Conflicts -----------------------------------------------------------------------------

  listConflicts(): DavConflictRow[] { return this.guard(() => this.conflicts.list()); }
  conflict(id: number): DavConflictRow | undefined { return this.guard(() => this.conflicts.list(id)[0]); }
  takeServer(conflict: DavConflictRow): void { this.transaction(() => this.conflicts.takeServer(conflict)); }
  keepLocal(conflict: DavConflictRow): 'put' | 'delete' | null { return this.transaction(() => this.conflicts.keepLocal(conflict)); }
}

const byStore = new WeakMap<ProfileStore, DavStore>();

/** The DAV side of an open profile store (one instance per store; `indexers` is read at each write). */
export function davStoreFor(store: ProfileStore, indexers: () => readonly DavIndexer[] = () => [], onIndexerFailures?: (f: IndexerFailures) => void): DavStore {
  const known = byStore.get(store);
  if (known) return known;
  if (!(store instanceof SqliteProfileStore)) {
    throw new PmsyncError('INTERNAL', 'DAV accounts need the encrypted profile store.', 'This is a bug in how PMSync was started; please report it.');
  }
  const made = new DavStore(store.connection, store.profileDir, indexers, onIndexerFailures);
  byStore.set(store, made);
  return made;
}
