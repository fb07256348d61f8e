import { UidValidityMismatchError } from '../../sync/imap/sink';
import type { ParsedMessage } from '../mail/types';
import type { FolderRepository } from './folder-repository';
import type { ImapFolderState } from './imap-folder-state';
import type { BatchOutcome, ImapBatch, IncomingMessage } from './imap-sync-types';
import type { MessageBodyReplacer } from './message-body-replacer';
import type { MessageDeleter } from './message-deleter';
import type { MessageWriter } from './message-writer';
import type { StatementCache } from './statements';
import type { ThreadSummaries } from './thread-summaries';
import { stripAngles } from './threading';

interface Mapping { message_row: number | null; headers_only: number }

/** What the server's flag set means for the two flags the app shows. */
function localFlags(flags: readonly string[]): { unread: 0 | 1; flagged: 0 | 1 } {
  return { unread: flags.includes('\\Seen') ? 0 : 1, flagged: flags.includes('\\Flagged') ? 1 : 0 };
}

function isParsed(p: IncomingMessage['parsed']): p is ParsedMessage {
  return !('failure' in p);
}

/**
 * One sink batch = one transaction: vanished UIDs, flag changes, new or re-fetched messages
 * (inserted through MessageWriter, so threading, FTS and summaries are the import path's), and
 * the folder cursor last. Throws UidValidityMismatchError before writing anything when the
 * batch was fetched under another UIDVALIDITY.
 */
export class ImapBatchWriter {
  constructor(
    private readonly stmts: StatementCache,
    private readonly state: ImapFolderState,
    private readonly folders: FolderRepository,
    private readonly writer: MessageWriter,
    private readonly deleter: MessageDeleter,
    private readonly bodies: MessageBodyReplacer,
    private readonly summaries: ThreadSummaries,
  ) {}

  applyBatch(accountId: number, path: string, batch: ImapBatch): BatchOutcome {
    const run = this.stmts.db.transaction((): BatchOutcome => {
      const folderId = this.state.requireFolder(accountId, path);
      const before = this.checkUidValidity(folderId, path, batch.cursor.uidValidity);
      const out: BatchOutcome = { folderId, quarantined: [], newMessageIds: [], wasComplete: before !== undefined && before.uidNext !== null, changed: false };
      if (batch.vanished.length > 0) this.vanish(folderId, batch.vanished, out);
      const flagRows: { row: number; flags: string[] }[] = [];
      for (const change of batch.flagChanges) {
        const m = this.stmts
          .get<{ message_row: number | null }>('UPDATE imap_messages SET flags = ?, modseq = ? WHERE folder_id = ? AND uid = ? RETURNING message_row')
          .get(JSON.stringify(change.flags), change.modseq?.toString() ?? null, folderId, change.uid);
        if (m?.message_row != null) flagRows.push({ row: m.message_row, flags: change.flags });
      }
      const toInsert: IncomingMessage[] = [];
      const touchedThreads = new Set<number>();
      for (const a of batch.added) this.place(folderId, batch.cursor.uidValidity, a, flagRows, toInsert, touchedThreads, out);
      if (toInsert.length > 0) this.insertNew(folderId, toInsert, flagRows, out);
      this.applyFlags(flagRows, touchedThreads);
      this.summaries.refresh(touchedThreads);
      if (flagRows.length > 0 || touchedThreads.size > 0) out.changed = true;
      if (batch.cursor.uidNext !== null) this.dropOrphans(folderId, out);
      this.state.setCursor(folderId, batch.cursor);
      return out;
    });
    return run.immediate();
  }

  /** Full sources for header-only rows; UIDs no longer stored (or already complete) are ignored. */
  applyBodies(accountId: number, path: string, uidValidity: bigint, bodies: IncomingMessage[]): BatchOutcome {
    const run = this.stmts.db.transaction((): BatchOutcome => {
      const folderId = this.state.requireFolder(accountId, path);
      this.checkUidValidity(folderId, path, uidValidity);
      const out: BatchOutcome = { folderId, quarantined: [], newMessageIds: [], wasComplete: true, changed: false };
      const threads = new Set<number>();
      for (const b of bodies) {
        const m = this.mapping(folderId, b.uid);
        if (!m || m.message_row === null || m.headers_only !== 1) continue;
        if (!isParsed(b.parsed)) {
          this.quarantineUid(folderId, uidValidity, b.uid, b.parsed.failure, b.parsed.raw, out);
          continue;
        }
        const thread = this.bodies.replace(m.message_row, b.parsed);
        if (thread !== undefined) threads.add(thread);
        this.stmts.get('UPDATE imap_messages SET headers_only = 0 WHERE folder_id = ? AND uid = ?').run(folderId, b.uid);
      }
      this.summaries.refresh(threads);
      out.changed = threads.size > 0 || out.quarantined.length > 0;
      return out;
    });
    return run.immediate();
  }

  resetFolder(accountId: number, path: string, uidValidity: bigint): void {
    const run = this.stmts.db.transaction(() => {
      const folderId = this.state.requireFolder(accountId, path);
      // Only rows still living in this folder can be re-mapped here (a moved row is not ours).
      this.stmts
        .get(
          `INSERT OR IGNORE INTO imap_orphans(message_row, folder_id, headers_only)
           SELECT im.message_row, im.folder_id, im.headers_only FROM imap_messages im JOIN messages m ON m.id = im.message_row
           WHERE im.folder_id = ? AND m.folder_id = ?`,
        )
        .run(folderId, folderId);
      this.stmts.get('DELETE FROM imap_messages WHERE folder_id = ?').run(folderId);
      this.stmts.get('DELETE FROM imap_quarantine WHERE folder_id = ?').run(folderId);
      this.state.setCursor(folderId, { uidValidity, highestModseq: null, uidNext: null });
    });
    run.immediate();
  }

  quarantine(accountId: number, path: string, uidValidity: bigint, uid: number, reason: string, raw: Buffer | null): void {
    const run = this.stmts.db.transaction(() => {
      const folderId = this.state.requireFolder(accountId, path);
      this.checkUidValidity(folderId, path, uidValidity);
      this.quarantineUid(folderId, uidValidity, uid, reason, raw, { folderId, quarantined: [], newMessageIds: [], wasComplete: false, changed: false });
    });
    run.immediate();
  }

  private checkUidValidity(folderId: number, path: string, uidValidity: bigint): ReturnType<ImapFolderState['cursor']> {
    const cursor = this.state.cursor(folderId);
    if (cursor && cursor.uidValidity !== uidValidity) throw new UidValidityMismatchError(path, cursor.uidValidity, uidValidity);
    return cursor;
  }

  private mapping(folderId: number, uid: number): Mapping | undefined {
    return this.stmts.get<Mapping>('SELECT message_row, headers_only FROM imap_messages WHERE folder_id = ? AND uid = ?').get(folderId, uid);
  }

  private vanish(folderId: number, uids: number[], out: BatchOutcome): void {
    const rows = this.stmts
      .get<{ message_row: number | null }>('DELETE FROM imap_messages WHERE folder_id = ? AND uid IN (SELECT value FROM json_each(?)) RETURNING message_row')
      .all(folderId, JSON.stringify(uids));
    this.stmts.get('DELETE FROM imap_quarantine WHERE folder_id = ? AND uid IN (SELECT value FROM json_each(?))').run(folderId, JSON.stringify(uids));
    // A row moved locally to another folder, or still mapped by another UID, stays.
    const doomed = this.stmts
      .get<{ id: number }>(
        `SELECT id FROM messages m WHERE id IN (SELECT value FROM json_each(?)) AND folder_id = ?
         AND NOT EXISTS (SELECT 1 FROM imap_messages im WHERE im.message_row = m.id)`,
      )
      .all(JSON.stringify(rows.map((r) => r.message_row).filter((r) => r !== null)), folderId)
      .map((r) => r.id);
    if (this.deleter.delete(doomed).deleted > 0 || rows.length > 0) out.changed = true;
  }

  /** An added UID: update it if stored, quarantine it if unparsable, adopt a matching unmapped row, or queue it for insert. */
  private place(folderId: number, uidValidity: bigint, a: IncomingMessage, flagRows: { row: number; flags: string[] }[], toInsert: IncomingMessage[], threads: Set<number>, out: BatchOutcome): void {
    const existing = this.mapping(folderId, a.uid);
    if (existing && existing.message_row !== null) {
      this.stmts.get('UPDATE imap_messages SET flags = ?, modseq = ? WHERE folder_id = ? AND uid = ?').run(JSON.stringify(a.flags), a.modseq?.toString() ?? null, folderId, a.uid);
      flagRows.push({ row: existing.message_row, flags: a.flags });
      if (existing.headers_only === 1 && !a.headersOnly && isParsed(a.parsed)) this.fillBody(folderId, a.uid, existing.message_row, a.parsed, threads);
      return;
    }
    if (!isParsed(a.parsed)) {
      this.quarantineUid(folderId, uidValidity, a.uid, a.parsed.failure, a.parsed.raw, out);
      return;
    }
    if (existing) this.stmts.get('DELETE FROM imap_messages WHERE folder_id = ? AND uid = ?').run(folderId, a.uid);
    this.stmts.get('DELETE FROM imap_quarantine WHERE folder_id = ? AND uid = ?').run(folderId, a.uid);
    const adopt = this.stmts
      .get<{ id: number; orphan_headers_only: number | null }>(
        `SELECT m.id, o.headers_only AS orphan_headers_only FROM messages m LEFT JOIN imap_orphans o ON o.message_row = m.id
         WHERE m.folder_id = ? AND m.message_id = ? AND NOT EXISTS (SELECT 1 FROM imap_messages im WHERE im.message_row = m.id)
         ORDER BY (m.size = ?) DESC, m.id LIMIT 1`,
      )
      .get(folderId, stripAngles(a.parsed.messageId), a.size);
    if (!adopt) {
      toInsert.push(a);
      return;
    }
    this.stmts.get('DELETE FROM imap_orphans WHERE message_row = ?').run(adopt.id);
    const rowHeadersOnly = adopt.orphan_headers_only === 1;
    this.map(folderId, a, adopt.id, rowHeadersOnly && a.headersOnly);
    if (rowHeadersOnly && !a.headersOnly) this.fillBody(folderId, a.uid, adopt.id, a.parsed, threads);
    flagRows.push({ row: adopt.id, flags: a.flags });
    out.changed = true;
  }

  private fillBody(folderId: number, uid: number, row: number, parsed: ParsedMessage, threads: Set<number>): void {
    const thread = this.bodies.replace(row, parsed);
    if (thread !== undefined) threads.add(thread);
    this.stmts.get('UPDATE imap_messages SET headers_only = 0 WHERE folder_id = ? AND uid = ?').run(folderId, uid);
  }

  private insertNew(folderId: number, items: IncomingMessage[], flagRows: { row: number; flags: string[] }[], out: BatchOutcome): void {
    const parsed = items.map((a) => ({ ...(a.parsed as ParsedMessage), rawSize: a.size }));
    const result = this.writer.insert(folderId, parsed);
    const findDup = this.stmts.get<{ id: number }>('SELECT id FROM messages WHERE folder_id = ? AND message_id = ? AND size = ?');
    items.forEach((a, i) => {
      let row = result.ids[i];
      if (row === null) {
        // An identical copy (same Message-ID and size) is already stored: this UID maps to it too.
        row = findDup.get(folderId, stripAngles(parsed[i].messageId), a.size)?.id ?? null;
        if (row === null) return;
      } else {
        out.newMessageIds.push(row);
      }
      this.map(folderId, a, row, a.headersOnly);
      flagRows.push({ row, flags: a.flags });
    });
    if (result.inserted > 0) out.changed = true;
  }

  private map(folderId: number, a: IncomingMessage, row: number, headersOnly: boolean): void {
    this.stmts
      .get('INSERT OR REPLACE INTO imap_messages(folder_id, uid, message_row, flags, modseq, headers_only, size) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(folderId, a.uid, row, JSON.stringify(a.flags), a.modseq?.toString() ?? null, headersOnly ? 1 : 0, a.size);
  }

  /** Server flags → unread/flagged, with folder unread counters kept in step. */
  private applyFlags(items: { row: number; flags: string[] }[], threads: Set<number>): void {
    const read = this.stmts.get<{ folder_id: number; thread_id: number; unread: number; flagged: number }>('SELECT folder_id, thread_id, unread, flagged FROM messages WHERE id = ?');
    const write = this.stmts.get('UPDATE messages SET unread = ?, flagged = ? WHERE id = ?');
    for (const item of items) {
      const cur = read.get(item.row);
      if (!cur) continue;
      const want = localFlags(item.flags);
      if (cur.unread === want.unread && cur.flagged === want.flagged) continue;
      write.run(want.unread, want.flagged, item.row);
      if (cur.unread !== want.unread) this.folders.addToCounts(cur.folder_id, 0, want.unread - cur.unread);
      threads.add(cur.thread_id);
    }
  }

  private dropOrphans(folderId: number, out: BatchOutcome): void {
    const orphans = this.stmts.get<{ message_row: number }>('SELECT message_row FROM imap_orphans WHERE folder_id = ?').all(folderId).map((r) => r.message_row);
    if (orphans.length === 0) return;
    this.deleter.delete(orphans);
    this.stmts.get('DELETE FROM imap_orphans WHERE folder_id = ?').run(folderId);
    out.changed = true;
  }

  private quarantineUid(folderId: number, uidValidity: bigint, uid: number, reason: string, raw: Buffer | null, out: BatchOutcome): void {
    const existing = this.mapping(folderId, uid);
    if (existing?.message_row != null) {
      this.stmts.get('DELETE FROM imap_messages WHERE folder_id = ? AND uid = ?').run(folderId, uid);
      const still = this.stmts.get('SELECT 1 FROM imap_messages WHERE message_row = ?').get(existing.message_row);
      if (!still) this.deleter.delete([existing.message_row]);
    }
    this.stmts.get('INSERT OR REPLACE INTO imap_messages(folder_id, uid, message_row, flags, headers_only, size) VALUES (?, ?, NULL, \'[]\', 0, ?)').run(folderId, uid, raw?.length ?? 0);
    this.stmts
      .get('INSERT OR REPLACE INTO imap_quarantine(folder_id, uid, uid_validity, reason, raw, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(folderId, uid, uidValidity, reason, raw, Date.now());
    out.quarantined.push({ uid, reason });
    out.changed = true;
  }
}
