import { forwardRef, useMemo, useState } from 'react';
import { Icon } from '../app/Icon';
import { suggest } from './operators';

interface Props {
  value: string;
  folderNames: string[];
  onChange(value: string): void;
  /** Esc: clear the search and go back to the folder. */
  onClear(): void;
  /** Enter without a highlighted suggestion: move focus to the results. */
  onSubmit(): void;
}

export const SearchBar = forwardRef<HTMLInputElement, Props>(function SearchBar({ value, folderNames, onChange, onClear, onSubmit }, ref) {
  const [focused, setFocused] = useState(false);
  const [highlight, setHighlight] = useState(-1);
  const suggestions = useMemo(() => (focused ? suggest(value, folderNames) : []), [focused, value, folderNames]);
  const open = suggestions.length > 0;

  const accept = (query: string) => {
    onChange(query);
    setHighlight(-1);
  };

  return (
    <div className="search" role="search">
      <Icon name="search" size={16} className="search-icon" />
      <input
        ref={ref}
        type="search"
        className="search-input"
        data-testid="search-input"
        placeholder="Search mail   ( / )"
        aria-label="Search mail"
        role="combobox"
        aria-expanded={open}
        aria-controls="search-suggestions"
        aria-autocomplete="list"
        aria-activedescendant={open && highlight >= 0 ? `search-suggestion-${highlight}` : undefined}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setHighlight(-1);
        }}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && open) {
            e.preventDefault();
            setHighlight((h) => (h + 1) % suggestions.length);
          } else if (e.key === 'ArrowUp' && open) {
            e.preventDefault();
            setHighlight((h) => (h <= 0 ? suggestions.length - 1 : h - 1));
          } else if ((e.key === 'Enter' || e.key === 'Tab') && open && highlight >= 0) {
            e.preventDefault();
            accept(suggestions[highlight].query);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            onSubmit();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClear();
            e.currentTarget.blur();
          }
        }}
      />
      {value && (
        <button type="button" className="icon-button search-clear" aria-label="Clear search" onMouseDown={(e) => e.preventDefault()} onClick={onClear}>
          <Icon name="close" size={14} />
        </button>
      )}
      {open && (
        <ul className="search-suggestions" id="search-suggestions" role="listbox" aria-label="Search operators">
          {suggestions.map((s, i) => (
            <li
              key={s.label}
              id={`search-suggestion-${i}`}
              role="option"
              aria-selected={i === highlight}
              className={i === highlight ? 'active' : undefined}
              // mousedown, not click: the input must keep focus.
              onMouseDown={(e) => {
                e.preventDefault();
                accept(s.query);
              }}
            >
              <code>{s.label}</code>
              <span className="muted">{s.description}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
