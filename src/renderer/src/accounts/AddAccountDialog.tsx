import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DavAccount, GuessedSettings } from '../../../shared/api/accounts';
import type { Account } from '../../../shared/api/mail';
import { PmsyncError } from '../../../shared/errors';
import { Icon } from '../app/Icon';
import { describeError, type ErrorNotice } from '../app/describe-error';
import { useServices } from '../app/services';
import { useEscapeKey } from '../app/useEscapeKey';
import { DavAccountForm } from './DavAccountForm';
import { ServerFields } from './ServerFields';
import { fallbackSettings, fieldForError, looksLikeEmail, sourceLabel, type SetupField } from './setup-logic';

type Problem = ErrorNotice & { field: SetupField };

function FieldError({ problem, field }: { problem: Problem | null; field: SetupField }) {
  if (!problem || problem.field !== field) return null;
  return (
    <div className="field-error" role="alert" data-testid={`error-${field}`}>
      <Icon name="alert" size={14} />
      <div><div>{problem.message}</div>{problem.hint && <div className="muted">{problem.hint}</div>}</div>
    </div>
  );
}

/**
 * Adding an IMAP account: address and password first; then the guessed servers (editable),
 * checked by the core before anything is saved. Failures appear next to the field they concern.
 */
export function AddAccountDialog({ onClose, onAdded, initialKind = 'mail', onDavAdded }: { onClose(): void; onAdded(account: Account): void; initialKind?: 'mail' | 'dav'; onDavAdded?(account: DavAccount): void }) {
  const { api } = useServices();
  // Mail (IMAP) or calendars and contacts (CalDAV/CardDAV): one dialog, two forms.
  const [kind, setKind] = useState<'mail' | 'dav'>(initialKind);
  const [davBusy, setDavBusy] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [settings, setSettings] = useState<GuessedSettings | null>(null);
  const [caPem, setCaPem] = useState<{ name: string; pem: string } | null>(null);
  const [busy, setBusy] = useState<'guessing' | 'checking' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [lookupNote, setLookupNote] = useState<ErrorNotice | null>(null);
  const firstField = useRef<HTMLInputElement>(null);
  useEscapeKey(onClose, busy === null && !davBusy);

  useEffect(() => firstField.current?.focus(), [settings === null]);

  const guess = async (e: FormEvent) => {
    e.preventDefault();
    if (!looksLikeEmail(email)) {
      setProblem({ field: 'general', message: 'Enter your full email address, like name@example.com.' });
      return;
    }
    if (!password) {
      setProblem({ field: 'password', message: 'Enter the password of this mailbox.', hint: 'Some providers want an app password when two-step sign-in is on.' });
      return;
    }
    setProblem(null);
    setBusy('guessing');
    try {
      setSettings(await api.accounts.guessSettings({ email: email.trim() }));
      setLookupNote(null);
    } catch (err) {
      // No guess: the usual imap./smtp. layout, for the user to correct.
      setSettings(fallbackSettings(email));
      setLookupNote(describeError(err, 'look up the server settings'));
    } finally {
      setBusy(null);
    }
  };

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!settings) return;
    setProblem(null);
    setBusy('checking');
    try {
      const account = await api.accounts.addImap({
        email: email.trim(),
        imap: settings.imap,
        smtp: settings.smtp,
        password,
        ...(settings.user && settings.user !== email.trim() ? { user: settings.user } : {}),
        ...(caPem ? { caPem: caPem.pem } : {}),
      });
      onAdded(account);
    } catch (err) {
      const field = err instanceof PmsyncError ? fieldForError(err.code) : 'general';
      setProblem({ field, ...describeError(err, 'add the account') });
    } finally {
      setBusy(null);
    }
  };

  const pickCa = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    if (!text.includes('-----BEGIN CERTIFICATE-----')) {
      setProblem({ field: 'server', message: `${file.name} is not a PEM certificate.`, hint: 'Choose the CA certificate file (.pem or .crt, text starting with -----BEGIN CERTIFICATE-----).' });
      return;
    }
    setCaPem({ name: file.name, pem: text });
  };

  return (
    <div className="overlay" onMouseDown={() => busy === null && !davBusy && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="add-account-title" data-testid="add-account-dialog" onMouseDown={(e) => e.stopPropagation()}>
        <header className="dialog-header">
          <h2 id="add-account-title">{kind === 'dav' ? 'Add a calendar & contacts account' : 'Add an email account'}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose} disabled={busy !== null || davBusy}><Icon name="close" size={16} /></button>
        </header>
        {settings === null && (
          <div className="account-kind"><div className="segmented" role="group" aria-label="Account type">
            <button type="button" className={`segment${kind === 'mail' ? ' active' : ''}`} aria-pressed={kind === 'mail'} data-testid="account-kind-mail" disabled={davBusy} onClick={() => setKind('mail')}>Email (IMAP)</button>
            <button type="button" className={`segment${kind === 'dav' ? ' active' : ''}`} aria-pressed={kind === 'dav'} data-testid="account-kind-dav" disabled={busy !== null} onClick={() => setKind('dav')}>Calendar &amp; contacts (CalDAV/CardDAV)</button>
          </div></div>
        )}
        {kind === 'dav' ? (
          <DavAccountForm onCancel={onClose} onBusy={setDavBusy} onDone={(account) => (onDavAdded ? onDavAdded(account) : onClose())} />
        ) : settings === null ? (
          <form className="dialog-body" onSubmit={(e) => void guess(e)}>
            <p className="muted">PMSync connects to your provider over IMAP and keeps a private, encrypted copy of your mail on this computer.</p>
            <label className="field">
              <span>Email address</span>
              <input ref={firstField} data-testid="account-email" type="email" autoComplete="email" value={email} spellCheck={false} onChange={(e) => setEmail(e.target.value)} />
            </label>
            <FieldError problem={problem} field="general" />
            <label className="field">
              <span>Password</span>
              <input data-testid="account-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
            </label>
            <FieldError problem={problem} field="password" />
            <footer className="dialog-footer">
              <button type="button" className="button ghost" onClick={onClose}>Cancel</button>
              <button type="submit" className="button primary" data-testid="account-continue" disabled={busy !== null}>
                {busy === 'guessing' ? <><span className="spinner" aria-hidden="true" />Looking up settings…</> : 'Continue'}
              </button>
            </footer>
          </form>
        ) : (
          <form className="dialog-body" onSubmit={(e) => void add(e)} aria-busy={busy === 'checking'}>
            <div className="setup-source">
              <span className={`pill${settings.source === 'guess' ? ' pill-warn' : ''}`} data-testid="settings-source">{sourceLabel(settings.source)}</span>
              <span className="muted">{email.trim()}</span>
            </div>
            {lookupNote && <p className="muted small" data-testid="lookup-note">{lookupNote.message} {lookupNote.hint}</p>}
            <label className="field">
              <span>Password</span>
              <input ref={firstField} data-testid="account-password" type="password" autoComplete="current-password" value={password} aria-invalid={problem?.field === 'password' || undefined} onChange={(e) => setPassword(e.target.value)} />
            </label>
            <FieldError problem={problem} field="password" />
            <ServerFields label="Incoming mail (IMAP)" id="imap" value={settings.imap} invalid={problem?.field === 'server'} onChange={(imap) => setSettings({ ...settings, imap })} />
            <ServerFields label="Outgoing mail (SMTP)" id="smtp" value={settings.smtp} invalid={problem?.field === 'server'} onChange={(smtp) => setSettings({ ...settings, smtp })} />
            <FieldError problem={problem} field="server" />
            <details className="advanced">
              <summary>Advanced</summary>
              <label className="field">
                <span>User name</span>
                <input data-testid="account-user" value={settings.user} spellCheck={false} autoCapitalize="off" onChange={(e) => setSettings({ ...settings, user: e.target.value })} />
              </label>
              <div className="field">
                <span>Extra CA certificate (self-hosted servers)</span>
                <div className="ca-row">
                  <label className="button small">
                    Choose file…
                    <input type="file" accept=".pem,.crt,.cer,text/plain" className="visually-hidden-input" data-testid="account-ca" onChange={(e) => void pickCa(e.currentTarget.files?.[0])} />
                  </label>
                  <span className="muted">{caPem ? caPem.name : 'None'}</span>
                  {caPem && <button type="button" className="button ghost small" onClick={() => setCaPem(null)}>Remove</button>}
                </div>
              </div>
            </details>
            <FieldError problem={problem} field="general" />
            <footer className="dialog-footer">
              {busy === 'checking' && <span className="checking" role="status"><span className="spinner" aria-hidden="true" />Checking your credentials…</span>}
              <button type="button" className="button ghost" disabled={busy !== null} onClick={() => {
                setSettings(null);
                setProblem(null);
              }}>Back</button>
              <button type="submit" className="button primary" data-testid="account-add" disabled={busy !== null}>Add account</button>
            </footer>
          </form>
        )}
      </div>
    </div>
  );
}
