import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PORT_CHANNEL, SHELL_COMMAND_CHANNEL } from '../shared/ipc-channels';
import { createFakeElectron, type FakeElectron, type FakePort } from './fake-electron.test-helper';

/**
 * Runs the real src/main/index.ts against a fake `electron` module (the binary cannot run
 * here) and checks the composition: sandbox before ready, policy installed, core started with
 * the profile, ports handed out only after ready, tray count from the core, clean quit.
 */

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const rendererUrl = pathToFileURL(path.resolve(__dirname, '../renderer/index.html')).href;

async function boot(options: { singleInstance?: boolean } = {}): Promise<FakeElectron> {
  const fake = createFakeElectron({ singleInstance: options.singleInstance ?? true });
  vi.resetModules();
  vi.doMock('electron', () => ({ ...fake.electron, default: fake.electron }));
  vi.doMock('electron-updater', () => ({ default: { autoUpdater: { on: () => undefined } } }));
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  await import('./index');
  return fake;
}

/** Plays the core on the port main kept for itself: answers listFolders. */
function serveFolders(port: FakePort, unread: readonly number[]) {
  port.on('message', ({ data }: { data: { type: string; id: number; method: string } }) => {
    if (data.type !== 'request' || data.method !== 'mail.listFolders') return;
    const folders = unread.map((count, i) => ({ id: i + 1, accountId: i + 1, name: 'Inbox', path: 'INBOX', role: 'inbox', unreadCount: count, totalCount: 50 }));
    port.postMessage({ type: 'response', id: data.id, ok: true, value: folders });
  });
}

afterEach(() => {
  vi.doUnmock('electron');
  vi.doUnmock('electron-updater');
  vi.unstubAllEnvs();
});

describe('main process wiring', () => {
  it('a second instance quits at once and starts nothing', async () => {
    const fake = await boot({ singleInstance: false });
    fake.becomeReady();
    await flush();
    expect(fake.calls).toEqual(['quit']);
    expect(fake.children).toHaveLength(0);
    expect(fake.windows).toHaveLength(0);
  });

  it('enables the sandbox before ready, then installs the policy, starts the core and opens one hardened window', async () => {
    const fake = await boot();
    expect(fake.calls).toEqual(['enableSandbox']);
    fake.becomeReady();
    await flush();

    expect(fake.handlers.headers).toBeTypeOf('function');
    expect(fake.calls).toContain('setDevicePermissionHandler');
    expect(fake.calls).not.toContain('setAsDefaultProtocolClient:mailto'); // not packaged

    const [child] = fake.children;
    expect(child.modulePath.endsWith(path.join('core', 'utility.cjs'))).toBe(true);
    expect(child.posted[0].message).toEqual({ type: 'init', profileDir: path.join('/home/ann/.config/PMSync-userData', 'profile'), keySource: 'safeStorage' });

    const [win] = fake.windows;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(String(win.options.webPreferences.preload).endsWith(path.join('preload', 'index.cjs'))).toBe(true);
    expect(win.loaded).toBe(path.resolve(__dirname, '../renderer/index.html'));
  });

  it('hands the page its port only once the core is ready', async () => {
    const fake = await boot();
    fake.becomeReady();
    await flush();
    const [child] = fake.children;
    const [win] = fake.windows;

    win.webContents.emit('did-finish-load');
    await flush();
    expect(win.webContents.posted).toHaveLength(0);

    child.emit('message', { type: 'ready' });
    await flush();
    const connects = child.posted.filter((p) => p.message.type === 'connect');
    expect(connects.map((c) => c.message.clientName).sort()).toEqual(['main', 'window-1']);
    const windowConnect = connects.find((c) => c.message.clientName === 'window-1')!;
    expect(win.webContents.posted).toHaveLength(1);
    expect(win.webContents.posted[0].channel).toBe(PORT_CHANNEL);
    // The page's port is the other end of the one the core got.
    expect(win.webContents.posted[0].transfer[0].other).toBe(windowConnect.transfer![0]);
  });

  it('shows the inbox unread count from the core in the tray tooltip, and refreshes it on mail.changed', async () => {
    const fake = await boot();
    fake.becomeReady();
    await flush();
    const [child] = fake.children;
    child.emit('message', { type: 'ready' });
    await flush();
    const mainConnect = child.posted.find((p) => p.message.type === 'connect' && p.message.clientName === 'main')!;
    const corePort = mainConnect.transfer![0];
    const unread = [2, 5];
    serveFolders(corePort, unread);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.trays[0].tooltip).toBe('PMSync — 7 unread');
    expect(fake.calls).toContain('badge:7');

    unread.splice(0, 2, 1);
    corePort.postMessage({ type: 'event', event: 'mail.changed', payload: { folderIds: [1], reason: 'flags' } });
    await new Promise((resolve) => setTimeout(resolve, 400)); // the watcher coalesces for 300 ms
    expect(fake.trays[0].tooltip).toBe('PMSync — 1 unread');
  });

  it('turns sync.newMail into a desktop notification while the window is in the background; a click opens the thread', async () => {
    const fake = await boot();
    fake.becomeReady();
    await flush();
    const [child] = fake.children;
    child.emit('message', { type: 'ready' });
    await flush();
    const corePort = child.posted.find((p) => p.message.type === 'connect' && p.message.clientName === 'main')!.transfer![0];
    serveFolders(corePort, [0]);
    const settingsAsked: number[] = [];
    corePort.on('message', ({ data }: { data: { type: string; id: number; method: string; input: { accountId: number } } }) => {
      if (data.type !== 'request' || data.method !== 'accounts.getSettings') return;
      settingsAsked.push(data.input.accountId);
      corePort.postMessage({ type: 'response', id: data.id, ok: true, value: { syncFolders: null, notifications: data.input.accountId !== 9 } });
    });
    const [win] = fake.windows;
    const newMail = (accountId: number) => corePort.postMessage({ type: 'event', event: 'sync.newMail', payload: {
      accountId, count: 1, messages: [{ id: 11, threadId: 77, from: 'Dana Sender', subject: 'Lunch on Thursday' }],
    } });

    win.focused = true; // the page shows it itself
    newMail(1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.notifications).toHaveLength(0);

    win.focused = false;
    newMail(9); // notifications switched off for this account
    newMail(1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(settingsAsked).toEqual([1, 9, 1]);
    expect(fake.notifications.map((n) => [n.options.title, n.options.body, n.shown])).toEqual([['Dana Sender', 'Lunch on Thursday', true]]);

    fake.notifications[0].emit('click');
    expect(fake.calls).toContain('window.focus');
    expect(win.webContents.sent).toEqual([{ channel: SHELL_COMMAND_CHANNEL, args: [{ type: 'open-thread', accountId: 1, threadId: 77 }] }]);
  });

  it('turns calendar.reminder into a desktop notification; a click shows the window and opens that occurrence in the page', async () => {
    const fake = await boot();
    fake.becomeReady();
    await flush();
    const [child] = fake.children;
    child.emit('message', { type: 'ready' });
    await flush();
    const corePort = child.posted.find((p) => p.message.type === 'connect' && p.message.clientName === 'main')!.transfer![0];
    serveFolders(corePort, [0]);
    const [win] = fake.windows;
    const start = Date.now() + 10 * 60_000;
    corePort.postMessage({ type: 'event', event: 'calendar.reminder', payload: { eventId: 42, instanceStart: start, title: 'Dentist', start, location: '' } });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.notifications.map((n) => [n.options.title, n.shown])).toEqual([['Dentist', true]]);
    expect(win.webContents.sent).toEqual([]);

    win.webContents.isLoading = () => true; // e.g. the window was just re-created from the tray
    fake.notifications[0].emit('click');
    expect(fake.calls).toContain('window.focus');
    expect(win.webContents.sent).toEqual([]);
    win.webContents.emit('did-finish-load');
    expect(win.webContents.sent).toEqual([{ channel: SHELL_COMMAND_CHANNEL, args: [{ type: 'open-event', eventId: 42, instanceStart: start }] }]);
  });

  it('enforces the navigation, window-open, permission and CSP policy on web contents', async () => {
    const fake = await boot();
    fake.becomeReady();
    await flush();

    const contents = Object.assign(new (await import('node:events')).EventEmitter(), {
      setWindowOpenHandler(handler: (d: { url: string }) => { action: string }) {
        contents.windowOpen = handler;
      },
      windowOpen: null as null | ((d: { url: string }) => { action: string }),
    });
    fake.electron.app.emit('web-contents-created', {}, contents);

    const navigate = (url: string) => {
      const event = { url, preventDefault: vi.fn() };
      contents.emit('will-navigate', event);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate(rendererUrl)).toBe(false);
    expect(navigate('https://example.com/page')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    await flush();
    expect(fake.opened).toEqual(['https://example.com/page']);

    const frameEvent = { url: 'https://tracker.example/', isMainFrame: false, preventDefault: vi.fn() };
    contents.emit('will-frame-navigate', frameEvent);
    expect(frameEvent.preventDefault).toHaveBeenCalled();

    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();

    expect(contents.windowOpen!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(contents.windowOpen!({ url: 'mailto:bob@example.com' })).toEqual({ action: 'deny' });
    await flush();
    expect(fake.opened).toEqual(['https://example.com/page', 'mailto:bob@example.com']);

    const answers: boolean[] = [];
    fake.handlers.permissionRequest!({}, 'media', (ok) => answers.push(ok), { requestingUrl: rendererUrl, isMainFrame: true });
    fake.handlers.permissionRequest!({}, 'notifications', (ok) => answers.push(ok), { requestingUrl: rendererUrl, isMainFrame: true });
    expect(answers).toEqual([false, true]);
    expect(fake.handlers.permissionCheck!({}, 'geolocation', 'file://', { requestingUrl: rendererUrl, isMainFrame: true })).toBe(false);

    let headers: unknown;
    fake.handlers.headers!({ resourceType: 'mainFrame', responseHeaders: { 'X-Test': ['1'] } }, (r) => (headers = r));
    expect(headers).toMatchObject({ responseHeaders: { 'X-Test': ['1'], 'Content-Security-Policy': [expect.stringContaining("object-src 'none'")] } });

    const ipcOpen = fake.handlers.ipc.get('pmsync:open-external')!;
    ipcOpen({ senderFrame: { url: 'https://evil.example/' } }, 'https://example.org/');
    ipcOpen({ senderFrame: { url: rendererUrl } }, 'file:///etc/passwd');
    ipcOpen({ senderFrame: { url: rendererUrl } }, 'https://example.org/');
    await flush();
    expect(fake.opened.at(-1)).toBe('https://example.org/');
    expect(fake.opened).toHaveLength(3);
  });

  it('shows the core fatal error with its hint and quits', async () => {
    const fake = await boot();
    fake.becomeReady();
    await flush();
    fake.children[0].emit('message', { type: 'fatal', code: 'PROFILE_LOCKED', message: 'The profile is in use by another PMSync.', hint: 'Close the other PMSync and start again.' });
    await flush();
    expect(fake.errorBoxes).toEqual([{ title: 'PMSync could not start', content: 'The profile is in use by another PMSync.\n\nClose the other PMSync and start again.' }]);
    expect(fake.calls).toContain('quit');
  });

  it('quits cleanly: holds the quit, asks the core to shut down, then quits when it exits', async () => {
    const fake = await boot();
    fake.becomeReady();
    await flush();
    const [child] = fake.children;
    child.emit('message', { type: 'ready' });
    await flush();

    const quit = { preventDefault: vi.fn() };
    fake.electron.app.emit('before-quit', quit);
    expect(quit.preventDefault).toHaveBeenCalled();
    expect(child.posted.at(-1)?.message).toEqual({ type: 'shutdown' });
    expect(fake.calls.filter((c) => c === 'quit')).toHaveLength(0);

    child.emit('exit', 0);
    await flush();
    expect(fake.calls.filter((c) => c === 'quit')).toHaveLength(1);
    expect(fake.errorBoxes).toEqual([]); // a requested exit is not a crash

    const again = { preventDefault: vi.fn() };
    fake.electron.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});
