// Measuring child processes for the benchmarks: wall clock, peak RSS, percentiles, disk usage.
import { Buffer } from 'node:buffer';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { clearInterval, setInterval } from 'node:timers';

/** Peak resident set (VmHWM) of a live process in KiB, or 0 when it is gone. Threads share it. */
function peakRssKiB(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs a command to completion: wall-clock ms, peak RSS (polled every 20 ms from /proc; the
 * high-water mark only grows, so the last poll before exit is within 20 ms of the true peak),
 * exit code, stdout and stderr.
 */
export function runMeasured(cmd, args, { env, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    let peak = 0;
    const timer = setInterval(() => { peak = Math.max(peak, peakRssKiB(child.pid)); }, 20);
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', (e) => { clearInterval(timer); reject(e); });
    child.on('exit', () => { peak = Math.max(peak, peakRssKiB(child.pid)); });
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({
        ms: performance.now() - started,
        peakRssMiB: peak / 1024,
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** Wall-clock ms of one synchronous run (for short per-query processes); throws on failure. */
export function timeSync(cmd, args, env) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}: ${(r.stderr || '').slice(0, 500)}`);
  return { ms, stdout: r.stdout };
}

/** Nearest-rank percentile of an array of numbers. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Total size in bytes of the files under a path. */
export function diskUsage(p) {
  let st;
  try {
    st = statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const name of readdirSync(p)) total += diskUsage(path.join(p, name));
  return total;
}

export const mib = (bytes) => bytes / (1024 * 1024);
