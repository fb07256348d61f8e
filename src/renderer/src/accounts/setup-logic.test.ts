import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/api/accounts';
import { ApiError } from '../../../shared/errors';
import { describeSync, fallbackSettings, fieldForError, isEverythingOffline, isNotAvailable, lastSyncText, looksLikeEmail, sourceLabel } from './setup-logic';

const status = (extra: Partial<SyncStatus>): SyncStatus => ({ accountId: 1, state: 'idle', progress: null, lastSyncAt: null, error: null, nextRetryAt: null, ...extra });

describe('account setup', () => {
  it('labels where the settings came from', () => {
    expect(sourceLabel('known-provider')).toBe('Known provider settings');
    expect(sourceLabel('autoconfig')).toBe('Found via autoconfig');
    expect(sourceLabel('guess')).toBe('Best guess — check with your provider');
    expect(sourceLabel('srv')).toMatch(/SRV/);
  });
  it('puts each failure next to the field it concerns', () => {
    expect(fieldForError('LOGIN_FAILED')).toBe('password');
    expect(fieldForError('SERVER_NOT_FOUND')).toBe('server');
    expect(fieldForError('CONNECTION_REFUSED')).toBe('server');
    expect(fieldForError('TLS_FAILED')).toBe('server');
    expect(fieldForError('INTERNAL')).toBe('general');
  });
  it('recognises a core that does not have the method yet', () => {
    expect(isNotAvailable(new ApiError('accounts.addImap', { code: 'UNKNOWN_METHOD', message: 'not yet' }))).toBe(true);
    expect(isNotAvailable(new ApiError('accounts.addImap', { code: 'LOGIN_FAILED', message: 'no' }))).toBe(false);
    expect(isNotAvailable(new Error('x'))).toBe(false);
  });
  it('falls back to imap./smtp. hosts of the domain', () => {
    expect(fallbackSettings('Bob@Example.org')).toEqual({
      imap: { host: 'imap.example.org', port: 993, tls: 'implicit' },
      smtp: { host: 'smtp.example.org', port: 465, tls: 'implicit' },
      source: 'guess',
      user: 'Bob@Example.org',
    });
  });
  it('spots obvious typos in addresses', () => {
    expect(looksLikeEmail('alice@localhost.test')).toBe(true);
    expect(looksLikeEmail('alice@')).toBe(false);
    expect(looksLikeEmail('alice example.com')).toBe(false);
  });
});

describe('describeSync', () => {
  it('shows progress with thousands separators', () => {
    const line = describeSync(status({ state: 'syncing', progress: { folder: 'Inbox', phase: 'headers', done: 1234, total: 10000 } }), 0);
    expect(line.text).toBe(`Syncing Inbox — ${(1234).toLocaleString()} of ${(10000).toLocaleString()} headers`);
    expect(line.fraction).toBeCloseTo(0.1234);
    expect(line.tone).toBe('busy');
  });
  it('shows errors with the retry countdown, and the offline state', () => {
    const err = status({ state: 'waiting-to-retry', error: { code: 'CONNECTION_LOST', message: 'Connection lost' }, nextRetryAt: 30_000 });
    expect(describeSync(err, 20_000)).toEqual({ tone: 'error', text: 'Connection lost — retrying in 10s', fraction: null });
    expect(describeSync(status({ state: 'offline' }), 0).tone).toBe('offline');
    expect(describeSync(status({ state: 'watching', lastSyncAt: 0 }), 120_000).text).toBe('Up to date · 2 min ago');
  });
  it('says when the last sync was', () => {
    expect(lastSyncText(0, 10_000)).toBe('just now');
    expect(lastSyncText(0, 3 * 3600_000)).toBe('3 h ago');
  });
  it('calls the app offline when the browser is, or every account is', () => {
    expect(isEverythingOffline([], false)).toBe(true);
    expect(isEverythingOffline([], true)).toBe(false);
    expect(isEverythingOffline([status({ state: 'offline' }), status({ accountId: 2, state: 'offline' })], true)).toBe(true);
    expect(isEverythingOffline([status({ state: 'offline' }), status({ accountId: 2, state: 'watching' })], true)).toBe(false);
  });
});
