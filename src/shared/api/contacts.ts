import { z } from 'zod';
import { method } from './contract';

const Id = z.number().int().positive();

export const AddressBook = z.object({ id: Id, accountId: Id, name: z.string(), readOnly: z.boolean() });
export type AddressBook = z.infer<typeof AddressBook>;

const Typed = z.object({ type: z.string().max(50), value: z.string().max(1000) });

export const PostalAddress = z.object({
  type: z.string().max(50),
  street: z.string().max(500),
  locality: z.string().max(200),
  region: z.string().max(200),
  postalCode: z.string().max(50),
  country: z.string().max(200),
});

export const ContactFields = z.object({
  fullName: z.string().max(500),
  givenName: z.string().max(200),
  familyName: z.string().max(200),
  emails: z.array(Typed).max(50),
  phones: z.array(Typed).max(50),
  addresses: z.array(PostalAddress).max(20),
  organization: z.string().max(500),
  title: z.string().max(500),
  /** YYYY-MM-DD, or --MM-DD when the year is unknown. */
  birthday: z.string().max(20).nullable(),
  note: z.string().max(100_000),
  /** data: URL of the photo (JPEG/PNG), null when none. */
  photo: z.string().max(2_000_000).nullable(),
  /** vCard CATEGORIES; the UI shows them as groups. */
  groups: z.array(z.string().max(200)).max(100),
});
export type ContactFields = z.infer<typeof ContactFields>;

export const Contact = ContactFields.extend({
  id: Id,
  addressBookId: Id,
  uid: z.string(),
  /** vCard version the server holds ("3.0" or "4.0"); edits keep it. */
  version: z.enum(['3.0', '4.0']),
  syncState: z.enum(['synced', 'pending', 'conflict']),
});
export type Contact = z.infer<typeof Contact>;

export const ContactSummary = z.object({
  id: Id,
  addressBookId: Id,
  fullName: z.string(),
  emails: z.array(z.string()),
  organization: z.string(),
  hasPhoto: z.boolean(),
});
export type ContactSummary = z.infer<typeof ContactSummary>;

export const contactsMethods = {
  listAddressBooks: method(z.object({}), z.array(AddressBook)),
  /** Instant search (FTS over names, emails, phones, organization, notes); empty query lists all A–Z. */
  search: method(
    z.object({ query: z.string().max(500), addressBookId: Id.optional(), group: z.string().max(200).optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    z.object({ total: z.number().int(), items: z.array(ContactSummary) }),
  ),
  get: method(z.object({ contactId: Id }), Contact),
  create: method(ContactFields.partial().extend({ addressBookId: Id, fullName: z.string().min(1).max(500) }), Contact),
  update: method(z.object({ contactId: Id, changes: ContactFields.partial() }), Contact),
  delete: method(z.object({ contactId: Id }), z.object({ ok: z.literal(true) })),
  listGroups: method(z.object({}), z.array(z.object({ name: z.string(), count: z.number().int() }))),
};

export const contactsEvents = {
  changed: z.object({ addressBookIds: z.array(Id) }),
};
