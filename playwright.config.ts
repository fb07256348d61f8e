import { defineConfig } from '@playwright/test';

// End-to-end tests drive the real UI (browser mode of the same renderer) in Debian's Chromium
// against a real `pmsync serve` on a fresh encrypted profile. Playwright cannot download its
// own browsers here, so it launches /usr/bin/chromium (override with PMSYNC_CHROMIUM).
export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.PMSYNC_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
