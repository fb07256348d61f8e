// In-process IMAP measurements for bench/imap-sync.mjs, as the app sees them: one core, API
// calls through the same dispatcher a transport uses. Bundled on the fly with esbuild.
//   first-threads PROFILE_DIR   (env: PMSYNC_PASSPHRASE, IMAP_PORT, SMTP_PORT, WORKER_SCRIPT)
//     creates the profile, adds alice@example.test through accounts.addImap (the supervisor
//     then syncs in the background) and times: addImap's return, the first 50 INBOX threads
//     visible through mail.listThreads, and the whole initial sync (status back to 'watching').
//   incremental PROFILE_DIR RUNS
//     opens an already synced profile (no background sync) and times RUNS one-shot passes of
//     the engine (connect, STATUS/CONDSTORE check of every folder, logout) over unchanged mail.
// Prints one JSON document; peakRssMiB is this process's VmHWM.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createDispatcher } from '../../src/core/api/dispatch';
import { openCore } from '../../src/core/app';

const passphrase = process.env.PMSYNC_PASSPHRASE ?? '';
const unlock = { kind: 'passphrase' as const, passphrase };

function peakRssMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

async function firstThreads(profileDir: string): Promise<unknown> {
  const core = await openCore({ profileDir, unlock, create: 'only', workerScript: process.env.WORKER_SCRIPT, startSync: true });
  const dispatch = createDispatcher(core.handlers);
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  let watching: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => (watching = resolve));
  core.events.on('sync.status', (s) => {
    if (s.state === 'watching') watching();
  });
  try {
    const t0 = performance.now();
    const account = await call<{ id: number }>('accounts.addImap', {
      email: 'alice@example.test', password: 'alicepass',
      imap: { host: '127.0.0.1', port: Number(process.env.IMAP_PORT), tls: 'none' },
      smtp: { host: '127.0.0.1', port: Number(process.env.SMTP_PORT), tls: 'none' },
    });
    const addedMs = performance.now() - t0;
    let inboxId: number | undefined;
    let threads = 0;
    let polls = 0;
    // Poll as a UI would on mail.changed, but tightly: the figure is when 50 rows are readable.
    while (threads < 50) {
      polls++;
      if (inboxId === undefined) {
        const folders = await call<{ id: number; role: string | null; accountId: number }[]>('mail.listFolders', { accountId: account.id });
        inboxId = folders.find((f) => f.role === 'inbox')?.id;
      }
      if (inboxId !== undefined) threads = (await call<{ items: unknown[] }>('mail.listThreads', { folderId: inboxId, limit: 50 })).items.length;
      if (threads < 50) await new Promise((r) => setTimeout(r, 10));
      if (performance.now() - t0 > 600_000) throw new Error('no 50 threads within 10 minutes');
    }
    const first50Ms = performance.now() - t0;
    await caughtUp;
    const initialSyncMs = performance.now() - t0;
    const inbox = (await call<{ id: number; totalCount: number }[]>('mail.listFolders', { accountId: account.id })).find((f) => f.id === inboxId);
    return { addedMs, first50Ms, polls, initialSyncMs, inboxTotal: inbox?.totalCount ?? 0, peakRssMiB: peakRssMiB() };
  } finally {
    await core.close();
  }
}

async function incremental(profileDir: string, runs: number): Promise<unknown> {
  const core = await openCore({ profileDir, unlock, workerScript: process.env.WORKER_SCRIPT, startSync: false });
  try {
    const [account] = core.imap?.listImapAccounts() ?? [];
    if (!account || !core.sync) throw new Error('no IMAP account in the profile');
    const ms: number[] = [];
    let changed = 0;
    for (let i = 0; i < runs + 1; i++) {
      const t0 = performance.now();
      const report = await core.sync.syncOnce(account.accountId);
      const elapsed = performance.now() - t0;
      changed += report.folders.reduce((n, f) => n + (f.added ?? 0), 0) + report.bodies;
      if (i > 0) ms.push(elapsed); // the first pass warms the connection path and the store cache
    }
    return { ms, changed, peakRssMiB: peakRssMiB() };
  } finally {
    await core.close();
  }
}

async function main(): Promise<void> {
  const [mode, profileDir, runs] = process.argv.slice(2);
  if (!profileDir || !passphrase) throw new Error('usage: imap-first-threads first-threads|incremental PROFILE_DIR [RUNS] with PMSYNC_PASSPHRASE set');
  const result = mode === 'first-threads' ? await firstThreads(profileDir) : await incremental(profileDir, Number(runs ?? 5));
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`imap-first-threads: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
