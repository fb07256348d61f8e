import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DavAccount } from '../../../shared/api/accounts';
import { PmsyncError } from '../../../shared/errors';
import { Icon } from '../app/Icon';
import { describeError } from '../app/describe-error';
import { useServices } from '../app/services';
import { davFormProblem, fieldForDavError, normalizeDavUrl, type DavField, type DavProblem } from './dav-setup';
import '../styles/calendar.css';

function Problem({ problem, field }: { problem: DavProblem | null; field: DavField }) {
  if (!problem || problem.field !== field) return null;
  return (
    <div className="field-error" role="alert" data-testid={`dav-error-${field}`}>
      <Icon name="alert" size={14} />
      <div><div>{problem.message}</div>{problem.hint && <div className="muted">{problem.hint}</div>}</div>
    </div>
  );
}

interface Found {
  account: DavAccount;
  calendars: string[] | null;
  addressBooks: string[] | null;
}

/** CalDAV/CardDAV: server address, user, password; then what discovery found, by name. */
export function DavAccountForm({ onCancel, onBusy, onDone }: { onCancel(): void; onBusy(busy: boolean): void; onDone(account: DavAccount): void }) {
  const { api } = useServices();
  const [url, setUrl] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<DavProblem | null>(null);
  const [found, setFound] = useState<Found | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const early = davFormProblem({ url, user, password });
    if (early) return setProblem(early);
    setProblem(null);
    setBusy(true);
    onBusy(true);
    try {
      const account = await api.accounts.addDav({ url: normalizeDavUrl(url), user: user.trim(), password, ...(name.trim() ? { name: name.trim() } : {}) });
      // Names of what was found; counts alone (from addDav) when the lists are not served yet.
      const [cals, books] = await Promise.all([
        api.calendar.listCalendars({}).then((l) => l.filter((c) => c.accountId === account.id).map((c) => c.name), () => null),
        api.contacts.listAddressBooks({}).then((l) => l.filter((b) => b.accountId === account.id).map((b) => b.name), () => null),
      ]);
      setFound({ account, calendars: cals, addressBooks: books });
    } catch (err) {
      setProblem({ field: err instanceof PmsyncError ? fieldForDavError(err.code) : 'general', ...describeError(err, 'add the account') });
    } finally {
      setBusy(false);
      onBusy(false);
    }
  };

  if (found) {
    const { account, calendars, addressBooks } = found;
    return (
      <div className="dialog-body" data-testid="dav-found">
        <p><Icon name="check" size={16} /> Connected to <strong>{account.name}</strong> as {account.user}.</p>
        <div>
          <strong>{account.calendars} calendar{account.calendars === 1 ? '' : 's'}</strong>
          {calendars && calendars.length > 0 && <ul className="dav-found" data-testid="dav-found-calendars">{calendars.map((c) => <li key={c}>{c}</li>)}</ul>}
        </div>
        <div>
          <strong>{account.addressBooks} address book{account.addressBooks === 1 ? '' : 's'}</strong>
          {addressBooks && addressBooks.length > 0 && <ul className="dav-found" data-testid="dav-found-address-books">{addressBooks.map((b) => <li key={b}>{b}</li>)}</ul>}
        </div>
        {account.calendars + account.addressBooks === 0 && <p className="muted">The server has no calendars or address books for this user yet. Create one on the server (or in another app) and it appears at the next sync.</p>}
        <footer className="dialog-footer">
          <button type="button" className="button primary" data-testid="dav-done" autoFocus onClick={() => onDone(account)}>Done</button>
        </footer>
      </div>
    );
  }

  return (
    <form className="dialog-body" onSubmit={(e) => void add(e)} aria-busy={busy} noValidate>
      <p className="muted">Calendars and address books from any CalDAV/CardDAV server (Nextcloud, Fastmail, iCloud, Radicale…), kept offline and in sync.</p>
      <label className="field">
        <span>Server address</span>
        <input ref={first} data-testid="dav-url" type="url" inputMode="url" placeholder="https://dav.example.org/" spellCheck={false} autoCapitalize="off" value={url} aria-invalid={problem?.field === 'url' || undefined} onChange={(e) => setUrl(e.target.value)} />
      </label>
      <Problem problem={problem} field="url" />
      <label className="field">
        <span>User name</span>
        <input data-testid="dav-user" autoComplete="username" spellCheck={false} autoCapitalize="off" value={user} aria-invalid={problem?.field === 'user' || undefined} onChange={(e) => setUser(e.target.value)} />
      </label>
      <Problem problem={problem} field="user" />
      <label className="field">
        <span>Password</span>
        <input data-testid="dav-password" type="password" autoComplete="current-password" value={password} aria-invalid={problem?.field === 'password' || undefined} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <Problem problem={problem} field="password" />
      <label className="field">
        <span>Account name (optional)</span>
        <input data-testid="dav-name" placeholder="Work calendars" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </label>
      <Problem problem={problem} field="general" />
      <footer className="dialog-footer">
        {busy && <span className="checking" role="status"><span className="spinner" aria-hidden="true" />Finding your calendars…</span>}
        <button type="button" className="button ghost" disabled={busy} onClick={onCancel}>Cancel</button>
        <button type="submit" className="button primary" data-testid="dav-add" disabled={busy}>Add account</button>
      </footer>
    </form>
  );
}
