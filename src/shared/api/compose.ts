import { z } from 'zod';
import { method } from './contract';

const Id = z.number().int().positive();

export const ComposeAttachment = z.object({
  filename: z.string().min(1).max(255),
  contentType: z.string().min(1).max(200),
  dataBase64: z.string(),
});
export type ComposeAttachment = z.infer<typeof ComposeAttachment>;

/** Addresses as the user typed them ("Ann <ann@x.org>"); the core parses and validates each. */
const Addresses = z.array(z.string().max(1000)).max(500);

export const SendInput = z.object({
  accountId: Id,
  to: Addresses,
  cc: Addresses.optional(),
  bcc: Addresses.optional(),
  subject: z.string().max(2000),
  html: z.string().optional(),
  text: z.string().optional(),
  attachments: z.array(ComposeAttachment).max(100).optional(),
  /** Message-ID of the message replied to, with or without angle brackets. */
  inReplyTo: z.string().max(1000).optional(),
  references: z.array(z.string().max(1000)).max(200).optional(),
  /** Send later: epoch ms. Kept across restarts; sent on next start when the time passed meanwhile. */
  sendAt: z.number().int().positive().optional(),
});
export type SendInput = z.infer<typeof SendInput>;

export const SendResult = z.object({
  outboxId: Id,
  /** "<...@...>", fixed when the message was created; retries and the Sent copy keep it. */
  messageId: z.string(),
  /** Epoch ms until which compose.undoSend cancels the send (the send-later time when scheduled). */
  undoUntil: z.number().int(),
});
export type SendResult = z.infer<typeof SendResult>;

export const OutboxState = z.enum(['queued', 'scheduled', 'sending', 'sent', 'failed', 'cancelled']);
export type OutboxState = z.infer<typeof OutboxState>;

export const OutboxEntry = z.object({
  id: Id,
  accountId: Id,
  messageId: z.string(),
  subject: z.string(),
  recipients: z.array(z.string()),
  state: OutboxState,
  /** When it may go (end of the undo window, or the send-later time). */
  dueAt: z.number().int(),
  scheduled: z.boolean(),
  attempts: z.number().int(),
  /** Why it waits or failed: the server's words when it gave any. */
  reason: z.string().nullable(),
  createdAt: z.number().int(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

const composeSendMethods = {
  send: method(SendInput, SendResult),
  /** Cancels a send still inside its undo window (or still scheduled); refused once it has started. */
  undoSend: method(z.object({ outboxId: Id }), z.object({ ok: z.literal(true) })),
  listOutbox: method(z.object({}), z.array(OutboxEntry)),
};

// ---- Drafts, templates, address suggestions, settings (issue 4, part 2) ----

export const ComposeMode = z.enum(['new', 'reply', 'reply-all', 'forward']);
export type ComposeMode = z.infer<typeof ComposeMode>;

/** An attachment kept with a draft, stored encrypted in the profile. Content fetched separately. */
export const DraftAttachment = z.object({
  id: Id,
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /** Set for inline images: the body refers to them as cid:<contentId>. */
  contentId: z.string().nullable(),
});
export type DraftAttachment = z.infer<typeof DraftAttachment>;

export const Draft = z.object({
  id: Id,
  accountId: Id,
  /** "<...@...>" fixed when the draft was created; the sent message keeps it. */
  messageId: z.string(),
  mode: ComposeMode,
  /** Local message this draft replies to or forwards, when any. */
  sourceMessageId: Id.nullable(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  bcc: z.array(z.string()),
  subject: z.string(),
  /** Composer HTML (sanitized by the core on save); the text part is generated at send time. */
  html: z.string(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  attachments: z.array(DraftAttachment),
  /** Bumped on every save; a save with an older `baseRevision` is refused (another window saved). */
  revision: z.number().int(),
  updatedAt: z.number().int(),
  /** Where the IMAP Drafts copy stands: not an IMAP account, waiting, or stored on the server. */
  remote: z.enum(['local-only', 'pending', 'synced']),
  /** Set while the draft sits in the outbox (it is then read-only until taken back). */
  outboxId: Id.nullable(),
  /** Why the last send failed (the server's words when it gave any); cleared when sent again. */
  sendError: z.string().nullable().optional(),
});
export type Draft = z.infer<typeof Draft>;

export const DraftSummary = Draft.pick({ id: true, accountId: true, subject: true, to: true, updatedAt: true, remote: true, mode: true }).extend({
  snippet: z.string(),
});
export type DraftSummary = z.infer<typeof DraftSummary>;

export const DraftChanges = z.object({
  draftId: Id,
  baseRevision: z.number().int(),
  accountId: Id.optional(),
  to: Addresses.optional(),
  cc: Addresses.optional(),
  bcc: Addresses.optional(),
  subject: z.string().max(2000).optional(),
  html: z.string().max(20 * 1024 * 1024).optional(),
});

export const Template = z.object({ id: Id, name: z.string(), subject: z.string(), html: z.string(), updatedAt: z.number().int() });
export type Template = z.infer<typeof Template>;

export const AddressSuggestion = z.object({
  name: z.string(),
  address: z.string(),
  /** Contacts come first; then people the user has written to, most frequent first. */
  source: z.enum(['contact', 'sent', 'received']),
});
export type AddressSuggestion = z.infer<typeof AddressSuggestion>;

export const ComposeSettings = z.object({
  /** Undo-send window in seconds (0 turns it off). */
  undoSendSeconds: z.number().int().min(0).max(60),
  /** Signature HTML per account id (as a string key). */
  signatures: z.record(z.string(), z.string().max(100_000)),
});
export type ComposeSettings = z.infer<typeof ComposeSettings>;

const composeDraftMethods = {
  /**
   * Starts a draft: a Message-ID is made now and kept through sending. For reply/reply-all/forward
   * the core fills recipients, subject, quoted body, In-Reply-To/References (and, for forward,
   * the original attachments) from the local message `sourceMessageId`. The account's signature
   * is inserted. `templateId` starts from a template. Mode 'new' with a `sourceMessageId` in a
   * Drafts folder opens that saved draft for editing (same Message-ID; the same local draft when
   * opened again).
   */
  createDraft: method(
    z.object({ mode: ComposeMode, accountId: Id.optional(), sourceMessageId: Id.optional(), templateId: Id.optional() }),
    Draft,
  ),
  /** Autosave: only the fields given change. Refused with CONFLICT when baseRevision is stale. */
  saveDraft: method(DraftChanges, z.object({ revision: z.number().int(), updatedAt: z.number().int() })),
  getDraft: method(z.object({ draftId: Id }), Draft),
  listDrafts: method(z.object({}), z.array(DraftSummary)),
  /** Deletes the local draft, its attachments and the IMAP Drafts copy (by a persisted task). */
  discardDraft: method(z.object({ draftId: Id }), z.object({ ok: z.literal(true) })),
  /** Queues the draft in the outbox (undo window, or `sendAt` for send later). Validates first. */
  sendDraft: method(z.object({ draftId: Id, sendAt: z.number().int().positive().optional() }), SendResult),
  /** Takes a queued or failed message back out of the outbox into its draft, for editing. */
  editOutbox: method(z.object({ outboxId: Id }), Draft),
  addAttachment: method(
    z.object({
      draftId: Id,
      filename: z.string().min(1).max(255),
      contentType: z.string().min(1).max(200),
      dataBase64: z.string().max(48 * 1024 * 1024),
      /** Inline image: the core assigns a Content-ID the composer uses as cid:… */
      inline: z.boolean().optional(),
    }),
    z.object({ attachment: DraftAttachment, revision: z.number().int(), totalBytes: z.number().int(), sizeLimitBytes: z.number().int().nullable() }),
  ),
  removeAttachment: method(z.object({ draftId: Id, attachmentId: Id }), z.object({ revision: z.number().int() })),
  getDraftAttachment: method(z.object({ attachmentId: Id }), z.object({ filename: z.string(), contentType: z.string(), dataBase64: z.string() })),
  suggestAddresses: method(z.object({ query: z.string().max(320), limit: z.number().int().min(1).max(50).default(8) }), z.array(AddressSuggestion)),
  listTemplates: method(z.object({}), z.array(Template)),
  /** Creates (no id) or replaces a template; `fromDraftId` copies subject and body of a draft. */
  saveTemplate: method(
    z.object({ id: Id.optional(), name: z.string().min(1).max(200), subject: z.string().max(2000).optional(), html: z.string().max(5_000_000).optional(), fromDraftId: Id.optional() }),
    Template,
  ),
  deleteTemplate: method(z.object({ id: Id }), z.object({ ok: z.literal(true) })),
  getSettings: method(z.object({}), ComposeSettings),
  updateSettings: method(ComposeSettings.partial(), ComposeSettings),
};

export const composeMethods = { ...composeSendMethods, ...composeDraftMethods };

export const composeEvents = {
  /** The outbox changed (queued, sending, sent, failed, cancelled); the Outbox view refreshes. */
  outboxChanged: z.object({ outboxId: Id, state: OutboxState, reason: z.string().nullable() }),
  /** A draft was saved, synced to the server or discarded (another window may show it). */
  draftsChanged: z.object({ draftId: Id, change: z.enum(['saved', 'synced', 'discarded', 'queued']) }),
};
