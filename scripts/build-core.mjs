// Bundles the headless core (CLI, Electron utility-process entry, parse worker) into out/core/*.cjs.
// Native and Electron-provided modules stay external: they are loaded from node_modules at runtime.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

const entries = {
  cli: 'src/core/cli.ts',
  utility: 'src/core/utility-main.ts',
  'parse-worker': 'src/core/mail/parse-worker.ts',
};
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([name, file]) => {
  if (existsSync(path.join(root, file))) return true;
  process.stderr.write(`build-core: ${file} does not exist yet; ${name}.cjs skipped\n`);
  return false;
}));

// --outdir DIR lets tests build a private copy instead of racing over out/core.
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag > 0 ? path.resolve(process.argv[outdirFlag + 1]) : path.join(root, 'out', 'core');

const started = performance.now();
await build({
  absWorkingDir: root,
  entryPoints,
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: ['better-sqlite3-multiple-ciphers', 'sqlite-vec', 'keytar', 'electron', 'bufferutil', 'utf-8-validate'],
  define: { __PMSYNC_VERSION__: JSON.stringify(pkg.version) },
});
process.stdout.write(`build-core: ${Object.keys(entryPoints).map((n) => path.relative(root, path.join(outdir, `${n}.cjs`))).join(', ')} in ${Math.round(performance.now() - started)} ms\n`);
