import { z } from 'zod';
import { method } from './contract';

const Id = z.number().int().positive();

export const Address = z.object({ name: z.string(), address: z.string() });
export type Address = z.infer<typeof Address>;

export const FolderRole = z.enum(['inbox', 'sent', 'drafts', 'trash', 'archive', 'junk', 'all', 'flagged']);
export type FolderRole = z.infer<typeof FolderRole>;

export const Account = z.object({
  id: Id,
  kind: z.enum(['local', 'imap']),
  name: z.string(),
  email: z.string().nullable(),
});
export type Account = z.infer<typeof Account>;

export const Folder = z.object({
  id: Id,
  accountId: Id,
  name: z.string(),
  /** Full path with '/' separators, e.g. "Archive/2024". */
  path: z.string(),
  role: FolderRole.nullable(),
  unreadCount: z.number().int(),
  totalCount: z.number().int(),
});
export type Folder = z.infer<typeof Folder>;

export const ThreadSummary = z.object({
  id: Id,
  subject: z.string(),
  /** Display names of senders in the thread, oldest first, unique. */
  participants: z.array(z.string()),
  snippet: z.string(),
  lastDate: z.number().int(),
  messageCount: z.number().int(),
  unreadCount: z.number().int(),
  flagged: z.boolean(),
  hasAttachments: z.boolean(),
});
export type ThreadSummary = z.infer<typeof ThreadSummary>;

export const AttachmentMeta = z.object({
  id: Id,
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  inline: z.boolean(),
  contentId: z.string().nullable(),
});
export type AttachmentMeta = z.infer<typeof AttachmentMeta>;

export const Message = z.object({
  id: Id,
  threadId: Id,
  accountId: Id,
  folderId: Id,
  messageId: z.string(),
  subject: z.string(),
  from: Address.nullable(),
  to: z.array(Address),
  cc: z.array(Address),
  date: z.number().int(),
  unread: z.boolean(),
  flagged: z.boolean(),
  snippet: z.string(),
  bodyText: z.string(),
  /** HTML sanitized at import time; the renderer sanitizes again before display. */
  bodyHtml: z.string().nullable(),
  hasRemoteContent: z.boolean(),
  /** True when the user allowed remote content for this message or its sender. */
  remoteContentAllowed: z.boolean(),
  attachments: z.array(AttachmentMeta),
});
export type Message = z.infer<typeof Message>;

export const SearchHit = z.object({
  id: Id,
  threadId: Id,
  folderId: Id,
  subject: z.string(),
  from: Address.nullable(),
  date: z.number().int(),
  /** Plain text excerpt; matched terms wrapped in \u0002 … \u0003 so the UI can mark them safely. */
  snippet: z.string(),
  unread: z.boolean(),
  flagged: z.boolean(),
  hasAttachments: z.boolean(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const ImportFailure = z.object({ file: z.string(), index: z.number().int(), reason: z.string() });

export const ImportResult = z.object({
  imported: z.number().int(),
  duplicates: z.number().int(),
  failed: z.array(ImportFailure),
  /** Folders that received mail: each mbox goes to a folder named after the file; .eml to "Inbox". */
  folderIds: z.array(Id),
});
export type ImportResult = z.infer<typeof ImportResult>;

const Mutation = z.object({ changed: z.number().int(), undoToken: z.string().nullable() });

const Page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) };

export const mailMethods = {
  listAccounts: method(z.object({}), z.array(Account)),
  listFolders: method(z.object({ accountId: Id.optional() }), z.array(Folder)),
  listThreads: method(
    z.object({ folderId: Id, ...Page }),
    z.object({ total: z.number().int(), items: z.array(ThreadSummary) }),
  ),
  getThread: method(z.object({ threadId: Id, folderId: Id.optional() }), z.object({ thread: ThreadSummary, messages: z.array(Message) })),
  getMessage: method(z.object({ id: Id }), Message),
  search: method(
    z.object({ query: z.string().max(1000), ...Page }),
    z.object({ total: z.number().int(), items: z.array(SearchHit) }),
  ),
  setRead: method(z.object({ messageIds: z.array(Id).min(1).max(10000), read: z.boolean() }), z.object({ changed: z.number().int() })),
  setFlagged: method(z.object({ messageIds: z.array(Id).min(1).max(10000), flagged: z.boolean() }), z.object({ changed: z.number().int() })),
  /** Remote content: allow for one message, or for every message from one sender. */
  allowRemoteContent: method(
    z.object({ messageId: Id, scope: z.enum(['message', 'sender']) }),
    z.object({ ok: z.literal(true) }),
  ),
  /** Threads of every account's INBOX together, newest first. */
  listUnifiedThreads: method(
    z.object({ ...Page }),
    z.object({ total: z.number().int(), items: z.array(ThreadSummary.extend({ accountId: Id, folderId: Id })) }),
  ),
  /**
   * Mutations are applied locally at once and sent to the server by the persisted task queue.
   * Each returns an undo token valid for a short while (null when the change cannot be undone).
   */
  move: method(z.object({ messageIds: z.array(Id).min(1).max(10000), toFolderId: Id }), Mutation),
  archive: method(z.object({ messageIds: z.array(Id).min(1).max(10000) }), Mutation),
  /** To Trash; messages already in Trash are deleted for good (no undo). */
  delete: method(z.object({ messageIds: z.array(Id).min(1).max(10000) }), Mutation),
  undo: method(z.object({ undoToken: z.string().min(1).max(200) }), z.object({ changed: z.number().int() })),
  getAttachment: method(
    z.object({ id: Id }),
    z.object({ filename: z.string(), contentType: z.string(), dataBase64: z.string() }),
  ),
  /** Import files readable by the core (CLI, desktop drag-and-drop with paths). */
  importFiles: method(
    z.object({ paths: z.array(z.string().min(1)).min(1).max(100000), folder: z.string().min(1).max(500).optional() }),
    ImportResult,
  ),
  /**
   * Streamed upload for the browser: begin, send base64 chunks in order (each ≤ 4 MiB decoded),
   * then commit. Messages are parsed and stored as chunks arrive; nothing is written in clear.
   */
  importBegin: method(
    z.object({ fileName: z.string().min(1).max(500), size: z.number().int().min(0), folder: z.string().min(1).max(500).optional() }),
    z.object({ uploadId: z.string() }),
  ),
  importChunk: method(z.object({ uploadId: z.string(), dataBase64: z.string().max(6 * 1024 * 1024) }), z.object({ received: z.number().int() })),
  importCommit: method(z.object({ uploadId: z.string() }), ImportResult),
};

export const ImportProgress = z.object({
  importId: z.string(),
  fileName: z.string(),
  messages: z.number().int(),
  bytesRead: z.number().int(),
  totalBytes: z.number().int(),
  done: z.boolean(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const mailEvents = {
  /** Rows changed in the store; the UI refreshes what it shows for these folders. */
  changed: z.object({ folderIds: z.array(Id), reason: z.enum(['import', 'flags', 'sync', 'delete', 'move']) }),
  importProgress: ImportProgress,
};
