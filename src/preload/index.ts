import { contextBridge, ipcRenderer } from 'electron';
import { OPEN_EXTERNAL_CHANNEL, PORT_CHANNEL } from '../shared/ipc-channels';
import { createPortBridge } from './bridge';

/**
 * The gate. Runs sandboxed (bundled to CommonJS, no Node): it exposes `window.pmsync` with
 * send / onMessage / openExternal and nothing else. Main hands over a MessagePort to the core
 * once the page has loaded; requests sent earlier are queued.
 */
const { bridge, attachPort } = createPortBridge({
  openExternal: (url) => ipcRenderer.send(OPEN_EXTERNAL_CHANNEL, url),
  warn: (message) => console.warn(message),
});

ipcRenderer.once(PORT_CHANNEL, (event) => {
  const port = event.ports[0];
  if (port) attachPort(port);
});

// Fresh functions, not the object's methods: contextBridge copies them into the page's world.
contextBridge.exposeInMainWorld('pmsync', {
  send: (message: Parameters<typeof bridge.send>[0]) => bridge.send(message),
  onMessage: (listener: Parameters<typeof bridge.onMessage>[0]) => bridge.onMessage(listener),
  openExternal: (url: string) => bridge.openExternal(url),
} satisfies typeof bridge);
