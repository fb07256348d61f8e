import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapSyncEngine } from './engine';
import { MemorySink } from './memory-sink';
import type { SyncProgress, Quarantined } from './progress';
import { startDovecot, type DovecotServer } from './test-support/dovecot';
import { testMessage, testMessages } from './test-support/messages';

let dovecot: DovecotServer;
const INBOX_COUNT = 120;
const ARCHIVE_COUNT = 30;
const NON_ASCII = 'Reçus/Факты 日本';

beforeAll(async () => {
  dovecot = await startDovecot();
  dovecot.seedMaildir('alice', 'INBOX', testMessages(INBOX_COUNT, 'inbox', 2000).map((raw, i) => ({ raw, flags: i % 3 === 0 ? ['\\Seen'] : [] })));
  dovecot.seedMaildir('alice', 'Archive', testMessages(ARCHIVE_COUNT, 'archive').map((raw) => ({ raw, flags: ['\\Seen', '\\Flagged'] })));
  dovecot.seedMaildir('alice', 'Projects/2024', testMessages(5, 'projects').map((raw) => ({ raw })));
  const other = await dovecot.otherClient();
  await other.mailboxCreate(NON_ASCII);
  for (let n = 1; n <= 3; n++) await other.append(NON_ASCII, testMessage({ n, tag: 'unicode' }), ['\\Seen']);
});
afterAll(async () => dovecot?.stop());

describe('initial sync against Dovecot', () => {
  it('accounts for every message in every folder, headers first then bodies, with progress', async () => {
    const sink = new MemorySink();
    const progress: SyncProgress[] = [];
    const engine = new ImapSyncEngine({
      account: dovecot.account(), sink, headerChunk: 50, bodyChunk: 40, inlineBodyLimit: 10,
      onProgress: (p) => progress.push(p),
    });
    const report = await engine.syncOnce();

    const folders = sink.folders();
    const byPath = new Map(folders.map((f) => [f.path, f]));
    expect(byPath.get('INBOX')?.role).toBe('inbox');
    for (const [path, role] of [['Sent', 'sent'], ['Drafts', 'drafts'], ['Trash', 'trash'], ['Archive', 'archive'], ['Junk', 'junk']]) {
      expect(byPath.get(path)?.role).toBe(role);
    }
    // Hierarchy and a non-ASCII name round-trip through modified UTF-7.
    expect(byPath.get('Projects/2024')).toMatchObject({ name: '2024', parentPath: 'Projects', delimiter: '/' });
    expect(byPath.get(NON_ASCII)).toMatchObject({ name: 'Факты 日本', parentPath: 'Reçus' });

    const inbox = sink.messages('INBOX');
    expect(inbox).toHaveLength(INBOX_COUNT);
    expect(new Set(inbox.map((m) => m.messageId)).size).toBe(INBOX_COUNT);
    expect(inbox.every((m) => !m.headersOnly && m.raw.toString().includes(`Body of inbox`))).toBe(true);
    const first = inbox.find((m) => m.messageId === 'inbox-1@pmsync.test');
    expect(first?.raw.equals(testMessage({ n: 1, tag: 'inbox', bodyBytes: 2000 }))).toBe(true);
    expect(first?.flags).toEqual(['\\Seen']);
    expect(sink.messages('Archive').map((m) => m.flags)).toEqual(Array(ARCHIVE_COUNT).fill(['\\Flagged', '\\Seen']));
    expect(sink.messages('Projects/2024')).toHaveLength(5);
    expect(sink.messages(NON_ASCII).map((m) => m.messageId).sort()).toEqual(['unicode-1@pmsync.test', 'unicode-2@pmsync.test', 'unicode-3@pmsync.test']);
    expect(report.folders.find((f) => f.path === 'INBOX')).toMatchObject({ added: INBOX_COUNT, strategy: 'uid-diff' });

    // Headers came newest first in chunks, then bodies; progress ends at the totals.
    const inboxHeaders = progress.filter((p) => p.folder === 'INBOX' && p.phase === 'headers');
    expect(inboxHeaders.map((p) => p.done)).toEqual([50, 100, 120]);
    const inboxBodies = progress.filter((p) => p.folder === 'INBOX' && p.phase === 'bodies');
    expect(inboxBodies.at(-1)).toEqual({ folder: 'INBOX', phase: 'bodies', done: 120, total: 120 });
    const firstInboxCommit = sink.commits.find((c) => c.path === 'INBOX' && c.added > 0);
    expect(firstInboxCommit?.cursor.uidNext).toBeNull(); // not complete until the last chunk
    expect(sink.folderState('INBOX')?.uidNext).toBe(INBOX_COUNT + 1);

    // A second pass finds nothing to do.
    const again = await engine.syncOnce();
    expect(again.folders.filter((f) => f.added + f.flagChanges + f.vanished > 0)).toEqual([]);
  });

  it('quarantines a malformed message and a message the store refuses without stopping the batch', async () => {
    const broken = Buffer.from('this is not a header line\r\nnor this\r\n\r\nbody\r\n');
    const badCharset = Buffer.from([
      'From: =?x-unknown-charset?B?w6k=?= <odd@example.test>', 'Subject: =?utf-8?Q?broken=ZZ?=',
      'Message-ID: <charset@pmsync.test>', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="never-closed"',
      '', '--never-closed', 'Content-Type: text/plain; charset=no-such-charset', 'Content-Transfer-Encoding: base64', '', '@@@not base64@@@', '',
    ].join('\r\n') + '\xff\xfe\r\n', 'latin1');
    const refused = testMessage({ n: 99, tag: 'refuse-me' });
    const good = testMessages(20, 'mixed');
    dovecot.seedMaildir('bob', 'INBOX', [...good.slice(0, 10), broken, badCharset, refused, ...good.slice(10)].map((raw) => ({ raw })));

    const quarantined: Quarantined[] = [];
    const sink = new MemorySink({ refuse: (raw) => (raw.includes('refuse-me') ? 'parser failed' : null) });
    const engine = new ImapSyncEngine({ account: dovecot.account('bob'), sink, inlineBodyLimit: 100, onQuarantine: (q) => quarantined.push(q) });
    await engine.syncOnce();

    const stored = sink.messages('INBOX');
    expect(stored).toHaveLength(21); // 20 good + the oddly encoded one, kept byte for byte
    expect(stored.find((m) => m.messageId === 'charset@pmsync.test')?.raw.equals(badCharset)).toBe(true);
    expect(quarantined.map((q) => q.reason).sort()).toEqual(['not an RFC 822 message: header line 1 is not "Name: value"', 'parser failed']);
    expect(sink.quarantined('INBOX')).toHaveLength(2);
    expect(sink.folderState('INBOX')?.uidNext).toBe(24); // complete: quarantined UIDs are accounted for

    const again = await engine.syncOnce();
    expect(again.folders.find((f) => f.path === 'INBOX')?.added ?? 0).toBe(0);
  });
});
