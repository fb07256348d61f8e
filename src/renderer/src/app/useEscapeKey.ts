import { useEffect, useRef } from 'react';

/**
 * Esc closes a dialog wherever the focus went (a button that got disabled while busy drops it
 * to <body>, out of reach of the dialog's own key handler).
 */
export function useEscapeKey(onEscape: () => void, enabled = true): void {
  const latest = useRef(onEscape);
  latest.current = onEscape;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      e.stopPropagation();
      latest.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
