import { removeDraftCopies, replaceDraftCopy } from '../../../sync/imap/drafts-folder';
import type { Clock } from '../../../sync/imap/clock';
import { PmsyncError } from '../../../shared/errors';
import type { EventHub } from '../../events';
import { CorrespondentRepository } from '../../store/draft-correspondents';
import { DraftRepository } from '../../store/draft-repository';
import { ComposeSettingsRepository } from '../../store/draft-settings';
import type { ImapSyncStore } from '../../store/imap-sync-store';
import { SqliteProfileStore } from '../../store/sqlite-profile-store';
import { TemplateRepository } from '../../store/template-repository';
import type { ProfileStore } from '../../store/types';
import type { ContactDirectory } from '../contact-directory';
import { imapConfigOf } from '../imap/engine-config';
import type { SyncSupervisor } from '../imap/sync-supervisor';
import type { OutboxService } from '../outbox/outbox-service';
import type { TaskKindHandler, TaskQueue } from '../tasks/task-queue';
import { ComposeExtras } from './compose-extras';
import { keepCorrespondentsCurrent } from './correspondents-refresher';
import { DraftSending } from './draft-sending';
import { DraftService } from './draft-service';
import { DRAFT_REMOVE_KIND, DRAFT_SYNC_KIND, draftRemoveKind, draftSyncKind, type DraftsMailbox } from './draft-sync-task';

export interface DraftServices {
  drafts: DraftService;
  extras: ComposeExtras;
  /** Absent without an outbox (no IMAP store): sending is then unavailable. */
  sending?: DraftSending;
  /** Stops listening to events and background work (core shutdown). */
  dispose(): void;
}

export interface DraftParts {
  kinds: Record<string, TaskKindHandler>;
  /** The undo-send window the user chose, read at every send. */
  undoSendMs(): number;
  services(tasks: TaskQueue, outbox: OutboxService | undefined): DraftServices;
}

export interface DraftPartsOptions {
  imap?: ImapSyncStore;
  contacts?: ContactDirectory;
  mailbox?: DraftsMailbox;
  clock?: Clock;
  /**
   * Asks the sync engine to refresh the account's Sent or Drafts folder soon, after PMSync
   * changed it on the server (a sent message filed, a draft uploaded or removed).
   */
  requestFolderSync?: (accountId: number, role: 'sent' | 'drafts') => void;
}

function imapDraftsMailbox(imap: ImapSyncStore): DraftsMailbox {
  const config = (accountId: number) => {
    const a = imap.imapAccount(accountId);
    if (!a) throw new PmsyncError('NOT_FOUND', `Account ${accountId} has no IMAP settings.`, 'Run `pmsync account list` to see the accounts.');
    return imapConfigOf(a.imap, a.user, a.password, a.caPem);
  };
  return {
    async replace(accountId, messageId, raw) {
      await replaceDraftCopy(config(accountId), messageId, raw);
    },
    async remove(accountId, messageId) {
      await removeDraftCopies(config(accountId), messageId);
    },
  };
}

/** Drafts, templates, suggestions and compose settings; undefined for a store without SQLCipher (tests' fakes). */
export function draftParts(store: ProfileStore, events: EventHub, options: DraftPartsOptions = {}): DraftParts | undefined {
  if (!(store instanceof SqliteProfileStore)) return undefined;
  const db = store.connection;
  const drafts = new DraftRepository(db);
  const templates = new TemplateRepository(db);
  const settings = new ComposeSettingsRepository(db);
  const { imap } = options;
  const remoteFromOf = (accountId: number) => {
    const a = imap?.imapAccount(accountId);
    return a?.email ? { name: '', address: a.email } : undefined;
  };
  const mailbox = options.mailbox ?? (imap ? imapDraftsMailbox(imap) : undefined);
  const draftsChanged = (accountId: number) => options.requestFolderSync?.(accountId, 'drafts');
  const kinds: Record<string, TaskKindHandler> = mailbox
    ? {
      [DRAFT_SYNC_KIND]: draftSyncKind({ drafts, mailbox, events, fromOf: remoteFromOf, changed: draftsChanged }),
      [DRAFT_REMOVE_KIND]: draftRemoveKind({ mailbox, changed: draftsChanged }),
    }
    : {};
  return {
    kinds,
    undoSendMs: () => settings.get().undoSendSeconds * 1000,
    services(tasks, outbox) {
      const service = new DraftService({
        store, events, tasks, drafts, templates, settings, clock: options.clock,
        remoteFromOf: mailbox ? remoteFromOf : () => undefined,
        sizeLimitOf: (accountId) => (imap?.imapAccount(accountId) ? imap.accountSettings(accountId).smtpMaxMessageBytes ?? null : null),
      });
      const correspondents = new CorrespondentRepository(db);
      const extras = new ComposeExtras({ store, drafts, templates, settings, correspondents, contacts: options.contacts, clock: options.clock });
      const sending = outbox
        ? new DraftSending(service, outbox, events, () => db.inTransaction, (accountId) => options.requestFolderSync?.(accountId, 'sent'))
        : undefined;
      sending?.reconcile();
      const stopRefresher = keepCorrespondentsCurrent(events, correspondents);
      return {
        drafts: service, extras, sending,
        dispose() {
          stopRefresher();
          sending?.dispose();
        },
      };
    },
  };
}

/**
 * For a core with running sync engines: refreshes the account's Sent or Drafts folder soon (the
 * whole account when that folder is not known locally yet, e.g. a Drafts folder just created).
 */
export function folderSyncRequester(store: ProfileStore, imap: ImapSyncStore, sync: SyncSupervisor): (accountId: number, role: 'sent' | 'drafts') => void {
  return (accountId, role) => {
    const engine = sync.engineFor(accountId);
    if (!engine) return; // one-shot CLI commands: nothing is syncing
    const folder = store.listFolders(accountId).find((f) => f.role === role);
    engine.requestSync(folder ? imap.remotePathOf(folder.id)?.path : undefined);
  };
}
