// Entry point to run the SMTP sink as its own process (tests that block their event loop on
// spawnSync, the benchmark, the demo). Env: LMTP_PORT (relay target), SMTP_HOST, SMTP_PORT.
// Prints "port=N" on stdout.
import { startSmtpSink } from './smtp-sink';

const lmtpPort = process.env.LMTP_PORT ? Number(process.env.LMTP_PORT) : undefined;
const port = process.env.SMTP_PORT ? Number(process.env.SMTP_PORT) : undefined;
void startSmtpSink({ lmtpPort, port, host: process.env.SMTP_HOST }).then((sink) => {
  process.stdout.write(`port=${sink.port}\n`);
  const stop = (): void => void sink.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Ends with its parent: a test that dies without cleaning up leaves no server behind.
  const parent = process.ppid;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      stop();
    }
  }, 500).unref();
});
