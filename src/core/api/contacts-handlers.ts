import type { ApiHandlers } from '../../shared/api/index';
import type { ContactsService } from '../services/contacts/contacts-service';

type ContactsMethods = 'contacts.search' | 'contacts.get' | 'contacts.create' | 'contacts.update' | 'contacts.delete' | 'contacts.listGroups';

/** Contacts (issue 5); contacts.listAddressBooks belongs to the DAV handlers. */
export function createContactsHandlers(contacts: ContactsService): Pick<ApiHandlers, ContactsMethods> {
  return {
    'contacts.search': async (input) => contacts.search(input),
    'contacts.get': async ({ contactId }) => contacts.get(contactId),
    'contacts.create': async (input) => contacts.create(input),
    'contacts.update': async ({ contactId, changes }) => contacts.update(contactId, changes),
    'contacts.delete': async ({ contactId }) => {
      contacts.delete(contactId);
      return { ok: true as const };
    },
    'contacts.listGroups': async () => contacts.listGroups(),
  };
}
