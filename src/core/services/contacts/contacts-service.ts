import { randomUUID } from 'node:crypto';
import type { Contact, ContactFields, ContactSummary } from '../../../shared/api/contacts';
import { PmsyncError } from '../../../shared/errors';
import { buildVCard, editVCard, type VCardVersion } from '../../contacts/vcard';
import type { ContactSearch, ContactsIndex } from '../../store/contacts-index';
import type { DavCollectionRow, DavWriter } from '../../store/dav-types';

export interface ContactsServiceOptions {
  index: ContactsIndex;
  /** The DAV side's writer (H3's DavWriterService); absent in a core without DAV. */
  writer?: DavWriter;
}

/**
 * Contacts: reads come from the index, writes go through the DavWriter as raw vCard text (it
 * stores them at once, re-indexes in the same transaction, emits contacts.changed and queues
 * the PUT/DELETE with If-Match). Edits keep the card's vCard version and every property PMSync
 * does not understand.
 */
export class ContactsService {
  constructor(private readonly o: ContactsServiceOptions) {}

  search(input: ContactSearch): { total: number; items: ContactSummary[] } {
    return this.o.index.search(input);
  }

  get(contactId: number): Contact {
    return this.o.index.get(contactId);
  }

  listGroups(): Array<{ name: string; count: number }> {
    return this.o.index.listGroups();
  }

  create(input: Partial<ContactFields> & { addressBookId: number; fullName: string }): Contact {
    const { addressBookId, ...given } = input;
    const writer = this.writer();
    const book = this.addressBook(writer, addressBookId);
    const fields = cleanFields(given);
    if (!fields.fullName) throw new PmsyncError('INVALID_INPUT', 'A contact needs a name.', 'Type a name for the contact, then save again.');
    const uid = randomUUID();
    const resource = writer.create(book.id, uid, buildVCard(this.versionFor(book.id), uid, { ...fields, fullName: fields.fullName }));
    return this.o.index.get(resource.id);
  }

  update(contactId: number, changes: Partial<ContactFields>): Contact {
    const writer = this.writer();
    const resource = writer.getResource(contactId);
    if (!resource) throw new PmsyncError('NOT_FOUND', `Contact ${contactId} does not exist (it may have been deleted on another device).`, 'Refresh the contact list.');
    if (resource.syncState === 'conflict') {
      throw new PmsyncError('CONFLICT', 'This contact was changed on the server and here at the same time; PMSync kept both versions.', 'Resolve the conflict first (choose which version to keep), then edit again.');
    }
    this.addressBook(writer, resource.collectionId); // exists and is writable
    const cleaned = cleanFields(changes);
    if (cleaned.fullName !== undefined && cleaned.fullName === '') throw new PmsyncError('INVALID_INPUT', 'A contact needs a name.', 'Type a name for the contact, then save again.');
    const data = editVCard(resource.data, cleaned);
    if (data !== resource.data) writer.update(resource.id, data);
    return this.o.index.get(resource.id);
  }

  delete(contactId: number): void {
    const writer = this.writer();
    const resource = writer.getResource(contactId);
    if (!resource) return; // already gone: deleting is idempotent
    this.addressBook(writer, resource.collectionId);
    writer.remove(resource.id);
  }

  /**
   * New cards follow the address book's habit; an empty one gets vCard 3.0, which RFC 6352
   * requires every CardDAV server to accept and every client to read (4.0 support is optional).
   */
  private versionFor(addressBookId: number): VCardVersion {
    return this.o.index.versionsIn(addressBookId)[0] ?? '3.0';
  }

  private writer(): DavWriter {
    if (!this.o.writer) {
      throw new PmsyncError('INVALID_INPUT', 'Contacts cannot be changed in this PMSync setup: no CardDAV support is running.', 'Add a CardDAV account (pmsync account add dav) and try again.');
    }
    return this.o.writer;
  }

  private addressBook(writer: DavWriter, id: number): DavCollectionRow {
    const book = writer.getCollection(id);
    if (!book || book.kind !== 'addressbook') throw new PmsyncError('NOT_FOUND', `Address book ${id} does not exist (its account may have been removed).`, 'Choose another address book, or add the CardDAV account again.');
    if (book.readOnly) throw new PmsyncError('INVALID_INPUT', `The address book "${book.name}" is read-only on the server.`, 'Save the contact in another address book, or ask the server owner for write access.');
    return book;
  }
}

/** Trims what the form sends and drops empty rows (a blank phone line is not a phone number). */
export function cleanFields(fields: Partial<ContactFields>): Partial<ContactFields> {
  const out: Partial<ContactFields> = { ...fields };
  const trim = (k: 'fullName' | 'givenName' | 'familyName' | 'organization' | 'title') => {
    const v = fields[k];
    if (v !== undefined) out[k] = v.trim();
  };
  (['fullName', 'givenName', 'familyName', 'organization', 'title'] as const).forEach(trim);
  if (fields.emails) out.emails = fields.emails.map((e) => ({ type: e.type.trim(), value: e.value.trim() })).filter((e) => e.value !== '');
  if (fields.phones) out.phones = fields.phones.map((p) => ({ type: p.type.trim(), value: p.value.trim() })).filter((p) => p.value !== '');
  if (fields.addresses) {
    out.addresses = fields.addresses
      .map((a) => ({ type: a.type.trim(), street: a.street.trim(), locality: a.locality.trim(), region: a.region.trim(), postalCode: a.postalCode.trim(), country: a.country.trim() }))
      .filter((a) => [a.street, a.locality, a.region, a.postalCode, a.country].some((v) => v !== ''));
  }
  if (fields.groups) out.groups = [...new Set(fields.groups.map((g) => g.trim()).filter(Boolean))];
  if (fields.birthday !== undefined) out.birthday = fields.birthday === null || fields.birthday.trim() === '' ? null : fields.birthday.trim();
  return out;
}
