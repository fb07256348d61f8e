import { useRef, useState, type ReactNode } from 'react';
import type { AddressBook } from '../../../shared/api/contacts';
import { Icon } from '../app/Icon';
import { ContactAvatar } from './ContactDetail';
import { ADDRESS_TYPES, EMAIL_TYPES, emptyAddress, formProblems, PHONE_TYPES, photoProblem, type AddressRow, type ContactForm, type TypedRow } from './contact-form';

interface Props {
  initial: ContactForm;
  /** Offered for a new contact; absent when editing (a contact stays in its address book). */
  books?: AddressBook[];
  bookId?: number | null;
  onBook?(id: number): void;
  saving: boolean;
  /** The last save failure, said so the user knows what to do. */
  error: { message: string; hint?: string } | null;
  onSave(form: ContactForm): void;
  onCancel(): void;
}

function TypeSelect({ value, options, onChange, label }: { value: string; options: string[]; onChange(v: string): void; label: string }) {
  const all = value && !options.includes(value) ? [value, ...options] : options;
  return (
    <select className="contact-type" value={value} onChange={(e) => onChange(e.target.value)} aria-label={label}>
      {all.map((o) => <option key={o} value={o}>{o}</option>)}
    </select>
  );
}

function RowList<T>({ title, one, rows, onChange, make, render }: { title: string; one: string; rows: T[]; onChange(rows: T[]): void; make(): T; render(row: T, set: (row: T) => void, index: number): ReactNode }) {
  return (
    <fieldset className="contact-rows">
      <legend>{title}</legend>
      {rows.map((row, i) => (
        <div key={i} className="contact-row">
          {render(row, (next) => onChange(rows.map((r, j) => (j === i ? next : r))), i)}
          <button type="button" className="icon-button" aria-label={`Remove ${one} ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}><Icon name="close" size={14} /></button>
        </div>
      ))}
      <button type="button" className="button small ghost" onClick={() => onChange([...rows, make()])}><Icon name="plus" size={14} /> Add {one}</button>
    </fieldset>
  );
}

/** Create / edit form with every field PMSync stores; problems are listed before anything is sent. */
export function ContactEditor({ initial, books, bookId, onBook, saving, error, onSave, onCancel }: Props) {
  const [form, setForm] = useState<ContactForm>(initial);
  const [shown, setShown] = useState(false);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const problems = formProblems(form);
  const set = <K extends keyof ContactForm>(k: K, v: ContactForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const text = (k: 'fullName' | 'givenName' | 'familyName' | 'organization' | 'title', label: string, testId?: string) => (
    <label className="field">
      <span>{label}</span>
      <input value={form[k]} onChange={(e) => set(k, e.target.value)} maxLength={500} data-testid={testId} />
    </label>
  );
  const pickPhoto = (file: File | undefined) => {
    if (!file) return;
    const problem = photoProblem(file);
    setPhotoError(problem);
    if (problem) return;
    const reader = new FileReader();
    reader.onload = () => set('photo', typeof reader.result === 'string' ? reader.result : null);
    reader.onerror = () => setPhotoError('The image could not be read; choose another file.');
    reader.readAsDataURL(file);
  };
  return (
    <form
      className="contact-editor"
      noValidate
      aria-label={books ? 'New contact' : 'Edit contact'}
      data-testid="contact-editor"
      onSubmit={(e) => {
        e.preventDefault();
        setShown(true);
        if (problems.length === 0) onSave(form);
      }}
    >
      <div className="contact-editor-photo">
        <ContactAvatar name={form.fullName || `${form.givenName} ${form.familyName}`} photo={form.photo} size={72} />
        <div>
          <button type="button" className="button small" onClick={() => fileRef.current?.click()}>{form.photo ? 'Change photo' : 'Add photo'}</button>
          {form.photo && <button type="button" className="button small ghost" onClick={() => set('photo', null)}>Remove photo</button>}
          <input ref={fileRef} type="file" accept="image/jpeg,image/png,image/gif,image/webp" className="visually-hidden-input" tabIndex={-1} aria-label="Choose a photo" onChange={(e) => {
            pickPhoto(e.currentTarget.files?.[0]);
            e.currentTarget.value = '';
          }} />
          {photoError && <p className="field-error" role="alert">{photoError}</p>}
        </div>
      </div>
      {books && (
        <label className="field">
          <span>Address book</span>
          <select value={bookId ?? ''} onChange={(e) => onBook?.(Number(e.target.value))} data-testid="contact-book">
            {books.filter((b) => !b.readOnly).map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </select>
        </label>
      )}
      <div className="contact-grid">
        {text('fullName', 'Full name', 'contact-fullname')}
        {text('givenName', 'First name', 'contact-given')}
        {text('familyName', 'Last name', 'contact-family')}
        {text('organization', 'Organization')}
        {text('title', 'Job title')}
        <label className="field">
          <span>Birthday</span>
          <input value={form.birthday} onChange={(e) => set('birthday', e.target.value)} placeholder="YYYY-MM-DD or --MM-DD" maxLength={20} />
        </label>
      </div>
      <RowList<TypedRow> title="Emails" one="email" rows={form.emails} onChange={(r) => set('emails', r)} make={() => ({ type: 'home', value: '' })} render={(row, put, i) => (
        <>
          <TypeSelect value={row.type} options={EMAIL_TYPES} onChange={(type) => put({ ...row, type })} label={`Email ${i + 1} type`} />
          <input type="email" value={row.value} onChange={(e) => put({ ...row, value: e.target.value })} aria-label={`Email ${i + 1}`} data-testid={`contact-email-${i}`} maxLength={1000} />
        </>
      )} />
      <RowList<TypedRow> title="Phones" one="phone" rows={form.phones} onChange={(r) => set('phones', r)} make={() => ({ type: 'cell', value: '' })} render={(row, put, i) => (
        <>
          <TypeSelect value={row.type} options={PHONE_TYPES} onChange={(type) => put({ ...row, type })} label={`Phone ${i + 1} type`} />
          <input type="tel" value={row.value} onChange={(e) => put({ ...row, value: e.target.value })} aria-label={`Phone ${i + 1}`} maxLength={1000} />
        </>
      )} />
      <RowList<AddressRow> title="Addresses" one="address" rows={form.addresses} onChange={(r) => set('addresses', r)} make={emptyAddress} render={(row, put, i) => (
        <div className="contact-address">
          <TypeSelect value={row.type} options={ADDRESS_TYPES} onChange={(type) => put({ ...row, type })} label={`Address ${i + 1} type`} />
          <textarea rows={2} value={row.street} onChange={(e) => put({ ...row, street: e.target.value })} placeholder="Street" aria-label={`Address ${i + 1} street`} />
          <input value={row.postalCode} onChange={(e) => put({ ...row, postalCode: e.target.value })} placeholder="Postal code" aria-label={`Address ${i + 1} postal code`} />
          <input value={row.locality} onChange={(e) => put({ ...row, locality: e.target.value })} placeholder="City" aria-label={`Address ${i + 1} city`} />
          <input value={row.region} onChange={(e) => put({ ...row, region: e.target.value })} placeholder="Region" aria-label={`Address ${i + 1} region`} />
          <input value={row.country} onChange={(e) => put({ ...row, country: e.target.value })} placeholder="Country" aria-label={`Address ${i + 1} country`} />
        </div>
      )} />
      <label className="field">
        <span>Groups <span className="muted">(separate with commas)</span></span>
        <input value={form.groups} onChange={(e) => set('groups', e.target.value)} data-testid="contact-groups-input" />
      </label>
      <label className="field">
        <span>Note</span>
        <textarea rows={4} value={form.note} onChange={(e) => set('note', e.target.value)} maxLength={100_000} />
      </label>
      {shown && problems.length > 0 && (
        <ul className="field-error" role="alert" data-testid="contact-problems">{problems.map((p) => <li key={p}>{p}</li>)}</ul>
      )}
      {error && (
        <div className="field-error" role="alert" data-testid="contact-save-error">
          <p>{error.message}</p>
          {error.hint && <p className="muted">{error.hint}</p>}
        </div>
      )}
      <footer className="dialog-footer">
        <button type="button" className="button ghost" onClick={onCancel}>Cancel</button>
        <button type="submit" className="button primary" disabled={saving || (books !== undefined && !bookId)} data-testid="contact-save">{saving ? 'Saving…' : 'Save'}</button>
      </footer>
    </form>
  );
}
