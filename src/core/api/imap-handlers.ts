import type { ApiHandlers } from '../../shared/api/index';
import type { ImapSyncStore } from '../store/imap-sync-store';
import type { AccountService } from '../services/imap/account-service';
import type { SyncSupervisor } from '../services/imap/sync-supervisor';

export interface ImapHandlerServices {
  accounts: AccountService;
  sync: SyncSupervisor;
  imap: ImapSyncStore;
}

type ImapMethods =
  | 'accounts.guessSettings' | 'accounts.addImap' | 'accounts.remove' | 'accounts.getSettings' | 'accounts.updateSettings'
  | 'sync.status' | 'sync.now' | 'mail.listUnifiedThreads';

/** Accounts, sync and the unified inbox (issue 3, I3a). */
export function createImapHandlers({ accounts, sync, imap }: ImapHandlerServices): Pick<ApiHandlers, ImapMethods> {
  return {
    'accounts.guessSettings': async ({ email }) => accounts.guessSettings(email),
    'accounts.addImap': async (input) => accounts.addImap(input),
    'accounts.remove': async ({ accountId }) => accounts.remove(accountId),
    'accounts.getSettings': async ({ accountId }) => accounts.getSettings(accountId),
    'accounts.updateSettings': async ({ accountId, settings }) => accounts.updateSettings(accountId, settings),
    'sync.status': async () => sync.status(),
    'sync.now': async ({ accountId }) => {
      sync.syncNow(accountId);
      return { ok: true as const };
    },
    'mail.listUnifiedThreads': async ({ offset, limit }) => imap.listUnifiedThreads(offset, limit),
  };
}
