/**
 * IPC channel names shared by main and the preload. Kept free of imports on purpose: the
 * sandboxed preload bundles whatever it imports, and it must stay tiny (no zod).
 */

/** Main hands a renderer its MessagePort to the core on this channel (webContents.postMessage). */
export const PORT_CHANNEL = 'pmsync:port';

/** The preload asks main to open a link on this channel; main re-checks it (http(s)/mailto only). */
export const OPEN_EXTERNAL_CHANNEL = 'pmsync:open-external';

/** Main asks the page to do something the shell started (a notification click) on this channel. */
export const SHELL_COMMAND_CHANNEL = 'pmsync:shell-command';

/** What main can ask the page to show. The preload forwards only these shapes. */
export type ShellCommand =
  | { type: 'open-thread'; accountId: number; threadId: number }
  | { type: 'open-inbox'; accountId: number }
  /** A reminder was clicked: open this occurrence (instanceStart as in `calendar.reminder`, ms since epoch). */
  | { type: 'open-event'; eventId: number; instanceStart: number };
