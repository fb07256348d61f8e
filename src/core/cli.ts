/**
 * The `pmsync` command (bundled to out/core/cli.cjs and started by bin/pmsync.mjs).
 * Read commands go through the same typed API client as the UI; see src/core/cli/.
 */
import { runCli } from './cli/run';

// A closed pipe (`pmsync list | head`) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }, { bundleDir: __dirname })
  .then((code) => {
    process.exitCode = code;
    // The command is finished: stores closed, servers and engines stopped. A timer or socket a
    // library forgot must not keep a finished `pmsync` (or a script waiting on it) hanging.
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  });
