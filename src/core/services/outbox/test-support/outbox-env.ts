// Test helper: Dovecot + the SMTP sink (relaying into Dovecot over LMTP) behind a TCP proxy, a
// real encrypted profile with alice's IMAP account, and outbox services built as a core builds them.
import type { EventPayload } from '../../../../shared/api/index';
import { messagesWithId, startDovecot, type DovecotServer } from '../../../../sync/imap/test-support/dovecot';
import { startTcpProxy, type TcpProxy } from '../../../../sync/imap/test-support/tcp-proxy';
import { startSmtpSink, type SmtpSink } from '../../../../sync/smtp/test-support/smtp-sink';
import type { Clock } from '../../../../sync/imap/clock';
import { EventHub } from '../../../events';
import { imapSyncStoreFor } from '../../../store/imap-sync-store';
import { openTestStore, type TestStore } from '../../../store/test-support/test-store';
import type { ProfileStore } from '../../../store/types';
import { AccountService } from '../../imap/account-service';
import { imapTaskKinds } from '../../tasks/imap-task-kinds';
import { disconnectedRemoteMailbox } from '../../tasks/remote-mailbox';
import { TaskQueue } from '../../tasks/task-queue';
import { outboxParts } from '../outbox-parts';
import type { OutboxService } from '../outbox-service';

export interface Outbox { service: OutboxService; queue: TaskQueue; events: EventHub }

export interface OutboxEnv {
  dovecot: DovecotServer;
  sink: SmtpSink;
  /** In front of the sink; null while "SMTP is down". */
  proxy: TcpProxy | null;
  proxyPort: number;
  t: TestStore;
  accountId: number;
  notices: EventPayload<'app.notice'>[];
  /** Closes the proxy: the account's SMTP port refuses connections. */
  smtpDown(): Promise<void>;
  smtpUp(): Promise<void>;
  /** A queue + service over `store` (default the env's), its clock `skewMs` ahead of the real one. */
  outbox(skewMs?: number, store?: ProfileStore): Outbox;
  /** Messages the sink accepted with this Message-ID. */
  sinkCount(messageId: string): number;
  /** Raw copies of the message in a user's mailbox, read over IMAP by another client. */
  found(user: string, mailbox: string, messageId: string): Promise<Buffer[]>;
  stop(): Promise<void>;
}

export async function startOutboxEnv(): Promise<OutboxEnv> {
  const dovecot = await startDovecot();
  const sink = await startSmtpSink({ lmtpPort: dovecot.lmtpPort });
  const first = await startTcpProxy(sink.port);
  const t = await openTestStore();
  const notices: EventPayload<'app.notice'>[] = [];
  const account = await new AccountService({ store: t.store, imap: imapSyncStoreFor(t.store), events: new EventHub() }).addImap({
    email: 'alice@example.test', imap: { host: '127.0.0.1', port: dovecot.imapPort, tls: 'none' },
    smtp: { host: '127.0.0.1', port: first.port, tls: 'none' }, user: 'alice@example.test', password: 'alicepass',
  });
  const env: OutboxEnv = {
    dovecot, sink, proxy: first, proxyPort: first.port, t, accountId: account.id, notices,
    async smtpDown() {
      await env.proxy?.close();
      env.proxy = null;
    },
    async smtpUp() {
      env.proxy ??= await startTcpProxy(sink.port, env.proxyPort);
    },
    outbox(skewMs = 0, store = t.store) {
      const events = new EventHub();
      events.on('app.notice', (n) => notices.push(n));
      const clock: Clock = { now: () => Date.now() + skewMs, setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
      const imap = imapSyncStoreFor(store);
      const parts = outboxParts(store, imap, events, { clock });
      if (!parts) throw new Error('outboxParts needs the SQLCipher store');
      const queue = new TaskQueue({
        store, events, clock, kinds: { ...imapTaskKinds(store, disconnectedRemoteMailbox), ...parts.kinds }, backoff: { initialMs: 50, maxMs: 200, jitter: 0 },
      });
      return { service: parts.service(queue), queue, events };
    },
    sinkCount: (messageId) => sink.messages.filter((m) => m.raw.toString('latin1').includes(`Message-ID: ${messageId}`)).length,
    found: (user, mailbox, messageId) => messagesWithId(dovecot, user, mailbox, messageId),
    async stop() {
      t.cleanup();
      await env.proxy?.close();
      await sink.stop();
      await dovecot.stop();
    },
  };
  return env;
}
