import type { AttachmentMeta, Message, ThreadSummary } from '../../shared/api/mail';
import { resolveCidReferences, MAX_INLINE_IMAGE_BYTES } from './inline-images';
import {
  MESSAGE_COLUMNS, displayName, parseAddresses, toAddress, toAttachmentMeta, toThreadSummary,
  type AttachmentRow, type MessageRow, type ThreadFolderRow,
} from './rows';
import type { StatementCache } from './statements';
import type { ThreadPage } from './types';

interface BodyRow { body: string; html: string | null }

/** Read side for the mail views: thread pages, whole threads, single messages, attachments. */
export class MessageReader {
  constructor(private readonly stmts: StatementCache) {}

  listThreads(folderId: number, offset: number, limit: number): ThreadPage {
    const total = this.stmts.get<{ n: number }>('SELECT count(*) AS n FROM thread_folders WHERE folder_id = ?').get(folderId)?.n ?? 0;
    const rows = this.stmts
      .get<ThreadFolderRow>(
        // The page is picked from the covering index alone, so OFFSET skips index entries, not rows.
        `WITH page AS (
           SELECT thread_id FROM thread_folders WHERE folder_id = @folder ORDER BY last_date DESC, thread_id DESC LIMIT @limit OFFSET @offset
         )
         SELECT tf.thread_id, t.subject, tf.participants, tf.snippet, tf.last_date, tf.message_count, tf.unread_count,
                tf.flagged_count, tf.attachment_count
         FROM page CROSS JOIN thread_folders tf ON tf.thread_id = page.thread_id AND tf.folder_id = @folder
         CROSS JOIN threads t ON t.id = tf.thread_id
         ORDER BY tf.last_date DESC, tf.thread_id DESC`,
      )
      .all({ folder: folderId, limit: Math.max(0, Math.trunc(limit)), offset: Math.max(0, Math.trunc(offset)) });
    return { total, items: rows.map(toThreadSummary) };
  }

  getThread(threadId: number, folderId?: number): { thread: ThreadSummary; messages: Message[] } | undefined {
    const head = this.stmts.get<{ subject: string }>('SELECT subject FROM threads WHERE id = ?').get(threadId);
    if (!head) return undefined;
    const rows = folderId === undefined
      ? this.stmts.get<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.thread_id = ? ORDER BY m.date, m.id`).all(threadId)
      : this.stmts.get<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.thread_id = ? AND m.folder_id = ? ORDER BY m.date, m.id`).all(threadId, folderId);
    if (rows.length === 0) return undefined;
    const messages = rows.map((r) => this.toMessage(r));
    const participants: string[] = [];
    for (const r of rows) {
      const who = displayName(r.from_name, r.from_addr);
      if (who !== '' && !participants.includes(who)) participants.push(who);
    }
    const last = rows[rows.length - 1];
    const thread: ThreadSummary = {
      id: threadId,
      subject: head.subject,
      participants,
      snippet: last.snippet,
      lastDate: last.date,
      messageCount: rows.length,
      unreadCount: rows.filter((r) => r.unread === 1).length,
      flagged: rows.some((r) => r.flagged === 1),
      hasAttachments: rows.some((r) => r.has_attachments === 1),
    };
    return { thread, messages };
  }

  getMessage(id: number): Message | undefined {
    const row = this.stmts.get<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id = ?`).get(id);
    return row ? this.toMessage(row) : undefined;
  }

  getAttachment(id: number): (AttachmentMeta & { content: Buffer }) | undefined {
    const row = this.stmts
      .get<AttachmentRow & { content: Buffer }>('SELECT id, filename, content_type, size, inline, content_id, content FROM attachments WHERE id = ?')
      .get(id);
    return row ? { ...toAttachmentMeta(row), content: row.content } : undefined;
  }

  private toMessage(r: MessageRow): Message {
    const body = this.stmts.get<BodyRow>('SELECT body, html FROM message_bodies WHERE id = ?').get(r.id);
    const attachments = this.stmts
      .get<AttachmentRow>('SELECT id, filename, content_type, size, inline, content_id FROM attachments WHERE message_id = ? ORDER BY id')
      .all(r.id);
    const allowed = this.stmts
      .get(
        `SELECT 1 FROM remote_content_allow
         WHERE (scope = 'message' AND value = ?) OR (scope = 'sender' AND value = lower(?)) LIMIT 1`,
      )
      .get(r.message_id, r.from_addr ?? '');
    let html = body?.html ?? null;
    if (html !== null && attachments.some((a) => a.content_id !== null)) html = this.inlineImages(r.id, html);
    return {
      id: r.id,
      threadId: r.thread_id,
      accountId: r.account_id,
      folderId: r.folder_id,
      messageId: r.message_id,
      subject: r.subject,
      from: toAddress(r.from_name, r.from_addr),
      to: parseAddresses(r.to_json),
      cc: parseAddresses(r.cc_json),
      date: r.date,
      unread: r.unread === 1,
      flagged: r.flagged === 1,
      snippet: r.snippet,
      bodyText: body?.body ?? '',
      bodyHtml: html,
      hasRemoteContent: r.has_remote_content === 1,
      remoteContentAllowed: allowed !== undefined,
      attachments: attachments.map(toAttachmentMeta),
    };
  }

  private inlineImages(messageId: number, html: string): string {
    // Only this message's image parts, and only those small enough to embed.
    const parts = this.stmts
      .get<{ content_id: string; content_type: string; content: Buffer }>(
        `SELECT content_id, content_type, content FROM attachments
         WHERE message_id = ? AND content_id IS NOT NULL AND lower(content_type) LIKE 'image/%' AND size <= ?`,
      )
      .all(messageId, MAX_INLINE_IMAGE_BYTES);
    return resolveCidReferences(html, parts.map((p) => ({ contentId: p.content_id, contentType: p.content_type, content: p.content })));
  }
}
