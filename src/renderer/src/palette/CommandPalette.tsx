import { useEffect, useMemo, useRef, useState } from 'react';
import { Icon, type IconName } from '../app/Icon';
import { fuzzyFilter } from './fuzzy';

export interface Command {
  id: string;
  label: string;
  icon: IconName;
  hint?: string;
  run(): void;
}

export function CommandPalette({ commands, onClose, label = 'Command palette', placeholder = 'Type a command or a folder name…' }: { commands: Command[]; onClose(): void; label?: string; placeholder?: string }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const matches = useMemo(() => fuzzyFilter(commands, query, (c) => c.label).slice(0, 50), [commands, query]);

  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const run = (command: Command | undefined) => {
    if (!command) return;
    onClose();
    command.run();
  };

  return (
    <div className="overlay" onMouseDown={onClose}>
      <div className="palette" role="dialog" aria-modal="true" aria-label={label} data-testid={label === 'Command palette' ? 'command-palette' : 'folder-picker'} onMouseDown={(e) => e.stopPropagation()}>
        <div className="palette-input-row">
          <Icon name="command" size={16} />
          <input
            ref={inputRef}
            className="palette-input"
            placeholder={placeholder}
            aria-label="Command"
            role="combobox"
            aria-expanded="true"
            aria-controls="palette-list"
            aria-activedescendant={matches[active] ? `palette-${matches[active].id}` : undefined}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                setActive((a) => Math.min(matches.length - 1, a + 1));
              } else if (e.key === 'ArrowUp') {
                e.preventDefault();
                setActive((a) => Math.max(0, a - 1));
              } else if (e.key === 'Enter') {
                e.preventDefault();
                run(matches[active]);
              } else if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                onClose();
              }
            }}
          />
          <kbd>Esc</kbd>
        </div>
        <ul className="palette-list" id="palette-list" role="listbox" ref={listRef}>
          {matches.length === 0 && <li className="palette-empty muted">No command matches “{query}”.</li>}
          {matches.map((c, i) => (
            <li
              key={c.id}
              id={`palette-${c.id}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseMove={() => setActive(i)}
              onClick={() => run(c)}
            >
              <Icon name={c.icon} size={16} />
              <span className="palette-label">{c.label}</span>
              {c.hint && <span className="palette-hint">{c.hint}</span>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
