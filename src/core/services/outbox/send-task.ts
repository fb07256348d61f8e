import { z } from 'zod';
import { PmsyncError } from '../../../shared/errors';
import type { SmtpCheckSettings } from '../../../sync/smtp/check';
import { sendRawMessage, SmtpSendError } from '../../../sync/smtp/send';
import type { Clock } from '../../../sync/imap/clock';
import type { EventHub } from '../../events';
import type { OutboxRepository } from '../../store/outbox-repository';
import { RemoteRefusedError } from '../tasks/remote-mailbox';
import type { TaskKindHandler } from '../tasks/task-queue';
import type { SentMailbox } from './sent-mailbox';

export const OUTBOX_TASK_KIND = 'outbox.send';
export const SendPayload = z.object({ outboxId: z.number().int() });

export interface SendTaskDeps {
  outbox: OutboxRepository;
  smtpFor(accountId: number): SmtpCheckSettings | undefined;
  sent: SentMailbox;
  events: EventHub;
  clock: Clock;
}

/** Providers that file submitted mail in Sent themselves: a copy of ours would be a duplicate. */
export function providerFilesSent(smtpHost: string): boolean {
  return /(^|\.)(gmail|googlemail)\.com$/i.test(smtpHost);
}

const UNCERTAIN_REASON = 'The connection was lost while the server may already have accepted this message, and PMSync has no way to check. It was not sent again, so that nobody gets it twice.';
const UNCERTAIN_HINT = 'If the recipients did not get it, send it again from the Outbox or the draft.';

/**
 * After an attempt with an unknown outcome, can a copy of the message be found on the IMAP
 * server? Only where the provider files submitted mail in Sent itself, or where the sender is
 * one of the recipients (the copy lands in their INBOX).
 */
function copyFindable(filesItself: boolean, from: string, to: readonly string[]): boolean {
  return filesItself || to.some((address) => address.toLowerCase() === from.toLowerCase());
}

/**
 * The remote step of one outbox row. Every step it completes is recorded on the row before the
 * next one starts, so a retry (or a restart after a crash) resumes where the last one stopped:
 * SMTP accepted → never sent again, only filed in Sent; an attempt whose outcome is unknown
 * (smtp_started_at still set) → the Sent folder (and INBOX) is searched for the Message-ID
 * first, and where no copy can exist to be found, the message is not sent again on a guess.
 */
export function outboxSendKind(d: SendTaskDeps): TaskKindHandler {
  return {
    async run(task) {
      const { outboxId } = SendPayload.parse(task.payload);
      const row = d.outbox.get(outboxId);
      if (!row || row.state !== 'sending') return; // cancelled or finished meanwhile
      const smtp = d.smtpFor(row.accountId);
      if (!smtp) throw new RemoteRefusedError(`Account ${row.accountId} has no outgoing (SMTP) server settings.`, 'Add the SMTP settings to the account, then send the message again.');
      const filesItself = providerFilesSent(smtp.host);
      if (row.smtpAcceptedAt === null) {
        const found = row.smtpStartedAt === null ? null
          : d.sent.locate ? await d.sent.locate(row.accountId, row.messageId)
          : (await d.sent.contains(row.accountId, row.messageId)) ? 'sent' : null;
        if (found !== null) {
          // The last attempt did reach the server (a copy is in Sent or INBOX): never send it
          // again. Found only in INBOX (the sender was a recipient), Sent still gets its copy below.
          d.outbox.accepted(row.id, d.clock.now());
          if (found === 'sent') d.outbox.filed(row.id, d.clock.now());
        } else if (row.smtpStartedAt !== null && !copyFindable(filesItself, row.envelopeFrom, row.envelopeTo)) {
          // The last attempt's outcome is unknown and this server keeps no copy we could look
          // for: sending again could deliver it twice. The user decides (the draft comes back).
          d.outbox.markFailed(row.id, d.clock.now(), UNCERTAIN_REASON);
          throw new RemoteRefusedError(UNCERTAIN_REASON, UNCERTAIN_HINT);
        }
      }
      if (d.outbox.get(row.id)?.smtpAcceptedAt === null) {
        d.outbox.attemptStarted(row.id, d.clock.now());
        try {
          const result = await sendRawMessage(smtp, { from: row.envelopeFrom, to: row.envelopeTo }, row.raw);
          d.outbox.accepted(row.id, d.clock.now());
          if (result.rejected.length > 0) {
            d.events.emit('app.notice', {
              level: 'warning',
              message: `"${row.subject}" was sent, but the server refused ${result.rejected.join(', ')}.`,
              hint: 'Check those addresses and send the message to them again.',
            });
          }
        } catch (err) {
          throw recordFailure(d, row.id, err);
        }
      }
      if (!filesItself && d.outbox.get(row.id)?.filedAt === null) {
        await d.sent.append(row.accountId, row.raw);
        d.outbox.filed(row.id, d.clock.now());
      }
      d.outbox.markSent(row.id, d.clock.now());
      d.events.emit('compose.outboxChanged', { outboxId: row.id, state: 'sent', reason: null });
    },
    revert(task) {
      // The server refused for good: the message stays in the outbox, failed, with the reason.
      const { outboxId } = SendPayload.parse(task.payload);
      const row = d.outbox.get(outboxId);
      if (row && row.state !== 'failed') d.outbox.markFailed(outboxId, d.clock.now(), row.lastError ?? 'The server refused the message.');
      const reason = d.outbox.get(outboxId)?.lastError ?? null;
      // Listeners (the draft that waits for this send) act after the queue's transaction commits.
      d.events.emit('compose.outboxChanged', { outboxId, state: 'failed', reason });
      return { folderIds: [] };
    },
    describe(task) {
      const row = d.outbox.get(SendPayload.parse(task.payload).outboxId);
      return row ? `Sending "${row.subject}"` : 'Sending a message';
    },
    failureNotice(task, reason) {
      const row = d.outbox.get(SendPayload.parse(task.payload).outboxId);
      const what = row ? `"${row.subject || '(no subject)'}"` : 'Your message';
      if (reason.includes(UNCERTAIN_REASON)) return { message: `${what} may or may not have been sent: ${UNCERTAIN_REASON}`, hint: UNCERTAIN_HINT };
      return {
        message: `${what} was not sent: ${reason}`,
        hint: 'It is kept in the Outbox: open it there, fix the recipients and send it again.',
      };
    },
  };
}

/** Records what the failed attempt tells us and returns the error the task queue should see. */
function recordFailure(d: SendTaskDeps, id: number, err: unknown): Error {
  const now = d.clock.now();
  const message = err instanceof Error ? err.message : String(err);
  if (!(err instanceof SmtpSendError)) {
    d.outbox.attemptUncertain(id, now, message);
    return err instanceof Error ? err : new Error(message);
  }
  const reason = err.serverText ? `${err.message} (server said: ${err.serverText})` : err.message;
  if (err.certainty === 'rejected') {
    d.outbox.markFailed(id, now, reason);
    return new RemoteRefusedError(reason, 'Check the recipients; the message is kept in the outbox so you can fix it and send again.');
  }
  if (err.certainty === 'not-sent') d.outbox.attemptFailedBeforeData(id, now, reason);
  else d.outbox.attemptUncertain(id, now, reason);
  // A 4xx ("try again later") must wait and retry like a network problem, never count as a refusal.
  return err.code === 'SERVER_ERROR' ? new PmsyncError('CONNECTION_LOST', reason, 'The message waits in the outbox and is retried.') : err;
}
