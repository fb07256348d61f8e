import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Bundles parse-worker.ts the way scripts/build-core.mjs does, so tests run the real worker. */
export async function buildParseWorker(): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'pmsync-worker-')), 'parse-worker.cjs');
  await build({
    entryPoints: [join(__dirname, '..', 'parse-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}
