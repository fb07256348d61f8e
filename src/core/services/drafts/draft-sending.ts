import type { Draft, SendResult } from '../../../shared/api/compose';
import { PmsyncError } from '../../../shared/errors';
import { formatAddressList } from '../../compose/addresses';
import type { EventHub } from '../../events';
import { parseMessage } from '../../mail/parse-message';
import type { OutboxRow } from '../../store/outbox-repository';
import type { OutboxService } from '../outbox/outbox-service';
import { draftAttachmentsForMime } from './draft-mime';
import type { DraftService } from './draft-service';

/**
 * Sending a draft through the outbox, and the way back: the outbox row keeps the draft's
 * Message-ID; the draft stays (read-only) until the send ends. When it was sent the draft goes
 * (here and in the server's Drafts); when it failed or was undone the draft is editable again,
 * with the server's reason. Outcomes are read from the outbox table itself (`reconcile`), so a
 * crash between the send and this bookkeeping is repaired on the next start.
 */
export class DraftSending {
  private pending = false;
  private readonly stop: () => void;

  constructor(
    private readonly drafts: DraftService,
    private readonly outbox: OutboxService,
    events: EventHub,
    /** Whether a store transaction is open right now (the event came from inside one). */
    private readonly inTransaction: () => boolean,
    /** A message was sent (and filed in Sent): the account's Sent folder should sync soon. */
    private readonly sentFiled: (accountId: number) => void = () => undefined,
  ) {
    this.stop = events.on('compose.outboxChanged', ({ outboxId, state }) => {
      if (state === 'sent') {
        const accountId = this.outbox.accountOf(outboxId);
        if (accountId !== undefined) this.sentFiled(accountId);
      }
      // Inside the task queue's transaction (a refusal being reverted) act once it has committed.
      // Otherwise at once: the Drafts-copy removal then joins the queue line that is running.
      if (this.inTransaction()) this.reconcileSoon();
      else this.reconcileSafely();
    });
  }

  dispose(): void {
    this.stop();
  }

  async sendDraft(draftId: number, sendAt?: number): Promise<SendResult> {
    const d = this.drafts.editable(draftId);
    const repo = this.drafts.o.drafts;
    // Validation (addresses, recipients, ids) happens while building, before anything is queued.
    const result = await this.outbox.send(
      {
        accountId: d.accountId, to: d.to, cc: d.cc, bcc: d.bcc, subject: d.subject, html: d.html,
        ...(d.inReplyTo ? { inReplyTo: d.inReplyTo } : {}), references: d.references, ...(sendAt !== undefined ? { sendAt } : {}),
      },
      {
        messageId: d.messageId,
        attachments: draftAttachmentsForMime(repo.attachmentContents(draftId)),
        onQueued: (outboxId) => {
          const now = repo.get(draftId);
          // Saved again while the message was being built: what was built is not what the user sees.
          if (!now || now.revision !== d.revision || now.outboxId !== null) {
            throw new PmsyncError('CONFLICT', 'The draft changed while it was being sent; nothing was sent.', 'Press Send again.');
          }
          repo.setOutbox(draftId, outboxId, null, this.drafts.clock.now());
        },
      },
    );
    // A draft upload still settling is due now: it holds the account's task line (and then
    // only notices the draft is on its way out), so the send does not wait behind it.
    this.drafts.o.store.tasks.makeDue(this.drafts.clock.now(), d.accountId);
    this.drafts.o.tasks.kick();
    this.drafts.o.events.emit('compose.draftsChanged', { draftId, change: 'queued' });
    return result;
  }

  /** Takes a waiting, failed or undone message out of the outbox and reopens its draft. */
  async editOutbox(outboxId: number): Promise<Draft> {
    const row = this.outbox.takeBack(outboxId);
    const repo = this.drafts.o.drafts;
    const existing = repo.byOutbox(outboxId) ?? repo.byMessageId(row.messageId);
    if (existing) {
      const now = this.drafts.clock.now();
      this.drafts.o.store.transaction(() => {
        repo.setOutbox(existing.id, null, null, now);
        this.drafts.queueSync(existing.id, existing.accountId, now);
      });
      this.drafts.o.events.emit('compose.draftsChanged', { draftId: existing.id, change: 'saved' });
      return this.drafts.getDraft(existing.id);
    }
    // Queued without a draft (compose.send, `pmsync send`): rebuild one from the message itself.
    return this.draftFromOutbox(row);
  }

  /** Applies the outcome of every send that ended; safe to run any time, idempotent. */
  reconcile(): void {
    const repo = this.drafts.o.drafts;
    const now = this.drafts.clock.now();
    for (const { draft, outboxState, reason } of repo.settledInOutbox()) {
      if (outboxState === 'sent') {
        this.drafts.o.store.transaction(() => {
          repo.delete(draft.id);
          if (draft.remoteState !== 'local-only' || draft.syncedRevision !== null) this.drafts.queueRemoval(draft.accountId, draft.messageId, now);
        });
        this.drafts.o.events.emit('compose.draftsChanged', { draftId: draft.id, change: 'discarded' });
      } else {
        this.drafts.o.store.transaction(() => {
          repo.setOutbox(draft.id, null, outboxState === 'failed' ? (reason ?? 'The server refused the message.') : null, now);
          // Editable again: the server copy catches up (an upload skipped while it was queued).
          if (draft.syncedRevision !== draft.revision) this.drafts.queueSync(draft.id, draft.accountId, now);
        });
        this.drafts.o.events.emit('compose.draftsChanged', { draftId: draft.id, change: 'saved' });
      }
    }
    this.drafts.o.tasks.kick();
  }

  private reconcileSoon(): void {
    if (this.pending) return;
    this.pending = true;
    setImmediate(() => {
      this.pending = false;
      this.reconcileSafely();
    });
  }

  private reconcileSafely(): void {
    try {
      this.reconcile();
    } catch {
      // The profile may be closing; the next start reconciles again.
    }
  }

  private async draftFromOutbox(row: OutboxRow): Promise<Draft> {
    const parsed = await parseMessage(row.raw);
    const listed = new Set([...parsed.to, ...parsed.cc].map((a) => a.address.toLowerCase()));
    const repo = this.drafts.o.drafts;
    const now = this.drafts.clock.now();
    const remote = this.drafts.o.remoteFromOf(row.accountId) ? 'pending' : 'local-only';
    const id = this.drafts.o.store.transaction(() => {
      const draftId = repo.insert({
        accountId: row.accountId, messageId: row.messageId, mode: parsed.inReplyTo ? 'reply' : 'new', sourceMessageId: null,
        to: parsed.to.map((a) => formatAddressList([a])), cc: parsed.cc.map((a) => formatAddressList([a])),
        bcc: row.envelopeTo.filter((a) => !listed.has(a.toLowerCase())), subject: parsed.subject,
        html: parsed.bodyHtml ?? `<div style="white-space: pre-wrap">${parsed.bodyText.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</div>`,
        inReplyTo: parsed.inReplyTo, references: parsed.references, remoteState: remote,
      }, now);
      for (const a of parsed.attachments) repo.addAttachment(draftId, { filename: a.filename, contentType: a.contentType, contentId: a.contentId, content: a.content }, now);
      this.drafts.queueSync(draftId, row.accountId, now);
      return draftId;
    });
    this.drafts.o.tasks.kick();
    this.drafts.o.events.emit('compose.draftsChanged', { draftId: id, change: 'saved' });
    return this.drafts.getDraft(id);
  }
}
