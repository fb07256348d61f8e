import { describe, expect, it } from 'vitest';
import type { ShellCommand } from '../shared/ipc-channels';
import {
  badgeLabel, createNewMailNotifier, DEFAULT_QUIET_HOURS, inQuietHours, parseNotificationSettings, planDesktopNotifications,
  type DesktopNotification, type NotifyContext, type QuietHours,
} from './new-mail-notifier';

const at = (h: number, m = 0) => new Date(2025, 0, 15, h, m);
const ctx = (extra: Partial<NotifyContext> = {}): NotifyContext => ({
  windowFocused: false, accountEnabled: true, quiet: { enabled: false, start: '22:00', end: '07:00' }, now: at(12), ...extra,
});
const msg = (id: number, from = `Sender ${id}`, subject = `Subject ${id}`) => ({ id, threadId: id * 10, from, subject });

describe('planDesktopNotifications', () => {
  it('shows sender and subject per message, and a click opens that thread', () => {
    const d = planDesktopNotifications({ accountId: 2, count: 2, messages: [msg(1, 'Alice'), msg(2, ' ', '  ')] }, ctx());
    expect(d).toEqual({
      show: true,
      notifications: [
        { title: 'Alice', body: 'Subject 1', open: { type: 'open-thread', accountId: 2, threadId: 10 } },
        { title: 'New message', body: '(no subject)', open: { type: 'open-thread', accountId: 2, threadId: 20 } },
      ],
    });
  });

  it('batches more than three into one "N new messages" that opens the inbox', () => {
    const three = planDesktopNotifications({ accountId: 1, count: 3, messages: [msg(1), msg(2), msg(3)] }, ctx());
    expect(three.show && three.notifications).toHaveLength(3);
    // count counts every new message; messages carries at most 20 of them.
    const many = planDesktopNotifications({ accountId: 1, count: 42, messages: [msg(1, 'Alice'), msg(2, 'Bob'), msg(3, 'Alice'), msg(4, 'Cy'), msg(5, 'Dee')] }, ctx());
    expect(many).toEqual({ show: true, notifications: [{ title: '42 new messages', body: 'From Alice, Bob and 2 others', open: { type: 'open-inbox', accountId: 1 } }] });
  });

  it('stays silent while the window has focus (the page shows it), for an account switched off, in quiet hours, or for nothing', () => {
    const one = { accountId: 1, count: 1, messages: [msg(1)] };
    expect(planDesktopNotifications(one, ctx({ windowFocused: true }))).toEqual({ show: false, reason: 'window-focused' });
    expect(planDesktopNotifications(one, ctx({ accountEnabled: false }))).toEqual({ show: false, reason: 'account-off' });
    expect(planDesktopNotifications(one, ctx({ quiet: { enabled: true, start: '22:00', end: '07:00' }, now: at(23, 30) }))).toEqual({ show: false, reason: 'quiet-hours' });
    expect(planDesktopNotifications(one, ctx({ quiet: { enabled: true, start: '22:00', end: '07:00' }, now: at(7) })).show).toBe(true);
    expect(planDesktopNotifications({ accountId: 1, count: 0, messages: [] }, ctx())).toEqual({ show: false, reason: 'empty' });
  });
});

describe('quiet hours', () => {
  it('wraps past midnight and handles a same-day window', () => {
    const night: QuietHours = { enabled: true, start: '22:00', end: '07:00' };
    expect([at(21, 59), at(22), at(3), at(6, 59), at(7), at(12)].map((d) => inQuietHours(night, d))).toEqual([false, true, true, true, false, false]);
    const lunch: QuietHours = { enabled: true, start: '12:30', end: '13:30' };
    expect([at(12, 29), at(12, 30), at(13, 29), at(13, 30)].map((d) => inQuietHours(lunch, d))).toEqual([false, true, true, false]);
    expect(inQuietHours({ ...lunch, enabled: false }, at(12, 45))).toBe(false);
    expect(inQuietHours({ enabled: true, start: '09:00', end: '09:00' }, at(9))).toBe(false);
  });

  it('reads the settings file defensively', () => {
    expect(parseNotificationSettings(JSON.stringify({ quietHours: { enabled: true, start: '21:00', end: '06:30' } }))).toEqual({ quietHours: { enabled: true, start: '21:00', end: '06:30' } });
    for (const bad of [null, '', '{oops', '[]', '{"quietHours":null}', JSON.stringify({ quietHours: { enabled: 'yes', start: '21:00', end: '06:30' } }), JSON.stringify({ quietHours: { enabled: true, start: '24:00', end: '06:30' } })]) {
      expect(parseNotificationSettings(bad), String(bad)).toEqual({ quietHours: DEFAULT_QUIET_HOURS });
    }
  });
});

describe('createNewMailNotifier', () => {
  function harness(options: { focused?: boolean; enabled?: boolean | Error } = {}) {
    const shown: Array<{ n: DesktopNotification; click: () => void }> = [];
    const opened: ShellCommand[] = [];
    const errors: unknown[] = [];
    const asked: number[] = [];
    const notify = createNewMailNotifier({
      isWindowFocused: () => options.focused ?? false,
      accountEnabled: async (id) => {
        asked.push(id);
        if (options.enabled instanceof Error) throw options.enabled;
        return options.enabled ?? true;
      },
      quietHours: () => DEFAULT_QUIET_HOURS,
      now: () => at(12),
      show: (n, click) => shown.push({ n, click }),
      open: (c) => opened.push(c),
      onError: (e) => errors.push(e),
    });
    return { notify, shown, opened, errors, asked };
  }

  it('shows the notification and a click hands the window the thread to open', async () => {
    const h = harness();
    await h.notify({ accountId: 3, count: 1, messages: [msg(7, 'Dana', 'Lunch?')] });
    expect(h.asked).toEqual([3]);
    expect(h.shown.map((s) => [s.n.title, s.n.body])).toEqual([['Dana', 'Lunch?']]);
    expect(h.opened).toEqual([]);
    h.shown[0].click();
    expect(h.opened).toEqual([{ type: 'open-thread', accountId: 3, threadId: 70 }]);
  });

  it('follows the per-account setting, and notifies when the setting cannot be read', async () => {
    const off = harness({ enabled: false });
    expect(await off.notify({ accountId: 1, count: 1, messages: [msg(1)] })).toEqual({ show: false, reason: 'account-off' });
    expect(off.shown).toEqual([]);
    const broken = harness({ enabled: new Error('core busy') });
    expect((await broken.notify({ accountId: 1, count: 1, messages: [msg(1)] })).show).toBe(true);
    expect(broken.errors).toHaveLength(1);
  });

  it('shows nothing while the window has focus', async () => {
    const h = harness({ focused: true });
    expect(await h.notify({ accountId: 1, count: 2, messages: [msg(1), msg(2)] })).toEqual({ show: false, reason: 'window-focused' });
    expect(h.shown).toEqual([]);
  });
});

describe('badgeLabel', () => {
  it('is empty at zero and caps at 99+', () => {
    expect([null, 0, -3, Number.NaN, 1, 99, 100, 12345].map(badgeLabel)).toEqual(['', '', '', '', '1', '99', '99+', '99+']);
  });
});
