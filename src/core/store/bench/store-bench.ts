/**
 * Measures insert rate, thread listing and search on a large encrypted profile. Not a test:
 * it prints numbers. Run (about 1-2 minutes for 100k messages):
 *   npx esbuild src/core/store/bench/store-bench.ts --bundle --platform=node --format=cjs \
 *     --external:better-sqlite3-multiple-ciphers --external:sqlite-vec --outfile=/tmp/store-bench.cjs
 *   NODE_PATH=$PWD/node_modules node /tmp/store-bench.cjs [messages=100000]
 * With PMSYNC_BENCH_KEEP=/some/dir the profile is kept there (and reused by the next run).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ParsedMessage } from '../../mail/types';
import { openProfile } from '../index';
import { PASS, seededRandom } from '../test-support/fixtures';
import { connectionOf } from '../test-support/raw-profile';
import type { ProfileStore } from '../types';

const TOTAL = Number(process.argv[2] ?? 100_000);
const BATCH = 500;
const rand = seededRandom(42);
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'ze', 'po', 'da', 'fe', 'gi', 'ho', 'ju', 'bel', 'cor', 'dun', 'mar', 'tis'];
const VOCAB = Array.from({ length: 20_000 }, (_, i) => {
  let w = '';
  let n = i + 1;
  while (n > 0) { w += SYLLABLES[n % SYLLABLES.length]; n = Math.floor(n / SYLLABLES.length); }
  return w;
});
// Zipf-like: word i drawn with weight 1/(i+1).
const CUM: number[] = [];
VOCAB.reduce((acc, _w, i) => { CUM.push(acc + 1 / (i + 1)); return acc + 1 / (i + 1); }, 0);
function word(): string {
  const x = rand() * CUM[CUM.length - 1];
  let lo = 0;
  let hi = CUM.length - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (CUM[mid] < x) lo = mid + 1; else hi = mid; }
  return VOCAB[lo];
}
const words = (n: number): string => Array.from({ length: n }, word).join(' ');
const SENDERS = Array.from({ length: 500 }, (_, i) => ({ name: `Person ${VOCAB[i * 7]}`, address: `user${i}@${VOCAB[i % 50]}.example` }));
const START = Date.UTC(2020, 0, 1);
const SPAN = 5 * 365 * 24 * 3600 * 1000;

function message(i: number): ParsedMessage {
  const body = words(700) + (rand() < 0.02 ? ' budget review ' : '') + (i % 10_000 === 0 ? ' xylophonequartz ' : '');
  const replyTo = i > 10 && rand() < 0.3 ? i - 1 - Math.floor(rand() * Math.min(i - 1, 200)) : -1;
  const subject = replyTo >= 0 ? `Re: subject ${replyTo}` : `subject ${i} ${words(4)}`;
  const hasAttachment = rand() < 0.1;
  return {
    messageId: `m${i}@bench.invalid`, inReplyTo: replyTo >= 0 ? `m${replyTo}@bench.invalid` : null, references: replyTo >= 0 ? [`m${replyTo}@bench.invalid`] : [],
    subject, threadSubject: subject.replace(/^Re: /, '').toLowerCase(), from: SENDERS[Math.floor(rand() * SENDERS.length)],
    to: [SENDERS[Math.floor(rand() * SENDERS.length)]], cc: [], bcc: [], replyTo: [],
    // Mostly increasing dates with jitter, like a mailbox imported oldest first.
    date: Math.floor(START + (i / TOTAL) * SPAN + (rand() - 0.5) * 30 * 24 * 3600 * 1000),
    bodyText: body, bodyHtml: null, hasRemoteContent: false, snippet: body.slice(0, 200),
    attachments: hasAttachment ? [{ filename: `${word()}-report.pdf`, contentType: 'application/pdf', size: 2048, contentId: null, inline: false, content: Buffer.alloc(2048, i % 256) }] : [],
    rawSize: body.length + 600, warnings: [],
  };
}

function timeIt(fn: () => unknown, runs: number): { p50: number; p95: number } {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(runs * 0.5)], p95: times[Math.min(runs - 1, Math.floor(runs * 0.95))] };
}

function queries(store: ProfileStore, folderId: number, label: string): void {
  const rows: [string, () => unknown][] = [
    ['listThreads page 0', () => store.listThreads(folderId, 0, 50)],
    ['listThreads offset 20000', () => store.listThreads(folderId, 20_000, 50)],
    ['search rare word', () => store.search('xylophonequartz', 0, 50)],
    ['search common word', () => store.search(VOCAB[0], 0, 50)],
    ['search mid word', () => store.search(VOCAB[300], 0, 50)],
    ['search phrase', () => store.search('"budget review"', 0, 50)],
    ['search from:', () => store.search(`from:${SENDERS[17].address}`, 0, 50)],
    ['search prefix', () => store.search(`${VOCAB[2000].slice(0, 4)}*`, 0, 50)],
    ['search has:attachment', () => store.search('has:attachment', 0, 50)],
    ['search date range', () => store.search('after:2022-03-01 before:2022-04-01', 0, 50)],
    ['search common + in: + is:unread', () => store.search(`${VOCAB[1]} in:inbox is:unread`, 0, 50)],
    ['search is:flagged (rare)', () => store.search('is:flagged', 0, 50)],
    ['getMessage', () => store.getMessage(1 + Math.floor(rand() * TOTAL))],
  ];
  console.log(`\n${label}`);
  for (const [name, fn] of rows) {
    const r = timeIt(fn, 20);
    console.log(`  ${name.padEnd(36)} p50 ${r.p50.toFixed(2).padStart(8)} ms   p95 ${r.p95.toFixed(2).padStart(8)} ms`);
  }
}

async function main(): Promise<void> {
  const keep = process.env.PMSYNC_BENCH_KEEP;
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pmsync-bench-'));
  const reuse = keep !== undefined && fs.existsSync(path.join(dir, 'p', 'pmsync.db'));
  const store = await openProfile({ profileDir: path.join(dir, 'p'), unlock: PASS, create: 'if-missing' });
  const inbox = store.listFolders(store.ensureLocalAccount().id)[0];
  if (!reuse) await fill(store, inbox.id);
  for (const q of [VOCAB[0], '"budget review"', 'has:attachment', 'xylophonequartz']) console.log(`  total for ${q}: ${store.search(q, 0, 1).total}`);

  queries(store, inbox.id, 'warm, cache_size 128 MiB');
  const db = connectionOf(store);
  db.pragma('cache_size=-2000');
  queries(store, inbox.id, 'cache_size 2 MiB (SQLite default)');
  db.pragma('cache_size=-131072');
  const t0 = Date.now();
  const report = store.doctor();
  console.log(`\ndoctor: ok=${report.ok} in ${Date.now() - t0} ms`);
  store.close();
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
}

async function fill(store: ProfileStore, folderId: number): Promise<void> {
  let insertMs = 0;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < TOTAL; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, TOTAL - i) }, (_, k) => message(i + k));
    const t0 = process.hrtime.bigint();
    store.insertMessages(folderId, batch);
    insertMs += Number(process.hrtime.bigint() - t0) / 1e6;
    if ((i + BATCH) % 20_000 === 0) console.log(`  ${i + BATCH} messages, ${Math.round(((i + BATCH) / insertMs) * 1000)} msg/s so far`);
  }
  const cpu = process.cpuUsage(cpu0);
  const c = store.counts();
  // CPU time includes building the fixtures; it is the fairer number on a shared, loaded machine.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(`inserted ${c.messages} messages (~5 KB text each) in ${(insertMs / 1000).toFixed(1)} s: ${Math.round((c.messages / insertMs) * 1000)} msg/s wall, ${Math.round((c.messages / cpuMs) * 1000)} msg/s per CPU-second; db ${(c.dbSizeBytes / 1e6).toFixed(0)} MB`);
  console.log(`threads in inbox: ${store.listThreads(folderId, 0, 1).total}`);
  store.setFlagged(Array.from({ length: 40 }, (_, k) => 1 + k * 2000), true);
  store.setRead(Array.from({ length: TOTAL / 2 }, (_, k) => 1 + k * 2), true);
}

void main();
