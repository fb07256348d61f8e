import type { EventHub } from '../../events';
import { davStoreFor, type DavStore } from '../../store/dav-store';
import type { DavIndexer } from '../../store/dav-types';
import type { ProfileStore } from '../../store/types';
import type { TaskKindHandler } from '../tasks/task-queue';
import { DavAccountService } from './dav-account-service';
import { DavConflictService } from './dav-conflicts';
import { DavSupervisor } from './dav-supervisor';
import { davTaskKinds } from './dav-tasks';
import { DavWriterService } from './dav-writer';
import { indexerFailureNotice } from './indexer-notice';

export interface DavParts {
  dav: DavStore;
  supervisor: DavSupervisor;
  writer: DavWriterService;
  accounts: DavAccountService;
  conflicts: DavConflictService;
  /** 'dav.put' / 'dav.delete' for the TaskQueue. */
  taskKinds: Record<string, TaskKindHandler>;
  /** Hands the queue over once it exists (it is built with these task kinds). */
  attachQueue(queue: { retryNow(accountId?: number): void; kick(): void }): void;
}

export interface DavPartsOptions {
  store: ProfileStore;
  events: EventHub;
  /** Read at every write, so indexers registered after assembly still run. */
  indexers: readonly DavIndexer[];
  supervisor?: { afterChangeDelayMs?: number; retryBaseMs?: number; engineTimeoutMs?: number };
}

/** Everything CalDAV/CardDAV in the core, wired together (app.ts composes it). */
export function davParts(o: DavPartsOptions): DavParts {
  // One notice per collection and sync pass, however many items failed (see DavIndexerRunner).
  const dav = davStoreFor(o.store, () => o.indexers, (f) => o.events.emit('app.notice', indexerFailureNotice(f)));
  let queue: { retryNow(accountId?: number): void; kick(): void } | undefined;
  const queueHooks = { retryNow: (id?: number) => queue?.retryNow(id), kick: () => queue?.kick() };
  const supervisor = new DavSupervisor({ dav, events: o.events, tasks: queueHooks, ...o.supervisor });
  const afterChange = (accountId: number) => supervisor.afterLocalChange(accountId);
  return {
    dav,
    supervisor,
    writer: new DavWriterService({ store: o.store, dav, events: o.events, afterChange }),
    accounts: new DavAccountService({ dav, events: o.events, supervisor }),
    conflicts: new DavConflictService({ store: o.store, dav, events: o.events, afterChange }),
    taskKinds: davTaskKinds({ dav, events: o.events, engineFor: (id) => supervisor.engineFor(id) }),
    attachQueue(q) {
      queue = q;
    },
  };
}
