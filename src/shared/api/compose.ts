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

export const composeMethods = {
  send: method(SendInput, SendResult),
  /** Cancels a send still inside its undo window (or still scheduled); refused once it has started. */
  undoSend: method(z.object({ outboxId: Id }), z.object({ ok: z.literal(true) })),
  listOutbox: method(z.object({}), z.array(OutboxEntry)),
};
