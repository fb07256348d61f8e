/**
 * Address suggestions on a large profile: counting mail into correspondents (all of it at once,
 * and a new batch), and suggestAddresses per keystroke. Not a
 * test: it prints numbers. Run:
 *   npx esbuild src/core/services/drafts/bench/suggest-bench.ts --bundle --platform=node --format=cjs \
 *     --external:better-sqlite3-multiple-ciphers --external:sqlite-vec --outfile=/tmp/suggest-bench.cjs
 *   NODE_PATH=$PWD/node_modules node /tmp/suggest-bench.cjs [messages=100000]
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ParsedMessage } from '../../../mail/types';
import { CorrespondentRepository } from '../../../store/draft-correspondents';
import { DraftRepository } from '../../../store/draft-repository';
import { ComposeSettingsRepository } from '../../../store/draft-settings';
import { openProfile } from '../../../store/index';
import { PASS, seededRandom, tempDir } from '../../../store/test-support/fixtures';
import { connectionOf } from '../../../store/test-support/raw-profile';
import { TemplateRepository } from '../../../store/template-repository';
import { ComposeExtras } from '../compose-extras';

const TOTAL = Number(process.argv[2] ?? 100_000);
const BATCH = 500;
const rand = seededRandom(7);
const NAMES = ['Ann', 'Bob', 'Carla', 'Dmitri', 'Eve', 'Farah', 'Goran', 'Hiro', 'Ines', 'Jon', 'Kaito', 'Lena', 'Mara', 'Nils', 'Olga', 'Pia'];
const people = Array.from({ length: 6000 }, (_, i) => ({ name: `${NAMES[i % NAMES.length]} ${NAMES[(i * 7) % NAMES.length]}son${i}`, address: `p${i}.${NAMES[i % NAMES.length].toLowerCase()}@org${i % 300}.example` }));
const pick = () => people[Math.floor(Math.pow(rand(), 2) * people.length)]; // a few people far more often

function message(i: number, sent: boolean): ParsedMessage {
  const body = `Message ${i} body text that is not long.`;
  return {
    messageId: `s${i}@bench.invalid`, inReplyTo: null, references: [], subject: `subject ${i}`, threadSubject: `subject ${i}`,
    from: sent ? { name: 'Me', address: 'me@bench.example' } : pick(), to: [pick()], cc: rand() < 0.3 ? [pick(), pick()] : [], bcc: [], replyTo: [],
    date: Date.UTC(2020, 0, 1) + i * 60_000, bodyText: body, bodyHtml: null, hasRemoteContent: false, snippet: body, attachments: [], rawSize: 800, warnings: [],
  };
}

const ms = (t0: number) => performance.now() - t0;
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function main(): Promise<void> {
  const t = tempDir('pmsync-suggest-bench-');
  const store = await openProfile({ profileDir: path.join(t.dir, 'p'), unlock: PASS, create: 'only' });
  try {
    const db = connectionOf(store);
    const account = store.ensureLocalAccount();
    const inbox = store.listFolders(account.id)[0];
    const sent = store.ensureFolder(account.id, 'Sent', 'sent');
    const insertAll = (from: number, to: number) => {
      for (let i = from; i < to; i += BATCH) {
        const batch = Array.from({ length: Math.min(BATCH, to - i) }, (_, k) => message(i + k, (i + k) % 10 === 0));
        store.insertMessages(inbox.id, batch.filter((m) => m.from?.address !== 'me@bench.example'));
        store.insertMessages(sent.id, batch.filter((m) => m.from?.address === 'me@bench.example'));
      }
    };
    insertAll(0, TOTAL);
    const corr = new CorrespondentRepository(db);
    // Worst case for a keystroke: nothing counted yet (first use after upgrading or a big sync).
    const chunks: number[] = [];
    let remaining = 1;
    const started = performance.now();
    while (remaining > 0) {
      const t0 = performance.now();
      remaining = corr.catchUp(5_000);
      chunks.push(ms(t0));
    }
    console.log(`catch-up over ${TOTAL} messages: ${ms(started).toFixed(0)} ms in ${chunks.length} chunks of 5000 (max chunk ${Math.max(...chunks).toFixed(1)} ms), ${corr.count()} correspondents`);
    let t0 = performance.now();
    insertAll(TOTAL, TOTAL + 500);
    const newBatch = ms(t0);
    t0 = performance.now();
    corr.catchUp(5_000);
    console.log(`500 new messages: stored in ${newBatch.toFixed(0)} ms, counted in ${ms(t0).toFixed(1)} ms`);

    const extras = new ComposeExtras({
      store, drafts: new DraftRepository(db), templates: new TemplateRepository(db), settings: new ComposeSettingsRepository(db), correspondents: corr,
    });
    const times: number[] = [];
    const queries = ['a', 'an', 'ann', 'p12', 'org2', 'goran h', 'x', 'mara', 'p5.', 'zzz', '', 'in'];
    for (let round = 0; round < 20; round++) {
      for (const q of queries) {
        t0 = performance.now();
        extras.suggestAddresses(q, 8);
        times.push(ms(t0));
      }
    }
    console.log(`suggestAddresses (${times.length} calls): p50 ${pct(times, 50).toFixed(2)} ms, p95 ${pct(times, 95).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms`);
    console.log('sample "ann":', JSON.stringify(extras.suggestAddresses('ann', 3)));
  } finally {
    store.close();
    t.cleanup();
  }
}

void main();
