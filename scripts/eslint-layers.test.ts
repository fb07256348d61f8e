import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer table of ARCHITECTURE.md is enforced by eslint.config.mjs; these cases prove the
// rule fires for each forbidden edge and stays quiet for allowed ones.
const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('layer rule', () => {
  it.each([
    ['src/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/sync/imap/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/renderer/src/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/shared/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n"],
    ['src/shared/x.ts', "import { EventHub } from '../core/events';\nexport const a = EventHub;\n"],
    ['src/shared/x.ts', 'export const a = () => process.env;\n'],
    ['src/renderer/src/x.ts', "import { EventHub } from '../../core/events';\nexport const a = EventHub;\n"],
    ['src/renderer/src/x.ts', "import { openProfile } from '../../core/store/index';\nexport const a = openProfile;\n"],
    ['src/renderer/src/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n"],
    ['src/main/x.ts', "import { openProfile } from '../core/store/index';\nexport const a = openProfile;\n"],
    ['src/main/x.ts', "import Database from 'better-sqlite3-multiple-ciphers';\nexport const a = Database;\n"],
    ['src/sync/imap/x.ts', "import { openCore } from '../../core/app';\nexport const a = openCore;\n"],
  ])('forbids %s: %s', async (file, code) => {
    expect(await layerErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ['src/shared/x.ts', "import { z } from 'zod';\nexport const a = z;\n"],
    ['src/core/x.ts', "import { z } from 'zod';\nimport fs from 'node:fs';\nimport { api } from '../shared/api/index';\nexport const a = [z, fs, api];\n"],
    ['src/main/x.ts', "import { app } from 'electron';\nimport { PORT_CHANNEL } from '../shared/host-protocol';\nexport const a = [app, PORT_CHANNEL];\n"],
    ['src/renderer/src/x.ts', "import { api } from '../../shared/api/index';\nimport { useState } from 'react';\nimport { onEvents } from './events';\nexport const a = [api, useState, onEvents];\n"],
  ])('allows %s', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
