import { Icon } from '../app/Icon';
import type { CalendarViewName } from './calendar-keys';

const VIEWS: Array<{ name: CalendarViewName; label: string; key: string }> = [
  { name: 'dayGridMonth', label: 'Month', key: 'm' },
  { name: 'timeGridWeek', label: 'Week', key: 'w' },
  { name: 'timeGridDay', label: 'Day', key: 'd' },
  { name: 'listWeek', label: 'Agenda', key: 'a' },
];

interface Props {
  title: string;
  view: CalendarViewName;
  onView(view: CalendarViewName): void;
  onToday(): void;
  onPrev(): void;
  onNext(): void;
}

/** Our own toolbar (FullCalendar's is off): styled like the rest of the app, with key hints. */
export function CalendarToolbar({ title, view, onView, onToday, onPrev, onNext }: Props) {
  return (
    <div className="calendar-toolbar" role="toolbar" aria-label="Calendar navigation">
      <button type="button" className="button small" data-testid="calendar-today" title="Today (t)" onClick={onToday}>Today</button>
      <button type="button" className="icon-button" data-testid="calendar-prev" aria-label="Previous (k or p)" title="Previous (k or p)" onClick={onPrev}>
        <Icon name="chevronRight" size={18} className="flip" />
      </button>
      <button type="button" className="icon-button" data-testid="calendar-next" aria-label="Next (j or n)" title="Next (j or n)" onClick={onNext}>
        <Icon name="chevronRight" size={18} />
      </button>
      <h2 className="calendar-title" data-testid="calendar-title" aria-live="polite">{title}</h2>
      <div className="segmented" role="group" aria-label="View">
        {VIEWS.map((v) => (
          <button key={v.name} type="button" className={`segment${view === v.name ? ' active' : ''}`} aria-pressed={view === v.name} title={`${v.label} (${v.key})`} data-testid={`calendar-view-${v.label.toLowerCase()}`} onClick={() => onView(v.name)}>
            {v.label}
          </button>
        ))}
      </div>
    </div>
  );
}
