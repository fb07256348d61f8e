import { useCallback, useEffect, useState } from 'react';
import type { AddressBook, ContactSummary } from '../../../shared/api/contacts';
import { useServices } from '../app/services';
import { usePagedList, type PagedList } from '../mail/usePagedList';

export interface ContactFilter {
  query: string;
  addressBookId: number | null;
  group: string | null;
}

/** How long typing pauses before a search goes out: fast enough to feel instant, slow enough not to query every keystroke. */
export const SEARCH_DEBOUNCE_MS = 120;

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** The contact list for a filter, paged for the virtualized list and refreshed on contacts.changed. */
export function useContactList(filter: ContactFilter): PagedList<ContactSummary> {
  const { client, api } = useServices();
  const query = useDebounced(filter.query.trim(), SEARCH_DEBOUNCE_MS);
  const key = JSON.stringify([query, filter.addressBookId, filter.group]);
  const list = usePagedList<ContactSummary>(key, (offset, limit) => api.contacts.search({
    query, offset, limit,
    ...(filter.addressBookId === null ? {} : { addressBookId: filter.addressBookId }),
    ...(filter.group === null ? {} : { group: filter.group }),
  }));
  const { invalidate } = list;
  useEffect(() => client.on('contacts.changed', () => invalidate()), [client, invalidate]);
  return list;
}

export interface ContactSources {
  books: AddressBook[];
  groups: Array<{ name: string; count: number }>;
  /** Why address books could not be listed (no CardDAV support yet), or null. */
  booksError: string | null;
  reload(): void;
}

/** Address books and groups for the sidebar. */
export function useContactSources(): ContactSources {
  const { client, api } = useServices();
  const [books, setBooks] = useState<AddressBook[]>([]);
  const [groups, setGroups] = useState<Array<{ name: string; count: number }>>([]);
  const [booksError, setBooksError] = useState<string | null>(null);
  const reload = useCallback(() => {
    api.contacts.listAddressBooks({}).then((b) => {
      setBooks(b);
      setBooksError(null);
    }, (err: unknown) => setBooksError(err instanceof Error ? err.message : String(err)));
    api.contacts.listGroups({}).then(setGroups, () => setGroups([]));
  }, [api]);
  useEffect(() => reload(), [reload]);
  useEffect(() => client.on('contacts.changed', () => reload()), [client, reload]);
  return { books, groups, booksError, reload };
}
