import type { EventHub } from '../../events';
import type { DavCollectionKind } from '../../store/dav-types';

/** calendar.changed / contacts.changed for the collections a change touched. */
export function emitDavChanged(events: EventHub, changes: { kind: DavCollectionKind; collectionId: number }[]): void {
  const calendars = [...new Set(changes.filter((c) => c.kind === 'calendar').map((c) => c.collectionId))];
  const books = [...new Set(changes.filter((c) => c.kind === 'addressbook').map((c) => c.collectionId))];
  if (calendars.length) events.emit('calendar.changed', { calendarIds: calendars });
  if (books.length) events.emit('contacts.changed', { addressBookIds: books });
}
