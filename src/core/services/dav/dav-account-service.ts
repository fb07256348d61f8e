import type { AddDavAccountInput, DavAccount } from '../../../shared/api/accounts';
import type { AddressBook } from '../../../shared/api/contacts';
import type { Calendar } from '../../../shared/api/calendar';
import { PmsyncError } from '../../../shared/errors';
import { DavEngine } from '../../../sync/dav/engine';
import type { EventHub } from '../../events';
import type { DavStore, StoredDavAccount } from '../../store/dav-store';
import { emitDavChanged } from './dav-events';
import type { DavSupervisor } from './dav-supervisor';

export interface DavAccountServiceOptions {
  dav: DavStore;
  events: EventHub;
  supervisor: DavSupervisor;
  timeoutMs?: number;
}

/** Adding, listing and removing CalDAV/CardDAV accounts; calendars and address books. */
export class DavAccountService {
  constructor(private readonly o: DavAccountServiceOptions) {}

  /**
   * Discovers principal and home sets (which also checks the login) and saves the account with
   * every calendar and address book found. The password is stored as IMAP passwords are:
   * inside the encrypted profile database.
   */
  async addDav(input: AddDavAccountInput): Promise<DavAccount> {
    const url = new URL(input.url);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new PmsyncError('INVALID_INPUT', `${input.url} is not an http(s) URL.`, 'Give the server address, e.g. https://dav.example.com/.');
    }
    const engine = new DavEngine({ credentials: { url: input.url, user: input.user, password: input.password }, timeoutMs: this.o.timeoutMs ?? 30_000 });
    let found;
    try {
      found = await engine.discover();
    } catch (err) {
      if (err instanceof PmsyncError) throw new PmsyncError(err.code, `Could not set up ${url.host}: ${err.message}`, err.hint);
      throw err;
    }
    const duplicate = this.o.dav.listAccounts().find((a) => a.principalUrl === found.principalUrl && a.user === input.user);
    if (duplicate) {
      throw new PmsyncError('INVALID_INPUT', `${input.user} on ${url.host} is already set up in this profile (account ${duplicate.accountId}).`, 'Remove the existing account first if you want to set it up again.');
    }
    const accountId = this.o.dav.addAccount({
      name: input.name?.trim() || `${input.user} on ${url.host}`, serverUrl: input.url, user: input.user, password: input.password,
      principalUrl: found.principalUrl, calendarHome: found.calendarHome, addressBookHome: found.addressBookHome,
    }, found.collections);
    emitDavChanged(this.o.events, this.o.dav.listCollections(undefined, accountId).map((c) => ({ kind: c.kind, collectionId: c.id })));
    this.o.supervisor.accountAdded(accountId);
    return this.describe(this.o.dav.account(accountId) as StoredDavAccount);
  }

  listDav(): DavAccount[] {
    return this.o.dav.listAccounts().map((a) => this.describe(a));
  }

  isDav(accountId: number): boolean {
    return this.o.dav.account(accountId) !== undefined;
  }

  /** Removes the account and everything synced from it here (the server is not touched). */
  remove(accountId: number): { ok: true } {
    if (!this.isDav(accountId)) throw new PmsyncError('NOT_FOUND', `No account ${accountId} in this profile.`, 'Run `pmsync account list` to see the accounts.');
    this.o.supervisor.forget(accountId);
    const removed = this.o.dav.removeAccount(accountId);
    emitDavChanged(this.o.events, removed.map((c) => ({ kind: c.kind, collectionId: c.id })));
    return { ok: true };
  }

  listCalendars(): Calendar[] {
    return this.o.dav.listCollections('calendar').map((c) => ({
      id: c.id, accountId: c.accountId, name: c.name, color: c.color, readOnly: c.readOnly, visible: c.visible, components: c.components,
    }));
  }

  setCalendarVisible(calendarId: number, visible: boolean): { ok: true } {
    const c = this.o.dav.collection(calendarId);
    if (!c || c.kind !== 'calendar') throw new PmsyncError('NOT_FOUND', `Calendar ${calendarId} does not exist (it may have been removed on the server).`, 'Refresh the calendar list.');
    this.o.dav.setVisible(calendarId, visible);
    this.o.events.emit('calendar.changed', { calendarIds: [calendarId] });
    return { ok: true };
  }

  listAddressBooks(): AddressBook[] {
    return this.o.dav.listCollections('addressbook').map((c) => ({ id: c.id, accountId: c.accountId, name: c.name, readOnly: c.readOnly }));
  }

  private describe(a: StoredDavAccount): DavAccount {
    const colls = this.o.dav.listCollections(undefined, a.accountId);
    return {
      id: a.accountId, name: a.name, url: a.serverUrl, user: a.user,
      calendars: colls.filter((c) => c.kind === 'calendar').length,
      addressBooks: colls.filter((c) => c.kind === 'addressbook').length,
    };
  }
}
