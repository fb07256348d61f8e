import { existsSync } from 'node:fs';
import path from 'node:path';
import { startServer } from '../transport/ws-server';
import { stringOption, type Command } from './command';
import { UsageError } from './io';

function portOption(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${raw}".`);
  return n;
}

const STOP_GRACE_MS = 5_000;

export const serveCommand: Command = {
  name: 'serve',
  usage: 'serve [--port N] [--host 127.0.0.1]',
  summary: 'Serve PMSync to a browser on this machine; prints the URL (with its access token)',
  options: { port: { type: 'string' }, host: { type: 'string' } },
  async run(session, { values }, io) {
    const port = portOption(stringOption(values, 'port'));
    const host = stringOption(values, 'host') ?? '127.0.0.1';
    if (host !== '127.0.0.1' && host !== '::1') {
      throw new UsageError(`PMSync serves only on loopback, not on ${host}.`, 'Use --host 127.0.0.1 (the default) or ::1.');
    }
    const staticDir = session.paths.staticDir;
    const log = (line: string) => io.stderr.write(`${new Date().toISOString()} ${line}\n`);
    if (!existsSync(path.join(staticDir, 'index.html'))) {
      log(`warning: the web UI is not built (${staticDir} has no index.html); run \`npm run build:web\`. The API still works.`);
    }
    const core = await session.openCore('never', false, { startSync: true });
    let server;
    try {
      server = await startServer({ core, port, host, staticDir, log });
    } catch (err) {
      await core.close();
      throw err;
    }
    io.stdout.write(`${server.url}\n`);
    log(`serving ${core.store.profileDir} on ${host}:${server.port}; stop with Ctrl-C`);
    const running = server;
    await new Promise<void>((resolve) => {
      const stop = (signal: NodeJS.Signals) => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        log(`${signal}: stopping`);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    // A mail server that stopped answering must not keep PMSync from stopping: everything the
    // core committed is durable (WAL), so after a grace period we leave without waiting for it.
    const watchdog = setTimeout(() => {
      log(`still waiting for servers after ${STOP_GRACE_MS / 1000} s; stopping anyway (nothing unsaved is lost)`);
      process.exit(0);
    }, STOP_GRACE_MS);
    watchdog.unref();
    await running.close();
    await core.close();
    clearTimeout(watchdog);
    log('stopped');
    return 0;
  },
};
