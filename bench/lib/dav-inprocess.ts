// In-process DAV measurements for bench/dav-sync.mjs, as the running app sees them: one open
// core, the account added through the API dispatcher, then sync passes of the DAV supervisor
// (what the periodic timer, sync.now and the CLI run). Bundled on the fly with esbuild.
//   dav-inprocess PROFILE_DIR RUNS   (env: PMSYNC_PASSPHRASE, DAV_URL, DAV_USER, DAV_PASS)
// Prints one JSON document: initialMs, nochangeMs[], items, peakRssMiB.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createDispatcher } from '../../src/core/api/dispatch';
import { openCore } from '../../src/core/app';

function peakRssMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

async function main(): Promise<void> {
  const [profileDir, runsRaw] = process.argv.slice(2);
  if (!profileDir) throw new Error('usage: dav-inprocess PROFILE_DIR RUNS');
  const core = await openCore({ profileDir, unlock: { kind: 'passphrase', passphrase: process.env.PMSYNC_PASSPHRASE ?? '' }, create: 'only', startSync: false });
  try {
    const dispatch = createDispatcher(core.handlers);
    const added = await dispatch('accounts.addDav', { url: process.env.DAV_URL, user: process.env.DAV_USER, password: process.env.DAV_PASS });
    if (!added.ok) throw new Error(`accounts.addDav: ${added.error.message}`);
    const accountId = (added.value as { id: number }).id;
    const supervisor = core.dav?.supervisor;
    if (!supervisor) throw new Error('this core has no DAV support');
    const t0 = performance.now();
    const first = await supervisor.syncOnce(accountId);
    const initialMs = performance.now() - t0;
    const items = first.collections.reduce((n, c) => n + c.upserts, 0);
    const nochangeMs: number[] = [];
    for (let i = 0; i < Number(runsRaw ?? 3); i++) {
      const t = performance.now();
      const r = await supervisor.syncOnce(accountId);
      nochangeMs.push(performance.now() - t);
      if (r.collections.some((c) => c.method !== 'unchanged')) throw new Error('no-change pass found changes');
    }
    process.stdout.write(`${JSON.stringify({ initialMs, nochangeMs, items, peakRssMiB: peakRssMiB() })}\n`);
  } finally {
    await core.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
