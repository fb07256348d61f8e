import { Icon } from '../app/Icon';
import type { ContactFilter, ContactSources } from './useContactList';

/** Address books and groups; choosing one filters the list. */
export function ContactsSidebar({ sources, filter, onFilter, onAddAccount }: { sources: ContactSources; filter: ContactFilter; onFilter(f: ContactFilter): void; onAddAccount?(): void }) {
  const item = (label: string, active: boolean, select: () => void, count?: number, testId?: string) => (
    <li key={label}>
      <button type="button" className={`contacts-source${active ? ' active' : ''}`} aria-current={active ? 'true' : undefined} onClick={select} data-testid={testId}>
        <span className="contacts-source-name">{label}</span>
        {count !== undefined && <span className="muted">{count}</span>}
      </button>
    </li>
  );
  return (
    <nav className="contacts-sidebar" aria-label="Address books and groups">
      <ul>
        {item('All contacts', filter.addressBookId === null && filter.group === null, () => onFilter({ ...filter, addressBookId: null, group: null }), undefined, 'contacts-all')}
      </ul>
      <h3 className="contacts-sidebar-head">Address books</h3>
      {sources.booksError ? (
        <p className="muted small">Address books are not available: {sources.booksError}</p>
      ) : sources.books.length === 0 ? (
        <div className="muted small contacts-no-books">
          <p>No address books yet. Add a CardDAV account to sync your contacts.</p>
          {onAddAccount && <button type="button" className="button small" onClick={onAddAccount} data-testid="contacts-add-account"><Icon name="plus" size={14} /> Add CardDAV account</button>}
        </div>
      ) : (
        <ul>{sources.books.map((b) => item(`${b.name}${b.readOnly ? ' (read-only)' : ''}`, filter.addressBookId === b.id, () => onFilter({ ...filter, addressBookId: b.id, group: null })))}</ul>
      )}
      {sources.groups.length > 0 && (
        <>
          <h3 className="contacts-sidebar-head">Groups</h3>
          <ul data-testid="contact-groups">{sources.groups.map((g) => item(g.name, filter.group === g.name, () => onFilter({ ...filter, group: g.name, addressBookId: null }), g.count))}</ul>
        </>
      )}
    </nav>
  );
}
