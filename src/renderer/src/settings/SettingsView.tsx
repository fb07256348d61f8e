import { useEffect, useState } from 'react';
import type { DoctorReport, ProfileInfo } from '../../../shared/api/app';
import { Icon } from '../app/Icon';
import { useServices } from '../app/services';
import { describeError } from '../app/describe-error';
import { formatBytes } from '../format/bytes';
import { formatFullDate } from '../format/date';
import type { ThemeChoice } from '../app/theme';
import type { Account } from '../../../shared/api/mail';
import { AccountSettingsCard } from './AccountSettingsCard';
import { NotificationSettingsCard } from './NotificationSettingsCard';
import { ComposeSettingsCard } from './ComposeSettingsCard';

const KEY_SOURCES: Record<ProfileInfo['keySource'], string> = {
  passphrase: 'Passphrase',
  keychain: 'System keychain',
  safeStorage: 'Operating system (Electron safeStorage)',
};

interface Props {
  theme: ThemeChoice;
  onTheme(t: ThemeChoice): void;
  accounts: Account[];
  /** Scrolled to and highlighted (opened from the sidebar's account gear). */
  focusAccountId: number | null;
  onAccountRemoved(): void;
  onAddAccount(): void;
}

export function SettingsView({ theme, onTheme, accounts, focusAccountId, onAccountRemoved, onAddAccount }: Props) {
  const { api, reportError } = useServices();
  const [info, setInfo] = useState<ProfileInfo | null>(null);
  const [infoError, setInfoError] = useState<{ message: string; hint?: string } | null>(null);
  const [report, setReport] = useState<DoctorReport | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    api.app.info({}).then(setInfo, (err: unknown) => setInfoError(describeError(err, 'read the profile information')));
  }, [api]);

  const check = async () => {
    setChecking(true);
    setReport(null);
    try {
      setReport(await api.app.doctor({}));
    } catch (err) {
      reportError(err, 'check the profile');
    } finally {
      setChecking(false);
    }
  };

  return (
    <div className="page settings" data-testid="settings">
      <h1>Settings</h1>
      <section className="card">
        <h2>Appearance</h2>
        <div className="segmented" role="radiogroup" aria-label="Theme">
          {(['system', 'light', 'dark'] as const).map((t) => (
            <button key={t} type="button" role="radio" aria-checked={theme === t} className={theme === t ? 'active' : undefined} onClick={() => onTheme(t)}>
              {t === 'system' ? 'Match system' : t === 'light' ? 'Light' : 'Dark'}
            </button>
          ))}
        </div>
      </section>
      <section className="card">
        <h2>Accounts</h2>
        {accounts.filter((a) => a.kind === 'imap').length === 0 && <p className="muted">No email accounts yet. Imported mail lives in the local account.</p>}
        <button type="button" className="button" onClick={onAddAccount}><Icon name="plus" size={16} />Add email account…</button>
      </section>
      {accounts.filter((a) => a.kind === 'imap').map((a) => (
        <AccountSettingsCard key={a.id} account={a} focused={a.id === focusAccountId} onRemoved={onAccountRemoved} />
      ))}
      <ComposeSettingsCard accounts={accounts} />
      <NotificationSettingsCard />
      <section className="card">
        <h2>Profile</h2>
        {infoError && <p className="error-text" role="alert">{infoError.message} {infoError.hint}</p>}
        {!info && !infoError && <p className="muted">Loading…</p>}
        {info && (
          <dl className="facts" data-testid="profile-info">
            <dt>Profile folder</dt><dd><code>{info.profileDir}</code></dd>
            <dt>Encryption</dt><dd>{info.cipher}</dd>
            <dt>Key protected by</dt><dd>{KEY_SOURCES[info.keySource]}</dd>
            <dt>Schema version</dt><dd>{info.schemaVersion}</dd>
            <dt>Database size</dt><dd>{formatBytes(info.dbSizeBytes)}</dd>
            <dt>Accounts</dt><dd>{info.accounts.toLocaleString()}</dd>
            <dt>Messages</dt><dd>{info.messages.toLocaleString()}</dd>
            <dt>Created</dt><dd>{formatFullDate(info.createdAt)}</dd>
            <dt>PMSync version</dt><dd>{info.version}</dd>
          </dl>
        )}
      </section>
      <section className="card">
        <h2>Integrity</h2>
        <p className="muted">Checks the encrypted database page by page and compares the search index with the messages.</p>
        <button type="button" className="button" onClick={() => void check()} disabled={checking} data-testid="doctor-button">
          <Icon name="shield" size={16} />
          {checking ? 'Checking…' : 'Check integrity'}
        </button>
        {report && (
          <div className={`doctor ${report.ok ? 'ok' : 'bad'}`} role="status" data-testid="doctor-result">
            <p className="doctor-verdict">
              <Icon name={report.ok ? 'check' : 'alert'} size={16} />
              {report.ok ? 'Everything checks out.' : 'Problems found. Keep a backup of the profile folder and run `pmsync doctor` for details.'}
            </p>
            <dl className="facts">
              <dt>Messages</dt><dd>{report.messages.toLocaleString()}</dd>
              <dt>Search index rows</dt><dd>{report.ftsRows.toLocaleString()}</dd>
              <dt>Schema version</dt><dd>{report.schemaVersion}</dd>
              <dt>Cipher</dt><dd>{report.cipher}</dd>
            </dl>
            {report.integrity.length > 0 && !(report.integrity.length === 1 && report.integrity[0] === 'ok') && (
              <ul className="doctor-lines">{report.integrity.slice(0, 100).map((line, i) => <li key={i}><code>{line}</code></li>)}</ul>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
