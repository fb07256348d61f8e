import { describe, expect, it } from 'vitest';
import { planNotifications, titleWithUnread, type NotifyContext } from './notification-plan';
import { inQuietHours, parseQuietHours, DEFAULT_QUIET_HOURS } from './quiet-hours';

const at = (h: number, m = 0) => new Date(2025, 0, 15, h, m);
const ctx = (extra: Partial<NotifyContext> = {}): NotifyContext => ({
  permission: 'granted', windowFocused: false, showingInbox: false, accountEnabled: true,
  quiet: { enabled: false, start: '22:00', end: '07:00' }, now: at(12), ...extra,
});
const msg = (id: number, from = `Sender ${id}`) => ({ id, threadId: id * 10, from, subject: `Subject ${id}` });

describe('planNotifications', () => {
  it('shows one notification per message for a few messages, sender as title', () => {
    const d = planNotifications({ accountId: 1, count: 2, messages: [msg(1, 'Alice'), msg(2, 'Bob')] }, ctx());
    expect(d.show).toBe(true);
    if (!d.show) return;
    expect(d.notifications.map((n) => [n.title, n.body, n.threadId])).toEqual([['Alice', 'Subject 1', 10], ['Bob', 'Subject 2', 20]]);
  });
  it('batches more than three into one summary that opens the inbox', () => {
    const d = planNotifications({ accountId: 1, count: 5, messages: [msg(1, 'Alice'), msg(2, 'Bob'), msg(3, 'Alice'), msg(4, 'Cy')] }, ctx());
    if (!d.show) throw new Error('expected a notification');
    expect(d.notifications).toHaveLength(1);
    expect(d.notifications[0]).toMatchObject({ title: '5 new messages', body: 'From Alice, Bob and 1 other', threadId: null });
  });
  it('stays silent when the user already looks at the inbox', () => {
    expect(planNotifications({ accountId: 1, count: 1, messages: [msg(1)] }, ctx({ windowFocused: true, showingInbox: true }))).toEqual({ show: false, reason: 'already-visible' });
    // Focused but on another folder: notify.
    expect(planNotifications({ accountId: 1, count: 1, messages: [msg(1)] }, ctx({ windowFocused: true })).show).toBe(true);
  });
  it('respects permission, the per-account switch and quiet hours', () => {
    const one = { accountId: 1, count: 1, messages: [msg(1)] };
    expect(planNotifications(one, ctx({ permission: 'default' }))).toEqual({ show: false, reason: 'permission' });
    expect(planNotifications(one, ctx({ accountEnabled: false }))).toEqual({ show: false, reason: 'disabled' });
    expect(planNotifications(one, ctx({ quiet: { enabled: true, start: '22:00', end: '07:00' }, now: at(23) }))).toEqual({ show: false, reason: 'quiet-hours' });
    expect(planNotifications({ accountId: 1, count: 0, messages: [] }, ctx())).toEqual({ show: false, reason: 'empty' });
  });
});

describe('quiet hours', () => {
  it('wraps past midnight', () => {
    const q = { enabled: true, start: '22:00', end: '07:00' };
    expect(inQuietHours(q, at(22))).toBe(true);
    expect(inQuietHours(q, at(3))).toBe(true);
    expect(inQuietHours(q, at(7))).toBe(false);
    expect(inQuietHours(q, at(12))).toBe(false);
  });
  it('handles a same-day window and the off switch', () => {
    const q = { enabled: true, start: '12:30', end: '13:30' };
    expect(inQuietHours(q, at(12, 45))).toBe(true);
    expect(inQuietHours(q, at(13, 30))).toBe(false);
    expect(inQuietHours({ ...q, enabled: false }, at(12, 45))).toBe(false);
  });
  it('reads stored settings defensively', () => {
    expect(parseQuietHours(JSON.stringify({ enabled: true, start: '21:00', end: '06:30' }))).toEqual({ enabled: true, start: '21:00', end: '06:30' });
    expect(parseQuietHours('{bad json')).toEqual(DEFAULT_QUIET_HOURS);
    expect(parseQuietHours(JSON.stringify({ enabled: true, start: '25:00', end: '06:00' }))).toEqual(DEFAULT_QUIET_HOURS);
    expect(parseQuietHours(null)).toEqual(DEFAULT_QUIET_HOURS);
  });
});

describe('titleWithUnread', () => {
  it('prefixes the count only when there is unread mail', () => {
    expect(titleWithUnread(3)).toBe('(3) PMSync');
    expect(titleWithUnread(0)).toBe('PMSync');
  });
});
