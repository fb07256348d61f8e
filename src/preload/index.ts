import { contextBridge, ipcRenderer } from 'electron';
import { OPEN_EXTERNAL_CHANNEL, PORT_CHANNEL, SHELL_COMMAND_CHANNEL } from '../shared/ipc-channels';
import { createPortBridge } from './bridge';

/**
 * The gate. Runs sandboxed (bundled to CommonJS, no Node): it exposes `window.pmsync` with
 * send / onMessage / openExternal / onShellCommand and nothing else. Main hands over a MessagePort to the core
 * once the page has loaded; requests sent earlier are queued.
 */
const { bridge, attachPort, deliverShellCommand } = createPortBridge({
  openExternal: (url) => ipcRenderer.send(OPEN_EXTERNAL_CHANNEL, url),
  warn: (message) => console.warn(message),
});

ipcRenderer.once(PORT_CHANNEL, (event) => {
  const port = event.ports[0];
  if (port) attachPort(port);
});

// Only main sends on this channel; the bridge still checks the shape before the page sees it.
ipcRenderer.on(SHELL_COMMAND_CHANNEL, (_event, command: unknown) => deliverShellCommand(command));

// Fresh functions, not the object's methods: contextBridge copies them into the page's world.
contextBridge.exposeInMainWorld('pmsync', {
  send: (message: Parameters<typeof bridge.send>[0]) => bridge.send(message),
  onMessage: (listener: Parameters<typeof bridge.onMessage>[0]) => bridge.onMessage(listener),
  openExternal: (url: string) => bridge.openExternal(url),
  onShellCommand: (listener: Parameters<typeof bridge.onShellCommand>[0]) => bridge.onShellCommand(listener),
} satisfies typeof bridge);
