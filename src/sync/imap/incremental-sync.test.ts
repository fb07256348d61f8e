import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapSyncEngine } from './engine';
import { MemorySink } from './memory-sink';
import { startDovecot, type DovecotServer } from './test-support/dovecot';
import { testMessage, testMessages, waitFor } from './test-support/messages';

let dovecot: DovecotServer;
beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(async () => dovecot?.stop());

const byMessageId = (sink: MemorySink, path: string) => new Map(sink.messages(path).map((m) => [m.messageId, m]));

describe('incremental sync against Dovecot (CONDSTORE + QRESYNC)', () => {
  it('picks up flags, moves and expunges made by another client', async () => {
    dovecot.seedMaildir('alice', 'INBOX', testMessages(40, 'inc').map((raw) => ({ raw })));
    const sink = new MemorySink();
    const engine = new ImapSyncEngine({ account: dovecot.account('alice'), sink });
    await engine.syncOnce();
    expect(sink.messages('INBOX')).toHaveLength(40);
    const uidOf = (n: number) => byMessageId(sink, 'INBOX').get(`inc-${n}@pmsync.test`)!.uid;

    const other = await dovecot.otherClient('alice');
    await other.mailboxOpen('INBOX');
    await other.messageFlagsAdd(`${uidOf(1)},${uidOf(2)}`, ['\\Seen', '$Label1'], { uid: true });
    await other.messageMove(`${uidOf(3)}:${uidOf(5)}`, 'Archive', { uid: true });
    await other.messageDelete(String(uidOf(6)), { uid: true });
    await other.append('INBOX', testMessage({ n: 41, tag: 'inc' }), ['\\Flagged']);
    await other.mailboxClose();

    const report = await engine.syncOnce();
    const inbox = report.folders.find((f) => f.path === 'INBOX')!;
    expect(inbox).toMatchObject({ strategy: 'qresync', added: 1, flagChanges: 2, vanished: 4 });
    const now = byMessageId(sink, 'INBOX');
    expect(now.size).toBe(40 - 3 - 1 + 1);
    expect(now.get('inc-1@pmsync.test')?.flags).toEqual(['$Label1', '\\Seen']);
    expect(now.get('inc-41@pmsync.test')?.flags).toEqual(['\\Flagged']);
    for (const gone of [3, 4, 5, 6]) expect(now.has(`inc-${gone}@pmsync.test`)).toBe(false);
    expect(sink.messages('Archive').map((m) => m.messageId).sort()).toEqual(['inc-3@pmsync.test', 'inc-4@pmsync.test', 'inc-5@pmsync.test']);

    // Nothing changed: every folder is skipped by LIST-STATUS without being selected.
    const quiet = await engine.syncOnce();
    expect(quiet.folders).toEqual([]);
  });

  it('drops stale UIDs when a folder is deleted and recreated (UIDVALIDITY change) and re-maps by Message-ID', async () => {
    const other = await dovecot.otherClient('carol');
    await other.mailboxCreate('Projects');
    for (let n = 1; n <= 4; n++) await other.append('Projects', testMessage({ n, tag: 'old' }));
    const sink = new MemorySink();
    const engine = new ImapSyncEngine({ account: dovecot.account('carol'), sink });
    await engine.syncOnce();
    const before = sink.folderState('Projects')!;
    expect(sink.messages('Projects').map((m) => `${m.uid}:${m.messageId}`)).toEqual(['1:old-1@pmsync.test', '2:old-2@pmsync.test', '3:old-3@pmsync.test', '4:old-4@pmsync.test']);

    await other.mailboxDelete('Projects');
    await other.mailboxCreate('Projects');
    // UIDs 1-3 now hold different messages; old-2 comes back under UID 4.
    await other.append('Projects', testMessage({ n: 1, tag: 'new' }), ['\\Flagged']);
    await other.append('Projects', testMessage({ n: 2, tag: 'new' }));
    await other.append('Projects', testMessage({ n: 3, tag: 'new' }));
    await other.append('Projects', testMessage({ n: 2, tag: 'old' }), ['\\Seen']);

    const report = await engine.syncOnce();
    expect(report.folders.find((f) => f.path === 'Projects')).toMatchObject({ reset: true });
    const after = sink.folderState('Projects')!;
    expect(after.uidValidity).not.toBe(before.uidValidity);
    expect(sink.messages('Projects').map((m) => `${m.uid}:${m.messageId}:${m.flags.join(' ')}`)).toEqual([
      '1:new-1@pmsync.test:\\Flagged', '2:new-2@pmsync.test:', '3:new-3@pmsync.test:', '4:old-2@pmsync.test:\\Seen',
    ]);
    expect(sink.messages('Projects').find((m) => m.messageId === 'old-2@pmsync.test')?.remapped).toBe(1);
    expect(sink.messages('Projects').find((m) => m.messageId === 'new-2@pmsync.test')?.remapped).toBe(0);
  });

  it('receives mail delivered over LMTP through IDLE, re-issues IDLE, and runs remote mutations', async () => {
    const sink = new MemorySink();
    const engine = new ImapSyncEngine({ account: dovecot.account('bob'), sink, idleRestartMs: 700, pollIntervalMs: 60_000, log: (l, m) => process.env.DEBUG_IMAP && console.log(l, m) });
    const states: string[] = [];
    engine.start();
    try {
      await waitFor(() => engine.idleCycles >= 1, 'IDLE to start');
      await dovecot.deliver('bob', testMessage({ n: 1, tag: 'lmtp' }));
      await waitFor(() => sink.messages('INBOX').some((m) => m.messageId === 'lmtp-1@pmsync.test'), 'LMTP mail to arrive through IDLE', 5_000);
      expect(sink.messages('INBOX').find((m) => m.messageId === 'lmtp-1@pmsync.test')?.headersOnly).toBe(false);
      await waitFor(() => engine.idleCycles >= 3, 'IDLE to be re-issued', 5_000);
      await dovecot.deliver('bob', testMessage({ n: 2, tag: 'lmtp' }));
      await waitFor(() => sink.messages('INBOX').length === 2, 'mail after an IDLE restart', 5_000);
      expect(engine.limiter.peak).toBeLessThanOrEqual(2);

      // Remote steps of the core's tasks, through the running engine.
      const [first, second] = sink.messages('INBOX');
      await engine.setFlags('INBOX', [first.uid], { add: ['\\Seen', '\\Flagged'] });
      await waitFor(() => sink.messages('INBOX')[0]?.flags.includes('\\Flagged') ?? false, 'flag change to come back');
      const uidMap = await engine.move('INBOX', [second.uid], 'Archive');
      expect(uidMap.get(second.uid)).toBeGreaterThan(0);
      await waitFor(() => sink.messages('Archive').some((m) => m.messageId === 'lmtp-2@pmsync.test') && sink.messages('INBOX').length === 1, 'move to show up');
      const appended = await engine.append('Drafts', testMessage({ n: 1, tag: 'draft' }), ['\\Draft', '\\Seen']);
      expect(appended.uid).toBe(1);
      await waitFor(() => sink.messages('Drafts').length === 1, 'draft to show up');
      await engine.expunge('Drafts', [1]);
      await waitFor(() => sink.messages('Drafts').length === 0, 'expunge to show up');
      states.push('done');
    } finally {
      await engine.stop();
    }
    expect(states).toEqual(['done']);
    expect(engine.limiter.inUse).toBe(0);
  });
});
