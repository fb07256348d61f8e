import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage } from '../../mail/parse-message';
import { messagesWithId, startDovecot, type DovecotServer } from '../../../sync/imap/test-support/dovecot';
import { waitFor } from '../../../sync/imap/test-support/messages';
import { startHoldingSmtp, type HoldingSmtp } from './test-support/holding-smtp';
import { pmsyncProcesses, type PmsyncProcesses, type ServeProcess } from './test-support/serve-process';

/*
 * Crashes with real processes: `pmsync serve` (the bundled CLI) on a real profile, driven over
 * its WebSocket API, SIGKILLed, and started again on the same profile. Dovecot and an SMTP
 * server that relays into it are real too.
 */
let dovecot: DovecotServer;
let smtp: HoldingSmtp;
let procs: PmsyncProcesses;
let accountId: number;
const running: ServeProcess[] = [];

async function serve(): Promise<ServeProcess> {
  const s = await procs.serve();
  running.push(s);
  return s;
}

const copies = (user: string, mailbox: string, messageId: string): Promise<Buffer[]> => messagesWithId(dovecot, user, mailbox, messageId);

const bodiesWith = (messageId: string) => smtp.received.filter((raw) => raw.toString('latin1').includes(`Message-ID: ${messageId}`)).length;

beforeAll(async () => {
  dovecot = await startDovecot();
  smtp = await startHoldingSmtp(dovecot.lmtpPort);
  procs = pmsyncProcesses('crash test passphrase');
  const init = await procs.run(['init']);
  expect(init.code, init.stderr).toBe(0);
  const add = await procs.run(['account', 'add', 'imap', '--email', 'alice@example.test', '--imap-host', '127.0.0.1', '--imap-port', String(dovecot.imapPort),
    '--smtp-host', '127.0.0.1', '--smtp-port', String(smtp.port), '--tls', 'none', '--password-env', 'ALICE_PW'], { ALICE_PW: 'alicepass' });
  expect(add.code, add.stderr).toBe(0);
  const list = JSON.parse((await procs.run(['account', 'list', '--json'])).stdout) as Array<{ id: number; email: string | null }>;
  accountId = list.find((a) => a.email === 'alice@example.test')!.id;
}, 120_000);

afterAll(async () => {
  for (const s of running) await s.kill().catch(() => undefined);
  await smtp?.stop();
  await dovecot?.stop();
  procs?.cleanup();
});

describe('drafts and sending survive SIGKILL of the core', { timeout: 120_000 }, () => {
  it('a draft typed, then the core killed: restored with its content and attachments, then synced to Drafts', async () => {
    const first = await serve();
    const api = first.client.api.compose;
    const d = await api.createDraft({ mode: 'new', accountId });
    const bytes = randomBytes(200_000);
    const saved = await api.saveDraft({ draftId: d.id, baseRevision: d.revision, to: ['Bob <bob@example.test>'], subject: 'Survives a crash', html: '<p>Typed <i>before</i> the crash</p>' });
    const added = await api.addAttachment({ draftId: d.id, filename: 'data.bin', contentType: 'application/octet-stream', dataBase64: bytes.toString('base64') });
    await first.kill();

    const second = await serve();
    const back = await second.client.api.compose.getDraft({ draftId: d.id });
    expect(back).toMatchObject({
      messageId: d.messageId, to: ['Bob <bob@example.test>'], subject: 'Survives a crash', revision: added.revision,
      attachments: [expect.objectContaining({ filename: 'data.bin', size: bytes.length })],
    });
    expect(back.revision).toBeGreaterThan(saved.revision);
    expect(back.html).toContain('Typed <i>before</i> the crash');
    const content = await second.client.api.compose.getDraftAttachment({ attachmentId: back.attachments[0].id });
    expect(Buffer.from(content.dataBase64, 'base64').equals(bytes)).toBe(true);
    expect((await second.client.api.compose.listDrafts({})).map((s) => s.id)).toContain(d.id);
    // The upload the first process never did is a persisted task: the restarted core does it.
    await waitFor(async () => (await copies('alice', 'Drafts', d.messageId)).length === 1, 'the draft in alice Drafts', 30_000);
    const copy = await parseMessage((await copies('alice', 'Drafts', d.messageId))[0]);
    expect(copy.subject).toBe('Survives a crash');
    expect(copy.attachments[0].content.equals(bytes)).toBe(true);
    await second.stop();
  });

  it('in a running core, the local Drafts and Sent folders follow within seconds (not at the next poll)', async () => {
    const core = await serve();
    const api = core.client.api;
    await waitFor(async () => (await api.sync.status({})).some((st) => st.accountId === accountId && st.lastSyncAt !== null && st.state !== 'syncing'), 'the first sync', 30_000);
    const subjects = async (role: 'drafts' | 'sent') => {
      const folder = (await api.mail.listFolders({ accountId })).find((f) => f.role === role);
      return folder ? (await api.mail.listThreads({ folderId: folder.id, offset: 0, limit: 50 })).items.map((t) => t.subject) : [];
    };
    await api.compose.updateSettings({ undoSendSeconds: 0 });
    const d = await api.compose.createDraft({ mode: 'new', accountId });
    await api.compose.saveDraft({ draftId: d.id, baseRevision: d.revision, to: ['bob@example.test'], subject: 'Watch the folders', html: '<p>x</p>' });
    await waitFor(async () => (await subjects('drafts')).includes('Watch the folders'), 'the draft in the local Drafts folder', 30_000);
    await api.compose.sendDraft({ draftId: d.id });
    await waitFor(async () => (await subjects('sent')).includes('Watch the folders'), 'the message in the local Sent folder', 30_000);
    await waitFor(async () => !(await subjects('drafts')).includes('Watch the folders'), 'the draft gone from the local Drafts folder', 30_000);
    await core.stop();
  });

  const cases = [
    { name: 'the sender is among the recipients (Bcc to self): the copy in INBOX is found', bcc: ['alice@example.test'], providerFilesSent: false },
    { name: 'the provider files Sent itself (as Gmail does): the copy in Sent is found', bcc: [], providerFilesSent: true },
  ];
  for (const c of cases) {
    it(`killed right after DATA, before the server's answer; ${c.name}: delivered exactly once`, async () => {
      const first = await serve();
      const api = first.client.api.compose;
      await api.updateSettings({ undoSendSeconds: 0 });
      const d = await api.createDraft({ mode: 'new', accountId });
      await api.saveDraft({ draftId: d.id, baseRevision: d.revision, to: ['bob@example.test'], bcc: c.bcc, subject: `Once: ${c.name}`, html: '<p>exactly once</p>' });
      const held = smtp.holdNext();
      await api.sendDraft({ draftId: d.id });
      await held; // the server has the whole body; its "250 OK" is not sent yet
      await first.kill();
      await smtp.release(); // the server delivers it; the dead client never heard
      if (c.providerFilesSent) {
        const alice = await dovecot.otherClient('alice');
        await alice.mailboxCreate('Sent').catch(() => undefined);
        await alice.append('Sent', smtp.received.at(-1)!, ['\\Seen']);
        await alice.logout();
      }
      expect(await copies('bob', 'INBOX', d.messageId)).toHaveLength(1);

      const second = await serve();
      await waitFor(async () => (await second.client.api.compose.listOutbox({})).some((r) => r.messageId === d.messageId && r.state === 'sent'), 'the outbox row sent', 30_000);
      await waitFor(async () => (await copies('alice', 'Drafts', d.messageId)).length === 0, 'no copy left in Drafts', 30_000);
      expect(bodiesWith(d.messageId)).toBe(1);
      expect(await copies('bob', 'INBOX', d.messageId)).toHaveLength(1);
      // Sent holds exactly one copy: filed by PMSync when it found the message only in INBOX,
      // left alone when the provider had filed it.
      expect(await copies('alice', 'Sent', d.messageId)).toHaveLength(1);
      await expect(second.client.api.compose.getDraft({ draftId: d.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await second.stop();
    });
  }
});
