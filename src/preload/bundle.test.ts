import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * A sandboxed preload can require only `electron` (and a few Node shims); everything else must
 * be bundled, and the gate must stay tiny. This bundles the real entry the way electron-vite
 * does (CJS, electron external) and checks what it pulls in.
 */
describe('preload bundle', () => {
  it('requires only electron and contains only the gate and the channel names', async () => {
    const result = await build({
      entryPoints: [path.join(__dirname, 'index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0].text;
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    const inputs = Object.keys(result.metafile.inputs).map((p) => p.replace(/\\/g, '/')).sort();
    expect(inputs).toEqual(['src/preload/bridge.ts', 'src/preload/index.ts', 'src/shared/ipc-channels.ts']);
    expect(code.length).toBeLessThan(16 * 1024);
  });
});
