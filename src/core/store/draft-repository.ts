import type { ComposeMode, DraftAttachment } from '../../shared/api/compose';
import type { Db } from './connection';
import { StatementCache } from './statements';

export type DraftRemoteState = 'local-only' | 'pending' | 'synced';

/** One draft as stored (migration 0130). Addresses are kept as the user typed them. */
export interface DraftRow {
  id: number;
  accountId: number;
  /** With angle brackets. */
  messageId: string;
  mode: ComposeMode;
  sourceMessageId: number | null;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  html: string;
  inReplyTo: string | null;
  references: string[];
  revision: number;
  remoteState: DraftRemoteState;
  syncedRevision: number | null;
  syncTaskId: number | null;
  outboxId: number | null;
  sendError: string | null;
  createdAt: number;
  updatedAt: number;
}

export type NewDraft = Pick<DraftRow, 'accountId' | 'messageId' | 'mode' | 'sourceMessageId' | 'to' | 'cc' | 'bcc' | 'subject' | 'html' | 'inReplyTo' | 'references' | 'remoteState'>;
export type DraftEdit = Partial<Pick<DraftRow, 'accountId' | 'to' | 'cc' | 'bcc' | 'subject' | 'html'>>;

export interface DraftAttachmentRow extends DraftAttachment {
  draftId: number;
}

interface Row {
  id: number; account_id: number; message_id: string; mode: ComposeMode; source_message_id: number | null; to_json: string; cc_json: string;
  bcc_json: string; subject: string; html: string; in_reply_to: string | null; references_json: string; revision: number;
  remote_state: DraftRemoteState; synced_revision: number | null; sync_task_id: number | null; outbox_id: number | null;
  send_error: string | null; created_at: number; updated_at: number;
}

const COLUMNS = `id, account_id, message_id, mode, source_message_id, to_json, cc_json, bcc_json, subject, html, in_reply_to, references_json,
  revision, remote_state, synced_revision, sync_task_id, outbox_id, send_error, created_at, updated_at`;

function toRow(r: Row): DraftRow {
  return {
    id: r.id, accountId: r.account_id, messageId: r.message_id, mode: r.mode, sourceMessageId: r.source_message_id,
    to: JSON.parse(r.to_json) as string[], cc: JSON.parse(r.cc_json) as string[], bcc: JSON.parse(r.bcc_json) as string[],
    subject: r.subject, html: r.html, inReplyTo: r.in_reply_to, references: JSON.parse(r.references_json) as string[], revision: r.revision,
    remoteState: r.remote_state, syncedRevision: r.synced_revision, syncTaskId: r.sync_task_id, outboxId: r.outbox_id,
    sendError: r.send_error, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

interface AttachmentRow { id: number; draft_id: number; filename: string; content_type: string; size: number; content_id: string | null }

function toAttachment(r: AttachmentRow): DraftAttachmentRow {
  return { id: r.id, draftId: r.draft_id, filename: r.filename, contentType: r.content_type, size: r.size, contentId: r.content_id };
}

/** Drafts and their attachments. Synchronous; every method may run inside a caller's transaction. */
export class DraftRepository {
  private readonly stmts: StatementCache;
  constructor(readonly db: Db) {
    this.stmts = new StatementCache(db);
  }

  insert(d: NewDraft, now: number): number {
    return Number(this.stmts.get(
      `INSERT INTO drafts(account_id, message_id, mode, source_message_id, to_json, cc_json, bcc_json, subject, html, in_reply_to, references_json,
         remote_state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(d.accountId, d.messageId, d.mode, d.sourceMessageId, JSON.stringify(d.to), JSON.stringify(d.cc), JSON.stringify(d.bcc), d.subject, d.html,
      d.inReplyTo, JSON.stringify(d.references), d.remoteState, now, now).lastInsertRowid);
  }

  get(id: number): DraftRow | undefined {
    const r = this.stmts.get<Row>(`SELECT ${COLUMNS} FROM drafts WHERE id = ?`).get(id);
    return r ? toRow(r) : undefined;
  }

  byOutbox(outboxId: number): DraftRow | undefined {
    const r = this.stmts.get<Row>(`SELECT ${COLUMNS} FROM drafts WHERE outbox_id = ?`).get(outboxId);
    return r ? toRow(r) : undefined;
  }

  byMessageId(messageId: string): DraftRow | undefined {
    const r = this.stmts.get<Row>(`SELECT ${COLUMNS} FROM drafts WHERE message_id = ?`).get(messageId);
    return r ? toRow(r) : undefined;
  }

  list(): DraftRow[] {
    return this.stmts.get<Row>(`SELECT ${COLUMNS} FROM drafts ORDER BY updated_at DESC, id DESC`).all().map(toRow);
  }

  /** Drafts in the outbox whose outbox row reached an end (sent, failed, cancelled, or gone). */
  settledInOutbox(): Array<{ draft: DraftRow; outboxState: string | null; reason: string | null }> {
    return this.stmts.get<Row & { o_state: string | null; o_error: string | null }>(
      `SELECT ${COLUMNS.split(',').map((c) => `d.${c.trim()}`).join(', ')}, o.state AS o_state, o.last_error AS o_error
       FROM drafts d LEFT JOIN outbox o ON o.id = d.outbox_id
       WHERE d.outbox_id IS NOT NULL AND (o.id IS NULL OR o.state IN ('sent', 'failed', 'cancelled'))`,
    ).all().map((r) => ({ draft: toRow(r), outboxState: r.o_state, reason: r.o_error }));
  }

  /** Applies an edit and bumps the revision; false when `baseRevision` is not the current one. */
  update(id: number, baseRevision: number, edit: DraftEdit, remoteState: DraftRemoteState, now: number): boolean {
    const sets: string[] = [];
    const values: unknown[] = [];
    const set = (column: string, value: unknown) => { sets.push(`${column} = ?`); values.push(value); };
    if (edit.accountId !== undefined) set('account_id', edit.accountId);
    if (edit.to !== undefined) set('to_json', JSON.stringify(edit.to));
    if (edit.cc !== undefined) set('cc_json', JSON.stringify(edit.cc));
    if (edit.bcc !== undefined) set('bcc_json', JSON.stringify(edit.bcc));
    if (edit.subject !== undefined) set('subject', edit.subject);
    if (edit.html !== undefined) set('html', edit.html);
    set('remote_state', remoteState);
    set('updated_at', now);
    const sql = `UPDATE drafts SET ${sets.join(', ')}, revision = revision + 1 WHERE id = ? AND revision = ? AND outbox_id IS NULL`;
    return this.db.prepare(sql).run(...values, id, baseRevision).changes === 1;
  }

  /** A change that is not the user's typing (attachments) still makes a new revision to upload. */
  touch(id: number, remoteState: DraftRemoteState, now: number): number {
    this.stmts.get('UPDATE drafts SET revision = revision + 1, remote_state = ?, updated_at = ? WHERE id = ?').run(remoteState, now, id);
    return this.get(id)?.revision ?? 0;
  }

  setSyncTask(id: number, taskId: number | null): void {
    this.stmts.get('UPDATE drafts SET sync_task_id = ? WHERE id = ?').run(taskId, id);
  }

  /** The server holds `revision`; the draft counts as synced when nothing newer was saved meanwhile. */
  markSynced(id: number, revision: number): void {
    this.stmts.get(
      "UPDATE drafts SET synced_revision = ?, remote_state = CASE WHEN revision = ? THEN 'synced' ELSE remote_state END WHERE id = ?",
    ).run(revision, revision, id);
  }

  setOutbox(id: number, outboxId: number | null, sendError: string | null, now: number): void {
    this.stmts.get('UPDATE drafts SET outbox_id = ?, send_error = ?, updated_at = ? WHERE id = ?').run(outboxId, sendError, now, id);
  }

  delete(id: number): boolean {
    return this.stmts.get('DELETE FROM drafts WHERE id = ?').run(id).changes === 1;
  }

  // ---- attachments ----

  addAttachment(draftId: number, a: { filename: string; contentType: string; contentId: string | null; content: Buffer }, now: number): number {
    return Number(this.stmts.get(
      'INSERT INTO draft_attachments(draft_id, filename, content_type, size, content_id, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(draftId, a.filename, a.contentType, a.content.length, a.contentId, a.content, now).lastInsertRowid);
  }

  attachments(draftId: number): DraftAttachmentRow[] {
    return this.stmts.get<AttachmentRow>('SELECT id, draft_id, filename, content_type, size, content_id FROM draft_attachments WHERE draft_id = ? ORDER BY id')
      .all(draftId).map(toAttachment);
  }

  attachment(id: number): (DraftAttachmentRow & { content: Buffer }) | undefined {
    const r = this.stmts.get<AttachmentRow & { content: Buffer }>(
      'SELECT id, draft_id, filename, content_type, size, content_id, content FROM draft_attachments WHERE id = ?',
    ).get(id);
    return r ? { ...toAttachment(r), content: r.content } : undefined;
  }

  attachmentContents(draftId: number): Array<DraftAttachmentRow & { content: Buffer }> {
    return this.stmts.get<AttachmentRow & { content: Buffer }>(
      'SELECT id, draft_id, filename, content_type, size, content_id, content FROM draft_attachments WHERE draft_id = ? ORDER BY id',
    ).all(draftId).map((r) => ({ ...toAttachment(r), content: r.content }));
  }

  totalAttachmentBytes(draftId: number): number {
    return this.stmts.get<{ n: number }>('SELECT coalesce(sum(size), 0) AS n FROM draft_attachments WHERE draft_id = ?').get(draftId)?.n ?? 0;
  }

  removeAttachment(draftId: number, attachmentId: number): boolean {
    return this.stmts.get('DELETE FROM draft_attachments WHERE id = ? AND draft_id = ?').run(attachmentId, draftId).changes === 1;
  }

  /** Reply-To, Bcc, References and In-Reply-To of a stored message (the API's Message lacks them). */
  /** The message came from IMAP and only its headers are here yet (its body and attachments follow). */
  bodyPending(messageId: number): boolean {
    return this.stmts.get('SELECT 1 FROM imap_messages WHERE message_row = ? AND headers_only = 1 LIMIT 1').get(messageId) !== undefined;
  }

  sourceHeaders(messageId: number): {
    replyTo: Array<{ name: string; address: string }>; bcc: Array<{ name: string; address: string }>; references: string[]; inReplyTo: string | null;
  } | undefined {
    const r = this.stmts.get<{ reply_to_json: string | null; bcc_json: string | null; references_json: string | null; in_reply_to: string | null }>(
      'SELECT b.reply_to_json, b.bcc_json, b.references_json, m.in_reply_to FROM messages m LEFT JOIN message_bodies b ON b.id = m.id WHERE m.id = ?',
    ).get(messageId);
    if (!r) return undefined;
    return {
      replyTo: JSON.parse(r.reply_to_json ?? '[]') as Array<{ name: string; address: string }>,
      bcc: JSON.parse(r.bcc_json ?? '[]') as Array<{ name: string; address: string }>,
      references: JSON.parse(r.references_json ?? '[]') as string[],
      inReplyTo: r.in_reply_to,
    };
  }
}
