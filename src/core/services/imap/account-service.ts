import type { AccountSettings, AddImapAccountInput, GuessedSettings } from '../../../shared/api/accounts';
import type { Account } from '../../../shared/api/mail';
import { PmsyncError } from '../../../shared/errors';
import { silentLog } from '../../../sync/imap/account';
import { ConnectionLimiter, ImapConnection } from '../../../sync/imap/connection';
import { toSyncError } from '../../../sync/imap/errors';
import { checkSmtpLogin, type SmtpCheckResult } from '../../../sync/smtp/check';
import type { EventHub } from '../../events';
import type { ImapSyncStore } from '../../store/imap-sync-store';
import type { ProfileStore } from '../../store/types';
import { guessSettings, type GuessOptions } from './autoconfig';
import { imapConfigOf } from './engine-config';
import type { SyncSupervisor } from './sync-supervisor';

export interface AccountServiceOptions {
  store: ProfileStore;
  imap: ImapSyncStore;
  events: EventHub;
  /** Absent in one-shot CLI commands: nothing runs in the background there. */
  supervisor?: SyncSupervisor;
  guess?: GuessOptions;
  /** How long the login check may take before it says the server did not answer. */
  checkTimeoutMs?: number;
}

/** Adding, checking, configuring and removing IMAP accounts. */
export class AccountService {
  constructor(private readonly o: AccountServiceOptions) {}

  guessSettings(email: string): Promise<GuessedSettings> {
    return guessSettings(email, this.o.guess);
  }

  /** Logs in to IMAP and SMTP; only an account whose both servers work is saved (and starts syncing). */
  async addImap(input: AddImapAccountInput): Promise<Account> {
    const user = input.user ?? input.email;
    const duplicate = this.o.imap.listImapAccounts().find((a) => a.email.toLowerCase() === input.email.toLowerCase() && a.imap.host === input.imap.host);
    if (duplicate) {
      throw new PmsyncError('INVALID_INPUT', `${input.email} is already set up in this profile (account ${duplicate.accountId}).`, 'Remove the existing account first if you want to set it up again.');
    }
    // Side by side: a slow server costs one timeout, not two. IMAP's failure is reported first.
    const [imapCheck, smtpCheck] = await Promise.allSettled([this.checkImapLogin(input, user), this.checkSmtpLogin(input, user)]);
    if (imapCheck.status === 'rejected') throw imapCheck.reason;
    if (smtpCheck.status === 'rejected') throw smtpCheck.reason;
    const account = this.o.imap.addImapAccount({
      email: input.email, name: input.name?.trim() || input.email, imap: input.imap, smtp: input.smtp, user,
      password: input.password, caPem: input.caPem ?? null,
    });
    // The composer warns before attachments pass what this server accepts.
    this.o.imap.updateAccountSettings(account.id, { smtpMaxMessageBytes: smtpCheck.value.maxMessageBytes });
    this.o.supervisor?.startAccount(account.id);
    return account;
  }

  async remove(accountId: number): Promise<{ ok: true }> {
    const account = this.o.store.listAccounts().find((a) => a.id === accountId);
    if (!account) throw new PmsyncError('NOT_FOUND', `No account ${accountId} in this profile.`, 'Run `pmsync account list` (or refresh the view) to see the accounts.');
    if (account.kind !== 'imap') {
      throw new PmsyncError('INVALID_INPUT', 'Local Folders hold imported mail and cannot be removed as an account.', 'Delete the folders or messages you no longer want instead.');
    }
    await this.o.supervisor?.stopAccount(accountId);
    const folderIds = this.o.store.listFolders(accountId).map((f) => f.id);
    this.o.imap.removeAccount(accountId);
    this.o.events.emit('mail.changed', { folderIds, reason: 'delete' });
    return { ok: true };
  }

  getSettings(accountId: number): AccountSettings {
    return this.o.imap.accountSettings(accountId);
  }

  async updateSettings(accountId: number, patch: Partial<AccountSettings>): Promise<AccountSettings> {
    const before = this.o.imap.accountSettings(accountId);
    const next = this.o.imap.updateAccountSettings(accountId, patch);
    // Which folders sync is fixed when an engine starts: restart it to apply a change.
    if (JSON.stringify(before.syncFolders) !== JSON.stringify(next.syncFolders)) await this.o.supervisor?.restartAccount(accountId);
    return next;
  }

  private async checkSmtpLogin(input: AddImapAccountInput, user: string): Promise<SmtpCheckResult> {
    try {
      return await checkSmtpLogin({ ...input.smtp, user, password: input.password, caPem: input.caPem ?? null, timeoutMs: this.o.checkTimeoutMs ?? 15_000 });
    } catch (err) {
      const failure = err instanceof PmsyncError ? err : new PmsyncError('SERVER_ERROR', String(err), 'Check the SMTP settings, then retry.');
      throw new PmsyncError(failure.code, `Could not sign in to ${input.email}: ${failure.message}`, failure.hint);
    }
  }

  private async checkImapLogin(input: AddImapAccountInput, user: string): Promise<void> {
    const config = imapConfigOf(input.imap, user, input.password, input.caPem ?? null);
    const timeout = this.o.checkTimeoutMs ?? 15_000;
    let connection: ImapConnection | undefined;
    try {
      connection = await ImapConnection.open(config, new ConnectionLimiter(1), { connectMs: timeout, greetingMs: timeout, socketMs: timeout }, silentLog, 'account check');
    } catch (err) {
      const failure = toSyncError(err, `${input.imap.host}:${input.imap.port}`);
      throw new PmsyncError(failure.code, `Could not sign in to ${input.email}: ${failure.message}`, failure.hint);
    } finally {
      await connection?.close();
    }
  }
}
