import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiClient, type ConnectedClient } from '../../shared/api/client';
import { eventIcs, startRadicale, type DavTestServer } from '../../sync/dav/test-support/dav-servers';
import { openCore, type Core } from '../app';
import { createInProcessTransport } from '../transport/in-process';
import { createDispatcher } from './dispatch';

/** The DAV methods through the real composition root and the typed client, against Radicale. */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pmsync-dav-api-'));
let server: DavTestServer;
let core: Core;
let client: ConnectedClient;

beforeAll(async () => {
  server = await startRadicale();
  const cal = await server.makeCalendar('family', 'Family', '#123456ff');
  await server.makeAddressBook('team', 'Team');
  await server.request('PUT', `${cal}x.ics`, eventIcs('x', 'Dinner'), { 'content-type': 'text/calendar' });
  core = await openCore({ profileDir: path.join(tmp, 'p'), unlock: { kind: 'passphrase', passphrase: 'dav api' }, create: 'only', startSync: false });
  client = createApiClient(createInProcessTransport(createDispatcher(core.handlers), core.events));
});

afterAll(async () => {
  client?.dispose();
  await core?.close();
  await server?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

it('adds, lists, syncs, resolves and removes a DAV account through the API', async () => {
  await expect(client.api.accounts.addDav({ url: server.url, user: 'alice', password: 'wrong' })).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
  const account = await client.api.accounts.addDav({ url: server.url, user: 'alice', password: 'alicepw', name: 'Home server' });
  expect(account).toMatchObject({ name: 'Home server', calendars: 1, addressBooks: 1, user: 'alice' });
  await expect(client.api.accounts.addDav({ url: server.url, user: 'alice', password: 'alicepw' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  expect(await client.api.accounts.listDav()).toEqual([account]);
  // Not a mail account.
  expect((await client.api.mail.listAccounts()).map((a) => a.id)).not.toContain(account.id);

  const [calendar] = await client.api.calendar.listCalendars();
  expect(calendar).toMatchObject({ accountId: account.id, name: 'Family', color: '#123456ff', readOnly: false, visible: true });
  await client.api.calendar.setCalendarVisible({ calendarId: calendar?.id ?? 0, visible: false });
  expect((await client.api.calendar.listCalendars())[0]?.visible).toBe(false);
  expect(await client.api.contacts.listAddressBooks()).toEqual([expect.objectContaining({ accountId: account.id, name: 'Team', readOnly: false })]);

  const status = await client.api.sync.status();
  expect(status.find((s) => s.accountId === account.id)).toMatchObject({ state: 'stopped', lastSyncAt: null });
  await core.dav?.supervisor.syncOnce(account.id);
  expect((await client.api.sync.status()).find((s) => s.accountId === account.id)?.lastSyncAt).toBeGreaterThan(0);
  expect(await client.api.calendar.listConflicts()).toEqual([]);
  await expect(client.api.calendar.resolveConflict({ conflictId: 99, keep: 'server' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  expect(await client.api.sync.now({ accountId: account.id })).toEqual({ ok: true });

  expect((await client.api.accounts.getSettings({ accountId: account.id })).syncIntervalMinutes).toBe(15);
  expect(await client.api.accounts.updateSettings({ accountId: account.id, settings: { syncIntervalMinutes: 30 } })).toMatchObject({ syncIntervalMinutes: 30 });
  expect(core.dav?.dav.syncIntervalMinutes(account.id)).toBe(30);

  expect(await client.api.accounts.remove({ accountId: account.id })).toEqual({ ok: true });
  expect(await client.api.accounts.listDav()).toEqual([]);
  expect(await client.api.calendar.listCalendars()).toEqual([]);
});
