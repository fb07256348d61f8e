import type { SyncStatus } from '../../shared/api/accounts';
import type { SyncProgress } from '../../sync/imap/progress';
import type { Core } from '../app';
import { davAccountIds, syncDavOnce } from './cmd-sync-dav';
import { stringOption, type Command } from './command';
import { UsageError, writeJson, type CliIo } from './io';
import { terminalSafe } from './format';

function progressPrinter(io: CliIo, accountId: number) {
  const live = io.stderr.isTTY === true;
  let last = 0;
  return (p: SyncProgress) => {
    const line = `account ${accountId}: ${terminalSafe(p.folder)} ${p.phase} ${p.done}/${p.total}`;
    if (live) io.stderr.write(`\r\x1b[K${line}${p.done === p.total ? '\n' : ''}`);
    else if (p.done === p.total || Date.now() - last > 1000) {
      last = Date.now();
      io.stderr.write(`${line}\n`);
    }
  };
}

function describeStatus(s: SyncStatus): string {
  const error = s.error ? `: ${s.error.message}${s.error.hint ? ` (${s.error.hint})` : ''}` : '';
  const retry = s.nextRetryAt ? `, retrying in ${Math.max(0, Math.round((s.nextRetryAt - Date.now()) / 1000))} s` : '';
  return `account ${s.accountId}: ${s.state}${error}${retry}`;
}

function selectAccounts(core: Core, raw: string | undefined): { imap: number[]; dav: number[] } {
  const imap = core.imap?.listImapAccounts().map((a) => a.accountId) ?? [];
  const dav = davAccountIds(core);
  if (raw === undefined) return { imap, dav };
  const id = Number(raw);
  if (!imap.includes(id) && !dav.includes(id)) throw new UsageError(`There is no account ${raw} to sync in this profile.`, 'Run `pmsync account list` to see the accounts.');
  return { imap: imap.filter((a) => a === id), dav: dav.filter((a) => a === id) };
}

export const syncCommand: Command = {
  name: 'sync',
  usage: 'sync [--account ID] [--once]',
  summary: 'Sync mail and CalDAV/CardDAV accounts: --once returns when caught up; otherwise keeps watching until Ctrl-C',
  options: { account: { type: 'string' }, once: { type: 'boolean' } },
  async run(session, { values, json }, io) {
    const core = await session.openCore();
    try {
      const sync = core.sync;
      if (!sync) throw new UsageError('This profile cannot sync IMAP accounts.');
      const selected = selectAccounts(core, stringOption(values, 'account'));
      const ids = selected.imap;
      if (ids.length === 0 && selected.dav.length === 0) {
        io.stderr.write('No accounts to sync. Add one with `pmsync account add imap --email ADDRESS --password-env VAR` or `pmsync account add dav --url URL --user U --password-env VAR`.\n');
        return 0;
      }
      if (values.once === true) {
        let failed = 0;
        const results = [];
        const tasks = { done: 0, failed: 0, pending: 0 };
        for (const id of ids) {
          try {
            const drain = async () => {
              const r = await core.tasks.drain({ timeoutMs: 60_000 });
              if (r.failed > 0 || r.pending > 0) io.stderr.write(`account ${id}: ${r.done} changes sent, ${r.failed} failed, ${r.pending} still waiting\n`);
              tasks.done += r.done;
              tasks.failed = r.failed;
              tasks.pending = r.pending;
            };
            const report = await sync.syncOnce(id, progressPrinter(io, id), { beforeSync: drain, afterSync: drain });
            const added = report.folders.reduce((n, f) => n + f.added, 0);
            const quarantined = report.folders.reduce((n, f) => n + f.quarantined.length, 0);
            results.push({ accountId: id, ok: true, added, bodies: report.bodies, quarantined });
            if (!json) io.stderr.write(`account ${id}: up to date (${added} new, ${report.bodies} bodies${quarantined ? `, ${quarantined} set aside` : ''})\n`);
          } catch (err) {
            failed++;
            const message = err instanceof Error ? err.message : String(err);
            const hint = err instanceof Error && 'hint' in err && typeof err.hint === 'string' ? err.hint : undefined;
            results.push({ accountId: id, ok: false, error: message });
            io.stderr.write(`pmsync: account ${id}: ${message}\n${hint ? `hint: ${hint}\n` : ''}`);
          }
        }
        for (const id of selected.dav) {
          const r = await syncDavOnce(core, id, io, json);
          if (!r.ok) failed++;
          results.push(r);
        }
        if (json) writeJson(io, { accounts: results, tasks });
        return failed > 0 || tasks.failed > 0 ? 1 : 0;
      }
      const off = core.events.on('sync.status', (s) => {
        if (s.state !== 'syncing') io.stderr.write(`${describeStatus(s)}\n`);
      });
      const printers = new Map(ids.map((id) => [id, progressPrinter(io, id)]));
      const offProgress = core.events.on('sync.status', (s) => {
        if (s.state === 'syncing' && s.progress && (s.progress.phase === 'headers' || s.progress.phase === 'bodies')) {
          printers.get(s.accountId)?.({ folder: s.progress.folder, phase: s.progress.phase, done: s.progress.done, total: s.progress.total });
        }
      });
      const offMail = core.events.on('sync.newMail', (m) => io.stderr.write(`account ${m.accountId}: ${m.count} new message${m.count === 1 ? '' : 's'}\n`));
      for (const id of ids) sync.startAccount(id);
      if (selected.dav.length > 0) {
        // DAV accounts: a pass now, then every syncIntervalMinutes; their local changes go out through the queue.
        core.dav?.supervisor.start(selected.dav);
        core.tasks.start();
      }
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      off();
      offProgress();
      offMail();
      return 0;
    } finally {
      await core.close();
    }
  },
};
