import { useCallback, useEffect, useRef, useState } from 'react';
import type { ComposeSettings } from '../../../shared/api/compose';
import type { Account } from '../../../shared/api/mail';
import { describeError } from '../app/describe-error';
import { useServices } from '../app/services';
import { Editor } from '../compose/Editor';
import type { EditorHandle } from '../compose/EditorPlugins';

const UNDO_CHOICES = [0, 5, 10, 20, 30, 60];
const SIGNATURE_SAVE_DELAY_MS = 800;

/** Writing mail: how long Undo send stays offered, and a signature per sending account. */
export function ComposeSettingsCard({ accounts }: { accounts: Account[] }) {
  const { api, notify, reportError } = useServices();
  const [settings, setSettings] = useState<ComposeSettings | null>(null);
  const [error, setError] = useState<{ message: string; hint?: string } | null>(null);
  const senders = accounts.filter((a) => a.kind === 'imap');
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const handle = useRef<EditorHandle>(null);

  useEffect(() => {
    api.compose.getSettings({}).then(setSettings, (err: unknown) => setError(describeError(err, 'load the compose settings')));
  }, [api]);
  useEffect(() => () => timers.current.forEach((t) => clearTimeout(t)), []);

  const save = useCallback(async (patch: Partial<ComposeSettings>) => {
    try {
      setSettings(await api.compose.updateSettings(patch));
    } catch (err) {
      reportError(err, 'save the compose settings');
    }
  }, [api, reportError]);

  // Signatures save a moment after typing stops; the whole map goes, as the API replaces it.
  const signatures = useRef<Record<string, string>>({});
  const onSignature = useCallback((accountId: number, html: string) => {
    signatures.current = { ...signatures.current, [String(accountId)]: html };
    const key = String(accountId);
    clearTimeout(timers.current.get(key));
    timers.current.set(key, setTimeout(() => {
      void save({ signatures: signatures.current }).then(() => notify({ level: 'info', message: 'Signature saved. New messages from this account start with it.' }));
    }, SIGNATURE_SAVE_DELAY_MS));
  }, [save, notify]);
  useEffect(() => {
    if (settings) signatures.current = { ...settings.signatures, ...signatures.current };
  }, [settings]);

  return (
    <section className="card" data-testid="compose-settings">
      <h2>Writing mail</h2>
      {error && <p className="error-text" role="alert">{error.message} {error.hint}</p>}
      {!settings && !error && <p className="muted">Loading…</p>}
      {settings && (
        <>
          <label className="settings-row">
            <span>Undo send</span>
            <select value={settings.undoSendSeconds} data-testid="undo-send-seconds" onChange={(e) => void save({ undoSendSeconds: Number(e.target.value) })}>
              {UNDO_CHOICES.map((s) => <option key={s} value={s}>{s === 0 ? 'Off — send at once' : `${s} seconds`}</option>)}
            </select>
          </label>
          {senders.length === 0 && <p className="muted">Add an email account to set its signature.</p>}
          {senders.map((a) => (
            <div key={a.id} className="signature-editor" data-testid="signature-editor" data-account-id={a.id}>
              <h3>Signature for {a.email ?? a.name}</h3>
              <div className="composer signature-composer">
                <Editor initialHtml={settings.signatures[String(a.id)] ?? ''} onHtml={(html) => onSignature(a.id, html)} onFiles={() => notify({ level: 'warning', message: 'Images cannot be added to a signature here.', hint: 'Link to an image on the web instead.' })} handleRef={handle} label={`Signature for ${a.email ?? a.name}`} placeholder="Your signature: name, role, phone…" />
              </div>
            </div>
          ))}
        </>
      )}
    </section>
  );
}
