import { PmsyncError } from '../../shared/errors';
import type { DavCollectionRow, DavResourceRow } from './dav-types';
import type { DavIndexerRunner } from './dav-indexers';
import { RESOURCE_COLUMNS, toResource, toResourceState, type ResourceSqlRow } from './dav-rows';
import type { AppliedChanges, DavResourceState, ServerChanges } from './dav-store-types';
import type { StatementCache } from './statements';

/**
 * Calendar objects and vCards: what sync brings in and what local edits change. Every method
 * runs inside the caller's transaction and keeps the indexes in step through the runner.
 */
export class DavResourceRepository {
  constructor(private readonly stmts: StatementCache, private readonly index: DavIndexerRunner) {}

  state(id: number): DavResourceState | undefined {
    const r = this.stmts.get<ResourceSqlRow>(`SELECT ${RESOURCE_COLUMNS} FROM dav_resources WHERE id = ?`).get(id);
    return r ? toResourceState(r) : undefined;
  }

  /** Live (not locally deleted) resource. */
  get(id: number): DavResourceRow | undefined {
    const s = this.state(id);
    return s && !s.deleted ? toResource({ id: s.id, collection_id: s.collectionId, href: s.href, etag: s.etag, data: s.data, sync_state: s.syncState, deleted: 0, local_rev: s.localRev }) : undefined;
  }

  /** href → ETag of every resource in a collection (tombstones included: they are still on the server). */
  etags(collectionId: number): Map<string, string | null> {
    const rows = this.stmts.get<{ href: string; etag: string | null }>('SELECT href, etag FROM dav_resources WHERE collection_id = ?').all(collectionId);
    return new Map(rows.map((r) => [r.href, r.etag]));
  }

  /**
   * Server changes for one collection. Only 'synced' rows follow the server: a local change
   * waiting for its task (or a conflict waiting for the user) is never overwritten here — its
   * If-Match write meets the server's change as a 412 instead.
   */
  applyServer(coll: DavCollectionRow, changes: ServerChanges): AppliedChanges {
    const find = this.stmts.get<{ id: number; etag: string | null; data: string; sync_state: string; deleted: number }>(
      'SELECT id, etag, data, sync_state, deleted FROM dav_resources WHERE collection_id = ? AND href = ?');
    const insert = this.stmts.get("INSERT INTO dav_resources(collection_id, href, etag, data, sync_state) VALUES (?, ?, ?, ?, 'synced')");
    const update = this.stmts.get('UPDATE dav_resources SET etag = ?, data = ? WHERE id = ?');
    const remove = this.stmts.get('DELETE FROM dav_resources WHERE id = ?');
    let changed = 0;
    let skippedLocal = 0;
    for (const u of changes.upserts) {
      const existing = find.get(coll.id, u.href);
      if (!existing) {
        const id = Number(insert.run(coll.id, u.href, u.etag, u.data).lastInsertRowid);
        this.index.changed({ id, collectionId: coll.id, href: u.href, etag: u.etag, data: u.data, syncState: 'synced' }, coll);
        changed++;
      } else if (existing.sync_state !== 'synced' || existing.deleted === 1) {
        skippedLocal++;
      } else if (existing.etag !== u.etag || existing.data !== u.data) {
        update.run(u.etag, u.data, existing.id);
        this.index.changed({ id: existing.id, collectionId: coll.id, href: u.href, etag: u.etag, data: u.data, syncState: 'synced' }, coll);
        changed++;
      }
    }
    for (const href of changes.removed) {
      const existing = find.get(coll.id, href);
      if (!existing) continue;
      if (existing.sync_state !== 'synced' || existing.deleted === 1) {
        skippedLocal++;
        continue;
      }
      remove.run(existing.id);
      this.index.removed(existing.id, coll);
      changed++;
    }
    return { changed, skippedLocal };
  }

  /** Every resource of a collection leaves the indexes (collection removed on the server). */
  dropCollection(coll: DavCollectionRow): void {
    const ids = this.stmts.get<{ id: number }>('SELECT id FROM dav_resources WHERE collection_id = ? AND deleted = 0').all(coll.id);
    for (const { id } of ids) this.index.removed(id, coll);
  }

  createLocal(coll: DavCollectionRow, href: string, data: string): DavResourceRow {
    if (this.stmts.get('SELECT 1 FROM dav_resources WHERE collection_id = ? AND href = ?').get(coll.id, href)) {
      throw new PmsyncError('INVALID_INPUT', `An item with the name ${href} already exists in "${coll.name}".`, 'Use a new UID for a new item, or update the existing one.');
    }
    const id = Number(this.stmts.get("INSERT INTO dav_resources(collection_id, href, etag, data, sync_state, local_rev) VALUES (?, ?, NULL, ?, 'pending', 1)")
      .run(coll.id, href, data).lastInsertRowid);
    const row: DavResourceRow = { id, collectionId: coll.id, href, etag: null, data, syncState: 'pending' };
    this.index.changed(row, coll);
    return row;
  }

  /**
   * New data for a live resource. A resource in conflict stays in conflict (the user's pick is
   * still to come) with the edit as its local side; returns whether a task must send it.
   */
  updateLocal(coll: DavCollectionRow, id: number, data: string): { row: DavResourceRow; needsTask: boolean } {
    const s = this.state(id);
    if (!s || s.deleted) throw new PmsyncError('NOT_FOUND', `Item ${id} does not exist (it may have been deleted).`, 'Refresh the view and try again.');
    const inConflict = s.syncState === 'conflict';
    this.stmts.get("UPDATE dav_resources SET data = ?, sync_state = CASE WHEN sync_state = 'conflict' THEN 'conflict' ELSE 'pending' END, local_rev = local_rev + 1 WHERE id = ?").run(data, id);
    if (inConflict) this.stmts.get('UPDATE dav_conflicts SET local_data = ? WHERE resource_id = ?').run(data, id);
    const row: DavResourceRow = { id, collectionId: coll.id, href: s.href, etag: s.etag, data, syncState: inConflict ? 'conflict' : 'pending' };
    this.index.changed(row, coll);
    return { row, needsTask: !inConflict };
  }

  /**
   * Local deletion: gone from the indexes now. A resource the server never had disappears at
   * once (returns false: no task); otherwise a tombstone keeps href and ETag for the DELETE.
   */
  removeLocal(coll: DavCollectionRow, id: number): boolean {
    const s = this.state(id);
    if (!s || s.deleted) return false;
    this.index.removed(id, coll);
    if (s.etag === null && s.syncState !== 'conflict') {
      this.stmts.get('DELETE FROM dav_resources WHERE id = ?').run(id);
      return false;
    }
    if (s.syncState === 'conflict') {
      this.stmts.get('UPDATE dav_resources SET deleted = 1, local_rev = local_rev + 1 WHERE id = ?').run(id);
      this.stmts.get('UPDATE dav_conflicts SET local_data = NULL WHERE resource_id = ?').run(id);
      return false;
    }
    this.stmts.get("UPDATE dav_resources SET deleted = 1, sync_state = 'pending', local_rev = local_rev + 1 WHERE id = ?").run(id);
    return true;
  }

  /** A PUT reached the server: new ETag; synced unless another edit came meanwhile. */
  markWritten(coll: DavCollectionRow, id: number, sentRev: number, etag: string | null): void {
    this.stmts.get("UPDATE dav_resources SET etag = ?, sync_state = CASE WHEN local_rev = ? AND sync_state = 'pending' THEN 'synced' ELSE sync_state END WHERE id = ?")
      .run(etag, sentRev, id);
    const row = this.get(id);
    if (row) this.index.changed(row, coll);
  }

  /** A DELETE reached the server (or the item was already gone). */
  forget(id: number): void {
    this.stmts.get('DELETE FROM dav_resources WHERE id = ?').run(id);
  }

  /** 412: keep both versions until the user picks one. */
  markConflict(coll: DavCollectionRow, id: number, server: { data: string; etag: string | null } | null, now: number): void {
    const s = this.state(id);
    if (!s) return;
    this.stmts.get(`INSERT INTO dav_conflicts(resource_id, local_data, server_data, server_etag, created_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(resource_id) DO UPDATE SET local_data = excluded.local_data, server_data = excluded.server_data, server_etag = excluded.server_etag`)
      .run(id, s.deleted ? null : s.data, server?.data ?? null, server?.etag ?? null, now);
    this.stmts.get("UPDATE dav_resources SET sync_state = 'conflict' WHERE id = ?").run(id);
    const row = this.get(id);
    if (row) this.index.changed(row, coll);
  }

  /**
   * The server refused a write for good: the local change is dropped and the server's copy
   * comes back with the next (full) sync — the ETag is cleared so the listing fetches it again.
   */
  revertToServer(coll: DavCollectionRow, id: number): void {
    const s = this.state(id);
    if (!s) return;
    this.stmts.get("UPDATE dav_resources SET sync_state = 'synced', deleted = 0, etag = NULL WHERE id = ?").run(id);
    this.stmts.get('DELETE FROM dav_conflicts WHERE resource_id = ?').run(id);
    const row = this.get(id);
    if (row) this.index.changed(row, coll);
  }
}
