import type { ApiHandlers } from '../shared/api/index';
import { createApiHandlers, type MailImporter } from './api/handlers';
import { EventHub } from './events';
import { ImportService } from './services/import-service';
import { MailService } from './services/mail-service';
import { ProfileService } from './services/profile-service';
import { AccountService } from './services/imap/account-service';
import { SyncSupervisor } from './services/imap/sync-supervisor';
import { EngineRemoteMailbox } from './services/tasks/engine-remote-mailbox';
import { imapTaskKinds } from './services/tasks/imap-task-kinds';
import { MailMutations } from './services/tasks/mail-mutations';
import { disconnectedRemoteMailbox } from './services/tasks/remote-mailbox';
import { retryTasksOnReconnect } from './services/tasks/retry-on-reconnect';
import { TaskQueue } from './services/tasks/task-queue';
import { davParts, type DavParts } from './services/dav/dav-parts';
import { calendarParts } from './services/calendar/calendar-parts';
import type { DavIndexer } from './store/dav-types';
import { draftParts, folderSyncRequester, type DraftServices } from './services/drafts/draft-parts';
import { IndexedContactDirectory } from './services/contacts/contact-directory-index';
import { ContactsService } from './services/contacts/contacts-service';
import { contactsIndexer, contactsIndexFor } from './store/contacts-index';
import { outboxParts } from './services/outbox/outbox-parts';
import type { OutboxService } from './services/outbox/outbox-service';
import { imapSyncStoreFor, type ImapSyncStore } from './store/imap-sync-store';
import { openProfile } from './store/index';
import type { OpenProfileOptions, ProfileStore, Unlock } from './store/types';

export interface OpenCoreOptions {
  profileDir: string;
  unlock: Unlock;
  /** As for openProfile: 'only' for `pmsync init`, 'if-missing' for the desktop app's first run. */
  create?: OpenProfileOptions['create'];
  /** The bundled parse worker (out/core/parse-worker.cjs); passed through to ImportService. */
  workerScript?: string;
  /**
   * Start one sync engine per IMAP account (default true: the desktop app and `serve`).
   * One-shot CLI commands pass false so that reading mail never starts network work.
   */
  startSync?: boolean;
}

/** One running core: what transports serve, and how to stop it. */
export interface Core {
  handlers: ApiHandlers;
  events: EventHub;
  store: ProfileStore;
  /** IMAP sync (absent when assembled without an IMAP store): the task queue gets engines here. */
  sync?: SyncSupervisor;
  accounts?: AccountService;
  imap?: ImapSyncStore;
  /** Remote steps of mail mutations; `pmsync sync --once` calls tasks.drain(). */
  tasks: TaskQueue;
  /** compose.send and the outbox (absent without an IMAP store). */
  outbox?: OutboxService;
  /** Drafts, templates, suggestions, compose settings (absent for a store without SQLCipher). */
  drafts?: DraftServices;
  /** CalDAV/CardDAV: store, writer (DavWriter), supervisor, accounts (absent without the encrypted store). */
  dav?: DavParts;
  close(): Promise<void>;
}

/** The parts a core is built from; openCore supplies the real ones, tests may hand in others. */
export interface CoreParts {
  store: ProfileStore;
  events: EventHub;
  importer: MailImporter & { dispose(): unknown };
  imap?: ImapSyncStore;
  startSync?: boolean;
}

/** Wires services to the API. The only place that knows which class implements what. */
export function assembleCore({ store, events, importer, imap, startSync }: CoreParts): Core {
  const sync = imap ? new SyncSupervisor({ store, imap, events }) : undefined;
  const accounts = imap ? new AccountService({ store, imap, events, supervisor: startSync ? sync : undefined }) : undefined;
  const outboxBits = imap ? outboxParts(store, imap, events) : undefined;
  const contactsIndex = contactsIndexFor(store);
  const draftBits = draftParts(store, events, { imap, requestFolderSync: imap && sync ? folderSyncRequester(store, imap, sync) : undefined, contacts: contactsIndex ? new IndexedContactDirectory(contactsIndex) : undefined });
  // CalDAV/CardDAV. The calendar and contacts indexes register their DavIndexer in `davIndexers`;
  // the DAV store runs them inside every resource write. `dav.writer` is the DavWriter.
  const davIndexers: DavIndexer[] = [];
  const dav = imap ? davParts({ store, events, indexers: davIndexers }) : undefined;
  if (contactsIndex) davIndexers.push(contactsIndexer);
  const contacts = contactsIndex ? new ContactsService({ index: contactsIndex, writer: dav?.writer }) : undefined;
  const tasks = new TaskQueue({
    store, events,
    kinds: { ...imapTaskKinds(store, sync ? new EngineRemoteMailbox(sync) : disconnectedRemoteMailbox), ...outboxBits?.kinds, ...draftBits?.kinds, ...dav?.taskKinds },
  });
  dav?.attachQueue(tasks);
  const outbox = outboxBits?.service(tasks, draftBits ? { undoSendMs: draftBits.undoSendMs } : {});
  const drafts = draftBits?.services(tasks, outbox);
  // Calendar events, invitations and reminders (issue 5): registers the calendar DavIndexer.
  const calendar = calendarParts({ store, events, indexers: davIndexers, writer: dav?.writer, outbox });
  const stopRetryHook = retryTasksOnReconnect(events, tasks);
  const handlers = createApiHandlers({
    mail: new MailService({ store, events, mutations: new MailMutations({ store, events, queue: tasks }) }),
    profile: new ProfileService({ store }),
    importer,
    imap: imap && sync && accounts ? { imap, sync, accounts } : undefined,
    outbox,
    drafts,
    contacts,
    dav,
    calendar,
  });
  // Messages whose time came while PMSync was closed get their send task now (no network here:
  // the running queue or `sync --once` sends them).
  outbox?.promoteDue();
  if (startSync) {
    sync?.startAll();
    dav?.supervisor.startAll();
    // Without running engines (one-shot CLI commands) tasks only run through tasks.drain().
    tasks.start();
    outbox?.start();
    calendar?.start();
  }
  let closing: Promise<void> | null = null;
  return {
    handlers,
    events,
    store,
    sync,
    accounts,
    imap,
    tasks,
    outbox,
    drafts,
    dav,
    close() {
      closing ??= (async () => {
        try {
          stopRetryHook();
          drafts?.dispose();
          calendar?.dispose();
          outbox?.stop();
          // Side by side: stopping the engines cuts short a task step stuck on a silent server,
          // which tasks.stop() would otherwise wait out (connect/socket timeouts).
          await Promise.all([tasks.stop(), sync?.close(), dav?.supervisor.close()]);
          await importer.dispose();
        } finally {
          store.close();
        }
      })();
      return closing;
    },
  };
}

/** Composition root: opens (or creates) the profile and builds every service on top of it. */
export async function openCore(options: OpenCoreOptions): Promise<Core> {
  const store = await openProfile({ profileDir: options.profileDir, unlock: options.unlock, create: options.create ?? 'never' });
  const events = new EventHub();
  try {
    const importer = new ImportService({ store, events, workerScript: options.workerScript });
    return assembleCore({ store, events, importer, imap: imapSyncStoreFor(store), startSync: options.startSync ?? true });
  } catch (err) {
    store.close();
    throw err;
  }
}
