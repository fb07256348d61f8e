// Search latency as the app's UI sees it: one core opened once, `mail.search` dispatched through
// the same handler + zod boundary a transport uses (minus the socket). Bundled on the fly by
// bench/import-search.mjs (esbuild) and run as one long-lived child process.
// Usage: node inprocess-search.cjs PROFILE_DIR RUNS QUERIES_JSON   (passphrase in $PMSYNC_PASSPHRASE)
// Prints one JSON document: [{ query, total, ms: number[] }].
import { performance } from 'node:perf_hooks';
import { createDispatcher } from '../../src/core/api/dispatch';
import { openCore } from '../../src/core/app';

async function main(): Promise<void> {
  const [profileDir, runsArg, queriesJson] = process.argv.slice(2);
  const runs = Number(runsArg);
  const queries = JSON.parse(queriesJson) as string[];
  const passphrase = process.env.PMSYNC_PASSPHRASE;
  if (!profileDir || !Number.isInteger(runs) || !passphrase) throw new Error('usage: inprocess-search PROFILE_DIR RUNS QUERIES_JSON with PMSYNC_PASSPHRASE set');
  const openedAt = performance.now();
  const core = await openCore({ profileDir, unlock: { kind: 'passphrase', passphrase } });
  const openMs = performance.now() - openedAt;
  const dispatch = createDispatcher(core.handlers);
  const results: { query: string; total: number; ms: number[] }[] = [];
  try {
    for (const query of queries) {
      let total = -1;
      const ms: number[] = [];
      for (let i = 0; i < runs + 2; i++) {
        const t0 = performance.now();
        const r = await dispatch('mail.search', { query, limit: 50 });
        const elapsed = performance.now() - t0;
        if (!r.ok) throw new Error(`mail.search ${JSON.stringify(query)} failed: ${r.error.message}`);
        total = (r.value as { total: number }).total;
        if (i >= 2) ms.push(elapsed); // two warm-up runs: the UI's first search also warms the cache
      }
      results.push({ query, total, ms });
    }
  } finally {
    await core.close();
  }
  process.stdout.write(JSON.stringify({ openMs, results }) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`inprocess-search: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
