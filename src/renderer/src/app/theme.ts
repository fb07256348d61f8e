export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'pmsync.theme';

export function loadTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/** Applies the choice as <html data-theme>; "system" follows prefers-color-scheme in CSS. */
export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', choice);
  try {
    localStorage.setItem(KEY, choice);
  } catch {
    // Not persisted; the choice still applies to this window.
  }
}

/** The toggle command flips what the user currently sees. */
export function nextTheme(choice: ThemeChoice, systemDark: boolean): ThemeChoice {
  const dark = choice === 'dark' || (choice === 'system' && systemDark);
  return dark ? 'light' : 'dark';
}
