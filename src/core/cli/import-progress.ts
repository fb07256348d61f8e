import type { ImportProgress } from '../../shared/api/mail';
import { formatBytes, terminalSafe } from './format';
import type { CliIo } from './io';

/**
 * Import progress on stderr: one line redrawn in place at a terminal; otherwise a line every
 * few seconds and one per finished file, so logs stay readable.
 */
export function importProgressPrinter(io: CliIo, { intervalMs = 2000, now = Date.now } = {}) {
  const live = io.stderr.isTTY === true;
  let lastPrinted = 0;
  let drawn = false;

  const describe = (p: ImportProgress) => {
    const pct = p.totalBytes > 0 ? ` (${Math.min(100, Math.floor((p.bytesRead / p.totalBytes) * 100))}%)` : '';
    return `${terminalSafe(p.fileName)}: ${p.messages} message${p.messages === 1 ? '' : 's'}, ${formatBytes(p.bytesRead)} of ${formatBytes(p.totalBytes)}${pct}${p.done ? ', done' : ''}`;
  };

  return {
    update(p: ImportProgress) {
      if (live) {
        const width = Math.max(20, (io.stderr.columns ?? 80) - 1);
        io.stderr.write(`\r\x1b[K${[...describe(p)].slice(0, width).join('')}`);
        drawn = true;
        if (p.done) {
          io.stderr.write('\n');
          drawn = false;
        }
        return;
      }
      const t = now();
      if (p.done || t - lastPrinted >= intervalMs) {
        lastPrinted = t;
        io.stderr.write(`${describe(p)}\n`);
      }
    },
    /** Leaves the terminal on a fresh line before the summary. */
    finish() {
      if (drawn) io.stderr.write('\n');
      drawn = false;
    },
  };
}
