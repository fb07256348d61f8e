import { z } from 'zod';
import type { WireMessage, WireRequest } from './api/contract';

/**
 * Messages between Electron main and the core running in a utilityProcess (over
 * process.parentPort). The API itself never travels here: each window (and main itself) gets a
 * MessagePort straight to the core, sent with a `connect` message.
 */
export const MainToCore = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), profileDir: z.string(), keySource: z.enum(['safeStorage', 'keychain']) }),
  /** Carries ports[0]: a MessagePortMain speaking the wire protocol for one client. */
  z.object({ type: z.literal('connect'), clientName: z.string() }),
  z.object({ type: z.literal('safeStorageResult'), id: z.number().int(), ok: z.boolean(), dataBase64: z.string().optional(), error: z.string().optional() }),
  z.object({ type: z.literal('shutdown') }),
]);
export type MainToCore = z.infer<typeof MainToCore>;

export const CoreToMain = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('fatal'), code: z.string(), message: z.string(), hint: z.string().optional() }),
  /** The core asks main to wrap/unwrap the profile's data key with Electron safeStorage. */
  z.object({ type: z.literal('safeStorage'), id: z.number().int(), op: z.enum(['encrypt', 'decrypt']), dataBase64: z.string() }),
]);
export type CoreToMain = z.infer<typeof CoreToMain>;

/** IPC channel names (PORT_CHANNEL, OPEN_EXTERNAL_CHANNEL, ...) live in a zod-free file the preload can bundle. */
export { OPEN_EXTERNAL_CHANNEL, PORT_CHANNEL, SHELL_COMMAND_CHANNEL, type ShellCommand } from './ipc-channels';
import type { ShellCommand } from './ipc-channels';

/** What the preload exposes as `window.pmsync`: transport-level only, no logic. */
export interface PreloadBridge {
  send(message: WireRequest): void;
  onMessage(listener: (message: WireMessage) => void): () => void;
  /** Opens http(s)/mailto links through main's allow-list. */
  openExternal(url: string): void;
  /** Commands from the shell (a desktop notification was clicked: open this thread / event). Ignore unknown types. */
  onShellCommand(listener: (command: ShellCommand) => void): () => void;
}
