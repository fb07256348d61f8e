import type { Address } from '../../../shared/api/mail';
import { parseAddressList } from '../../compose/addresses';
import { buildMime } from '../../compose/build-message';
import type { ComposeAttachment } from '../../compose/types';
import type { DraftAttachmentRow, DraftRow } from '../../store/draft-repository';

/** Entries that do not parse yet (the user is still typing) are left out of the server copy, never refused. */
function lenient(list: readonly string[]): Address[] {
  return list.flatMap((entry) => {
    try {
      return parseAddressList(entry);
    } catch {
      return [];
    }
  });
}

export function draftAttachmentsForMime(rows: ReadonlyArray<DraftAttachmentRow & { content: Buffer }>): ComposeAttachment[] {
  return rows.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content, ...(a.contentId ? { cid: a.contentId } : {}) }));
}

/**
 * The draft as the MIME message stored in the IMAP Drafts folder (same Message-ID as when sent).
 * It carries a Bcc header so another client opening it keeps those recipients; the sent message never does.
 */
export function draftCopyMime(d: DraftRow, from: Address, attachments: ReadonlyArray<DraftAttachmentRow & { content: Buffer }>): Promise<Buffer> {
  return buildMime({
    from, to: lenient(d.to), cc: lenient(d.cc), bcc: lenient(d.bcc), subject: d.subject, html: d.html, date: d.updatedAt,
    messageId: d.messageId, inReplyTo: d.inReplyTo, references: d.references, attachments: draftAttachmentsForMime(attachments),
  }, { draftCopyWithBcc: true });
}
