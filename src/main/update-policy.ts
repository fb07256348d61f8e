/**
 * How PMSync updates itself: it checks, then asks. Nothing is downloaded or installed without
 * the user saying yes, and nothing installs silently on quit.
 */
export const UPDATE_POLICY = {
  autoDownload: false,
  autoInstallOnAppQuit: false,
  allowPrerelease: false,
  allowDowngrade: false,
} as const;

/** First check shortly after start (not during it), then twice a day. */
export const FIRST_CHECK_DELAY_MS = 30_000;
export const CHECK_INTERVAL_MS = 12 * 60 * 60 * 1000;

export interface UpdaterSettings {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
}

export function applyUpdatePolicy(updater: UpdaterSettings): void {
  Object.assign(updater, UPDATE_POLICY);
}

/** Whether to check at all: only a packaged build has an update feed (app-update.yml). */
export function shouldCheckForUpdates(facts: { isPackaged: boolean; disabledByEnv: boolean }): boolean {
  return facts.isPackaged && !facts.disabledByEnv;
}
