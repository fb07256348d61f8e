#!/usr/bin/env node
// Writes the deterministic demo mailbox (src/core/demo) to disk, for seeding loopback servers,
// manual testing and other benchmarks. Any mix of outputs in one pass:
//   node scripts/gen-corpus.mjs --count 10000 --maildir /tmp/mail --layout maildir++
//   node scripts/gen-corpus.mjs --count 500 --mbox /tmp/all.mbox --mbox-dir /tmp/folders
// Options: --seed N (default 1), --now ISO-DATE (default 2025-06-01T12:00:00Z, for identical
// bytes across runs), --remote-image-url URL, --crlf (CRLF inside messages; default LF),
// --me "Name <address>".
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, now: { type: 'string', default: '2025-06-01T12:00:00Z' },
    mbox: { type: 'string' }, 'mbox-dir': { type: 'string' }, maildir: { type: 'string' }, layout: { type: 'string', default: 'fs' },
    'remote-image-url': { type: 'string' }, crlf: { type: 'boolean', default: false }, me: { type: 'string', default: 'Alex Demo <alex@pmsync.example>' },
  },
});

function fail(message) {
  process.stderr.write(`gen-corpus: ${message}\n`);
  process.exit(2);
}

const count = Number(values.count);
const seed = Number(values.seed);
const now = new Date(values.now);
const me = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(values.me);
if (!Number.isInteger(count) || count < 0) fail(`--count must be a whole number, not "${values.count}"`);
if (!Number.isInteger(seed)) fail(`--seed must be a whole number, not "${values.seed}"`);
if (Number.isNaN(now.getTime())) fail(`--now must be an ISO date, not "${values.now}"`);
if (!me) fail(`--me must look like "Name <address>", not "${values.me}"`);
if (values.layout !== 'fs' && values.layout !== 'maildir++') fail('--layout is fs or maildir++');
if (!values.mbox && !values['mbox-dir'] && !values.maildir) fail('say where to write: --mbox FILE, --mbox-dir DIR and/or --maildir DIR');

const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'pmsync-gen-corpus-'));
try {
  await build({
    absWorkingDir: root, entryPoints: { 'write-corpus': 'src/core/demo/write-corpus.ts' }, outdir: bundleDir,
    outExtension: { '.js': '.cjs' }, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning',
  });
  const { writeCorpus } = createRequire(import.meta.url)(path.join(bundleDir, 'write-corpus.cjs'));
  if (values['mbox-dir']) mkdirSync(values['mbox-dir'], { recursive: true });
  if (values.mbox) mkdirSync(path.dirname(path.resolve(values.mbox)), { recursive: true });
  const stats = await writeCorpus({
    seed, count, now, me: { name: me[1], address: me[2] }, eol: values.crlf ? '\r\n' : '\n',
    remoteImageUrl: values['remote-image-url'], mboxFile: values.mbox, mboxDir: values['mbox-dir'],
    maildir: values.maildir, maildirLayout: values.layout,
  });
  process.stdout.write(`${JSON.stringify({ messages: stats.messages, rawBytes: stats.rawBytes, folders: stats.folders }, null, 2)}\n`);
} finally {
  rmSync(bundleDir, { recursive: true, force: true });
}
