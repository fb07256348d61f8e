import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ConnectedClient } from '../../../shared/api/client';
import { startRadicale, startXandikos, type DavTestServer } from '../../../sync/dav/test-support/dav-servers';
import { createDispatcher } from '../../api/dispatch';
import { openCore, type Core } from '../../app';
import { contactsCommand } from '../../cli/cmd-contacts';
import type { CliIo } from '../../cli/io';
import { CliSession } from '../../cli/session';
import { parseVCard } from '../../contacts/vcard';
import { readCardLines } from '../../contacts/vcard-lines';
import { unescapeText } from '../../contacts/vcard-text';
import { PASS, tempDir } from '../../store/test-support/fixtures';
import { createInProcessTransport } from '../../transport/in-process';

/**
 * Contacts end to end through the real composition root (openCore) and the typed API, against
 * real Radicale and Xandikos on loopback: what PMSync writes lands on the server, and what
 * another client writes (raw HTTP) shows up after a sync.
 */
const servers = [['Radicale', startRadicale], ['Xandikos', startXandikos]] as const;

const OTHER_CLIENT_CARD = [
  'BEGIN:VCARD', 'VERSION:3.0', 'PRODID:-//Other Client//EN', 'UID:ada-1', 'FN:Ada Lovelace', 'N:Lovelace;Ada;;;',
  'item1.EMAIL;type=INTERNET:ada@engine.test', 'item1.X-ABLabel:Engine', 'X-OTHER-CLIENT-STATE:keep=me;really', 'CATEGORIES:Math', 'END:VCARD', '',
].join('\r\n');

describe.each(servers)('contacts against %s', (_name, start) => {
  let server: DavTestServer;
  let core: Core;
  let client: ConnectedClient;
  let bookUrl: string;
  let profileDir: string;
  let cleanupDir: () => void;
  let accountId: number;

  const sync = async () => {
    await core.tasks.drain({ timeoutMs: 20_000 });
    await core.dav?.supervisor.syncOnce(accountId);
  };
  const serverCard = async (href: string) => server.request('GET', new URL(href, server.url).toString());
  const hrefOf = (contactId: number) => {
    const r = core.dav?.writer.getResource(contactId);
    if (!r) throw new Error(`no resource ${contactId}`);
    return r.href;
  };

  beforeAll(async () => {
    server = await start();
    bookUrl = await server.makeAddressBook('people', 'People');
    const put = await server.request('PUT', `${bookUrl}ada-1.vcf`, OTHER_CLIENT_CARD, { 'content-type': 'text/vcard' });
    expect([201, 204]).toContain(put.status);
    const t = tempDir('pmsync-contacts-e2e-');
    cleanupDir = t.cleanup;
    profileDir = path.join(t.dir, 'profile');
    core = await openCore({ profileDir, unlock: PASS, create: 'only', startSync: false });
    client = createApiClient(createInProcessTransport(createDispatcher(core.handlers), core.events));
  });
  afterAll(async () => {
    client?.dispose();
    await core?.close();
    await server?.dispose();
    cleanupDir?.();
  });

  it('syncs the address book and finds what another client wrote, unknown properties intact', async () => {
    accountId = (await client.api.accounts.addDav({ url: server.url, user: server.user, password: server.password })).id;
    await sync();
    const [book] = await client.api.contacts.listAddressBooks({});
    expect(book).toMatchObject({ name: 'People', readOnly: false });
    const found = await client.api.contacts.search({ query: 'ada love' });
    expect(found.items.map((c) => c.fullName)).toEqual(['Ada Lovelace']);
    const ada = await client.api.contacts.get({ contactId: found.items[0].id });
    expect(ada).toMatchObject({ uid: 'ada-1', version: '3.0', syncState: 'synced', emails: [{ type: 'engine', value: 'ada@engine.test' }], groups: ['Math'] });
    // The composer's autocomplete draws on the same index.
    expect(await client.api.compose.suggestAddresses({ query: 'lovel' })).toContainEqual({ name: 'Ada Lovelace', address: 'ada@engine.test', source: 'contact' });
  });

  it('create, edit and delete in PMSync reach the server; an edit keeps the other client\'s properties', async () => {
    const [book] = await client.api.contacts.listAddressBooks({});
    const grace = await client.api.contacts.create({ addressBookId: book.id, fullName: 'Grace Hopper', emails: [{ type: 'work', value: 'grace@navy.test' }], birthday: '--12-09' });
    expect(grace.syncState).toBe('pending');
    await sync();
    expect((await client.api.contacts.get({ contactId: grace.id })).syncState).toBe('synced');
    const created = await serverCard(hrefOf(grace.id));
    expect(created.status).toBe(200);
    expect(parseVCard(created.text)).toMatchObject({ uid: grace.uid, version: '3.0', fields: { fullName: 'Grace Hopper', birthday: '--12-09', emails: [{ type: 'work', value: 'grace@navy.test' }] } });

    const adaId = (await client.api.contacts.search({ query: 'ada' })).items[0].id;
    await client.api.contacts.update({ contactId: adaId, changes: { title: 'Analyst', phones: [{ type: 'cell', value: '+44 20 1234' }] } });
    await sync();
    const edited = await serverCard(hrefOf(adaId));
    // Radicale stores cards re-serialized (vobject: order, case, `;` escaped), so compare meaning, not bytes.
    const props = readCardLines(edited.text).lines.map((l) => `${l.group ? `${l.group.toLowerCase()}.` : ''}${l.name}=${unescapeText(l.value)}`);
    expect(props).toEqual(expect.arrayContaining(['X-OTHER-CLIENT-STATE=keep=me;really', 'item1.X-ABLABEL=Engine', 'PRODID=-//Other Client//EN', 'UID=ada-1']));
    expect(parseVCard(edited.text).fields).toMatchObject({ title: 'Analyst', phones: [{ type: 'cell', value: '+44 20 1234' }], emails: [{ type: 'engine', value: 'ada@engine.test' }] });

    const graceHref = hrefOf(grace.id);
    await client.api.contacts.delete({ contactId: grace.id });
    expect((await client.api.contacts.search({ query: 'grace' })).total).toBe(0);
    await sync();
    expect((await serverCard(graceHref)).status).toBe(404);
  });

  it('shows a change and a deletion made by another client after sync', async () => {
    const ada = (await client.api.contacts.search({ query: 'ada' })).items[0];
    const href = new URL(hrefOf(ada.id), server.url).toString();
    const current = await server.request('GET', href);
    const renamed = current.text.replace('FN:Ada Lovelace', 'FN:Augusta Ada King');
    const put = await server.request('PUT', href, renamed, { 'content-type': 'text/vcard', ...(current.etag ? { 'if-match': current.etag } : {}) });
    expect([201, 204]).toContain(put.status);
    const newcomer = await server.request('PUT', `${bookUrl}new-1.vcf`, 'BEGIN:VCARD\r\nVERSION:4.0\r\nUID:new-1\r\nFN:Katherine Johnson\r\nEMAIL:kj@nasa.test\r\nEND:VCARD\r\n', { 'content-type': 'text/vcard' });
    expect([201, 204]).toContain(newcomer.status);
    await sync();
    expect((await client.api.contacts.search({ query: 'augusta' })).items.map((c) => c.id)).toEqual([ada.id]);
    expect((await client.api.contacts.search({ query: 'katherine' })).items.map((c) => c.fullName)).toEqual(['Katherine Johnson']);

    expect((await server.request('DELETE', href)).status).toBeLessThan(300);
    await sync();
    expect((await client.api.contacts.search({ query: 'augusta' })).total).toBe(0);
    expect((await client.api.contacts.listGroups({}))).toEqual([]);
  });

  it('`pmsync contacts search Q --json` answers from the same profile', async () => {
    client.dispose();
    await core.close();
    let out = '';
    const io: CliIo = {
      stdout: new Writable({ write(chunk: Buffer, _e, done) { out += chunk.toString(); done(); } }),
      stderr: new Writable({ write(_c, _e, done) { done(); } }),
      stdin: process.stdin,
      env: { PMSYNC_PASSPHRASE: PASS.passphrase },
    };
    const session = new CliSession({ profileDir, staticDir: '' }, io);
    expect(await contactsCommand.run(session, { positionals: ['search', 'kathe'], values: {}, json: true }, io)).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ total: 1, items: [{ fullName: 'Katherine Johnson', emails: ['kj@nasa.test'] }] });
    out = '';
    expect(await contactsCommand.run(session, { positionals: [], values: {}, json: false }, io)).toBe(0);
    expect(out).toMatch(/^1 contact\n\s+\d+\s+Katherine Johnson\s+kj@nasa\.test\n$/);
    // Reopen for afterAll (and so the next server's run starts from a closed one).
    core = await openCore({ profileDir, unlock: PASS, startSync: false });
    client = createApiClient(createInProcessTransport(createDispatcher(core.handlers), core.events));
  });
});
