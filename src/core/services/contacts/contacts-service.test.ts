import { afterEach, describe, expect, it } from 'vitest';
import { EventHub } from '../../events';
import { parseVCard } from '../../contacts/vcard';
import { contactsIndexer, contactsIndexFor } from '../../store/contacts-index';
import { openTestStore } from '../../store/test-support/test-store';
import { davParts } from '../dav/dav-parts';
import { IndexedContactDirectory } from './contact-directory-index';
import { ContactsService } from './contacts-service';

let cleanup = (): void => undefined;
afterEach(() => cleanup());

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP4z8DwHwAFAAH/q842iQAAAABJRU5ErkJggg==';

/** A real encrypted profile with H3's DAV store and writer (no server: writes wait as tasks). */
async function setup() {
  const t = await openTestStore();
  cleanup = t.cleanup;
  const events = new EventHub();
  const parts = davParts({ store: t.store, events, indexers: [contactsIndexer] });
  const accountId = parts.dav.addAccount(
    { name: 'DAV', serverUrl: 'http://127.0.0.1:9/', user: 'u', password: 'p', principalUrl: null, calendarHome: null, addressBookHome: '/u/' },
    [
      { kind: 'addressbook', url: 'http://127.0.0.1:9/u/contacts/', name: 'Contacts', color: '', readOnly: false, components: [] },
      { kind: 'addressbook', url: 'http://127.0.0.1:9/u/shared/', name: 'Shared', color: '', readOnly: true, components: [] },
    ],
  );
  const [book, shared] = parts.dav.listCollections('addressbook', accountId);
  const index = contactsIndexFor(t.store);
  if (!index) throw new Error('no index');
  const changed: number[][] = [];
  events.on('contacts.changed', (e) => changed.push(e.addressBookIds));
  return { store: t.store, parts, book, shared, index, changed, service: new ContactsService({ index, writer: parts.writer }) };
}

describe('ContactsService over the real DAV store', () => {
  it('creates a vCard 3.0 resource with a new UID, indexed at once and queued for the server', async () => {
    const { service, parts, book, changed, store, index } = await setup();
    const contact = service.create({
      addressBookId: book.id, fullName: '  Grace Hopper ', givenName: 'Grace', familyName: 'Hopper',
      emails: [{ type: 'work', value: 'grace@navy.test' }, { type: 'home', value: '  ' }], phones: [], groups: ['Navy', 'Navy', ' '], photo: PNG, birthday: '1906-12-09',
    });
    expect(contact).toMatchObject({ addressBookId: book.id, fullName: 'Grace Hopper', version: '3.0', syncState: 'pending', emails: [{ type: 'work', value: 'grace@navy.test' }], groups: ['Navy'], photo: PNG, birthday: '1906-12-09' });
    expect(contact.uid).toMatch(/^[0-9a-f-]{36}$/);
    const resource = parts.writer.getResource(contact.id);
    expect(resource?.href).toBe(`/u/contacts/${contact.uid}.vcf`);
    expect(parseVCard(resource?.data ?? '').uid).toBe(contact.uid);
    expect(changed).toEqual([[book.id]]);
    expect(store.tasks.countOpen(book.accountId)).toBe(1); // the PUT waits for the server
    expect(service.search({ query: 'hopp', offset: 0, limit: 10 }).items.map((i) => i.id)).toEqual([contact.id]);
    expect(new IndexedContactDirectory(index).suggest('grace', 5)).toEqual([{ name: 'Grace Hopper', address: 'grace@navy.test' }]);
  });

  it('edits keep the server card version and its unknown properties; delete removes it from the index', async () => {
    const { service, parts, book } = await setup();
    const card = ['BEGIN:VCARD', 'VERSION:4.0', 'UID:x-1', 'FN:Alan Turing', 'N:Turing;Alan;;;', 'X-MATHEMATICIAN:yes', 'item1.EMAIL:alan@bletchley.test', 'item1.X-ABLabel:Hut 8', 'END:VCARD', ''].join('\r\n');
    const created = parts.writer.create(book.id, 'x-1', card);
    expect(service.get(created.id).version).toBe('4.0');
    // A new card in a 4.0 book follows the book.
    expect(service.create({ addressBookId: book.id, fullName: 'Joan Clarke' }).version).toBe('4.0');

    const updated = service.update(created.id, { title: 'Codebreaker', phones: [{ type: 'cell', value: '+44 1' }] });
    expect(updated).toMatchObject({ title: 'Codebreaker', phones: [{ type: 'cell', value: '+44 1' }], emails: [{ type: 'hut 8', value: 'alan@bletchley.test' }], version: '4.0' });
    const data = parts.writer.getResource(created.id)?.data ?? '';
    expect(data).toContain('\r\nX-MATHEMATICIAN:yes\r\n');
    expect(data).toContain('\r\nitem1.X-ABLabel:Hut 8\r\n');
    expect(data).toContain('\r\nVERSION:4.0\r\n');
    expect(() => service.update(created.id, { fullName: ' ' })).toThrow(/needs a name/);
    expect(() => service.update(created.id, { photo: 'data:image/svg+xml;base64,PHN2Zy8+' })).toThrow(/not a JPEG, PNG/);

    service.delete(created.id);
    expect(service.search({ query: 'turing', offset: 0, limit: 10 }).total).toBe(0);
    expect(() => service.get(created.id)).toThrow(/does not exist/);
    expect(() => service.delete(created.id)).not.toThrow();
  });

  it('refuses writes to a read-only address book and says what to do', async () => {
    const { service, shared } = await setup();
    expect(() => service.create({ addressBookId: shared.id, fullName: 'Nobody' })).toThrow(/read-only/);
    expect(() => service.create({ addressBookId: 9999, fullName: 'Nobody' })).toThrow(/does not exist/);
  });
});
