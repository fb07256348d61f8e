import { describe, expect, it } from 'vitest';
import type { Folder } from '../shared/api/mail';
import { inboxUnreadCount, trayTooltip, watchInboxUnread } from './unread';

let nextId = 1;
const folder = (role: Folder['role'], unreadCount: number, accountId = 1): Folder => ({
  id: nextId++,
  accountId,
  name: role ?? 'Custom',
  path: role ?? 'Custom',
  role,
  unreadCount,
  totalCount: unreadCount + 10,
});

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('inboxUnreadCount', () => {
  it('sums unread across every account inbox and nothing else', () => {
    const folders = [folder('inbox', 3, 1), folder('inbox', 4, 2), folder('junk', 50), folder('sent', 2), folder(null, 9), folder('archive', 1)];
    expect(inboxUnreadCount(folders)).toBe(7);
  });

  it('is zero without inboxes and ignores nonsense counts', () => {
    expect(inboxUnreadCount([])).toBe(0);
    expect(inboxUnreadCount([folder('inbox', -2), folder('inbox', Number.NaN), folder('inbox', 1)])).toBe(1);
  });
});

describe('trayTooltip', () => {
  it('names the app and the unread count when there is one', () => {
    expect(trayTooltip(null)).toBe('PMSync');
    expect(trayTooltip(0)).toBe('PMSync');
    expect(trayTooltip(12)).toBe('PMSync — 12 unread');
  });
});

describe('watchInboxUnread', () => {
  function harness(answers: Array<Folder[] | Error>) {
    const counts: number[] = [];
    const errors: unknown[] = [];
    let changed: (() => void) | null = null;
    let calls = 0;
    let subscribed = 0;
    const dispose = watchInboxUnread({
      delayMs: 10,
      listFolders: async () => {
        const answer = answers[Math.min(calls++, answers.length - 1)];
        await tick(5);
        if (answer instanceof Error) throw answer;
        return answer;
      },
      onMailChanged: (listener) => {
        changed = listener;
        subscribed++;
        return () => {
          subscribed--;
          changed = null;
        };
      },
      onCount: (count) => counts.push(count),
      onError: (err) => errors.push(err),
    });
    return { counts, errors, dispose, change: () => changed?.(), calls: () => calls, subscribed: () => subscribed };
  }

  it('counts at start and once per burst of changes', async () => {
    const h = harness([[folder('inbox', 1)], [folder('inbox', 5)]]);
    await tick(20);
    expect(h.counts).toEqual([1]);
    for (let i = 0; i < 20; i++) h.change();
    await tick(40);
    expect(h.counts).toEqual([1, 5]);
    expect(h.calls()).toBe(2);
    h.dispose();
  });

  it('reports errors and keeps watching', async () => {
    const h = harness([new Error('core busy'), [folder('inbox', 2)]]);
    await tick(20);
    expect(h.errors).toHaveLength(1);
    h.change();
    await tick(40);
    expect(h.counts).toEqual([2]);
    h.dispose();
  });

  it('stops querying and unsubscribes when disposed', async () => {
    const h = harness([[folder('inbox', 1)]]);
    await tick(20);
    h.change();
    h.dispose();
    await tick(40);
    expect(h.calls()).toBe(1);
    expect(h.subscribed()).toBe(0);
  });
});
