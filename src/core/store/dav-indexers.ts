import type { Db } from './connection';
import type { DavCollectionRow, DavIndexer, DavResourceRow } from './dav-types';

/**
 * Runs the registered DavIndexers inside the caller's transaction. Each call gets its own
 * savepoint: an indexer that throws on hostile data loses only its own partial writes, and the
 * raw resource (the source of truth) is still stored; `onError` reports it.
 */
export class DavIndexerRunner {
  constructor(
    private readonly db: Db,
    private readonly indexers: () => readonly DavIndexer[],
    private readonly onError: (err: unknown, indexer: DavIndexer) => void = () => undefined,
  ) {}

  changed(resource: DavResourceRow, collection: DavCollectionRow): void {
    for (const ix of this.indexers()) {
      if (ix.kind === collection.kind) this.guarded(ix, () => ix.resourceChanged(this.db, resource, collection));
    }
  }

  removed(resourceId: number, collection: DavCollectionRow): void {
    for (const ix of this.indexers()) {
      if (ix.kind === collection.kind) this.guarded(ix, () => ix.resourceRemoved(this.db, resourceId, collection));
    }
  }

  private guarded(ix: DavIndexer, fn: () => void): void {
    try {
      this.db.transaction(fn)();
    } catch (err) {
      this.onError(err, ix);
    }
  }
}
