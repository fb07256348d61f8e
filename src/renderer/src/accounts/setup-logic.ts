import type { GuessedSettings, SyncStatus } from '../../../shared/api/accounts';
import { PmsyncError, type ErrorCode } from '../../../shared/errors';

/** How sure the guess is, in words a person can act on. */
export function sourceLabel(source: GuessedSettings['source']): string {
  switch (source) {
    case 'known-provider': return 'Known provider settings';
    case 'autoconfig': return 'Found via autoconfig';
    case 'srv': return 'Found via DNS (SRV records)';
    case 'guess': return 'Best guess — check with your provider';
  }
}

export type SetupField = 'password' | 'server' | 'general';

/** Which part of the form an addImap failure belongs next to. */
export function fieldForError(code: ErrorCode): SetupField {
  switch (code) {
    case 'LOGIN_FAILED':
      return 'password';
    case 'SERVER_NOT_FOUND':
    case 'CONNECTION_REFUSED':
    case 'TLS_FAILED':
    case 'TIMEOUT':
      return 'server';
    default:
      return 'general';
  }
}

/** The core answers methods it does not implement yet with UNKNOWN_METHOD. */
export function isNotAvailable(err: unknown): boolean {
  return err instanceof PmsyncError && err.code === 'UNKNOWN_METHOD';
}

/** When no guess can be had, the usual layout: imap.<domain>:993 and smtp.<domain>:465, TLS. */
export function fallbackSettings(email: string): GuessedSettings {
  const domain = email.includes('@') ? email.slice(email.lastIndexOf('@') + 1).trim().toLowerCase() : '';
  return {
    imap: { host: domain ? `imap.${domain}` : '', port: 993, tls: 'implicit' },
    smtp: { host: domain ? `smtp.${domain}` : '', port: 465, tls: 'implicit' },
    source: 'guess',
    user: email.trim(),
  };
}

/** A plausible address: the core checks properly; this only stops obvious typos early. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

const PHASE_WORDS: Record<NonNullable<SyncStatus['progress']>['phase'], string> = {
  folders: 'folders',
  headers: 'headers',
  bodies: 'messages',
  changes: 'changes',
  tasks: 'changes to send',
  calendars: 'events',
  contacts: 'contacts',
};

export type SyncTone = 'busy' | 'ok' | 'error' | 'offline' | 'idle';

export interface SyncLine {
  tone: SyncTone;
  text: string;
  /** 0..1 when progress is known. */
  fraction: number | null;
}

/** "Syncing Inbox — 1,234 of 10,000 headers" and the other states, for the sidebar. */
export function describeSync(status: SyncStatus, now: number): SyncLine {
  const p = status.progress;
  switch (status.state) {
    case 'syncing':
    case 'connecting':
      if (p && p.total > 0) {
        return {
          tone: 'busy',
          text: `Syncing ${p.folder} — ${p.done.toLocaleString()} of ${p.total.toLocaleString()} ${PHASE_WORDS[p.phase]}`,
          fraction: Math.min(1, Math.max(0, p.done / p.total)),
        };
      }
      return { tone: 'busy', text: status.state === 'connecting' ? 'Connecting…' : p ? `Syncing ${p.folder}…` : 'Syncing…', fraction: null };
    case 'offline':
      return { tone: 'offline', text: 'Offline — changes will be sent when the connection returns', fraction: null };
    case 'waiting-to-retry': {
      const wait = status.nextRetryAt !== null ? Math.max(0, Math.round((status.nextRetryAt - now) / 1000)) : null;
      return { tone: 'error', text: `${status.error?.message ?? 'Sync failed'}${wait !== null ? ` — retrying in ${wait}s` : ''}`, fraction: null };
    }
    case 'needs-attention':
      return { tone: 'error', text: status.error?.message ?? 'Sync needs your attention', fraction: null };
    case 'stopped':
      return { tone: 'idle', text: 'Sync stopped', fraction: null };
    case 'idle':
    case 'watching':
      return { tone: 'ok', text: status.lastSyncAt !== null ? `Up to date · ${lastSyncText(status.lastSyncAt, now)}` : 'Up to date', fraction: null };
  }
}

/** "just now", "5 min ago", "3 h ago", else the date. */
export function lastSyncText(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return new Date(at).toLocaleDateString();
}

/** The app is offline when the browser says so, or every synced account is offline. */
export function isEverythingOffline(statuses: SyncStatus[], browserOnline: boolean): boolean {
  if (!browserOnline) return true;
  return statuses.length > 0 && statuses.every((s) => s.state === 'offline');
}
