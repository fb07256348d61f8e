#!/usr/bin/env node
// `npm run demo` / `npm run web`: builds what is missing, prepares the demo profile (seeded with a
// generated mailbox on first run), then starts PMSync in browser mode and prints its URL.
// Pass --profile DIR to open your own profile instead of the demo one.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(repo, 'bin', 'pmsync.mjs');
const args = process.argv.slice(2);
const profileFlag = args.indexOf('--profile');
const ownProfile = profileFlag >= 0 ? args[profileFlag + 1] : undefined;
const portFlag = args.indexOf('--port');
const port = portFlag >= 0 ? args[portFlag + 1] : '4780';

function step(label, cmd, cmdArgs, env = process.env) {
  if (!tryStep(label, cmd, cmdArgs, env)) process.exit(1);
}

function tryStep(label, cmd, cmdArgs, env = process.env) {
  process.stderr.write(`pmsync: ${label}\n`);
  const r = spawnSync(cmd, cmdArgs, { cwd: repo, stdio: 'inherit', env });
  if (r.status !== 0) process.stderr.write(`pmsync: ${label} failed (exit ${r.status}).\n`);
  return r.status === 0;
}

const newest = (dir) => {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) t = Math.max(t, fs.statSync(path.join(e.parentPath ?? e.path, e.name)).mtimeMs);
  }
  return t;
};
const builtAt = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

if (builtAt(path.join(repo, 'out/core/cli.cjs')) < newest(path.join(repo, 'src'))) step('building the core', process.execPath, ['scripts/build-core.mjs']);
if (builtAt(path.join(repo, 'out/renderer/index.html')) < newest(path.join(repo, 'src'))) {
  step('building the interface', process.execPath, [path.join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn']);
}

let profile = ownProfile;
const env = { ...process.env };
const demoServers = [];
if (!profile) {
  const dataHome = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  profile = path.join(dataHome, 'pmsync-demo');
  env.PMSYNC_PASSPHRASE = env.PMSYNC_PASSPHRASE || 'demo';
  if (!fs.existsSync(path.join(profile, 'pmsync.db'))) {
    step(`creating the demo profile in ${profile} (passphrase "demo")`, process.execPath, [cli, '--profile', profile, 'init'], env);
    step('seeding the demo mailbox', process.execPath, [cli, '--profile', profile, 'demo'], env);
  }
  await startDemoServers(path.join(dataHome, 'pmsync-demo-servers'));
}

/**
 * Real servers on loopback for the demo profile (when their Debian packages are installed):
 * Dovecot + an SMTP sink for sending and receiving, Radicale for calendars and contacts. Their
 * data lives beside the profile, so what you do in the demo is still there next time.
 */
async function startDemoServers(root) {
  const { startDemoMail, seedDemoMail, dovecotInstalled, DEMO_MAIL } = await import('./demo/mail-demo.mjs');
  const { startDemoRadicale, seedDemoDav, radicaleInstalled, DEMO_DAV_USER, DEMO_DAV_PASSWORD } = await import('./demo/dav-demo.mjs');
  fs.mkdirSync(root, { recursive: true });
  fs.chmodSync(root, 0o755); // Dovecot's users must be able to traverse to the maildirs
  const marker = (name) => path.join(root, `${name}.added`);
  if (dovecotInstalled()) {
    try {
      const fresh = !fs.existsSync(marker('mail'));
      demoServers.push(await startDemoMail(path.join(root, 'mail')));
      if (fresh) {
        await seedDemoMail();
        const added = tryStep('adding the demo mail account (alice@example.test on a local Dovecot)', process.execPath, [cli, '--profile', profile, 'account', 'add', 'imap',
          '--email', DEMO_MAIL.email, '--password-env', 'PMSYNC_DEMO_MAIL_PASSWORD', '--imap-host', '127.0.0.1', '--imap-port', String(DEMO_MAIL.imapPort),
          '--smtp-host', '127.0.0.1', '--smtp-port', String(DEMO_MAIL.smtpPort), '--tls', 'none'], { ...env, PMSYNC_DEMO_MAIL_PASSWORD: DEMO_MAIL.password });
        if (added) fs.writeFileSync(marker('mail'), '');
      }
    } catch (err) {
      process.stderr.write(`pmsync: the demo mail server did not start (${err.message}); the demo runs without sending.\n`);
    }
  } else {
    process.stderr.write('pmsync: Dovecot is not installed (bash scripts/setup-debian.sh installs it); the demo runs without sending.\n');
  }
  if (radicaleInstalled()) {
    try {
      const fresh = !fs.existsSync(marker('dav'));
      const radicale = await startDemoRadicale(path.join(root, 'radicale'), 4781);
      demoServers.push(radicale);
      if (fresh) {
        await seedDemoDav(radicale.url);
        const added = tryStep('adding the demo calendar and contacts account (a local Radicale)', process.execPath, [cli, '--profile', profile, 'account', 'add', 'dav',
          '--url', radicale.url, '--user', DEMO_DAV_USER, '--password-env', 'PMSYNC_DEMO_DAV_PASSWORD', '--name', 'Demo calendar'], { ...env, PMSYNC_DEMO_DAV_PASSWORD: DEMO_DAV_PASSWORD });
        if (added) fs.writeFileSync(marker('dav'), '');
      }
    } catch (err) {
      process.stderr.write(`pmsync: the demo calendar server did not start (${err.message}); the demo runs without calendars.\n`);
    }
  } else {
    process.stderr.write('pmsync: Radicale is not installed (bash scripts/setup-debian.sh installs it); the demo runs without calendars.\n');
  }
}

const server = spawn(process.execPath, [cli, '--profile', profile, 'serve', '--port', port], { cwd: repo, env, stdio: ['inherit', 'pipe', 'inherit'] });
server.stdout.on('data', (d) => {
  const text = String(d);
  process.stdout.write(text);
  const url = text.split('\n').find((l) => l.startsWith('http://'));
  if (url) {
    process.stderr.write(`pmsync: open ${url.trim()} in your browser (Ctrl+C stops PMSync)\n`);
    if (process.env.DISPLAY || process.platform === 'darwin') {
      const opener = process.platform === 'darwin' ? 'open' : 'xdg-open';
      spawn(opener, [url.trim()], { stdio: 'ignore', detached: true }).on('error', () => {}).unref();
    }
  }
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => {
  for (const s of demoServers) s.stop();
  process.exit(code ?? 0);
});
