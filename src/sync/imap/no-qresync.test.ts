import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapSyncEngine } from './engine';
import { MemorySink } from './memory-sink';
import { startDovecot, type DovecotServer } from './test-support/dovecot';
import { testMessage, testMessages } from './test-support/messages';

let dovecot: DovecotServer;
beforeAll(async () => {
  dovecot = await startDovecot({ disableCapabilities: ['CONDSTORE', 'QRESYNC'] });
});
afterAll(async () => dovecot?.stop());

describe('a server without CONDSTORE/QRESYNC', () => {
  it('syncs changes by a full UID diff', async () => {
    dovecot.seedMaildir('alice', 'INBOX', testMessages(25, 'plain').map((raw) => ({ raw })));
    const sink = new MemorySink();
    const engine = new ImapSyncEngine({ account: dovecot.account(), sink });
    await engine.syncOnce();
    expect(sink.messages('INBOX')).toHaveLength(25);
    expect(sink.folderState('INBOX')).toMatchObject({ highestModseq: null, uidNext: 26 });

    const other = await dovecot.otherClient();
    expect(other.capabilities.has('CONDSTORE')).toBe(false);
    await other.mailboxOpen('INBOX');
    await other.messageFlagsAdd('1:3', ['\\Flagged'], { uid: true });
    await other.messageFlagsRemove('3', ['\\Flagged'], { uid: true });
    await other.messageMove('10', 'Trash', { uid: true });
    await other.messageDelete('11:12', { uid: true });
    await other.append('INBOX', testMessage({ n: 26, tag: 'plain' }));
    await other.mailboxClose();

    const report = await engine.syncOnce();
    expect(report.folders.find((f) => f.path === 'INBOX')).toMatchObject({ strategy: 'uid-diff', added: 1, flagChanges: 2, vanished: 3 });
    const inbox = sink.messages('INBOX');
    expect(inbox.map((m) => m.uid)).toEqual([...Array.from({ length: 25 }, (_, i) => i + 1).filter((u) => u < 10 || u > 12), 26]);
    expect(inbox.filter((m) => m.flags.includes('\\Flagged')).map((m) => m.uid)).toEqual([1, 2]);
    expect(sink.messages('Trash').map((m) => m.messageId)).toEqual(['plain-10@pmsync.test']);
  });
});
