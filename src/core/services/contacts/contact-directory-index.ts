import type { ContactsIndex } from '../../store/contacts-index';
import type { ContactDirectory } from '../contact-directory';

/** The composer's autocomplete over the contacts FTS index (names and emails, prefix per word). */
export class IndexedContactDirectory implements ContactDirectory {
  constructor(private readonly index: ContactsIndex) {}

  suggest(query: string, limit: number): Array<{ name: string; address: string }> {
    if (limit <= 0) return [];
    return this.index.suggest(query, Math.min(limit, 50));
  }
}
