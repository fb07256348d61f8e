import { useEffect, useRef, useState } from 'react';
import type { AccountSettings } from '../../../shared/api/accounts';
import type { Account, Folder } from '../../../shared/api/mail';
import { isNotAvailable } from '../accounts/setup-logic';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { describeError, type ErrorNotice } from '../app/describe-error';
import { Icon, roleIcon } from '../app/Icon';
import { useServices } from '../app/services';

/** One IMAP account: which folders sync, notifications on/off, remove. */
export function AccountSettingsCard({ account, focused, onRemoved }: { account: Account; focused: boolean; onRemoved(): void }) {
  const { api, notify, reportError } = useServices();
  const [settings, setSettings] = useState<AccountSettings | null>(null);
  const [folders, setFolders] = useState<Folder[]>([]);
  const [problem, setProblem] = useState<(ErrorNotice & { notAvailable: boolean }) | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: 'start' });
  }, [focused]);

  useEffect(() => {
    let live = true;
    Promise.all([api.accounts.getSettings({ accountId: account.id }), api.mail.listFolders({ accountId: account.id })]).then(
      ([s, f]) => {
        if (!live) return;
        setSettings(s);
        setFolders(f);
      },
      (err: unknown) => live && setProblem({ ...describeError(err, 'read the account settings'), notAvailable: isNotAvailable(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, account.id]);

  const update = async (patch: Partial<AccountSettings>) => {
    if (!settings) return;
    const before = settings;
    setSettings({ ...settings, ...patch }); // answer the click at once; undone below on failure
    try {
      setSettings(await api.accounts.updateSettings({ accountId: account.id, settings: patch }));
    } catch (err) {
      setSettings(before);
      reportError(err, 'save the account settings');
    }
  };

  const syncing = (path: string) => settings?.syncFolders === null || (settings?.syncFolders ?? []).includes(path);
  const toggleFolder = (path: string) => {
    const all = folders.map((f) => f.path);
    const current = settings?.syncFolders ?? all;
    const next = current.includes(path) ? current.filter((p) => p !== path) : [...current, path];
    void update({ syncFolders: next.length === all.length && all.every((p) => next.includes(p)) ? null : next });
  };

  const remove = async () => {
    setConfirmRemove(false);
    try {
      await api.accounts.remove({ accountId: account.id });
      notify({ level: 'info', message: `Removed ${account.email ?? account.name} and its mail from this computer.` });
      onRemoved();
    } catch (err) {
      reportError(err, 'remove the account');
    }
  };

  return (
    <section ref={ref} className={`card account-card${focused ? ' focused' : ''}`} data-testid="account-settings" data-account-id={account.id}>
      <h2>{account.email ?? account.name}</h2>
      {problem && (
        <p className={problem.notAvailable ? 'muted' : 'error-text'} role="alert">{problem.message} {problem.hint}</p>
      )}
      {!settings && !problem && <p className="muted">Loading…</p>}
      {settings && (
        <>
          <label className="check-row">
            <input type="checkbox" data-testid="account-notifications" checked={settings.notifications} onChange={(e) => void update({ notifications: e.target.checked })} />
            <span>Notify me of new mail in this account's Inbox</span>
          </label>
          <h3 className="subhead">Folders to sync</h3>
          <p className="muted small">Unchecked folders are not downloaded; mail already here stays readable.</p>
          <ul className="folder-checks">
            {folders.map((f) => (
              <li key={f.id}>
                <label className="check-row">
                  <input type="checkbox" checked={syncing(f.path)} disabled={f.role === 'inbox'} onChange={() => toggleFolder(f.path)} />
                  <Icon name={roleIcon(f.role)} size={14} />
                  <span>{f.path}</span>
                  {f.role === 'inbox' && <span className="muted small">always synced</span>}
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="danger-zone">
        <button type="button" className="button danger-outline" data-testid="remove-account" onClick={() => setConfirmRemove(true)}>Remove account…</button>
      </div>
      {confirmRemove && (
        <ConfirmDialog
          title={`Remove ${account.email ?? account.name}?`}
          body="Its mail is deleted from this computer (it stays on the server), and its password is forgotten."
          confirmLabel="Remove account"
          danger
          onCancel={() => setConfirmRemove(false)}
          onConfirm={() => void remove()}
        />
      )}
    </section>
  );
}
