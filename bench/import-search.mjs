#!/usr/bin/env node
// Import + search benchmark: PMSync versus notmuch on the same generated mailbox, in one run.
//   npm run bench:import                 (100k messages: several minutes, ~2 GB × 2 on disk)
//   node bench/import-search.mjs --count 5000 [--runs 20] [--keep]
// Steps: generate (not timed) → `pmsync import` (timed, peak RSS) → `notmuch new` (timed) →
// 10 queries × runs in both syntaxes (notmuch CLI, pmsync CLI, PMSync in-process) → table,
// ratios, goals (MET / NOT MET) → bench/results/import-search-<N>.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { diskUsage, mib, percentile, runMeasured, timeSync } from './lib/measure.mjs';
import { QUERIES } from './lib/queries.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: { count: { type: 'string', default: '100000' }, runs: { type: 'string', default: '20' }, keep: { type: 'boolean', default: false } },
});
const COUNT = Number(args.count);
const RUNS = Number(args.runs);
const SEED = 1;
const NOW = new Date('2025-06-01T12:00:00Z'); // fixed, so the date-range query means the same every run
const ME = { name: 'Bench User', address: 'bench@pmsync.example' };
const PASSPHRASE = 'bench';
// Both tools read "2025-01-01" as a local day: pin the zone so they agree on what it means.
const ENV = { TZ: 'UTC', PMSYNC_PASSPHRASE: PASSPHRASE };

const work = path.join(root, 'bench', '.work');
const dirs = { mbox: path.join(work, 'mbox'), maildir: path.join(work, 'maildir'), profile: path.join(work, 'profile'), notmuch: path.join(work, 'notmuch'),
  // Under out/ (ignored by git and eslint) so the bundles resolve native modules from node_modules.
  bundle: path.join(root, 'out', 'bench') };
const pmsync = path.join(root, 'bin', 'pmsync.mjs');

function fail(message) {
  rmSync(dirs.bundle, { recursive: true, force: true });
  process.stderr.write(`bench: ${message}\n`);
  process.exit(1);
}
if (!Number.isInteger(COUNT) || COUNT < 100) fail(`--count must be a whole number ≥ 100, not "${args.count}"`);
if (!Number.isInteger(RUNS) || RUNS < 1) fail(`--runs must be a whole number ≥ 1, not "${args.runs}"`);
const log = (line) => process.stdout.write(`${line}\n`);
const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

function checkTools() {
  if (spawnSync('notmuch', ['--version']).status !== 0) fail('notmuch is not installed: apt-get install -y notmuch, then run again.');
  const help = spawnSync(process.execPath, [pmsync, '--help'], { encoding: 'utf8' });
  if (help.status !== 0) fail(`\`pmsync --help\` failed (${(help.stderr || '').trim()}): run \`npm run build:core\` first (npm run bench:import does).`);
}

async function bundleHelpers() {
  await build({
    absWorkingDir: root,
    entryPoints: { 'write-corpus': 'src/core/demo/write-corpus.ts', 'inprocess-search': 'bench/lib/inprocess-search.ts' },
    outdir: dirs.bundle, outExtension: { '.js': '.cjs' }, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    logLevel: 'warning', external: ['better-sqlite3-multiple-ciphers', 'sqlite-vec', 'keytar', 'electron'],
    define: { __PMSYNC_VERSION__: '"bench"' },
  });
}

async function generate() {
  for (const d of [dirs.mbox, dirs.maildir, dirs.profile, dirs.notmuch]) rmSync(d, { recursive: true, force: true });
  mkdirSync(dirs.mbox, { recursive: true });
  const { writeCorpus } = createRequire(import.meta.url)(path.join(dirs.bundle, 'write-corpus.cjs'));
  const t0 = Date.now();
  const corpus = await writeCorpus({
    seed: SEED, count: COUNT, me: ME, now: NOW, eol: '\n', mboxDir: dirs.mbox, maildir: dirs.maildir,
    onProgress: (n) => process.stdout.write(`\r  generating ${n}/${COUNT}`),
  });
  process.stdout.write('\n');
  return { ...corpus, generateMs: Date.now() - t0, mboxBytes: diskUsage(dirs.mbox), maildirBytes: diskUsage(dirs.maildir) };
}

async function pmsyncImport(corpus) {
  const init = await runMeasured(process.execPath, [pmsync, '--profile', dirs.profile, 'init', '--json'], { env: ENV });
  if (init.code !== 0) fail(`pmsync init failed: ${init.stderr || init.stdout}`);
  const files = corpus.folders.map((f) => f.mboxFile);
  const run = await runMeasured(process.execPath, [pmsync, '--profile', dirs.profile, 'import', ...files, '--json'], { env: ENV });
  if (run.code !== 0) fail(`pmsync import failed (exit ${run.code}): ${run.stderr.slice(-2000)}`);
  const result = JSON.parse(run.stdout);
  return { ms: run.ms, peakRssMiB: run.peakRssMiB, imported: result.imported, duplicates: result.duplicates, failed: result.failed.length, profileBytes: diskUsage(dirs.profile) };
}

async function notmuchNew() {
  mkdirSync(path.join(dirs.notmuch, 'db'), { recursive: true });
  const config = path.join(dirs.notmuch, 'config');
  writeFileSync(config, [
    '[database]', `path=${path.join(dirs.notmuch, 'db')}`, `mail_root=${dirs.maildir}`, `hook_dir=${path.join(dirs.notmuch, 'hooks')}`,
    '[user]', `name=${ME.name}`, `primary_email=${ME.address}`,
    '[new]', 'tags=unread;inbox;', '[search]', 'exclude_tags=deleted;spam;', '[maildir]', 'synchronize_flags=true', '',
  ].join('\n'));
  const env = { ...ENV, NOTMUCH_CONFIG: config };
  const run = await runMeasured('notmuch', ['new', '--quiet'], { env });
  if (run.code !== 0) fail(`notmuch new failed: ${run.stderr}`);
  const count = Number(execFileSync('notmuch', ['count', '*'], { env: { ...process.env, ...env }, encoding: 'utf8' }).trim());
  return { ms: run.ms, peakRssMiB: run.peakRssMiB, indexed: count, dbBytes: diskUsage(path.join(dirs.notmuch, 'db')), env };
}

async function searches(notmuchEnv) {
  const rows = [];
  for (const q of QUERIES) {
    const nm = [];
    const cli = [];
    const nmTotal = Number(execFileSync('notmuch', ['count', q.notmuch], { env: { ...process.env, ...notmuchEnv }, encoding: 'utf8' }).trim());
    let cliTotal = -1;
    // One untimed warm-up each, then alternate the two tools so drift on a shared machine hits both.
    timeSync('notmuch', ['search', '--limit=50', '--sort=newest-first', q.notmuch], notmuchEnv);
    timeSync(process.execPath, [pmsync, '--profile', dirs.profile, 'search', '--limit', '50', '--json', q.pmsync], ENV);
    for (let i = 0; i < RUNS; i++) {
      nm.push(timeSync('notmuch', ['search', '--limit=50', '--sort=newest-first', q.notmuch], notmuchEnv).ms);
      const r = timeSync(process.execPath, [pmsync, '--profile', dirs.profile, 'search', '--limit', '50', '--json', q.pmsync], ENV);
      cli.push(r.ms);
      cliTotal = JSON.parse(r.stdout).total;
    }
    rows.push({ ...q, notmuch: { query: q.notmuch, total: nmTotal, p50: percentile(nm, 50), p95: percentile(nm, 95) }, pmsyncCli: { query: q.pmsync, total: cliTotal, p50: percentile(cli, 50), p95: percentile(cli, 95) } });
  }
  const runner = await runMeasured(process.execPath, [path.join(dirs.bundle, 'inprocess-search.cjs'), dirs.profile, String(RUNS), JSON.stringify(QUERIES.map((q) => q.pmsync))], { env: ENV });
  if (runner.code !== 0) fail(`in-process search failed: ${runner.stderr}`);
  const inproc = JSON.parse(runner.stdout);
  inproc.results.forEach((r, i) => { rows[i].pmsyncInProcess = { total: r.total, p50: percentile(r.ms, 50), p95: percentile(r.ms, 95) }; });
  return { rows, openMs: inproc.openMs };
}

function report(corpus, imp, nm, search) {
  const importRatio = imp.ms / nm.ms;
  log('');
  log(`Corpus: ${corpus.messages} messages, ${corpus.folders.length} folders; mbox ${fmt(mib(corpus.mboxBytes))} MiB, Maildir ${fmt(mib(corpus.maildirBytes))} MiB (generated in ${fmt(corpus.generateMs / 1000)} s, not timed)`);
  log(`Import: pmsync import ${fmt(imp.ms / 1000, 2)} s (peak RSS ${fmt(imp.peakRssMiB)} MiB, ${imp.imported} imported, ${imp.failed} failed, profile ${fmt(mib(imp.profileBytes))} MiB)`);
  log(`        notmuch new   ${fmt(nm.ms / 1000, 2)} s (peak RSS ${fmt(nm.peakRssMiB)} MiB, ${nm.indexed} indexed, db ${fmt(mib(nm.dbBytes))} MiB)`);
  log(`        ratio pmsync/notmuch = ${fmt(importRatio, 2)} (${fmt(1 / importRatio, 2)}× ${importRatio <= 1 ? 'faster' : 'slower'})`);
  log('');
  log(`Search (ms, ${RUNS} runs each; notmuch and pmsync CLI = one process per query; in-process = core opened once, mail.search dispatched)`);
  const head = ['query', 'hits nm/pm', 'notmuch p50/p95', 'pmsync CLI p50/p95', 'in-proc p50/p95', 'in-proc/nm p95'];
  log(head.map((h, i) => (i === 0 ? h.padEnd(34) : h.padStart(i === 5 ? 15 : 19))).join(''));
  for (const r of search.rows) {
    log([
      `${r.name}: ${r.pmsync}`.slice(0, 33).padEnd(34),
      `${r.notmuch.total}/${r.pmsyncCli.total}`.padStart(19),
      `${fmt(r.notmuch.p50)}/${fmt(r.notmuch.p95)}`.padStart(19),
      `${fmt(r.pmsyncCli.p50)}/${fmt(r.pmsyncCli.p95)}`.padStart(19),
      `${fmt(r.pmsyncInProcess.p50, 2)}/${fmt(r.pmsyncInProcess.p95, 2)}`.padStart(19),
      fmt(r.pmsyncInProcess.p95 / r.notmuch.p95, 3).padStart(15),
    ].join(''));
  }
  const goals = [
    { goal: 'import ≥ 2× faster than notmuch new', met: importRatio <= 0.5, detail: `ratio ${fmt(importRatio, 2)}` },
    { goal: 'in-process search p95 ≤ notmuch p95 on every query', met: search.rows.every((r) => r.pmsyncInProcess.p95 <= r.notmuch.p95), detail: `worst ratio ${fmt(Math.max(...search.rows.map((r) => r.pmsyncInProcess.p95 / r.notmuch.p95)), 3)}` },
    { goal: 'in-process search p95 < 50 ms on every query', met: search.rows.every((r) => r.pmsyncInProcess.p95 < 50), detail: `worst ${fmt(Math.max(...search.rows.map((r) => r.pmsyncInProcess.p95)), 2)} ms` },
    { goal: 'CLI search p95 ≤ notmuch CLI p95 on every query (process per query)', met: search.rows.every((r) => r.pmsyncCli.p95 <= r.notmuch.p95), detail: `worst ratio ${fmt(Math.max(...search.rows.map((r) => r.pmsyncCli.p95 / r.notmuch.p95)), 2)}` },
    { goal: 'import peak RSS < 400 MB', met: imp.peakRssMiB * 1.048576 < 400, detail: `${fmt(imp.peakRssMiB * 1.048576)} MB` },
  ];
  log('');
  for (const g of goals) log(`${g.met ? 'MET    ' : 'NOT MET'}  ${g.goal} (${g.detail})`);
  const mismatched = search.rows.filter((r) => r.notmuch.total !== r.pmsyncCli.total);
  if (mismatched.length) log(`\nNote: hit counts differ on ${mismatched.map((r) => r.name).join(', ')} (notmuch counts messages; tokenizers and operator semantics differ).`);
  return { importRatio, goals };
}

async function main() {
  checkTools();
  log(`PMSync import+search bench: ${COUNT} messages, seed ${SEED}, ${RUNS} runs per query`);
  await bundleHelpers();
  const corpus = await generate();
  log(`  mbox: ${fmt(mib(corpus.mboxBytes))} MiB in ${corpus.folders.length} files; Maildir: ${fmt(mib(corpus.maildirBytes))} MiB`);
  log('  pmsync import …');
  const imp = await pmsyncImport(corpus);
  log('  notmuch new …');
  const nm = await notmuchNew();
  log('  searches …');
  const search = await searches(nm.env);
  const summary = report(corpus, imp, nm, search);
  const notmuchVersion = execFileSync('notmuch', ['--version'], { encoding: 'utf8' }).trim();
  const out = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGiB: os.totalmem() / 2 ** 30, platform: `${os.platform()} ${os.release()}`, node: process.version, notmuch: notmuchVersion, loadavg: os.loadavg() },
    params: { count: COUNT, seed: SEED, runs: RUNS, now: NOW.toISOString(), tz: 'UTC' },
    corpus: { messages: corpus.messages, folders: corpus.folders.map(({ folder, messages }) => ({ folder, messages })), mboxBytes: corpus.mboxBytes, maildirBytes: corpus.maildirBytes },
    import: { pmsync: imp, notmuch: { ms: nm.ms, peakRssMiB: nm.peakRssMiB, indexed: nm.indexed, dbBytes: nm.dbBytes }, ratio: summary.importRatio },
    search: { inProcessOpenMs: search.openMs, queries: search.rows },
    goals: summary.goals,
  };
  mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  const file = path.join(root, 'bench', 'results', `import-search-${COUNT}.json`);
  writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  log(`\nResults: ${path.relative(root, file)}`);
  if (!args.keep) for (const d of [dirs.mbox, dirs.maildir, dirs.profile, dirs.notmuch]) rmSync(d, { recursive: true, force: true });
  rmSync(dirs.bundle, { recursive: true, force: true });
}

main().catch((err) => fail(err instanceof Error ? err.stack ?? err.message : String(err)));
