import { inQuietHours, type QuietHours } from './quiet-hours';

export interface NewMail {
  accountId: number;
  count: number;
  messages: Array<{ id: number; threadId: number; from: string; subject: string }>;
}

export interface NotifyContext {
  permission: 'granted' | 'denied' | 'default' | 'unsupported';
  windowFocused: boolean;
  /** The user already sees this account's new mail: its Inbox or All Inboxes is on screen. */
  showingInbox: boolean;
  accountEnabled: boolean;
  quiet: QuietHours;
  now: Date;
}

export interface PlannedNotification {
  title: string;
  body: string;
  /** Clicking opens this thread (null for a batch: it opens the Inbox). */
  threadId: number | null;
  accountId: number;
  /** Same tag replaces an earlier notification instead of stacking. */
  tag: string;
}

/** More than this many at once become one summary notification. */
export const BATCH_OVER = 3;

export type NotifyDecision = { show: false; reason: 'permission' | 'disabled' | 'quiet-hours' | 'already-visible' | 'empty' } | { show: true; notifications: PlannedNotification[] };

function subjectOf(s: string): string {
  return s.trim() || '(no subject)';
}

function sendersSummary(names: string[]): string {
  const unique = [...new Set(names.map((n) => n.trim()).filter((n) => n.length > 0))];
  if (unique.length === 0) return '';
  if (unique.length <= 2) return `From ${unique.join(' and ')}`;
  return `From ${unique.slice(0, 2).join(', ')} and ${unique.length - 2} other${unique.length - 2 === 1 ? '' : 's'}`;
}

/** Whether and what to notify for a `sync.newMail` event: pure, so every rule is tested. */
export function planNotifications(mail: NewMail, ctx: NotifyContext): NotifyDecision {
  if (ctx.permission !== 'granted') return { show: false, reason: 'permission' };
  if (!ctx.accountEnabled) return { show: false, reason: 'disabled' };
  if (mail.count <= 0 || mail.messages.length === 0) return { show: false, reason: 'empty' };
  if (ctx.windowFocused && ctx.showingInbox) return { show: false, reason: 'already-visible' };
  if (inQuietHours(ctx.quiet, ctx.now)) return { show: false, reason: 'quiet-hours' };
  if (mail.count > BATCH_OVER || mail.messages.length > BATCH_OVER) {
    return {
      show: true,
      notifications: [{
        title: `${mail.count.toLocaleString()} new messages`,
        body: sendersSummary(mail.messages.map((m) => m.from)),
        threadId: null,
        accountId: mail.accountId,
        tag: `pmsync-batch-${mail.accountId}`,
      }],
    };
  }
  return {
    show: true,
    notifications: mail.messages.map((m) => ({
      title: m.from.trim() || 'New message',
      body: subjectOf(m.subject),
      threadId: m.threadId,
      accountId: mail.accountId,
      tag: `pmsync-msg-${m.id}`,
    })),
  };
}

/** "(3) PMSync": the unread count of the inboxes, in the window title. */
export function titleWithUnread(unread: number, base = 'PMSync'): string {
  return unread > 0 ? `(${unread > 9999 ? '9999+' : unread}) ${base}` : base;
}
