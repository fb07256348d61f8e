#!/usr/bin/env node
// CalDAV/CardDAV sync benchmark: PMSync versus vdirsyncer on the same loopback Radicale, in one run.
//   npm run bench:dav                      (2,000 events + 2,000 vCards)
//   node bench/dav-sync.mjs --count 500 [--runs 3] [--keep]
// Steps: Radicale on a free port (temp dir, plain htpasswd) → seed one calendar and one address
// book with one whole-collection PUT each (not timed) → PMSync CLI: `init` + `account add dav`
// (not timed), `sync --once` (timed: initial download into the encrypted profile), `sync --once`
// again (timed: no-change resync) → vdirsyncer 0.19 on the same two collections into a
// filesystem vdir: initial sync (status and vdir wiped) and no-change resync → ratios and goals
// → bench/results/dav-sync-<N>.json. Needs: radicale, vdirsyncer (apt). Not part of CI.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { freePort } from './lib/free-port.mjs';
import { percentile, runMeasured } from './lib/measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: { count: { type: 'string', default: '2000' }, runs: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false } },
});
const COUNT = Number(args.count);
const RUNS = Number(args.runs);
const USER = 'alice';
const PASS = 'alicepw';
const ENV = { TZ: 'UTC', PMSYNC_PASSPHRASE: 'bench', BENCH_DAV_PW: PASS };
const work = mkdtempSync(path.join(os.tmpdir(), 'pmsync-bench-dav-'));
const bundleDir = path.join(root, 'out', 'bench-dav');
const cli = path.join(bundleDir, 'core', 'cli.cjs');
const log = (line) => process.stdout.write(`${line}\n`);
const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
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

function checkTools() {
  for (const [tool, flag] of [['radicale', '--version'], ['vdirsyncer', '--version']]) {
    if (spawnSync(tool, [flag]).status !== 0) return fail(`${tool} is not installed: apt-get install -y ${tool}, then run again.`);
  }
  if (!Number.isInteger(COUNT) || COUNT < 10) return fail(`--count must be a whole number ≥ 10, not "${args.count}"`);
  if (!Number.isInteger(RUNS) || RUNS < 1) return fail(`--runs must be a whole number ≥ 1, not "${args.runs}"`);
}

async function startRadicale() {
  const dir = path.join(work, 'radicale');
  mkdirSync(path.join(dir, 'collections'), { recursive: true });
  const port = await freePort();
  writeFileSync(path.join(dir, 'users'), `${USER}:${PASS}\n`);
  writeFileSync(path.join(dir, 'config'), [
    '[server]', `hosts = 127.0.0.1:${port}`, 'max_connections = 20', 'timeout = 60',
    '[auth]', 'type = htpasswd', `htpasswd_filename = ${path.join(dir, 'users')}`, 'htpasswd_encryption = plain', 'delay = 0',
    '[rights]', 'type = owner_only', '[storage]', 'type = multifilesystem', `filesystem_folder = ${path.join(dir, 'collections')}`,
    '[web]', 'type = none', '[logging]', 'level = warning', '',
  ].join('\n'));
  const child = spawn('radicale', ['--config', path.join(dir, 'config')], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  cleanups.push(async () => {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(url, { method: 'PROPFIND', headers: { depth: '0' } });
      await r.arrayBuffer();
      if (r.status === 401 || r.status === 207) return url;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return fail('radicale did not start within 15 s');
}

const p2 = (n) => String(n).padStart(2, '0');
const utc = (d) => `${d.getUTCFullYear()}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}T${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}00Z`;

/** A year of ordinary events: one in ten recurs weekly, some carry a description and a location. */
function vevent(i) {
  const start = new Date(Date.UTC(2027, 0, 1) + (i % 365) * 86400e3 + (8 + (i % 10)) * 3600e3);
  const end = new Date(start.getTime() + 3600e3);
  return `BEGIN:VEVENT\r\nUID:bench-ev-${i}@pmsync.test\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:${utc(start)}\r\nDTEND:${utc(end)}\r\n` +
    `SUMMARY:Bench event ${i}\r\nLOCATION:Room ${i % 40}\r\nDESCRIPTION:Seeded event number ${i} for the DAV sync benchmark.\r\n` +
    `${i % 10 === 0 ? 'RRULE:FREQ=WEEKLY;COUNT=10\r\n' : ''}END:VEVENT\r\n`;
}

function vcard(i) {
  return `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:bench-vc-${i}@pmsync.test\r\nFN:Bench Person ${i}\r\nN:Person${i};Bench;;;\r\n` +
    `EMAIL;TYPE=INTERNET:person${i}@example.test\r\nTEL;TYPE=CELL:+1-555-${String(i).padStart(7, '0')}\r\nORG:Bench Inc.\r\nEND:VCARD\r\n`;
}

/** Radicale splits one PUT of a whole VCALENDAR / vCard stream into one item per UID (O(N), not O(N²)). */
async function seed(url) {
  const auth = { authorization: 'Basic ' + Buffer.from(`${USER}:${PASS}`).toString('base64') };
  const put = async (coll, body, type) => {
    const r = await fetch(`${url}${USER}/${coll}/`, { method: 'PUT', body, headers: { ...auth, 'content-type': type } });
    const text = await r.text();
    if (!r.ok) await fail(`seeding ${coll}: HTTP ${r.status} ${text.slice(0, 200)}`);
  };
  // Make sure the principal exists before the collection PUTs.
  await (await fetch(`${url}${USER}/`, { method: 'PROPFIND', headers: { ...auth, depth: '0' } })).arrayBuffer();
  await put('bench-cal', `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pmsync-bench//EN\r\n${Array.from({ length: COUNT }, (_, i) => vevent(i)).join('')}END:VCALENDAR\r\n`, 'text/calendar; charset=utf-8');
  await put('bench-ab', Array.from({ length: COUNT }, (_, i) => vcard(i)).join(''), 'text/vcard; charset=utf-8');
  // Radicale builds its item cache and sync history on the first listing (≈10 s for 1,000 items):
  // warm it here so that neither tool pays it inside a timed run.
  for (const coll of ['bench-cal', 'bench-ab']) {
    const r = await fetch(`${url}${USER}/${coll}/`, { method: 'PROPFIND', headers: { ...auth, depth: '1', 'content-type': 'application/xml' },
      body: '<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/"><d:prop><d:getetag/><d:sync-token/><cs:getctag/></d:prop></d:propfind>' });
    await r.arrayBuffer();
  }
}

/**
 * Runs a command under bash so that `times` reports the CPU time (user + sys) it used: on a
 * machine shared with other work, wall clock alone swings by 2–3× between runs.
 */
async function measured(what, cmd, argv, env) {
  const cpuFile = path.join(work, 'cpu.txt');
  const r = await runMeasured('bash', ['-c', 'cmd="$1"; shift; "$cmd" "$@"; rc=$?; times > "$CPU_FILE"; exit $rc', 'measured', cmd, ...argv],
    { env: { ...env, CPU_FILE: cpuFile } });
  if (r.code !== 0) await fail(`${what} failed (${r.code}): ${(r.stderr || r.stdout).slice(0, 800)}`);
  // Second line of `times`: user and sys time of the shell's children (the command).
  const line = readFileSync(cpuFile, 'utf8').trim().split('\n')[1] ?? '';
  const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return { ...r, cpuMs: secs.length === 2 ? (secs[0] + secs[1]) * 1000 : NaN };
}

const pmsync = (profile, ...argv) => [cli, '--profile', profile, ...argv];

/** A fresh profile with the DAV account added (not timed), then the timed first and second sync. */
async function pmsyncRun(url, n) {
  const profile = path.join(work, `profile-${n}`);
  await measured('pmsync init', process.execPath, pmsync(profile, 'init', '--json'), ENV);
  await measured('pmsync account add dav', process.execPath, pmsync(profile, 'account', 'add', 'dav', '--url', url, '--user', USER, '--password-env', 'BENCH_DAV_PW', '--json'), ENV);
  const initial = await measured('pmsync sync --once', process.execPath, pmsync(profile, 'sync', '--once', '--json'), ENV);
  const result = JSON.parse(initial.stdout);
  const changed = result.accounts.reduce((s, a) => s + (a.changed ?? 0), 0);
  if (changed !== 2 * COUNT) await fail(`pmsync synced ${changed} items, expected ${2 * COUNT}: ${initial.stdout.slice(0, 500)}`);
  const nochange = await measured('pmsync sync --once (no change)', process.execPath, pmsync(profile, 'sync', '--once', '--json'), ENV);
  return { initial, nochange };
}

function vdirsyncerConfig(url) {
  const dir = path.join(work, 'vdirsyncer');
  mkdirSync(dir, { recursive: true });
  const conf = path.join(dir, 'config');
  writeFileSync(conf, [
    '[general]', `status_path = "${dir}/status/"`, '',
    '[pair bench_cal]', 'a = "bench_cal_local"', 'b = "bench_cal_remote"', 'collections = ["bench-cal"]', '',
    '[storage bench_cal_local]', 'type = "filesystem"', `path = "${dir}/calendars/"`, 'fileext = ".ics"', '',
    '[storage bench_cal_remote]', 'type = "caldav"', `url = "${url}"`, `username = "${USER}"`, `password = "${PASS}"`, '',
    '[pair bench_ab]', 'a = "bench_ab_local"', 'b = "bench_ab_remote"', 'collections = ["bench-ab"]', '',
    '[storage bench_ab_local]', 'type = "filesystem"', `path = "${dir}/contacts/"`, 'fileext = ".vcf"', '',
    '[storage bench_ab_remote]', 'type = "carddav"', `url = "${url}"`, `username = "${USER}"`, `password = "${PASS}"`, '',
  ].join('\n'));
  /** Back to a true initial state: no status, empty local collection folders, discovered (not timed). */
  const reset = () => {
    rmSync(path.join(dir, 'status'), { recursive: true, force: true });
    rmSync(path.join(dir, 'calendars'), { recursive: true, force: true });
    rmSync(path.join(dir, 'contacts'), { recursive: true, force: true });
    mkdirSync(path.join(dir, 'calendars', 'bench-cal'), { recursive: true });
    mkdirSync(path.join(dir, 'contacts', 'bench-ab'), { recursive: true });
    execFileSync('bash', ['-c', 'yes | vdirsyncer -c "$1" discover >/dev/null 2>&1 || true', 'discover', conf]);
  };
  const count = () => readdirSync(path.join(dir, 'calendars', 'bench-cal')).length + readdirSync(path.join(dir, 'contacts', 'bench-ab')).length;
  return { conf, reset, count };
}

/** The same sync inside one running core (what the app's periodic sync and sync.now do): no process start, no passphrase KDF. */
async function inProcessRun(url, n) {
  const profile = path.join(work, `profile-inproc-${n}`);
  const r = await measured('in-process sync', process.execPath, [path.join(bundleDir, 'dav-inprocess.cjs'), profile, '3'],
    { ...ENV, DAV_URL: url, DAV_USER: USER, DAV_PASS: PASS });
  const out = JSON.parse(r.stdout);
  if (out.items !== 2 * COUNT) await fail(`in-process sync stored ${out.items} items, expected ${2 * COUNT}`);
  return out;
}

async function vdirsyncerRun(v) {
  v.reset();
  const initial = await measured('vdirsyncer sync', 'vdirsyncer', ['-c', v.conf, 'sync'], {});
  if (v.count() !== 2 * COUNT) await fail(`vdirsyncer mirrored ${v.count()} items, expected ${2 * COUNT}`);
  const nochange = await measured('vdirsyncer sync (no change)', 'vdirsyncer', ['-c', v.conf, 'sync'], {});
  return { initial, nochange };
}

const median = (xs) => percentile(xs, 50);

async function main() {
  checkTools();
  log(`DAV sync benchmark: ${COUNT} events + ${COUNT} vCards on loopback Radicale, ${RUNS} runs each (work dir ${work})`);
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-core.mjs'), '--outdir', path.join(bundleDir, 'core')], { stdio: 'pipe' });
  await build({
    absWorkingDir: root, entryPoints: { 'dav-inprocess': 'bench/lib/dav-inprocess.ts' }, outdir: bundleDir, outExtension: { '.js': '.cjs' },
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning',
    external: ['better-sqlite3-multiple-ciphers', 'sqlite-vec', 'keytar', 'electron', 'smtp-server', 'nodemailer'], define: { __PMSYNC_VERSION__: '"bench"' },
  });
  const url = await startRadicale();
  const t0 = Date.now();
  await seed(url);
  log(`  seeded (and Radicale's cache warmed) in ${Date.now() - t0} ms`);
  const v = vdirsyncerConfig(url);
  const runs = { pmsync: [], inProcess: [], vdirsyncer: [] };
  // Interleaved, so drift on a shared machine hits both tools alike.
  for (let n = 0; n < RUNS; n++) {
    const p = await pmsyncRun(url, n);
    const d = await vdirsyncerRun(v);
    const ip = await inProcessRun(url, n);
    runs.inProcess.push({ initialMs: ip.initialMs, nochangeMs: median(ip.nochangeMs), peakRssMiB: ip.peakRssMiB });
    runs.pmsync.push({ initialMs: p.initial.ms, nochangeMs: p.nochange.ms, initialCpuMs: p.initial.cpuMs, nochangeCpuMs: p.nochange.cpuMs, initialPeakRssMiB: p.initial.peakRssMiB });
    runs.vdirsyncer.push({ initialMs: d.initial.ms, nochangeMs: d.nochange.ms, initialCpuMs: d.initial.cpuMs, nochangeCpuMs: d.nochange.cpuMs, initialPeakRssMiB: d.initial.peakRssMiB });
    log(`  run ${n + 1}: PMSync CLI initial ${fmt(p.initial.ms / 1000)} s, no-change ${fmt(p.nochange.ms / 1000)} s | in-process initial ${fmt(ip.initialMs / 1000)} s, no-change ${fmt(median(ip.nochangeMs) / 1000, 3)} s | vdirsyncer initial ${fmt(d.initial.ms / 1000)} s, no-change ${fmt(d.nochange.ms / 1000)} s`);
  }
  const m = (tool, key) => median(runs[tool].map((r) => r[key]));
  const initialRatio = m('pmsync', 'initialMs') / m('vdirsyncer', 'initialMs');
  const nochangeRatio = m('pmsync', 'nochangeMs') / m('vdirsyncer', 'nochangeMs');
  const ipInitialRatio = m('inProcess', 'initialMs') / m('vdirsyncer', 'initialMs');
  const ipNochangeRatio = m('inProcess', 'nochangeMs') / m('vdirsyncer', 'nochangeMs');
  const goals = [
    { goal: 'PMSync CLI initial sync ≤ 0.5× vdirsyncer', value: `${fmt(initialRatio)}×`, met: initialRatio <= 0.5 },
    { goal: 'PMSync CLI no-change resync ≤ 0.5× vdirsyncer', value: `${fmt(nochangeRatio)}×`, met: nochangeRatio <= 0.5 },
    { goal: 'PMSync in-process initial sync ≤ 0.5× vdirsyncer', value: `${fmt(ipInitialRatio)}×`, met: ipInitialRatio <= 0.5 },
    { goal: 'PMSync in-process no-change resync ≤ 0.5× vdirsyncer', value: `${fmt(ipNochangeRatio, 3)}×`, met: ipNochangeRatio <= 0.5 },
  ];
  log('');
  log(`  median initial:   PMSync ${fmt(m('pmsync', 'initialMs') / 1000)} s vs vdirsyncer ${fmt(m('vdirsyncer', 'initialMs') / 1000)} s  → ${fmt(initialRatio)}×`);
  log(`  median no-change: PMSync ${fmt(m('pmsync', 'nochangeMs') / 1000)} s vs vdirsyncer ${fmt(m('vdirsyncer', 'nochangeMs') / 1000)} s  → ${fmt(nochangeRatio)}×`);
  log(`  CPU (user+sys) median: PMSync CLI initial ${fmt(m('pmsync', 'initialCpuMs') / 1000)} s vs vdirsyncer ${fmt(m('vdirsyncer', 'initialCpuMs') / 1000)} s → ${fmt(m('pmsync', 'initialCpuMs') / m('vdirsyncer', 'initialCpuMs'))}×; no-change ${fmt(m('pmsync', 'nochangeCpuMs') / 1000)} s vs ${fmt(m('vdirsyncer', 'nochangeCpuMs') / 1000)} s → ${fmt(m('pmsync', 'nochangeCpuMs') / m('vdirsyncer', 'nochangeCpuMs'))}×`);
  log(`  in-process (open core): initial ${fmt(m('inProcess', 'initialMs') / 1000)} s → ${fmt(ipInitialRatio)}×, no-change ${fmt(m('inProcess', 'nochangeMs'), 0)} ms → ${fmt(ipNochangeRatio, 3)}×`);
  for (const g of goals) log(`  ${g.met ? 'MET    ' : 'NOT MET'} ${g.goal}: ${g.value}`);
  const result = {
    when: new Date().toISOString(), count: { events: COUNT, vcards: COUNT }, runs: RUNS, server: 'radicale 3.1 (loopback, plain htpasswd)',
    method: 'both tools as processes; PMSync = CLI `sync --once` into a fresh encrypted profile (account added before, not timed); vdirsyncer = `sync` into an empty filesystem vdir (status wiped, discover done, not timed); medians',
    medianMs: {
      pmsync: { initial: m('pmsync', 'initialMs'), nochange: m('pmsync', 'nochangeMs') },
      vdirsyncer: { initial: m('vdirsyncer', 'initialMs'), nochange: m('vdirsyncer', 'nochangeMs') },
      pmsyncInProcess: { initial: m('inProcess', 'initialMs'), nochange: m('inProcess', 'nochangeMs') },
    },
    medianCpuMs: {
      pmsync: { initial: m('pmsync', 'initialCpuMs'), nochange: m('pmsync', 'nochangeCpuMs') },
      vdirsyncer: { initial: m('vdirsyncer', 'initialCpuMs'), nochange: m('vdirsyncer', 'nochangeCpuMs') },
    },
    ratios: { initial: initialRatio, nochange: nochangeRatio, inProcessInitial: ipInitialRatio, inProcessNochange: ipNochangeRatio }, goals, runsDetail: runs, loadAvg: os.loadavg(),
  };
  mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  const out = path.join(root, 'bench', 'results', `dav-sync-${COUNT}.json`);
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  log(`\n  results: ${path.relative(root, out)}`);
  await cleanup();
}

main().catch(async (err) => fail(err instanceof Error ? err.stack ?? err.message : String(err)));
