import { randomUUID } from 'node:crypto';
import type { ComposeMode, Draft, DraftAttachment, DraftSummary } from '../../../shared/api/compose';
import type { Account, Address, Message } from '../../../shared/api/mail';
import { PmsyncError } from '../../../shared/errors';
import { systemClock, type Clock } from '../../../sync/imap/clock';
import { formatAddressList } from '../../compose/addresses';
import { newMessageId } from '../../compose/build-message';
import { draftHtmlToText } from '../../compose/draft-text';
import { textToHtml } from '../../compose/quote';
import type { ComposeAttachment } from '../../compose/types';
import type { EventHub } from '../../events';
import type { DraftEdit, DraftRepository, DraftRow } from '../../store/draft-repository';
import type { ComposeSettingsRepository } from '../../store/draft-settings';
import type { TemplateRepository } from '../../store/template-repository';
import type { ProfileStore } from '../../store/types';
import type { TaskQueue } from '../tasks/task-queue';
import { cleanDraftHtml, draftStart } from './draft-content';
import { DRAFT_REMOVE_KIND, DRAFT_SYNC_KIND } from './draft-sync-task';

/**
 * An upload waits this long after a save, so typing (autosaved every few seconds) sends one copy
 * per pause rather than one per save. Sending makes it due at once (see DraftSending).
 */
export const DRAFT_UPLOAD_SETTLE_MS = 3_000;
/** Without a SIZE the server announced, the limit most providers use. */
export const DEFAULT_SIZE_LIMIT_BYTES = 25 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface DraftServiceOptions {
  store: ProfileStore;
  events: EventHub;
  tasks: TaskQueue;
  drafts: DraftRepository;
  templates: TemplateRepository;
  settings: ComposeSettingsRepository;
  /** The From of an account whose server keeps a Drafts copy (IMAP); undefined for local accounts. */
  remoteFromOf(accountId: number): Address | undefined;
  /** The largest message the account's SMTP server said it accepts; null when unknown. */
  sizeLimitOf?(accountId: number): number | null;
  clock?: Clock;
}

export interface DraftChangesInput extends DraftEdit {
  draftId: number;
  baseRevision: number;
}

function notFound(draftId: number): PmsyncError {
  return new PmsyncError('NOT_FOUND', `There is no draft ${draftId}.`, 'It may have been sent or discarded in another window; refresh the Drafts list.');
}

/**
 * Drafts: created with their Message-ID, autosaved with a revision check, attachments kept in
 * the encrypted profile, and every saved revision mirrored to the IMAP Drafts folder by a
 * persisted task (draft-sync-task.ts). Sending lives in draft-sending.ts.
 */
export class DraftService {
  readonly clock: Clock;
  constructor(readonly o: DraftServiceOptions) {
    this.clock = o.clock ?? systemClock;
  }

  createDraft(input: { mode: ComposeMode; accountId?: number; sourceMessageId?: number; templateId?: number }): Draft {
    if (input.mode !== 'new' && input.sourceMessageId === undefined) {
      throw new PmsyncError('INVALID_INPUT', `A ${input.mode} needs the message it answers (sourceMessageId).`, 'Open the message, then reply or forward from it.');
    }
    const source = input.sourceMessageId !== undefined ? this.o.store.getMessage(input.sourceMessageId) : undefined;
    if (input.sourceMessageId !== undefined && !source) {
      throw new PmsyncError('NOT_FOUND', `Message ${input.sourceMessageId} is not in this profile any more.`, 'Refresh the folder and open the message again.');
    }
    if (input.mode === 'new' && source && this.o.store.getFolder(source.folderId)?.role === 'drafts') return this.continueServerDraft(source);
    // A forward must carry the original's attachments: never start one without them.
    if (input.mode === 'forward' && source && this.o.drafts.bodyPending(source.id)) {
      throw new PmsyncError('NOT_READY', `"${source.subject || '(no subject)'}" is still being downloaded, so its attachments are not here yet.`, 'Forward it again in a moment; the sync status shows the download.');
    }
    const accounts = this.o.store.listAccounts();
    const account = this.pickAccount(accounts, input.accountId ?? source?.accountId);
    const template = input.templateId !== undefined ? this.o.templates.get(input.templateId) : undefined;
    if (input.templateId !== undefined && !template) {
      throw new PmsyncError('NOT_FOUND', `There is no template ${input.templateId}.`, 'Choose another template from the list.');
    }
    const headers = source ? this.o.drafts.sourceHeaders(source.id) : undefined;
    const start = draftStart({
      mode: input.mode,
      source: source ? { ...source, replyTo: headers?.replyTo ?? [], references: headers?.references ?? [], inReplyTo: headers?.inReplyTo ?? null } : undefined,
      sourceAttachments: source && input.mode !== 'new' ? this.sourceAttachments(source.attachments.filter((a) => input.mode === 'forward' || a.contentId).map((a) => a.id)) : [],
      myAddresses: accounts.map((a) => a.email).filter((e): e is string => !!e),
      signatureHtml: this.o.settings.get().signatures[String(account.id)],
      template,
    });
    const now = this.clock.now();
    const remote = this.o.remoteFromOf(account.id) ? 'pending' : 'local-only';
    const id = this.o.store.transaction(() => {
      const draftId = this.o.drafts.insert({
        accountId: account.id, messageId: `<${newMessageId(account.email ?? 'pmsync.localhost')}>`, mode: input.mode,
        sourceMessageId: source?.id ?? null, to: start.to, cc: start.cc, bcc: [], subject: start.subject, html: start.html,
        inReplyTo: start.inReplyTo, references: start.references, remoteState: remote,
      }, now);
      for (const a of start.attachments) this.o.drafts.addAttachment(draftId, { filename: a.filename, contentType: a.contentType, contentId: a.cid ?? null, content: a.content }, now);
      return draftId;
    });
    this.o.events.emit('compose.draftsChanged', { draftId: id, change: 'saved' });
    return this.getDraft(id);
  }

  /**
   * Opens a message of a Drafts folder (saved by another client, or by PMSync on another
   * computer) as a draft. It keeps that Message-ID, so the next upload replaces that very copy;
   * opened again, it is the same local draft.
   */
  private continueServerDraft(source: Message): Draft {
    // A message stored without a Message-ID got a made-up one; a draft needs a real one.
    const messageId = /@pmsync\.invalid$/i.test(source.messageId) ? `<${newMessageId(this.accountEmail(source.accountId))}>` : `<${source.messageId}>`;
    const existing = this.o.drafts.byMessageId(messageId);
    if (existing) return this.getDraft(existing.id);
    const headers = this.o.drafts.sourceHeaders(source.id);
    const typed = (list: Address[]) => list.map((a) => formatAddressList([a]));
    const now = this.clock.now();
    const remote = this.o.remoteFromOf(source.accountId) ? 'pending' : 'local-only';
    const attachments = this.sourceAttachments(source.attachments.map((a) => a.id));
    const id = this.o.store.transaction(() => {
      const draftId = this.o.drafts.insert({
        accountId: source.accountId, messageId, mode: headers?.inReplyTo ? 'reply' : 'new', sourceMessageId: source.id,
        to: typed(source.to), cc: typed(source.cc), bcc: typed(headers?.bcc ?? []), subject: source.subject,
        html: cleanDraftHtml(source.bodyHtml ?? textToHtml(source.bodyText)), inReplyTo: headers?.inReplyTo ?? null,
        references: headers?.references ?? [], remoteState: remote,
      }, now);
      for (const a of attachments) this.o.drafts.addAttachment(draftId, { filename: a.filename, contentType: a.contentType, contentId: a.cid ?? null, content: a.content }, now);
      // The server holds this version already: nothing to upload until it changes.
      if (remote === 'pending') this.o.drafts.markSynced(draftId, 1);
      return draftId;
    });
    this.o.events.emit('compose.draftsChanged', { draftId: id, change: 'saved' });
    return this.getDraft(id);
  }

  getDraft(draftId: number): Draft {
    const d = this.o.drafts.get(draftId);
    if (!d) throw notFound(draftId);
    return toDraft(d, this.o.drafts.attachments(draftId));
  }

  /** Drafts being written; one waiting in the outbox shows there instead. */
  listDrafts(): DraftSummary[] {
    return this.o.drafts.list().filter((d) => d.outboxId === null).map((d) => ({
      id: d.id, accountId: d.accountId, subject: d.subject, to: d.to, updatedAt: d.updatedAt, remote: d.remoteState, mode: d.mode,
      snippet: draftHtmlToText(d.html).replace(/\s+/g, ' ').trim().slice(0, 160),
    }));
  }

  saveDraft(input: DraftChangesInput): { revision: number; updatedAt: number } {
    const d = this.editable(input.draftId);
    if (input.baseRevision !== d.revision) {
      throw new PmsyncError(
        'CONFLICT',
        `The draft "${d.subject || '(no subject)'}" was changed elsewhere (revision ${d.revision}; this edit started from ${input.baseRevision}).`,
        'Reload the draft to see the newer version, then make your change again.',
      );
    }
    const { draftId, baseRevision, ...edit } = input;
    if (edit.accountId !== undefined && edit.accountId !== d.accountId) this.pickAccount(this.o.store.listAccounts(), edit.accountId);
    if (edit.html !== undefined) edit.html = cleanDraftHtml(edit.html);
    const accountId = edit.accountId ?? d.accountId;
    const now = this.clock.now();
    const remote = this.o.remoteFromOf(accountId) ? 'pending' : 'local-only';
    this.o.store.transaction(() => {
      if (!this.o.drafts.update(draftId, baseRevision, edit, remote, now)) throw notFound(draftId);
      // Moving a draft to another account: the old account's server copy goes.
      if (accountId !== d.accountId && d.remoteState !== 'local-only') this.queueRemoval(d.accountId, d.messageId, now);
      this.queueSync(draftId, accountId, now);
    });
    this.o.tasks.kick();
    this.o.events.emit('compose.draftsChanged', { draftId, change: 'saved' });
    return { revision: baseRevision + 1, updatedAt: now };
  }

  /** Deletes the draft and its attachments here, and (by a persisted task) every copy on the server. */
  discardDraft(draftId: number): { ok: true } {
    const d = this.o.drafts.get(draftId);
    if (!d) throw notFound(draftId);
    if (d.outboxId !== null) {
      throw new PmsyncError('INVALID_INPUT', `The draft "${d.subject || '(no subject)'}" is in the outbox.`, 'Undo the send or take it back from the Outbox first, then discard it.');
    }
    const now = this.clock.now();
    this.o.store.transaction(() => {
      this.o.drafts.delete(draftId);
      if (d.remoteState !== 'local-only') this.queueRemoval(d.accountId, d.messageId, now);
    });
    this.o.tasks.kick();
    this.o.events.emit('compose.draftsChanged', { draftId, change: 'discarded' });
    return { ok: true };
  }

  addAttachment(input: { draftId: number; filename: string; contentType: string; dataBase64: string; inline?: boolean }) {
    const d = this.editable(input.draftId);
    const clean = input.dataBase64.replace(/\s+/g, '');
    if (clean.length % 4 !== 0 || !BASE64.test(clean)) {
      throw new PmsyncError('INVALID_INPUT', `The attachment "${input.filename}" is not valid base64.`, 'Send attachment data as standard base64 with padding.');
    }
    const content = Buffer.from(clean, 'base64');
    const now = this.clock.now();
    const contentId = input.inline ? `${randomUUID()}@pmsync` : null;
    const result = this.o.store.transaction(() => {
      const id = this.o.drafts.addAttachment(d.id, { filename: input.filename, contentType: input.contentType, contentId, content }, now);
      const revision = this.o.drafts.touch(d.id, this.remoteStateOf(d.accountId), now);
      this.queueSync(d.id, d.accountId, now);
      return { id, revision };
    });
    this.o.tasks.kick();
    this.o.events.emit('compose.draftsChanged', { draftId: d.id, change: 'saved' });
    const attachment: DraftAttachment = { id: result.id, filename: input.filename, contentType: input.contentType, size: content.length, contentId };
    return { attachment, revision: result.revision, totalBytes: this.o.drafts.totalAttachmentBytes(d.id), sizeLimitBytes: this.o.sizeLimitOf?.(d.accountId) ?? DEFAULT_SIZE_LIMIT_BYTES };
  }

  removeAttachment(draftId: number, attachmentId: number): { revision: number } {
    const d = this.editable(draftId);
    const now = this.clock.now();
    const revision = this.o.store.transaction(() => {
      if (!this.o.drafts.removeAttachment(draftId, attachmentId)) {
        throw new PmsyncError('NOT_FOUND', `The draft has no attachment ${attachmentId}.`, 'Reload the draft.');
      }
      const rev = this.o.drafts.touch(draftId, this.remoteStateOf(d.accountId), now);
      this.queueSync(draftId, d.accountId, now);
      return rev;
    });
    this.o.tasks.kick();
    this.o.events.emit('compose.draftsChanged', { draftId, change: 'saved' });
    return { revision };
  }

  getDraftAttachment(attachmentId: number): { filename: string; contentType: string; dataBase64: string } {
    const a = this.o.drafts.attachment(attachmentId);
    if (!a) throw new PmsyncError('NOT_FOUND', `There is no draft attachment ${attachmentId}.`, 'Reload the draft.');
    return { filename: a.filename, contentType: a.contentType, dataBase64: a.content.toString('base64') };
  }

  /** A draft that may change: it exists and is not waiting in the outbox. */
  editable(draftId: number): DraftRow {
    const d = this.o.drafts.get(draftId);
    if (!d) throw notFound(draftId);
    if (d.outboxId !== null) {
      throw new PmsyncError('CONFLICT', `The draft "${d.subject || '(no subject)'}" is in the outbox and cannot change now.`, 'Undo the send, or take it back from the Outbox to edit it.');
    }
    return d;
  }

  /** A persisted task uploads the newest revision; at most one waits per draft (it uploads whatever is newest when it runs). */
  queueSync(draftId: number, accountId: number, now: number): void {
    if (!this.o.remoteFromOf(accountId)) return;
    const d = this.o.drafts.get(draftId);
    if (d?.syncTaskId != null) {
      const task = this.o.store.tasks.get(d.syncTaskId);
      if (task && (task.state === 'pending' || task.state === 'running') && task.accountId === accountId) return;
    }
    const taskId = this.o.store.tasks.insert({ kind: DRAFT_SYNC_KIND, accountId, payload: { draftId } }, now + DRAFT_UPLOAD_SETTLE_MS);
    this.o.drafts.setSyncTask(draftId, taskId);
  }

  queueRemoval(accountId: number, messageId: string, now: number): void {
    if (!this.o.remoteFromOf(accountId)) return;
    this.o.store.tasks.insert({ kind: DRAFT_REMOVE_KIND, accountId, payload: { messageId } }, now);
  }

  private accountEmail(accountId: number): string {
    return this.o.store.listAccounts().find((a) => a.id === accountId)?.email ?? 'pmsync.localhost';
  }

  private remoteStateOf(accountId: number): 'pending' | 'local-only' {
    return this.o.remoteFromOf(accountId) ? 'pending' : 'local-only';
  }

  private pickAccount(accounts: Account[], accountId: number | undefined): Account {
    if (accountId !== undefined) {
      const a = accounts.find((x) => x.id === accountId);
      if (!a) throw new PmsyncError('NOT_FOUND', `Account ${accountId} is not in this profile.`, 'Choose one of your accounts as the sender.');
      return a;
    }
    return accounts.find((a) => a.kind === 'imap' && a.email) ?? accounts.find((a) => a.email) ?? this.o.store.ensureLocalAccount();
  }

  private sourceAttachments(ids: number[]): ComposeAttachment[] {
    return ids.flatMap((id) => {
      const a = this.o.store.getAttachment(id);
      if (!a) return [];
      return [{ filename: a.filename, contentType: a.contentType, content: a.content, ...(a.contentId ? { cid: a.contentId.replace(/^<|>$/g, '') } : {}) }];
    });
  }
}

export function toDraft(d: DraftRow, attachments: DraftAttachment[]): Draft {
  return {
    id: d.id, accountId: d.accountId, messageId: d.messageId, mode: d.mode, sourceMessageId: d.sourceMessageId, to: d.to, cc: d.cc, bcc: d.bcc,
    subject: d.subject, html: d.html, inReplyTo: d.inReplyTo, references: d.references,
    attachments: attachments.map(({ id, filename, contentType, size, contentId }) => ({ id, filename, contentType, size, contentId })),
    revision: d.revision, updatedAt: d.updatedAt, remote: d.remoteState, outboxId: d.outboxId, sendError: d.sendError,
  };
}
