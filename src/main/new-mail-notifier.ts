import type { ShellCommand } from '../shared/ipc-channels';

/**
 * What the Electron shell does with the core's `sync.newMail` event: every rule here, pure
 * (no electron import) so it is unit-tested; `notifications.ts` only calls Electron.
 *
 * Division of work with the renderer: while the window has focus the page shows new mail itself
 * (it knows which folder is on screen), so main notifies only when the window is in the
 * background, minimized, hidden or closed to the tray.
 */

export interface NewMail {
  accountId: number;
  count: number;
  messages: ReadonlyArray<{ id: number; threadId: number; from: string; subject: string }>;
}

/** Quiet hours of this computer: stored by main in userData/notifications.json. */
export interface QuietHours {
  enabled: boolean;
  /** "HH:MM", 24-hour local time; a window like 22:00–07:00 wraps past midnight. */
  start: string;
  end: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { enabled: false, start: '22:00', end: '07:00' };

/** More new messages than this at once become one "N new messages" notification. */
export const BATCH_OVER = 3;

export interface DesktopNotification {
  title: string;
  body: string;
  /** What a click asks the window to open. */
  open: ShellCommand;
}

export type NotifyDecision =
  | { show: false; reason: 'empty' | 'window-focused' | 'account-off' | 'quiet-hours' }
  | { show: true; notifications: DesktopNotification[] };

export interface NotifyContext {
  windowFocused: boolean;
  /** accounts.getSettings({accountId}).notifications */
  accountEnabled: boolean;
  quiet: QuietHours;
  now: Date;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(hhmm: string): number | null {
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function inQuietHours(quiet: QuietHours, at: Date): boolean {
  if (!quiet.enabled) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === null || end === null || start === end) return false;
  const now = at.getHours() * 60 + at.getMinutes();
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** Reads the settings file's text; anything missing or malformed means "no quiet hours". */
export function parseNotificationSettings(text: string | null): { quietHours: QuietHours } {
  if (!text) return { quietHours: DEFAULT_QUIET_HOURS };
  try {
    const value: unknown = JSON.parse(text);
    const q = typeof value === 'object' && value !== null ? (value as { quietHours?: unknown }).quietHours : undefined;
    if (typeof q !== 'object' || q === null) return { quietHours: DEFAULT_QUIET_HOURS };
    const { enabled, start, end } = q as Record<string, unknown>;
    if (typeof enabled !== 'boolean' || typeof start !== 'string' || typeof end !== 'string') return { quietHours: DEFAULT_QUIET_HOURS };
    if (minutesOf(start) === null || minutesOf(end) === null) return { quietHours: DEFAULT_QUIET_HOURS };
    return { quietHours: { enabled, start, end } };
  } catch {
    return { quietHours: DEFAULT_QUIET_HOURS };
  }
}

function senders(names: readonly string[]): string {
  const unique = [...new Set(names.map((n) => n.trim()).filter((n) => n.length > 0))];
  if (unique.length === 0) return '';
  if (unique.length <= 2) return `From ${unique.join(' and ')}`;
  const others = unique.length - 2;
  return `From ${unique.slice(0, 2).join(', ')} and ${others} other${others === 1 ? '' : 's'}`;
}

export function planDesktopNotifications(mail: NewMail, ctx: NotifyContext): NotifyDecision {
  if (mail.count <= 0 || mail.messages.length === 0) return { show: false, reason: 'empty' };
  if (ctx.windowFocused) return { show: false, reason: 'window-focused' };
  if (!ctx.accountEnabled) return { show: false, reason: 'account-off' };
  if (inQuietHours(ctx.quiet, ctx.now)) return { show: false, reason: 'quiet-hours' };
  if (mail.count > BATCH_OVER || mail.messages.length > BATCH_OVER) {
    return {
      show: true,
      notifications: [{
        title: `${mail.count} new messages`,
        body: senders(mail.messages.map((m) => m.from)),
        open: { type: 'open-inbox', accountId: mail.accountId },
      }],
    };
  }
  return {
    show: true,
    notifications: mail.messages.map((m) => ({
      title: m.from.trim() || 'New message',
      body: m.subject.trim() || '(no subject)',
      open: { type: 'open-thread', accountId: mail.accountId, threadId: m.threadId },
    })),
  };
}

export interface NotifierDeps {
  isWindowFocused(): boolean;
  /** The per-account switch; a failure to read it counts as "on" (new mail matters more). */
  accountEnabled(accountId: number): Promise<boolean>;
  quietHours(): QuietHours;
  now(): Date;
  /** Shows one notification; `onClick` runs when the user clicks it. */
  show(notification: DesktopNotification, onClick: () => void): void;
  /** Brings the window forward and hands it the command. */
  open(command: ShellCommand): void;
  onError?(err: unknown): void;
}

/** Handles each `sync.newMail` event; returns the decision (for logs and tests). */
export function createNewMailNotifier(deps: NotifierDeps): (mail: NewMail) => Promise<NotifyDecision> {
  return async (mail) => {
    let accountEnabled = true;
    try {
      accountEnabled = await deps.accountEnabled(mail.accountId);
    } catch (err) {
      deps.onError?.(err);
    }
    // Focus is read after the await: the user may have switched windows meanwhile.
    const decision = planDesktopNotifications(mail, {
      windowFocused: deps.isWindowFocused(), accountEnabled, quiet: deps.quietHours(), now: deps.now(),
    });
    if (decision.show) {
      for (const n of decision.notifications) {
        try {
          deps.show(n, () => deps.open(n.open));
        } catch (err) {
          deps.onError?.(err);
        }
      }
    }
    return decision;
  };
}

/** The badge text for a count: nothing at 0, "99+" past 99 (what fits on a dock or tray badge). */
export function badgeLabel(count: number | null): string {
  if (count === null || !Number.isFinite(count) || count <= 0) return '';
  return count > 99 ? '99+' : String(Math.floor(count));
}
