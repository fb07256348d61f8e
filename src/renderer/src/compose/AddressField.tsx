import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { AddressSuggestion } from '../../../shared/api/compose';
import { useServices } from '../app/services';
import { endsChip, formatAddress, parseAddress, parseAddressList } from './address-chips';

interface Props {
  label: string;
  values: string[];
  onChange(values: string[]): void;
  testId: string;
  autoFocus?: boolean;
}

const SUGGEST_DELAY_MS = 120;

/** Recipients as chips, with suggestions from contacts and people mailed before (↑/↓, Enter or Tab to pick). */
export function AddressField({ label, values, onChange, testId, autoFocus }: Props) {
  const { api } = useServices();
  const [text, setText] = useState('');
  const [suggestions, setSuggestions] = useState<AddressSuggestion[]>([]);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const chips = useMemo(() => values.map(parseAddress), [values]);
  const invalid = chips.filter((c) => !c.valid);

  useEffect(() => {
    const query = text.trim();
    if (query.length < 1) {
      setSuggestions([]);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      api.compose.suggestAddresses({ query, limit: 8 }).then(
        (list) => {
          if (!live) return;
          const taken = new Set(chips.map((c) => c.address.toLowerCase()));
          setSuggestions(list.filter((s) => !taken.has(s.address.toLowerCase())));
          setActive(0);
        },
        // Suggestions are a convenience: without them the user types the address in full.
        (err: unknown) => console.warn('[composer] address suggestions unavailable', err),
      );
    }, SUGGEST_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, text, chips]);

  const commit = (raw: string) => {
    const added = parseAddressList(raw);
    if (added.length === 0) return;
    const seen = new Set(chips.map((c) => c.address.toLowerCase()));
    const next = [...values];
    for (const chip of added) {
      if (seen.has(chip.address.toLowerCase())) continue;
      seen.add(chip.address.toLowerCase());
      next.push(chip.text);
    }
    onChange(next);
    setText('');
    setSuggestions([]);
  };

  const pick = (s: AddressSuggestion) => commit(formatAddress(s.name, s.address));
  const remove = (index: number) => onChange(values.filter((_, i) => i !== index));

  return (
    <div className={`address-field${invalid.length > 0 ? ' has-error' : ''}`} data-testid={testId}>
      <label className="address-label" htmlFor={`${listId}-input`}>{label}</label>
      <div className="address-chips" onMouseDown={(e) => {
        if (e.target === e.currentTarget) {
          e.preventDefault();
          inputRef.current?.focus();
        }
      }}>
        {chips.map((chip, i) => (
          <span key={`${chip.text}-${i}`} className={`chip${chip.valid ? '' : ' invalid'}`} data-testid="address-chip" aria-invalid={!chip.valid} title={chip.valid ? chip.address : `${chip.text} is not a valid email address`}
            onDoubleClick={() => {
              remove(i);
              setText(chip.text);
              inputRef.current?.focus();
            }}>
            <span className="chip-text">{chip.name || chip.address}</span>
            <button type="button" className="chip-remove" aria-label={`Remove ${chip.text}`} onClick={() => remove(i)}>×</button>
          </span>
        ))}
        <input
          id={`${listId}-input`}
          ref={inputRef}
          className="address-input"
          value={text}
          autoFocus={autoFocus}
          autoComplete="off"
          spellCheck={false}
          role="combobox"
          aria-expanded={suggestions.length > 0}
          aria-controls={listId}
          aria-activedescendant={suggestions.length > 0 ? `${listId}-${active}` : undefined}
          data-testid={`${testId}-input`}
          onChange={(e) => {
            const v = e.target.value;
            if (/[,;\n]/.test(v) && parseAddressList(v).length > 1) commit(v);
            else setText(v);
          }}
          onPaste={(e) => {
            const pasted = e.clipboardData.getData('text/plain');
            if (/[,;\n]/.test(pasted)) {
              e.preventDefault();
              commit(text + pasted);
            }
          }}
          onKeyDown={(e) => {
            if (suggestions.length > 0 && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
              e.preventDefault();
              setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
            } else if (suggestions.length > 0 && (e.key === 'Enter' || e.key === 'Tab') && !e.ctrlKey && !e.metaKey) {
              e.preventDefault();
              pick(suggestions[active]);
            } else if (e.key === 'Escape' && suggestions.length > 0) {
              e.preventDefault(); // closes the list, not the composer
              setSuggestions([]);
            } else if (endsChip(e.key) && text.trim() && !e.ctrlKey && !e.metaKey) {
              if (e.key !== 'Tab') e.preventDefault();
              commit(text);
            } else if (e.key === 'Backspace' && text === '' && values.length > 0) {
              e.preventDefault();
              const last = values[values.length - 1];
              remove(values.length - 1);
              setText(last);
            }
          }}
          onBlur={() => {
            // A click on a suggestion lands before blur (mousedown is prevented there).
            if (text.trim()) commit(text);
          }}
        />
      </div>
      {suggestions.length > 0 && (
        <ul className="address-suggestions" role="listbox" id={listId} data-testid="address-suggestions">
          {suggestions.map((s, i) => (
            <li
              key={s.address}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(s)}
            >
              <span className="suggestion-name">{s.name || s.address}</span>
              {s.name && <span className="suggestion-address">{s.address}</span>}
              <span className="suggestion-source">{s.source === 'contact' ? 'Contact' : s.source === 'sent' ? 'You wrote to' : 'Wrote to you'}</span>
            </li>
          ))}
        </ul>
      )}
      {invalid.length > 0 && (
        <p className="field-error" role="alert" data-testid={`${testId}-error`}>
          {invalid.length === 1 ? `“${invalid[0].text}” is not a valid email address.` : `${invalid.length} addresses are not valid: ${invalid.map((c) => `“${c.text}”`).join(', ')}.`} Double-click to correct it, or remove it.
        </p>
      )}
    </div>
  );
}
