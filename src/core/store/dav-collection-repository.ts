import type { DavCollectionKind, DavCollectionRow } from './dav-types';
import { COLLECTION_COLUMNS, toCollection, type CollectionSqlRow } from './dav-rows';
import type { CollectionInfo } from './dav-store-types';
import type { StatementCache } from './statements';

/** Colours for calendars whose server has none (stable per collection id). */
const PALETTE = ['#3b82f6', '#10b981', '#f59e0b', '#ef4444', '#8b5cf6', '#ec4899', '#14b8a6', '#84cc16'];

export class DavCollectionRepository {
  constructor(private readonly stmts: StatementCache) {}

  get(id: number): DavCollectionRow | undefined {
    const r = this.stmts.get<CollectionSqlRow>(`SELECT ${COLLECTION_COLUMNS} FROM dav_collections WHERE id = ?`).get(id);
    return r ? toCollection(r) : undefined;
  }

  byUrl(accountId: number, url: string): DavCollectionRow | undefined {
    const r = this.stmts.get<CollectionSqlRow>(`SELECT ${COLLECTION_COLUMNS} FROM dav_collections WHERE account_id = ? AND url = ?`).get(accountId, url);
    return r ? toCollection(r) : undefined;
  }

  list(kind?: DavCollectionKind, accountId?: number): DavCollectionRow[] {
    return this.stmts
      .get<CollectionSqlRow>(`SELECT ${COLLECTION_COLUMNS} FROM dav_collections
        WHERE (@kind IS NULL OR kind = @kind) AND (@account IS NULL OR account_id = @account) ORDER BY account_id, kind, name COLLATE NOCASE, id`)
      .all({ kind: kind ?? null, account: accountId ?? null })
      .map(toCollection);
  }

  /**
   * Inserts new collections and refreshes names, colours and rights of known ones (visibility is
   * the user's and stays). Returns the ids added and the rows the server no longer lists; the
   * caller removes those (after telling the indexers). Runs inside the caller's transaction.
   */
  upsert(accountId: number, found: CollectionInfo[]): { added: number[]; gone: DavCollectionRow[] } {
    const known = new Map(this.list(undefined, accountId).map((c) => [c.url, c]));
    const added: number[] = [];
    for (const f of found) {
      const existing = known.get(f.url);
      known.delete(f.url);
      if (existing) {
        const color = f.color || existing.color;
        this.stmts.get('UPDATE dav_collections SET name = ?, color = ?, read_only = ?, components = ? WHERE id = ?')
          .run(f.name, color, f.readOnly ? 1 : 0, JSON.stringify(f.components), existing.id);
        continue;
      }
      const info = this.stmts.get('INSERT INTO dav_collections(account_id, kind, url, name, color, read_only, components) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(accountId, f.kind, f.url, f.name, f.color, f.readOnly ? 1 : 0, JSON.stringify(f.components));
      const id = Number(info.lastInsertRowid);
      if (!f.color) this.stmts.get('UPDATE dav_collections SET color = ? WHERE id = ?').run(PALETTE[id % PALETTE.length], id);
      added.push(id);
    }
    return { added, gone: [...known.values()] };
  }

  remove(id: number): void {
    this.stmts.get('DELETE FROM dav_collections WHERE id = ?').run(id);
  }

  setVisible(id: number, visible: boolean): boolean {
    return this.stmts.get('UPDATE dav_collections SET visible = ? WHERE id = ?').run(visible ? 1 : 0, id).changes > 0;
  }

  cursor(id: number): { syncToken: string | null; ctag: string | null } {
    const r = this.stmts.get<{ sync_token: string | null; ctag: string | null }>('SELECT sync_token, ctag FROM dav_collections WHERE id = ?').get(id);
    return { syncToken: r?.sync_token ?? null, ctag: r?.ctag ?? null };
  }

  setCursor(id: number, syncToken: string | null, ctag: string | null): void {
    this.stmts.get('UPDATE dav_collections SET sync_token = ?, ctag = ? WHERE id = ?').run(syncToken, ctag, id);
  }
}
