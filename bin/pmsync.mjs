#!/usr/bin/env node
// Launcher for the bundled core CLI (out/core/cli.cjs, built by `npm run build:core`).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const cli = fileURLToPath(new URL('../out/core/cli.cjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write("pmsync: PMSync's core is not built: run `npm run build:core`\n");
  process.exit(1);
}
createRequire(import.meta.url)(cli);
