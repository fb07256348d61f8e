import { systemClock, type Clock } from '../../../sync/imap/clock';
import type { EventHub } from '../../events';
import type { ImapSyncStore } from '../../store/imap-sync-store';
import { OutboxRepository } from '../../store/outbox-repository';
import { SqliteProfileStore } from '../../store/sqlite-profile-store';
import type { ProfileStore } from '../../store/types';
import { imapConfigOf } from '../imap/engine-config';
import type { TaskKindHandler, TaskQueue } from '../tasks/task-queue';
import { OutboxService } from './outbox-service';
import { imapSentMailbox, type SentMailbox } from './sent-mailbox';
import { OUTBOX_TASK_KIND, outboxSendKind } from './send-task';

export interface OutboxParts {
  repository: OutboxRepository;
  /** The send task kind, to hand to the TaskQueue. */
  kinds: Record<string, TaskKindHandler>;
  /** Builds the service once the queue exists. */
  service(tasks: TaskQueue, options?: { undoSendMs?: number | (() => number) }): OutboxService;
}

/** The outbox pieces for a core with IMAP accounts; undefined for a store without SQLCipher (tests' fakes). */
export function outboxParts(store: ProfileStore, imap: ImapSyncStore, events: EventHub, options: { clock?: Clock; sent?: SentMailbox } = {}): OutboxParts | undefined {
  if (!(store instanceof SqliteProfileStore)) return undefined;
  const clock = options.clock ?? systemClock;
  const repository = new OutboxRepository(store.connection);
  const sent = options.sent ?? imapSentMailbox((accountId) => {
    const a = imap.imapAccount(accountId);
    return a ? imapConfigOf(a.imap, a.user, a.password, a.caPem) : undefined;
  });
  const kind = outboxSendKind({
    outbox: repository, sent, events, clock,
    smtpFor(accountId) {
      const a = imap.imapAccount(accountId);
      return a ? { host: a.smtp.host, port: a.smtp.port, tls: a.smtp.tls, user: a.user, password: a.password, caPem: a.caPem } : undefined;
    },
  });
  return {
    repository,
    kinds: { [OUTBOX_TASK_KIND]: kind },
    service: (tasks, o = {}) => new OutboxService({ store, imap, events, tasks, outbox: repository, clock, undoSendMs: o.undoSendMs }),
  };
}
