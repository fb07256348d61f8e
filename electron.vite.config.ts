import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import rendererWebConfig from './vite.renderer.config';

/**
 * The Electron build: main → out/main (ESM, package.json is "type": "module"), preload →
 * out/preload/index.cjs (CommonJS: sandboxed preloads cannot be ES modules), renderer →
 * out/renderer from the same settings as the web build (vite.renderer.config.ts).
 *
 * Each part empties only its own folder, so out/core (built by scripts/build-core.mjs) survives.
 */
const root = import.meta.dirname;

if (typeof rendererWebConfig !== 'object' || rendererWebConfig === null || Array.isArray(rendererWebConfig)) {
  throw new Error('vite.renderer.config.ts must export a plain config object for electron.vite.config.ts to reuse.');
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Runtime deps (electron-updater, zod) stay in node_modules; electron-vite externalizes them.
      externalizeDeps: true,
      lib: { entry: resolve(root, 'src/main/index.ts') },
      sourcemap: true,
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can require only electron's renderer modules: bundle everything.
      externalizeDeps: false,
      lib: { entry: resolve(root, 'src/preload/index.ts') },
      rolldownOptions: {
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
      sourcemap: true,
    },
  },
  renderer: {
    ...rendererWebConfig,
    root: resolve(root, 'src/renderer'),
    base: './',
    build: {
      ...rendererWebConfig.build,
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified by default; match the web build instead.
      minify: rendererWebConfig.build?.minify ?? true,
      rolldownOptions: { input: resolve(root, 'src/renderer/index.html') },
    },
  },
});
