import type { DavProgress } from '../../sync/dav/types';
import type { Core } from '../app';
import { terminalSafe } from './format';
import type { CliIo } from './io';

export interface DavOnceResult {
  accountId: number;
  ok: boolean;
  changed?: number;
  removed?: number;
  error?: string;
}

export function davAccountIds(core: Core): number[] {
  return core.dav?.dav.listAccounts().map((a) => a.accountId) ?? [];
}

function davProgressPrinter(io: CliIo, accountId: number) {
  const live = io.stderr.isTTY === true;
  return (p: DavProgress) => {
    const line = `account ${accountId}: ${p.phase} ${p.done}/${p.total}${p.done < p.total ? ` (${terminalSafe(p.collection)})` : ''}`;
    if (live) io.stderr.write(`\r\x1b[K${line}${p.done === p.total ? '\n' : ''}`);
    else if (p.done === p.total) io.stderr.write(`${line}\n`);
  };
}

/**
 * One DAV pass for `sync --once`: waiting local changes go out first (so a deleted event is not
 * fetched back), then every collection syncs, then anything the pass made sendable goes out.
 */
export async function syncDavOnce(core: Core, accountId: number, io: CliIo, json: boolean): Promise<DavOnceResult> {
  const dav = core.dav;
  if (!dav) return { accountId, ok: false, error: 'This profile cannot sync CalDAV/CardDAV accounts.' };
  try {
    await core.tasks.drain({ timeoutMs: 60_000 });
    const report = await dav.supervisor.syncOnce(accountId, davProgressPrinter(io, accountId));
    const after = await core.tasks.drain({ timeoutMs: 60_000 });
    if (after.failed > 0 || after.pending > 0) io.stderr.write(`account ${accountId}: ${after.done} changes sent, ${after.failed} failed, ${after.pending} still waiting\n`);
    const changed = report.collections.reduce((n, c) => n + c.upserts, 0);
    const removed = report.collections.reduce((n, c) => n + c.removed, 0);
    const conflicts = dav.dav.listConflicts().filter((k) => k.collection.accountId === accountId).length;
    if (!json) {
      io.stderr.write(`account ${accountId}: calendars and contacts up to date (${changed} new or changed, ${removed} removed${conflicts ? `, ${conflicts} conflicts waiting for you` : ''})\n`);
    }
    return { accountId, ok: after.failed === 0, changed, removed };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const hint = err instanceof Error && 'hint' in err && typeof err.hint === 'string' ? err.hint : undefined;
    io.stderr.write(`pmsync: account ${accountId}: ${message}\n${hint ? `hint: ${hint}\n` : ''}`);
    return { accountId, ok: false, error: message };
  }
}
