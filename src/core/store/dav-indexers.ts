import type { Db } from './connection';
import type { DavCollectionRow, DavIndexer, DavResourceRow } from './dav-types';

/** Items of one collection that an indexer could not take in, during one store write. */
export interface IndexerFailures {
  collection: DavCollectionRow;
  indexer: DavIndexer;
  /** 'changed': new/updated items that stay unindexed; 'removed': items gone whose index rows may linger. */
  op: 'changed' | 'removed';
  count: number;
  /** True for a server write (a sync pass of the collection, a collection or account gone); false for one local write. */
  fromServer: boolean;
  /** The first error seen, for the user's hint and for a bug report. */
  firstError: unknown;
}

/**
 * Runs the registered DavIndexers inside the caller's transaction. Each call gets its own
 * savepoint: an indexer that throws on hostile data loses only its own partial writes, and the
 * raw resource (the source of truth) is still stored; `onFailures` reports it. Inside
 * `coalesced()` failures are tallied per collection and reported once after the write, so a
 * broken collection of 2,000 items costs the user one notice, not 2,000.
 */
export class DavIndexerRunner {
  private tally: Map<string, IndexerFailures> | undefined;

  constructor(
    private readonly db: Db,
    private readonly indexers: () => readonly DavIndexer[],
    private readonly onFailures: (failures: IndexerFailures) => void = () => undefined,
  ) {}

  changed(resource: DavResourceRow, collection: DavCollectionRow): void {
    for (const ix of this.indexers()) {
      if (ix.kind === collection.kind) this.guarded(ix, collection, 'changed', () => ix.resourceChanged(this.db, resource, collection));
    }
  }

  removed(resourceId: number, collection: DavCollectionRow): void {
    for (const ix of this.indexers()) {
      if (ix.kind === collection.kind) this.guarded(ix, collection, 'removed', () => ix.resourceRemoved(this.db, resourceId, collection));
    }
  }

  /**
   * Runs `fn` (a whole store write) with failures tallied; reports each tally once when `fn`
   * returns. If `fn` throws, its transaction rolled back and nothing it did is reported.
   */
  coalesced<T>(fn: () => T): T {
    if (this.tally) return fn(); // nested: the outermost call reports
    this.tally = new Map();
    let result: T;
    let tally: Map<string, IndexerFailures>;
    try {
      result = fn();
    } finally {
      tally = this.tally;
      this.tally = undefined;
    }
    for (const f of tally.values()) this.report(f);
    return result;
  }

  private guarded(ix: DavIndexer, collection: DavCollectionRow, op: IndexerFailures['op'], fn: () => void): void {
    try {
      this.db.transaction(fn)();
    } catch (err) {
      if (!this.tally) {
        this.report({ collection, indexer: ix, op, count: 1, fromServer: false, firstError: err });
        return;
      }
      const key = `${collection.id}:${ix.kind}:${this.indexers().indexOf(ix)}:${op}`;
      const seen = this.tally.get(key);
      if (seen) seen.count++;
      else this.tally.set(key, { collection, indexer: ix, op, count: 1, fromServer: true, firstError: err });
    }
  }

  private report(f: IndexerFailures): void {
    try {
      this.onFailures(f);
    } catch {
      // A failing reporter must not undo a write that already committed.
    }
  }
}
