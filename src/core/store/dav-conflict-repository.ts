import type { DavIndexerRunner } from './dav-indexers';
import { COLLECTION_COLUMNS, toCollection, type CollectionSqlRow } from './dav-rows';
import type { DavConflictRow } from './dav-store-types';
import type { StatementCache } from './statements';

interface Row {
  conflict_id: number; resource_id: number; href: string; local_data: string | null; server_data: string | null;
  server_etag: string | null; created_at: number; deleted: number;
}

const PREFIXED = COLLECTION_COLUMNS.split(', ').map((c) => `c.${c} AS c_${c}`).join(', ');

function collectionOf(r: Record<string, unknown>): CollectionSqlRow {
  const out: Record<string, unknown> = {};
  for (const c of COLLECTION_COLUMNS.split(', ')) out[c] = r[`c_${c}`];
  return out as unknown as CollectionSqlRow;
}

/** Writes the server refused with 412, each with both versions, until the user picks one. */
export class DavConflictRepository {
  constructor(private readonly stmts: StatementCache, private readonly index: DavIndexerRunner) {}

  list(conflictId?: number): DavConflictRow[] {
    return this.stmts
      .get<Row & Record<string, unknown>>(`SELECT k.id AS conflict_id, k.resource_id, r.href, k.local_data, k.server_data, k.server_etag, k.created_at, r.deleted, ${PREFIXED}
        FROM dav_conflicts k JOIN dav_resources r ON r.id = k.resource_id JOIN dav_collections c ON c.id = r.collection_id
        WHERE @id IS NULL OR k.id = @id ORDER BY k.id`)
      .all({ id: conflictId ?? null })
      .map((r) => ({
        id: r.conflict_id, resourceId: r.resource_id, collection: toCollection(collectionOf(r)), href: r.href,
        localData: r.local_data, serverData: r.server_data, serverEtag: r.server_etag, createdAt: r.created_at,
      }));
  }

  /** Keep the server's version: it replaces ours (or the item goes, when the server deleted it). */
  takeServer(k: DavConflictRow): void {
    const wasLive = this.stmts.get<{ deleted: number }>('SELECT deleted FROM dav_resources WHERE id = ?').get(k.resourceId)?.deleted === 0;
    this.stmts.get('DELETE FROM dav_conflicts WHERE id = ?').run(k.id);
    if (k.serverData === null) {
      this.stmts.get('DELETE FROM dav_resources WHERE id = ?').run(k.resourceId);
      if (wasLive) this.index.removed(k.resourceId, k.collection);
      return;
    }
    this.stmts.get("UPDATE dav_resources SET data = ?, etag = ?, deleted = 0, sync_state = 'synced', local_rev = local_rev + 1 WHERE id = ?")
      .run(k.serverData, k.serverEtag, k.resourceId);
    this.index.changed({ id: k.resourceId, collectionId: k.collection.id, href: k.href, etag: k.serverEtag, data: k.serverData, syncState: 'synced' }, k.collection);
  }

  /**
   * Keep ours: it is written again on top of the server's current version (its ETag, or as a
   * new item when the server deleted it). Returns 'put' | 'delete' for the task to queue, or
   * null when nothing is left to do (both sides deleted it).
   */
  keepLocal(k: DavConflictRow): 'put' | 'delete' | null {
    this.stmts.get('DELETE FROM dav_conflicts WHERE id = ?').run(k.id);
    if (k.localData === null) {
      if (k.serverData === null) {
        this.stmts.get('DELETE FROM dav_resources WHERE id = ?').run(k.resourceId);
        return null;
      }
      this.stmts.get("UPDATE dav_resources SET etag = ?, sync_state = 'pending', local_rev = local_rev + 1 WHERE id = ?").run(k.serverEtag, k.resourceId);
      return 'delete';
    }
    this.stmts.get("UPDATE dav_resources SET etag = ?, sync_state = 'pending', local_rev = local_rev + 1 WHERE id = ?").run(k.serverEtag, k.resourceId);
    this.index.changed({ id: k.resourceId, collectionId: k.collection.id, href: k.href, etag: k.serverEtag, data: k.localData, syncState: 'pending' }, k.collection);
    return 'put';
  }
}
