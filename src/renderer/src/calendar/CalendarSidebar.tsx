import type { CSSProperties } from 'react';
import type { DavAccount } from '../../../shared/api/accounts';
import type { Calendar } from '../../../shared/api/calendar';
import { Icon } from '../app/Icon';

interface Props {
  calendars: Calendar[];
  accounts: DavAccount[];
  onToggle(calendarId: number, visible: boolean): void;
  onNewEvent(): void;
  onAddAccount(): void;
  onSyncNow(): void;
}

/** Calendars grouped by account, each with its colour and a visibility switch. */
export function CalendarSidebar({ calendars, accounts, onToggle, onNewEvent, onAddAccount, onSyncNow }: Props) {
  const groups = new Map<number, Calendar[]>();
  for (const c of calendars) groups.set(c.accountId, [...(groups.get(c.accountId) ?? []), c]);
  const accountName = (id: number) => accounts.find((a) => a.id === id)?.name ?? 'Calendars';
  return (
    <aside className="calendar-sidebar" aria-label="Calendars">
      <button type="button" className="button primary full" data-testid="calendar-new-event" onClick={onNewEvent}>
        <Icon name="plus" size={16} /> New event <kbd>c</kbd>
      </button>
      {[...groups].map(([accountId, list]) => (
        <section key={accountId} className="calendar-group">
          <h3>{accountName(accountId)}</h3>
          <ul>
            {list.map((c) => (
              <li key={c.id}>
                <label className="calendar-toggle" data-testid="calendar-toggle" data-calendar-name={c.name} style={{ '--cal-color': c.color } as CSSProperties}>
                  <input type="checkbox" checked={c.visible} onChange={(e) => onToggle(c.id, e.target.checked)} />
                  <span className="calendar-swatch" aria-hidden="true" />
                  <span className="calendar-name" title={c.name}>{c.name}</span>
                  {c.readOnly && <span className="muted small" title="You can read this calendar but not change it">read-only</span>}
                </label>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <div className="calendar-sidebar-actions">
        <button type="button" className="button small ghost" onClick={onSyncNow}><Icon name="download" size={14} /> Sync now</button>
        <button type="button" className="button small ghost" data-testid="calendar-add-account" onClick={onAddAccount}><Icon name="plus" size={14} /> Add CalDAV account</button>
      </div>
    </aside>
  );
}
