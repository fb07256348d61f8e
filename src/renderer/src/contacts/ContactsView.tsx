import { useCallback, useEffect, useState } from 'react';
import type { Contact, ContactSummary } from '../../../shared/api/contacts';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { describeError } from '../app/describe-error';
import { Icon } from '../app/Icon';
import { useServices } from '../app/services';
import { VirtualList } from '../mail/VirtualList';
import '../styles/contacts.css';
import { ContactConflicts } from './ContactConflicts';
import { ContactAvatar, ContactDetail } from './ContactDetail';
import { ContactEditor } from './ContactEditor';
import { changedFields, emptyForm, fieldsFromForm, formFromContact, type ContactForm } from './contact-form';
import { ContactsSidebar } from './ContactsSidebar';
import { useContactList, useContactSources, type ContactFilter } from './useContactList';

const ROW_HEIGHT = 56;
type Mode = { kind: 'view' } | { kind: 'edit'; contact: Contact } | { kind: 'create' };

function ContactRow({ item }: { item: ContactSummary | undefined }) {
  if (!item) return <div className="contact-row-item skeleton"><span className="skeleton-line w40" /></div>;
  return (
    <div className="contact-row-item">
      <ContactAvatar name={item.fullName} photo={null} size={32} />
      <div className="contact-row-text">
        <div className="contact-row-name">{item.fullName}</div>
        <div className="muted small contact-row-sub">{item.emails[0] ?? item.organization}</div>
      </div>
    </div>
  );
}

/** Contacts: address books and groups, a virtualized list with instant search, and the detail / edit pane. */
export function ContactsView({ onAddAccount }: { onAddAccount?(): void }) {
  const { api, client, reportError, notify } = useServices();
  const [filter, setFilter] = useState<ContactFilter>({ query: '', addressBookId: null, group: null });
  const list = useContactList(filter);
  const sources = useContactSources();
  const [cursor, setCursor] = useState(-1);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [contact, setContact] = useState<Contact | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [newBook, setNewBook] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<{ message: string; hint?: string } | null>(null);
  const [confirming, setConfirming] = useState(false);

  const load = useCallback((id: number | null) => {
    if (id === null) {
      setContact(null);
      return;
    }
    api.contacts.get({ contactId: id }).then(setContact, (err: unknown) => {
      setContact(null);
      reportError(err, 'open the contact');
    });
  }, [api, reportError]);
  useEffect(() => load(selectedId), [selectedId, load]);
  // Another device (or sync) changed something: show the current version of the open contact.
  useEffect(() => client.on('contacts.changed', () => {
    if (selectedId !== null && mode.kind === 'view') api.contacts.get({ contactId: selectedId }).then(setContact, () => setContact(null));
  }), [client, api, selectedId, mode.kind]);

  const writable = sources.books.filter((b) => !b.readOnly);
  const bookOf = (c: Contact) => sources.books.find((b) => b.id === c.addressBookId);
  const startCreate = () => {
    setSaveError(null);
    setNewBook(filter.addressBookId !== null && writable.some((b) => b.id === filter.addressBookId) ? filter.addressBookId : writable[0]?.id ?? null);
    setMode({ kind: 'create' });
  };

  const save = async (form: ContactForm) => {
    setSaving(true);
    setSaveError(null);
    try {
      const fields = fieldsFromForm(form);
      let saved: Contact;
      if (mode.kind === 'create') {
        if (newBook === null) throw new Error('Choose an address book for the contact.');
        saved = await api.contacts.create({ ...fields, addressBookId: newBook });
      } else if (mode.kind === 'edit') {
        saved = await api.contacts.update({ contactId: mode.contact.id, changes: changedFields(mode.contact, fields) });
      } else return;
      setContact(saved);
      setSelectedId(saved.id);
      setCursor(-1); // the saved contact may sit elsewhere in the list now
      setMode({ kind: 'view' });
      list.invalidate();
    } catch (err) {
      setSaveError(describeError(err, 'save the contact'));
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    setConfirming(false);
    if (!contact) return;
    try {
      await api.contacts.delete({ contactId: contact.id });
      notify({ level: 'info', message: `Deleted ${contact.fullName}.` });
      setSelectedId(null);
      list.invalidate();
    } catch (err) {
      reportError(err, 'delete the contact');
    }
  };

  const pane = mode.kind === 'create' ? (
    <ContactEditor key="new" initial={emptyForm()} books={writable} bookId={newBook} onBook={setNewBook} saving={saving} error={saveError} onSave={(f) => void save(f)} onCancel={() => setMode({ kind: 'view' })} />
  ) : mode.kind === 'edit' ? (
    <ContactEditor key={`edit-${mode.contact.id}`} initial={formFromContact(mode.contact)} saving={saving} error={saveError} onSave={(f) => void save(f)} onCancel={() => setMode({ kind: 'view' })} />
  ) : contact ? (
    <ContactDetail contact={contact} readOnly={bookOf(contact)?.readOnly ?? false} onEdit={() => {
      setSaveError(null);
      setMode({ kind: 'edit', contact });
    }} onDelete={() => setConfirming(true)} />
  ) : (
    <div className="contacts-empty-pane muted"><Icon name="contacts" size={40} /><p>Choose a contact to see the details.</p></div>
  );

  const searching = filter.query.trim() !== '';
  return (
    <div className="contacts-view" data-testid="contacts-view">
      <ContactsSidebar sources={sources} filter={filter} onFilter={(f) => {
        setFilter(f);
        setCursor(-1);
      }} onAddAccount={onAddAccount} />
      <section className="contacts-list" aria-label="Contacts" onKeyDown={(e) => {
        // Arrows move through the results from the search field or the list; the detail follows.
        if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
        const total = list.total ?? 0;
        if (total === 0) return;
        e.preventDefault();
        const next = Math.max(0, Math.min(total - 1, cursor + (e.key === 'ArrowDown' ? 1 : -1)));
        setCursor(next);
        const item = list.get(next);
        if (item) {
          setSelectedId(item.id);
          setMode({ kind: 'view' });
        }
      }}>
        <div className="contacts-list-head">
          <input
            type="search"
            className="contacts-search"
            placeholder="Search names, emails, phones…"
            aria-label="Search contacts"
            value={filter.query}
            onChange={(e) => {
              setFilter({ ...filter, query: e.target.value });
              setCursor(-1);
            }}
            data-testid="contacts-search"
          />
          <button type="button" className="button small primary" onClick={startCreate} disabled={writable.length === 0} title={writable.length === 0 ? 'Add a CardDAV account with a writable address book first.' : 'New contact'} data-testid="contact-new">
            <Icon name="plus" size={14} /> New
          </button>
        </div>
        <div className="muted small contacts-count" aria-live="polite" data-testid="contacts-count">
          {list.total === null ? '' : `${list.total} contact${list.total === 1 ? '' : 's'}${searching ? ' found' : ''}`}
        </div>
        {list.error !== null && <p className="field-error" role="alert">{describeError(list.error, 'list contacts').message}</p>}
        <VirtualList<ContactSummary>
          list={list}
          rowHeight={ROW_HEIGHT}
          label="Contacts"
          cursor={cursor}
          openIndex={cursor >= 0 ? cursor : null}
          idPrefix="contact"
          onActivate={(index) => {
            setCursor(index);
            const item = list.get(index);
            if (item) {
              setSelectedId(item.id);
              setMode({ kind: 'view' });
            }
          }}
          rowKey={(item, index) => (item ? `c${item.id}` : `i${index}`)}
          renderRow={(item) => <ContactRow item={item} />}
          empty={searching ? <p>No contact matches “{filter.query.trim()}”. Try fewer letters, or part of an email address or phone number.</p>
            : <p>No contacts here yet.{writable.length > 0 ? ' Choose New to add one.' : ' Add a CardDAV account to sync your address books.'}</p>}
        />
      </section>
      <section className="contacts-pane" aria-label="Contact details"><ContactConflicts />{pane}</section>
      {confirming && contact && (
        <ConfirmDialog
          title={`Delete ${contact.fullName}?`}
          body={`The contact is removed here and from the server${bookOf(contact) ? ` address book “${bookOf(contact)?.name}”` : ''}, on every device that syncs it.`}
          confirmLabel="Delete contact"
          danger
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
