import type { Address } from '../../shared/api/mail';
import type { ParsedMessage } from '../mail/types';
import type { StatementCache } from './statements';
import { stripAngles } from './threading';

function peopleText(list: readonly Address[]): string {
  return list.map((a) => `${a.name} ${a.address}`.trim()).filter((s) => s !== '').join('; ');
}

/** Same rule as message-writer.ts: stored text must not forge the search-match markers. */
function unmarked(text: string): string {
  return text.replaceAll('\u0002', '').replaceAll('\u0003', '');
}

/**
 * Headers-first sync: a row stored from the header block alone gets its full body later.
 * Updates the body row (the 0030 trigger re-indexes FTS), replaces attachments and the
 * list-visible columns; the caller refreshes the thread summaries it returns.
 */
export class MessageBodyReplacer {
  constructor(private readonly stmts: StatementCache) {}

  /** Returns the row's thread id, or undefined when the row is gone. */
  replace(messageRow: number, msg: ParsedMessage): number | undefined {
    const row = this.stmts.get<{ thread_id: number }>('SELECT thread_id FROM messages WHERE id = ?').get(messageRow);
    if (!row) return undefined;
    this.stmts
      .get(
        `UPDATE message_bodies SET subject = ?, sender = ?, recipients = ?, body = ?, attachments = ?, html = ?,
           reply_to_json = ?, bcc_json = ?, references_json = ? WHERE id = ?`,
      )
      .run(
        unmarked(msg.subject), unmarked(msg.from ? peopleText([msg.from]) : ''), unmarked(peopleText([...msg.to, ...msg.cc, ...msg.bcc])),
        unmarked(msg.bodyText), unmarked(msg.attachments.map((a) => a.filename).join('\n')), msg.bodyHtml,
        JSON.stringify(msg.replyTo), JSON.stringify(msg.bcc), JSON.stringify(msg.references), messageRow,
      );
    this.stmts.get('DELETE FROM attachments WHERE message_id = ?').run(messageRow);
    const insert = this.stmts.get(
      'INSERT INTO attachments(message_id, filename, content_type, size, content_id, inline, content) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const a of msg.attachments) {
      insert.run(messageRow, a.filename, a.contentType, a.content.length, a.contentId ? stripAngles(a.contentId) : null, a.inline ? 1 : 0, a.content);
    }
    this.stmts
      .get('UPDATE messages SET has_attachments = ?, has_remote_content = ?, snippet = ? WHERE id = ?')
      .run(msg.attachments.some((a) => !a.inline) ? 1 : 0, msg.hasRemoteContent ? 1 : 0, msg.snippet, messageRow);
    return row.thread_id;
  }
}
