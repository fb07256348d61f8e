import type { ApiHandlers } from '../../shared/api/index';
import type { DavParts } from '../services/dav/dav-parts';

type DavMethods =
  | 'accounts.addDav' | 'accounts.listDav' | 'calendar.listCalendars' | 'calendar.setCalendarVisible'
  | 'calendar.listConflicts' | 'calendar.resolveConflict' | 'contacts.listAddressBooks';

/** CalDAV/CardDAV accounts, calendars, address books and sync conflicts (issue 5). */
export function createDavHandlers({ accounts, conflicts }: Pick<DavParts, 'accounts' | 'conflicts'>): Pick<ApiHandlers, DavMethods> {
  return {
    'accounts.addDav': async (input) => accounts.addDav(input),
    'accounts.listDav': async () => accounts.listDav(),
    'calendar.listCalendars': async () => accounts.listCalendars(),
    'calendar.setCalendarVisible': async ({ calendarId, visible }) => accounts.setCalendarVisible(calendarId, visible),
    'calendar.listConflicts': async () => conflicts.list(),
    'calendar.resolveConflict': async ({ conflictId, keep }) => conflicts.resolve(conflictId, keep),
    'contacts.listAddressBooks': async () => accounts.listAddressBooks(),
  };
}

/**
 * sync.status / sync.now / accounts.remove / accounts.updateSettings also cover DAV accounts: wraps the mail handlers
 * (which only know IMAP accounts) so one method serves both.
 */
export function withDavSync(
  base: Pick<ApiHandlers, 'sync.status' | 'sync.now' | 'accounts.remove' | 'accounts.updateSettings'>,
  { supervisor, accounts }: Pick<DavParts, 'supervisor' | 'accounts'>,
): Pick<ApiHandlers, 'sync.status' | 'sync.now' | 'accounts.remove' | 'accounts.updateSettings'> {
  return {
    // Settings live in `accounts` for both kinds; a DAV account's new interval applies at once.
    'accounts.updateSettings': async (input) => {
      const next = await base['accounts.updateSettings'](input);
      if (accounts.isDav(input.accountId)) supervisor.settingsChanged(input.accountId);
      return next;
    },
    'sync.status': async (input) => {
      let mail: Awaited<ReturnType<ApiHandlers['sync.status']>> = [];
      try {
        mail = await base['sync.status'](input);
      } catch {
        // A core without IMAP sync still reports its DAV accounts.
      }
      return [...mail, ...supervisor.status()];
    },
    'sync.now': async (input) => {
      if (input.accountId !== undefined && accounts.isDav(input.accountId)) {
        supervisor.syncNow(input.accountId);
        return { ok: true as const };
      }
      if (input.accountId !== undefined) return base['sync.now'](input);
      supervisor.syncNow();
      try {
        return await base['sync.now'](input);
      } catch {
        // No IMAP sync in this core: the DAV accounts were still asked to sync.
        return { ok: true as const };
      }
    },
    'accounts.remove': async (input) => (accounts.isDav(input.accountId) ? accounts.remove(input.accountId) : base['accounts.remove'](input)),
  };
}
