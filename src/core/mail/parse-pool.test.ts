import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMessage } from './fixtures/generate-messages';
import { OrderedParseQueue, type OrderedParseResult } from './ordered-parse-queue';
import { parseMessage } from './parse-message';
import { ParsePool } from './parse-pool';
import { buildParseWorker } from './test-support/build-parse-worker';

let workerScript: string;
beforeAll(async () => {
  workerScript = await buildParseWorker();
}, 60_000);

const corpus = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(generateMessage(i, { attachmentEvery: 10 }).raw));

async function parseAllOrdered(pool: ParsePool, raws: Buffer[], maxInFlight?: number) {
  const results: OrderedParseResult<number>[] = [];
  const queue = new OrderedParseQueue<number>(pool, (r) => results.push(r), maxInFlight);
  for (let i = 0; i < raws.length; i++) await queue.push(raws[i], i);
  await queue.drain();
  return results;
}

describe('ParsePool', () => {
  const pools: ParsePool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.dispose()));
  });

  it('parses in worker threads, results identical to in-thread parsing and in order', async () => {
    const pool = new ParsePool({ workerScript, workers: 2 });
    pools.push(pool);
    expect(pool.size).toBe(2);
    const raws = corpus(200);
    const expected = await Promise.all(raws.map((r) => parseMessage(Buffer.from(r))));
    const results = await parseAllOrdered(pool, raws.map((r) => Buffer.from(r)));
    expect(results.map((r) => r.tag)).toEqual(raws.map((_, i) => i));
    for (let i = 0; i < results.length; i++) {
      const r = results[i];
      if (!r.ok) throw new Error(r.reason);
      // Dates of parse time aside, everything must match, attachments as real Buffers.
      expect(r.message).toEqual(expected[i]);
      for (const a of r.message.attachments) expect(Buffer.isBuffer(a.content)).toBe(true);
    }
  });

  it('reports a message that fails and carries on', async () => {
    const pool = new ParsePool({ workerScript, workers: 1 });
    pools.push(pool);
    const results = await parseAllOrdered(pool, [Buffer.from('Subject: ok\r\n\r\nbody'), Buffer.from([0, 1, 2, 10, 10]), Buffer.from('Subject: ok2\r\n\r\nx')]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[1].ok === false && results[1].reason).toMatch(/no e-mail headers/);
  });

  it('keeps at most maxInFlight messages outstanding (backpressure)', async () => {
    const pool = new ParsePool({ workerScript, workers: 2 });
    pools.push(pool);
    let outstanding = 0;
    let peak = 0;
    const original = pool.parse.bind(pool);
    pool.parse = (raw) => {
      outstanding++;
      peak = Math.max(peak, outstanding);
      return original(raw).finally(() => outstanding--);
    };
    const results = await parseAllOrdered(pool, corpus(300), 10);
    expect(results).toHaveLength(300);
    expect(peak).toBeLessThanOrEqual(10);
  });

  it('replaces a worker that dies and fails only its in-flight messages', async () => {
    const pool = new ParsePool({ workerScript, workers: 1 });
    pools.push(pool);
    const internal = pool as unknown as { workers: { worker: { terminate(): Promise<number> } }[] };
    const pending = pool.parse(Buffer.from(generateMessage(1).raw));
    await internal.workers[0].worker.terminate();
    await expect(pending).rejects.toThrow(/stopped/);
    const after = await pool.parse(Buffer.from(generateMessage(2).raw));
    expect(after.messageId).toBe('msg2@gen.example');
  });

  it('parses in-thread without a worker script', async () => {
    const pool = new ParsePool();
    pools.push(pool);
    expect(pool.size).toBe(0);
    expect((await pool.parse(Buffer.from(generateMessage(3).raw))).messageId).toBe('msg3@gen.example');
  });

  it('measures throughput: in-thread vs pool (printed, not asserted)', async () => {
    const raws = corpus(3000);
    const bytes = raws.reduce((n, r) => n + r.length, 0);
    const t0 = performance.now();
    for (const r of raws) await parseMessage(r);
    const single = performance.now() - t0;
    const pool = new ParsePool({ workerScript });
    pools.push(pool);
    await pool.parse(Buffer.from(raws[0])); // warm the workers up
    const t1 = performance.now();
    const results = await parseAllOrdered(pool, raws.map((r) => Buffer.from(r)));
    const pooled = performance.now() - t1;
    expect(results.every((r) => r.ok)).toBe(true);
    const rate = (ms: number) => Math.round((raws.length / ms) * 1000);
    console.log(`[parse throughput] ${raws.length} msgs, ${(bytes / 1048576).toFixed(1)} MiB: in-thread ${rate(single)} msg/s, pool(${pool.size} workers) ${rate(pooled)} msg/s, ratio ${(single / pooled).toFixed(2)}x`);
  }, 120_000);
});
