import { z } from 'zod';
import { Address } from '../../shared/api/mail';
import type { AttachmentMeta, ThreadSummary } from '../../shared/api/mail';

const AddressList = z.array(Address);
const NameList = z.array(z.string());

/** JSON columns are written by this store, but a damaged row must not crash a list view. */
export function parseAddresses(json: string): Address[] {
  try {
    const parsed = AddressList.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function parseNames(json: string): string[] {
  try {
    const parsed = NameList.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function toAddress(name: string | null, addr: string | null): Address | null {
  if (name === null && addr === null) return null;
  return { name: name ?? '', address: addr ?? '' };
}

export interface MessageRow {
  id: number;
  account_id: number;
  folder_id: number;
  thread_id: number;
  message_id: string;
  date: number;
  subject: string;
  from_name: string | null;
  from_addr: string | null;
  to_json: string;
  cc_json: string;
  unread: number;
  flagged: number;
  has_attachments: number;
  has_remote_content: number;
  snippet: string;
}

export const MESSAGE_COLUMNS =
  'm.id, m.account_id, m.folder_id, m.thread_id, m.message_id, m.date, m.subject, m.from_name, m.from_addr, m.to_json, m.cc_json, m.unread, m.flagged, m.has_attachments, m.has_remote_content, m.snippet';

export interface AttachmentRow {
  id: number;
  filename: string;
  content_type: string;
  size: number;
  inline: number;
  content_id: string | null;
}

export function toAttachmentMeta(r: AttachmentRow): AttachmentMeta {
  return { id: r.id, filename: r.filename, contentType: r.content_type, size: r.size, inline: r.inline === 1, contentId: r.content_id };
}

export interface ThreadFolderRow {
  thread_id: number;
  subject: string;
  participants: string;
  snippet: string;
  last_date: number;
  message_count: number;
  unread_count: number;
  flagged_count: number;
  attachment_count: number;
}

export function toThreadSummary(r: ThreadFolderRow): ThreadSummary {
  return {
    id: r.thread_id,
    subject: r.subject,
    participants: parseNames(r.participants),
    snippet: r.snippet,
    lastDate: r.last_date,
    messageCount: r.message_count,
    unreadCount: r.unread_count,
    flagged: r.flagged_count > 0,
    hasAttachments: r.attachment_count > 0,
  };
}

/** How a sender is shown in a participants list. */
export function displayName(name: string | null, addr: string | null): string {
  const n = (name ?? '').trim();
  return n !== '' ? n : (addr ?? '').trim();
}
