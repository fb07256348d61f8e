import type { EventHub } from '../../events';
import type { ImapSyncStore } from '../../store/imap-sync-store';
import type { ProfileStore } from '../../store/types';

const MAX_LISTED = 20;

/**
 * Collects new INBOX mail per account for a short while and emits one `sync.newMail` event,
 * so twenty arrivals make one notification, not twenty. Accounts with notifications off get
 * none (mail.changed still refreshes their views).
 */
export class NewMailBatcher {
  private readonly pending = new Map<number, { ids: number[]; timer: NodeJS.Timeout }>();

  constructor(
    private readonly store: ProfileStore,
    private readonly imap: ImapSyncStore,
    private readonly events: EventHub,
    private readonly delayMs: number,
  ) {}

  add(accountId: number, folderId: number, messageIds: number[]): void {
    if (this.store.getFolder(folderId)?.role !== 'inbox') return;
    let entry = this.pending.get(accountId);
    if (!entry) {
      entry = { ids: [], timer: setTimeout(() => this.flush(accountId), this.delayMs) };
      entry.timer.unref();
      this.pending.set(accountId, entry);
    }
    entry.ids.push(...messageIds);
  }

  flush(accountId: number): void {
    const entry = this.pending.get(accountId);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(accountId);
    if (!this.imap.accountSettings(accountId).notifications) return;
    // Newest first: the notification shows the latest arrivals when many came at once.
    const messages = entry.ids
      .map((id) => this.store.getMessage(id))
      .filter((m) => m !== undefined)
      .sort((a, b) => b.date - a.date)
      .slice(0, MAX_LISTED)
      .map((m) => ({ id: m.id, threadId: m.threadId, from: m.from ? (m.from.name || m.from.address) : '', subject: m.subject }));
    if (messages.length === 0) return;
    this.events.emit('sync.newMail', { accountId, count: entry.ids.length, messages });
  }

  dispose(): void {
    for (const id of [...this.pending.keys()]) this.flush(id);
  }
}
