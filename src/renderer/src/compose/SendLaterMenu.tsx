import { useState } from 'react';

/** "YYYY-MM-DDTHH:MM" in local time, as a datetime-local input wants it. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Tomorrow at 08:00 and next Monday at 08:00, local time. */
export function quickTimes(now: number): Array<{ label: string; at: number }> {
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(8, 0, 0, 0);
  const monday = new Date(now);
  monday.setDate(monday.getDate() + (((8 - monday.getDay()) % 7) || 7));
  monday.setHours(8, 0, 0, 0);
  return [
    { label: 'Tomorrow morning', at: tomorrow.getTime() },
    { label: 'Monday morning', at: monday.getTime() },
  ];
}

/** Send later: a date/time picker with two quick choices; refuses times in the past. */
export function SendLaterMenu({ onSchedule, onClose }: { onSchedule(at: number): void; onClose(): void }) {
  const [value, setValue] = useState(() => toLocalInput(Date.now() + 60 * 60 * 1000));
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const at = new Date(value).getTime();
    if (!Number.isFinite(at)) return setError('Pick a date and a time.');
    if (at <= Date.now() + 30_000) return setError('That time has passed. Pick a time in the future, or use Send.');
    onSchedule(at);
  };
  return (
    <div className="compose-popover" role="dialog" aria-label="Send later" data-testid="send-later-menu" onKeyDown={(e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onClose();
      }
    }}>
      {quickTimes(Date.now()).map((q) => (
        <button key={q.label} type="button" className="button ghost full" onClick={() => onSchedule(q.at)}>
          {q.label} <span className="muted">{new Date(q.at).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' })}</span>
        </button>
      ))}
      <label className="send-later-pick">
        <span>Pick a date and time</span>
        <input type="datetime-local" value={value} min={toLocalInput(Date.now())} data-testid="send-later-input" onChange={(e) => setValue(e.target.value)} />
      </label>
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="compose-popover-actions">
        <button type="button" className="button ghost small" onClick={onClose}>Cancel</button>
        <button type="button" className="button primary small" data-testid="send-later-confirm" onClick={submit}>Schedule send</button>
      </div>
    </div>
  );
}
