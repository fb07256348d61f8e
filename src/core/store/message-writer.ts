import type { Address } from '../../shared/api/mail';
import type { ParsedMessage } from '../mail/types';
import type { FolderRepository } from './folder-repository';
import type { StatementCache } from './statements';
import type { ThreadSummaries } from './thread-summaries';
import { Threader, stripAngles } from './threading';
import type { InsertResult } from './types';

function peopleText(list: readonly Address[]): string {
  return list.map((a) => `${a.name} ${a.address}`.trim()).filter((s) => s !== '').join('; ');
}

/** \u0002/\u0003 mark search matches in snippets; text must not be able to forge them. */
function unmarked(text: string): string {
  return text.replaceAll('\u0002', '').replaceAll('\u0003', '');
}

function finiteInt(n: number, fallback: number): number {
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

/**
 * insertMessages: one transaction per batch. Statements are prepared once (StatementCache).
 * The batch's bodies are indexed in FTS by ONE statement, the last one: FTS5 flushes its
 * pending terms to disk whenever a statement opens a statement journal (most writes here do),
 * so indexing row by row, between other writes, made one index segment per message and kept
 * FTS5 merging them; a batch now becomes one segment (or a few, past FTS5's 1 MiB hash).
 */
export class MessageWriter {
  private readonly threader: Threader;
  /** Profiles created before 0030 lost its insert trigger still index through it; never index twice. */
  private readonly legacyInsertTrigger: boolean;

  constructor(
    private readonly stmts: StatementCache,
    private readonly folders: FolderRepository,
    private readonly summaries: ThreadSummaries,
  ) {
    this.threader = new Threader(stmts);
    this.legacyInsertTrigger = stmts.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'message_bodies_fts_insert'")
      .get() !== undefined;
  }

  insert(folderId: number, messages: readonly ParsedMessage[]): InsertResult {
    const run = this.stmts.db.transaction((): InsertResult => {
      const accountId = this.folders.accountOfFolder(folderId);
      const touched = new Set<number>();
      const ids: (number | null)[] = [];
      const now = Date.now();
      let unread = 0;
      for (const raw of messages) {
        const msg: ParsedMessage = { ...raw, messageId: stripAngles(raw.messageId), date: finiteInt(raw.date, now), rawSize: finiteInt(raw.rawSize, 0) };
        const dup = this.stmts.get('SELECT 1 FROM messages WHERE folder_id = ? AND message_id = ? AND size = ?').get(folderId, msg.messageId, msg.rawSize);
        if (dup) {
          ids.push(null);
          continue;
        }
        const threadId = this.threader.assign(accountId, msg, touched);
        const id = this.insertOne(accountId, folderId, threadId, msg, now);
        this.threader.register(accountId, msg, threadId);
        touched.add(threadId);
        ids.push(id);
        unread++;
      }
      this.summaries.refresh(touched);
      const newIds = ids.filter((id) => id !== null);
      const inserted = newIds.length;
      // New mail arrives unread; sync applies server flags afterwards through setRead/setFlagged.
      this.folders.addToCounts(folderId, inserted, unread);
      this.index(newIds);
      return { ids, inserted, duplicates: ids.length - inserted, folderIds: inserted > 0 ? [folderId] : [] };
    });
    return run.immediate();
  }

  /** Indexes the batch's new bodies in FTS (keep this the transaction's last write, see above). */
  private index(ids: readonly number[]): void {
    if (ids.length === 0 || this.legacyInsertTrigger) return;
    this.stmts
      .get(
        `INSERT INTO message_fts(rowid, subject, sender, recipients, body, attachments)
         SELECT id, subject, sender, recipients, body, attachments FROM message_bodies WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .run(JSON.stringify(ids));
  }

  private insertOne(accountId: number, folderId: number, threadId: number, msg: ParsedMessage, now: number): number {
    const info = this.stmts
      .get(
        `INSERT INTO messages(account_id, folder_id, thread_id, message_id, in_reply_to, date, subject, from_name, from_addr,
           to_json, cc_json, unread, flagged, has_attachments, has_remote_content, snippet, size, imported_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, ?, ?, ?, ?, ?)`,
      )
      .run(
        accountId, folderId, threadId, msg.messageId, msg.inReplyTo ? stripAngles(msg.inReplyTo) : null, msg.date, msg.subject,
        msg.from?.name ?? null, msg.from?.address ?? null, JSON.stringify(msg.to), JSON.stringify(msg.cc),
        msg.attachments.some((a) => !a.inline) ? 1 : 0, msg.hasRemoteContent ? 1 : 0, msg.snippet, msg.rawSize, now,
      );
    const id = Number(info.lastInsertRowid);
    this.stmts
      .get(
        `INSERT INTO message_bodies(id, subject, sender, recipients, body, attachments, html, reply_to_json, bcc_json, references_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id, unmarked(msg.subject), unmarked(msg.from ? peopleText([msg.from]) : ''), unmarked(peopleText([...msg.to, ...msg.cc, ...msg.bcc])),
        unmarked(msg.bodyText), unmarked(msg.attachments.map((a) => a.filename).join('\n')), msg.bodyHtml, JSON.stringify(msg.replyTo), JSON.stringify(msg.bcc),
        JSON.stringify(msg.references),
      );
    const insertAttachment = this.stmts.get(
      'INSERT INTO attachments(message_id, filename, content_type, size, content_id, inline, content) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const a of msg.attachments) {
      insertAttachment.run(id, a.filename, a.contentType, a.content.length, a.contentId ? stripAngles(a.contentId) : null, a.inline ? 1 : 0, a.content);
    }
    return id;
  }
}
