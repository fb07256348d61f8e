import type { ImapFlow } from 'imapflow';
import { PmsyncError } from '../../shared/errors';
import { toSequenceSet } from './fetched-message';

/** Runs `fn` on a connected client; the engine decides which connection. */
export type WithClient = <T>(fn: (client: ImapFlow) => Promise<T>) => Promise<T>;

export interface FlagEdit {
  add?: string[];
  remove?: string[];
}

/** Checked inside the mailbox lock: UIDs of another UIDVALIDITY would name other messages. */
export interface MailboxGuard {
  expectUidValidity?: bigint;
}

/**
 * The server refused the command for good (NO: mailbox missing, no permission, UIDVALIDITY
 * changed since the UIDs were recorded). A PmsyncError, so the engine passes it through as is;
 * retrying the same command cannot help.
 */
export class MailboxRefusedError extends PmsyncError {
  constructor(message: string, hint = 'Refresh the folder list; if the folder still exists on the server, try again.') {
    super('SERVER_ERROR', message, hint);
    this.name = 'MailboxRefusedError';
  }
}

interface CommandError { responseStatus?: unknown; responseText?: unknown; serverResponseCode?: unknown; message?: unknown }

/**
 * The remote steps of the core's tasks (mark read, flag, move, delete, save a draft). Each is
 * one idempotent-enough IMAP operation on UIDs; the local step already happened in the store.
 */
export class ImapMutations {
  constructor(private readonly withClient: WithClient) {}

  async setFlags(path: string, uids: number[], edit: FlagEdit, guard: MailboxGuard = {}): Promise<void> {
    if (uids.length === 0) return;
    await this.inFolder(path, guard, async (client) => {
      const range = toSequenceSet(uids);
      if (edit.add?.length) refusedIfFalse(client, await client.messageFlagsAdd(range, edit.add, { uid: true }), `Changing flags in "${path}" was refused`);
      if (edit.remove?.length) refusedIfFalse(client, await client.messageFlagsRemove(range, edit.remove, { uid: true }), `Changing flags in "${path}" was refused`);
    });
  }

  /**
   * MOVE where the server has it, else COPY + \Deleted + UID EXPUNGE (imapflow picks).
   * Returns source UID → destination UID when the server reports it (UIDPLUS).
   */
  async move(path: string, uids: number[], destination: string): Promise<Map<number, number>> {
    return (await this.moveReporting(path, uids, destination)).uidMap;
  }

  /** As move(), also reporting the destination's UIDVALIDITY (UIDPLUS) the new UIDs belong to. */
  async moveReporting(path: string, uids: number[], destination: string, guard: MailboxGuard = {}): Promise<{ uidMap: Map<number, number>; uidValidity?: bigint }> {
    if (uids.length === 0) return { uidMap: new Map() };
    return this.inFolder(path, guard, async (client) => {
      const result = await client.messageMove(toSequenceSet(uids), destination, { uid: true });
      if (result === false) {
        // imapflow answers false both for a NO and for a dropped connection: only the first is final.
        refusedIfFalse(client, false, `The server refused to move messages from "${path}" to "${destination}"`);
        throw Object.assign(new Error(`Moving messages to "${destination}" failed`), { code: 'MoveFailed' });
      }
      return { uidMap: result?.uidMap ?? new Map(), uidValidity: result?.uidValidity };
    });
  }

  /** CREATE unless the mailbox exists (archiving into a folder the server does not have yet). */
  async ensureMailbox(path: string): Promise<void> {
    await this.withClient(async (client) => {
      try {
        await client.mailboxCreate(path);
      } catch (err) {
        throw refusal(err, `The server refused to create the folder "${path}"`) ?? err;
      }
    });
  }

  /** Permanently removes the messages (UID EXPUNGE, so nothing else marked \Deleted goes). */
  async expunge(path: string, uids: number[], guard: MailboxGuard = {}): Promise<void> {
    if (uids.length === 0) return;
    await this.inFolder(path, guard, async (client) => {
      refusedIfFalse(client, await client.messageDelete(toSequenceSet(uids), { uid: true }), `Deleting messages in "${path}" was refused`);
    });
  }

  /** APPEND (drafts, sent copies). Returns the new UID when the server reports it. */
  async append(path: string, raw: Buffer, flags: string[] = [], date?: Date): Promise<{ uid?: number; uidValidity?: bigint }> {
    return this.withClient(async (client) => {
      const result = await client.append(path, raw, flags, date);
      if (result === false) throw Object.assign(new Error(`Saving the message to "${path}" failed`), { code: 'AppendFailed' });
      return { uid: result.uid, uidValidity: result.uidValidity };
    });
  }

  private inFolder<T>(path: string, guard: MailboxGuard, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      let lock: Awaited<ReturnType<ImapFlow['getMailboxLock']>>;
      try {
        lock = await client.getMailboxLock(path, { description: 'pmsync task' });
      } catch (err) {
        throw refusal(err, `The folder "${path}" could not be opened on the server`) ?? err;
      }
      try {
        const current = client.mailbox ? client.mailbox.uidValidity : undefined;
        if (guard.expectUidValidity !== undefined && current !== undefined && current !== guard.expectUidValidity) {
          throw new MailboxRefusedError(`The folder "${path}" was recreated on the server (UIDVALIDITY ${guard.expectUidValidity} is now ${current}); the change was not applied to other messages.`,
            'PMSync re-reads the folder with the next sync; make the change again there.');
        }
        return await fn(client);
      } finally {
        lock.release();
      }
    });
  }
}

/** A tagged NO (or BAD) from the server, as a final refusal; undefined for anything else (network, timeouts). */
function refusal(err: unknown, what: string): MailboxRefusedError | undefined {
  const e = (typeof err === 'object' && err !== null ? err : {}) as CommandError;
  if (e.responseStatus !== 'NO' && e.responseStatus !== 'BAD') return undefined;
  const code = typeof e.serverResponseCode === 'string' ? ` [${e.serverResponseCode}]` : '';
  const text = typeof e.responseText === 'string' ? e.responseText : typeof e.message === 'string' ? e.message : '';
  return new MailboxRefusedError(`${what}${code}: ${text}`);
}

/** imapflow reports a refused STORE/EXPUNGE/MOVE as `false`; on a live connection that was the server saying no. */
function refusedIfFalse(client: ImapFlow, result: unknown, what: string): void {
  if (result === false && client.usable) throw new MailboxRefusedError(`${what}.`);
}
