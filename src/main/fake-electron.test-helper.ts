import { EventEmitter } from 'node:events';

/**
 * A stand-in for the parts of the `electron` module main uses, for the wiring test only
 * (index.wiring.test.ts): the Electron binary cannot run here. It records what main does and
 * lets the test play the OS, the page and the core. Test-only; never imported by the app.
 */

export class FakePort extends EventEmitter {
  other: FakePort | null = null;
  started = false;
  closed = false;
  /** Like a real port, messages wait until the receiving side listens. */
  private waiting: unknown[] = [];
  constructor() {
    super();
    this.on('newListener', (event: string) => {
      if (event !== 'message') return;
      queueMicrotask(() => {
        for (const data of this.waiting.splice(0)) this.emit('message', { data, ports: [] });
      });
    });
  }
  postMessage(data: unknown): void {
    const other = this.other;
    if (!other || this.closed) return;
    queueMicrotask(() => {
      if (other.listenerCount('message') > 0) other.emit('message', { data, ports: [] });
      else other.waiting.push(data);
    });
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
    this.other?.emit('close');
  }
}

export class FakeChild extends EventEmitter {
  posted: Array<{ message: { type: string; [key: string]: unknown }; transfer?: FakePort[] }> = [];
  killed = false;
  constructor(readonly modulePath: string) {
    super();
  }
  postMessage(message: { type: string }, transfer?: FakePort[]): void {
    this.posted.push({ message, transfer });
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
}

export class FakeWebContents extends EventEmitter {
  posted: Array<{ channel: string; message: unknown; transfer: FakePort[] }> = [];
  sent: Array<{ channel: string; args: unknown[] }> = [];
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isLoading = () => false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  postMessage(channel: string, message: unknown, transfer: FakePort[]): void {
    this.posted.push({ channel, message, transfer });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export function createFakeElectron(options: { singleInstance: boolean }) {
  const calls: string[] = [];
  const windows: FakeBrowserWindow[] = [];
  const children: FakeChild[] = [];
  const trays: FakeTray[] = [];
  const errorBoxes: Array<{ title: string; content: string }> = [];
  const opened: string[] = [];
  const notifications: FakeNotification[] = [];
  const handlers: {
    headers?: (details: { resourceType: string; responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void;
    permissionRequest?: (wc: unknown, permission: string, cb: (ok: boolean) => void, details: { requestingUrl: string; isMainFrame: boolean }) => void;
    permissionCheck?: (wc: unknown, permission: string, origin: string, details: { requestingUrl?: string; isMainFrame: boolean }) => boolean;
    ipc: Map<string, (event: { senderFrame?: { url: string } }, ...args: unknown[]) => void>;
  } = { ipc: new Map() };
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  let ready = false;

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    getAppPath: () => '/opt/pmsync-dev',
    getPath: (name: string) => `/home/ann/.config/PMSync-${name}`,
    getName: () => 'PMSync',
    requestSingleInstanceLock: () => options.singleInstance,
    enableSandbox: () => calls.push('enableSandbox'),
    whenReady: () => readyPromise,
    isReady: () => ready,
    quit: () => calls.push('quit'),
    setAppUserModelId: () => undefined,
    isDefaultProtocolClient: () => false,
    setAsDefaultProtocolClient: (scheme: string) => calls.push(`setAsDefaultProtocolClient:${scheme}`),
    setBadgeCount: (count: number) => calls.push(`badge:${count}`),
  });

  class FakeBrowserWindow extends EventEmitter {
    webContents = new FakeWebContents();
    loaded: string | null = null;
    destroyed = false;
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      super();
      windows.push(this);
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    loadFile(file: string) {
      this.loaded = file;
      return Promise.resolve();
    }
    focused = false;
    isDestroyed = () => this.destroyed;
    isFocused = () => this.focused;
    isMinimized = () => false;
    isVisible = () => true;
    show = () => calls.push('window.show');
    focus = () => calls.push('window.focus');
    restore = () => undefined;
  }

  class FakeTray extends EventEmitter {
    tooltip = '';
    menu: Array<{ label?: string; click?: () => void }> = [];
    constructor() {
      super();
      trays.push(this);
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setContextMenu(menu: Array<{ label?: string; click?: () => void }>) {
      this.menu = menu;
    }
    setTitle() {}
    isDestroyed = () => false;
    destroy() {}
  }

  class FakeNotification extends EventEmitter {
    static isSupported = () => true;
    shown = false;
    constructor(readonly options: { title: string; body: string }) {
      super();
      notifications.push(this);
    }
    show() {
      this.shown = true;
    }
  }

  const electron = {
    app,
    Notification: FakeNotification,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    dialog: {
      showErrorBox: (title: string, content: string) => errorBoxes.push({ title, content }),
      showMessageBox: () => Promise.resolve({ response: 1 }),
    },
    Menu: { buildFromTemplate: <T>(template: T) => template, setApplicationMenu: () => calls.push('setApplicationMenu') },
    nativeImage: { createFromPath: () => ({ isEmpty: () => false }) },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (fn: typeof handlers.headers) => (handlers.headers = fn) },
        setPermissionRequestHandler: (fn: typeof handlers.permissionRequest) => (handlers.permissionRequest = fn),
        setPermissionCheckHandler: (fn: typeof handlers.permissionCheck) => (handlers.permissionCheck = fn),
        setDevicePermissionHandler: () => calls.push('setDevicePermissionHandler'),
      },
    },
    ipcMain: { on: (channel: string, fn: (event: { senderFrame?: { url: string } }, ...args: unknown[]) => void) => handlers.ipc.set(channel, fn) },
    shell: {
      openExternal: (url: string) => {
        opened.push(url);
        return Promise.resolve();
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => Buffer.from(text),
      decryptString: (data: Buffer) => data.toString(),
    },
    utilityProcess: {
      fork: (modulePath: string) => {
        const child = new FakeChild(modulePath);
        children.push(child);
        return child;
      },
    },
    MessageChannelMain: class {
      port1 = new FakePort();
      port2 = new FakePort();
      constructor() {
        this.port1.other = this.port2;
        this.port2.other = this.port1;
      }
    },
  };

  return {
    electron,
    calls,
    windows,
    children,
    trays,
    errorBoxes,
    notifications,
    opened,
    handlers,
    becomeReady: () => {
      ready = true;
      resolveReady();
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
