#!/usr/bin/env node
// IMAP sync benchmark: PMSync versus mbsync + notmuch on the same loopback Dovecot INBOX, in one run.
//   npm run bench:imap                      (10,000 messages in INBOX)
//   node bench/imap-sync.mjs --count 2000 [--runs 5] [--keep]
// Steps: generate the demo corpus (not timed) into Dovecot's INBOX (Maildir) → warm Dovecot's
// index → PMSync: `account add imap` + `sync --once` (timed, peak RSS; bodies parsed, threaded,
// indexed, encrypted) → mbsync (FSync no) mirror + `notmuch new` (timed) → in-process: first 50
// INBOX threads after accounts.addImap → no-change incremental sync (CLI and in-process) →
// ratios, goals (MET / NOT MET) → bench/results/imap-sync-<N>.json.
// Needs: dovecot (dovecot-imapd, dovecot-lmtpd), isync (mbsync), notmuch. Not part of CI.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { freePort } from './lib/free-port.mjs';
import { diskUsage, mib, percentile, runMeasured } from './lib/measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: { count: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' }, keep: { type: 'boolean', default: false } },
});
const COUNT = Number(args.count);
const RUNS = Number(args.runs);
const PASSPHRASE = 'bench';
const USER = 'alice@example.test';
const ENV = { TZ: 'UTC', PMSYNC_PASSPHRASE: PASSPHRASE, BENCH_PW: 'alicepass' };
const work = mkdtempSync(path.join(os.tmpdir(), 'pmsync-bench-imap-'));
chmodSync(work, 0o755); // Dovecot's unprivileged processes walk into it
const dirs = {
  dovecot: path.join(work, 'dovecot-root'), corpus: path.join(work, 'corpus'), profile: path.join(work, 'profile'),
  profileApi: path.join(work, 'profile-api'), mirror: path.join(work, 'mbsync'), notmuch: path.join(work, 'notmuch'),
  // Under out/ (ignored by git and eslint) so the bundles resolve native modules from node_modules.
  bundle: path.join(root, 'out', 'bench-imap'),
};
const cli = path.join(dirs.bundle, 'core', 'cli.cjs');
const log = (line) => process.stdout.write(`${line}\n`);
const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const cleanups = [];

async function cleanup() {
  for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
  if (!args.keep) rmSync(work, { recursive: true, force: true });
}

async function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  await cleanup();
  process.exit(1);
}

/** Another engineer's long import benchmark skews every figure: wait for it (up to 15 min). */
async function waitForOtherBenchmarks() {
  const busy = () => spawnSync('pgrep', ['-f', 'bench/import-search'], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean).length > 0;
  const started = Date.now();
  while (busy() && Date.now() - started < 15 * 60_000) {
    log('  another benchmark (bench/import-search) is running; waiting 30 s');
    await new Promise((r) => setTimeout(r, 30_000));
  }
  return { waitedMs: Date.now() - started, otherBenchmarkRunning: busy(), loadAvg: os.loadavg() };
}

function checkTools() {
  for (const [tool, flag, pkg] of [['dovecot', '--version', 'dovecot-imapd dovecot-lmtpd'], ['mbsync', '--version', 'isync'], ['notmuch', '--version', 'notmuch']]) {
    if (spawnSync(tool, [flag]).status !== 0) return fail(`${tool} is not installed: apt-get install -y ${pkg}, then run again.`);
  }
  if (!Number.isInteger(COUNT) || COUNT < 100) return fail(`--count must be a whole number ≥ 100, not "${args.count}"`);
  if (!Number.isInteger(RUNS) || RUNS < 1) return fail(`--runs must be a whole number ≥ 1, not "${args.runs}"`);
}

async function bundle() {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-core.mjs'), '--outdir', path.join(dirs.bundle, 'core')], { stdio: 'pipe' });
  await build({
    absWorkingDir: root,
    entryPoints: {
      'write-corpus': 'src/core/demo/write-corpus.ts', 'imap-first-threads': 'bench/lib/imap-first-threads.ts',
      'smtp-sink': 'src/sync/smtp/test-support/smtp-sink-main.ts',
    },
    outdir: dirs.bundle, outExtension: { '.js': '.cjs' }, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    logLevel: 'warning', external: ['better-sqlite3-multiple-ciphers', 'sqlite-vec', 'keytar', 'electron', 'smtp-server', 'nodemailer'],
    define: { __PMSYNC_VERSION__: '"bench"' },
  });
}

/** The demo corpus, every message into alice's INBOX (one 10k folder), owned by the mail uid. */
async function seed(ports) {
  const { writeCorpus } = createRequire(import.meta.url)(path.join(dirs.bundle, 'write-corpus.cjs'));
  const stats = await writeCorpus({
    seed: 1, count: COUNT, now: new Date('2025-06-01T12:00:00Z'), me: { name: 'Alice Example', address: USER }, eol: '\n',
    maildir: dirs.corpus, maildirLayout: 'fs',
  });
  const env = { ...process.env, DC_HOST: '127.0.0.1', IMAP_PORT: String(ports.imap), IMAPS_PORT: String(ports.imaps), LMTP_PORT: String(ports.lmtp) };
  execFileSync('bash', [path.join(root, 'scripts', 'testenv', 'start-dovecot.sh'), '--prepare-only', dirs.dovecot], { env, stdio: 'pipe' });
  const home = path.join(dirs.dovecot, 'mail', USER, 'Maildir');
  const uid = process.getuid?.() === 0 ? 65534 : process.getuid?.() ?? 0;
  const gid = process.getuid?.() === 0 ? 65534 : process.getgid?.() ?? 0;
  for (const d of [home, path.join(home, 'cur'), path.join(home, 'new'), path.join(home, 'tmp')]) {
    mkdirSync(d, { recursive: true });
    chownSync(d, uid, gid);
  }
  let moved = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (path.basename(dir) === 'cur' || path.basename(dir) === 'new') {
        const target = path.join(home, path.basename(dir), entry.name);
        renameSync(p, target);
        chownSync(target, uid, gid);
        moved++;
      }
    }
  };
  walk(dirs.corpus);
  return { messages: stats.messages, rawBytes: stats.rawBytes, moved, env };
}

/** Dovecot in the foreground as our child (reaped on exit), like the test helper does it. */
async function startDovecot(env) {
  const conf = path.join(dirs.dovecot, 'dovecot', 'dovecot.conf');
  const child = spawn('dovecot', ['-F', '-c', conf], { env, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  cleanups.push(async () => {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const up = await new Promise((resolve) => {
      const s = net.connect(Number(env.IMAP_PORT), '127.0.0.1');
      s.once('data', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  await fail('dovecot did not start within 15 s');
}

async function startSmtpSink(lmtpPort) {
  const child = spawn(process.execPath, [path.join(dirs.bundle, 'smtp-sink.cjs')], {
    env: { ...process.env, LMTP_PORT: String(lmtpPort) }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(async () => { child.kill('SIGTERM'); });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /port=(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`smtp sink exited (${code})`)));
  });
}

function mbsyncConfig(imapPort) {
  const rc = path.join(work, 'mbsyncrc');
  mkdirSync(dirs.mirror, { recursive: true });
  writeFileSync(rc, [
    'FSync no', '',
    'IMAPAccount bench', 'Host 127.0.0.1', `Port ${imapPort}`, `User ${USER}`, 'Pass alicepass', 'SSLType None', 'AuthMechs LOGIN', 'PipelineDepth 50', '',
    'IMAPStore bench-far', 'Account bench', '',
    'MaildirStore bench-near', `Path ${dirs.mirror}/`, `Inbox ${dirs.mirror}/INBOX`, 'SubFolders Verbatim', '',
    'Channel bench', 'Far :bench-far:', 'Near :bench-near:', 'Patterns INBOX', 'Create Near', 'Sync Pull', 'SyncState *', '',
  ].join('\n'));
  mkdirSync(dirs.notmuch, { recursive: true });
  const nm = path.join(dirs.notmuch, 'config');
  writeFileSync(nm, [
    '[database]', `path=${dirs.notmuch}/db`, `mail_root=${dirs.mirror}`, '[user]', 'name=Alice Example', `primary_email=${USER}`,
    '[new]', 'tags=unread;inbox;', 'ignore=.mbsyncstate;.uidvalidity;.mbsyncstate.journal;.mbsyncstate.new;.mbsyncstate.lock',
    '[maildir]', 'synchronize_flags=true', '',
  ].join('\n'));
  mkdirSync(path.join(dirs.notmuch, 'db'), { recursive: true });
  return { rc, nm };
}

async function measured(what, cmd, argv, env) {
  const r = await runMeasured(cmd, argv, { env });
  if (r.code !== 0) await fail(`${what} failed (${r.code}): ${(r.stderr || r.stdout).slice(0, 800)}`);
  return r;
}

const pmsync = (profile, ...argv) => [cli, '--profile', profile, ...argv];

async function main() {
  checkTools();
  const waited = await waitForOtherBenchmarks();
  log(`IMAP sync benchmark: ${COUNT} messages in one INBOX (load ${waited.loadAvg.map((l) => l.toFixed(2)).join(' ')})`);
  await bundle();
  const ports = { imap: await freePort(), imaps: await freePort(), lmtp: await freePort() };
  const corpus = await seed(ports);
  log(`  seeded ${corpus.moved} messages (${fmt(mib(corpus.rawBytes))} MiB) into Dovecot's INBOX`);
  await startDovecot(corpus.env);
  const smtpPort = await startSmtpSink(ports.lmtp);
  const { rc, nm } = mbsyncConfig(ports.imap);

  // Dovecot builds its index on first access: a throw-away mirror pays that (and warms the page
  // cache) so neither contender is charged for it.
  const warm = await measured('warm-up mbsync', 'mbsync', ['-c', rc, '-q', 'bench'], {});
  rmSync(dirs.mirror, { recursive: true, force: true });
  mkdirSync(dirs.mirror, { recursive: true });
  log(`  warm-up (Dovecot indexing, discarded): ${fmt(warm.ms / 1000, 2)} s`);

  // PMSync, as a user runs it.
  await measured('pmsync init', process.execPath, pmsync(dirs.profile, 'init', '--json'), ENV);
  const add = await measured('pmsync account add', process.execPath, pmsync(dirs.profile, 'account', 'add', 'imap', '--email', USER,
    '--imap-host', '127.0.0.1', '--imap-port', String(ports.imap), '--smtp-host', '127.0.0.1', '--smtp-port', String(smtpPort),
    '--tls', 'none', '--password-env', 'BENCH_PW'), ENV);
  const sync = await measured('pmsync sync --once', process.execPath, pmsync(dirs.profile, 'sync', '--once', '--json'), ENV);
  const pmsyncMs = add.ms + sync.ms;
  const doctor = JSON.parse((await measured('pmsync doctor', process.execPath, pmsync(dirs.profile, 'doctor', '--json'), ENV)).stdout);
  if (doctor.messages !== corpus.moved) await fail(`PMSync holds ${doctor.messages} messages, the server ${corpus.moved}`);
  log(`  PMSync: account add ${fmt(add.ms / 1000, 2)} s + sync --once ${fmt(sync.ms / 1000, 2)} s = ${fmt(pmsyncMs / 1000, 2)} s, peak RSS ${fmt(sync.peakRssMiB)} MiB, ${doctor.messages} messages`);

  // mbsync + notmuch.
  const mbsync = await measured('mbsync', 'mbsync', ['-c', rc, '-q', 'bench'], {});
  const notmuch = await measured('notmuch new', 'notmuch', ['new', '--quiet'], { NOTMUCH_CONFIG: nm });
  const nmCount = Number(execFileSync('notmuch', ['count', '*'], { env: { ...process.env, NOTMUCH_CONFIG: nm }, encoding: 'utf8' }).trim());
  const baselineMs = mbsync.ms + notmuch.ms;
  log(`  mbsync ${fmt(mbsync.ms / 1000, 2)} s + notmuch new ${fmt(notmuch.ms / 1000, 2)} s = ${fmt(baselineMs / 1000, 2)} s, ${nmCount} messages`);

  // No-change incremental sync: the CLI (process start, unlock, connect, check, logout) and the engine alone.
  const again = [];
  for (let i = 0; i < RUNS; i++) again.push((await measured('pmsync sync --once (again)', process.execPath, pmsync(dirs.profile, 'sync', '--once', '--json'), ENV)).ms);
  const inc = JSON.parse((await measured('in-process incremental', process.execPath,
    [path.join(dirs.bundle, 'imap-first-threads.cjs'), 'incremental', dirs.profile, String(RUNS)],
    { ...ENV, WORKER_SCRIPT: path.join(dirs.bundle, 'core', 'parse-worker.cjs') })).stdout);
  log(`  no-change sync: CLI median ${fmt(percentile(again, 50), 0)} ms; engine syncOnce median ${fmt(percentile(inc.ms, 50), 0)} ms (changes seen: ${inc.changed})`);

  // First 50 INBOX threads after adding the account through the API (fresh profile, same server).
  const first = await measured('in-process first threads', process.execPath,
    [path.join(dirs.bundle, 'imap-first-threads.cjs'), 'first-threads', dirs.profileApi],
    { ...ENV, IMAP_PORT: String(ports.imap), SMTP_PORT: String(smtpPort), WORKER_SCRIPT: path.join(dirs.bundle, 'core', 'parse-worker.cjs') });
  const firstThreads = JSON.parse(first.stdout);
  log(`  in-process: addImap ${fmt(firstThreads.addedMs, 0)} ms, first 50 INBOX threads ${fmt(firstThreads.first50Ms, 0)} ms, whole initial sync ${fmt(firstThreads.initialSyncMs / 1000, 2)} s, peak RSS ${fmt(first.peakRssMiB)} MiB`);

  const ratio = pmsyncMs / baselineMs;
  const goals = [
    { goal: 'PMSync initial sync ≤ 0.5× mbsync + notmuch', value: `${fmt(ratio, 2)}×`, met: ratio <= 0.5 },
    { goal: 'first 50 INBOX threads visible within 2 s of adding the account', value: `${fmt(firstThreads.first50Ms, 0)} ms`, met: firstThreads.first50Ms <= 2000 },
    { goal: 'no-change incremental sync of the 10k folder < 100 ms (engine pass, median)', value: `${fmt(percentile(inc.ms, 50), 0)} ms`, met: percentile(inc.ms, 50) < 100 },
    { goal: 'core peak RSS < 400 MB during the sync (goal is for 100k; measured at this size)', value: `${fmt(Math.max(sync.peakRssMiB, first.peakRssMiB))} MiB`, met: Math.max(sync.peakRssMiB, first.peakRssMiB) * 1.048576 < 400 },
  ];
  log('');
  for (const g of goals) log(`  ${g.met ? 'MET    ' : 'NOT MET'}  ${g.goal}: ${g.value}`);

  const result = {
    benchmark: 'imap-sync', date: new Date().toISOString(), count: COUNT, runs: RUNS,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memMiB: Math.round(os.totalmem() / 1048576), node: process.version, loadAvgAtStart: waited.loadAvg, otherBenchmarkRunning: waited.otherBenchmarkRunning, waitedMs: waited.waitedMs },
    corpus: { messages: corpus.moved, rawMiB: mib(corpus.rawBytes) },
    warmUpMbsyncMs: warm.ms,
    pmsync: { accountAddMs: add.ms, syncOnceMs: sync.ms, totalMs: pmsyncMs, syncPeakRssMiB: sync.peakRssMiB, profileMiB: mib(diskUsage(dirs.profile)), messages: doctor.messages },
    baseline: { mbsyncMs: mbsync.ms, notmuchMs: notmuch.ms, totalMs: baselineMs, mbsyncPeakRssMiB: mbsync.peakRssMiB, notmuchPeakRssMiB: notmuch.peakRssMiB, mirrorMiB: mib(diskUsage(dirs.mirror)), notmuchMiB: mib(diskUsage(dirs.notmuch)), messages: nmCount },
    ratioPmsyncToBaseline: ratio,
    incremental: { cliMs: again, cliMedianMs: percentile(again, 50), engineMs: inc.ms, engineMedianMs: percentile(inc.ms, 50), changesSeen: inc.changed },
    firstThreads: { ...firstThreads, processPeakRssMiB: first.peakRssMiB },
    goals,
  };
  mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  const out = path.join(root, 'bench', 'results', `imap-sync-${COUNT}.json`);
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  log(`\n  results: ${path.relative(root, out)}`);
  await cleanup();
}

main().catch(async (err) => fail(err instanceof Error ? err.stack ?? err.message : String(err)));
