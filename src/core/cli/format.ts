import type { Address } from '../../shared/api/mail';

const pad = (n: number) => String(n).padStart(2, '0');

/** Local time, sortable and unambiguous: 2024-03-05 14:07. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatAddress(a: Address | null): string {
  if (!a) return '(unknown sender)';
  return a.name && a.name !== a.address ? `${a.name} <${a.address}>` : a.address;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** Mail text reaches the terminal: drop control characters so a message cannot drive it (ANSI escapes). */
export function terminalSafe(text: string, keepNewlines = false): string {
  // eslint-disable-next-line no-control-regex
  const controls = keepNewlines ? /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g : /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
  return text.replace(controls, keepNewlines ? '' : ' ');
}

/** Fits `text` to `width` columns, ending with … when cut. */
export function fit(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text.padEnd(width);
  return `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}
