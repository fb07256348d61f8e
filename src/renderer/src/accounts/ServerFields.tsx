import type { ServerSettings, TlsMode } from '../../../shared/api/accounts';

const TLS_LABELS: Record<TlsMode, string> = { implicit: 'SSL/TLS', starttls: 'STARTTLS', none: 'None' };

/** Host, port and encryption of one server (IMAP or SMTP), editable. */
export function ServerFields({ label, id, value, onChange, invalid }: { label: string; id: string; value: ServerSettings; onChange(v: ServerSettings): void; invalid: boolean }) {
  return (
    <fieldset className="server-fields">
      <legend>{label}</legend>
      <label className="field grow">
        <span>Server</span>
        <input data-testid={`${id}-host`} value={value.host} aria-invalid={invalid || undefined} spellCheck={false} autoCapitalize="off" onChange={(e) => onChange({ ...value, host: e.target.value.trim() })} />
      </label>
      <label className="field port">
        <span>Port</span>
        <input data-testid={`${id}-port`} type="number" min={1} max={65535} value={value.port} aria-invalid={invalid || undefined} onChange={(e) => onChange({ ...value, port: Number(e.target.value) || 0 })} />
      </label>
      <label className="field tls">
        <span>Encryption</span>
        <select data-testid={`${id}-tls`} value={value.tls} onChange={(e) => onChange({ ...value, tls: e.target.value as TlsMode })}>
          {(Object.keys(TLS_LABELS) as TlsMode[]).map((t) => <option key={t} value={t}>{TLS_LABELS[t]}</option>)}
        </select>
      </label>
    </fieldset>
  );
}
