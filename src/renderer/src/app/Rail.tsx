import { Icon, type IconName } from './Icon';

export type View = 'mail' | 'calendar' | 'contacts' | 'assistant' | 'settings';

const ITEMS: Array<{ view: View; label: string; icon: IconName }> = [
  { view: 'mail', label: 'Mail', icon: 'mail' },
  { view: 'calendar', label: 'Calendar', icon: 'calendar' },
  { view: 'contacts', label: 'Contacts', icon: 'contacts' },
  { view: 'assistant', label: 'Assistant', icon: 'assistant' },
];

export function Rail({ view, onView, onPalette }: { view: View; onView(v: View): void; onPalette(): void }) {
  const item = (v: View, label: string, icon: IconName) => (
    <button key={v} type="button" className={`rail-item${view === v ? ' active' : ''}`} aria-label={label} title={label} aria-current={view === v ? 'page' : undefined} onClick={() => onView(v)} data-testid={`rail-${v}`}>
      <Icon name={icon} size={20} />
    </button>
  );
  return (
    <nav className="rail" aria-label="Sections">
      <div className="rail-logo" aria-hidden="true">P</div>
      {ITEMS.map((i) => item(i.view, i.label, i.icon))}
      <div className="rail-spacer" />
      <button type="button" className="rail-item" aria-label="Command palette (Ctrl+K)" title="Commands (Ctrl+K)" onClick={onPalette}>
        <Icon name="command" size={20} />
      </button>
      {item('settings', 'Settings', 'settings')}
    </nav>
  );
}
