import { PmsyncError } from '../../shared/errors';
import type { CliIo } from './io';

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACES = new Set(['\u007f', '\b']);

/** Reads one line from a TTY with echo off (raw mode), so the passphrase never shows on screen. */
function promptHidden(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin;
  io.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (err: Error | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      io.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === CTRL_C || ch === CTRL_D) {
          return finish(new PmsyncError('INVALID_INPUT', 'Cancelled: no passphrase entered.'));
        }
        if (BACKSPACES.has(ch)) typed = typed.slice(0, -1);
        else if (ch >= ' ') typed += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}

/**
 * The profile passphrase: $PMSYNC_PASSPHRASE, else a hidden prompt when a person is at a
 * terminal. `confirm` (for init) asks twice so a typo cannot lock the user out.
 */
export async function readPassphrase(io: CliIo, { confirm = false }: { confirm?: boolean } = {}): Promise<string> {
  const fromEnv = io.env.PMSYNC_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!io.stdin.isTTY || typeof io.stdin.setRawMode !== 'function') {
    throw new PmsyncError('INVALID_INPUT', 'No passphrase: not running at a terminal and PMSYNC_PASSPHRASE is not set.', 'Set PMSYNC_PASSPHRASE to the profile passphrase.');
  }
  const first = await promptHidden(io, confirm ? 'New passphrase: ' : 'Passphrase: ');
  if (first === '') throw new PmsyncError('INVALID_INPUT', 'The passphrase is empty.', 'Type a passphrase, or set PMSYNC_PASSPHRASE.');
  if (confirm) {
    const second = await promptHidden(io, 'Repeat passphrase: ');
    if (second !== first) throw new PmsyncError('INVALID_INPUT', 'The two passphrases differ.', 'Run `pmsync init` again and type the same passphrase twice.');
  }
  return first;
}
