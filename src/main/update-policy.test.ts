import { describe, expect, it } from 'vitest';
import { applyUpdatePolicy, shouldCheckForUpdates, type UpdaterSettings } from './update-policy';

describe('update policy', () => {
  it('turns off every automatic download and install on an updater that defaults them on', () => {
    // electron-updater's own defaults: download and install-on-quit both on.
    const updater: UpdaterSettings = { autoDownload: true, autoInstallOnAppQuit: true, allowPrerelease: true, allowDowngrade: true };
    applyUpdatePolicy(updater);
    expect(updater).toEqual({ autoDownload: false, autoInstallOnAppQuit: false, allowPrerelease: false, allowDowngrade: false });
  });

  it('checks only in a packaged build and not when disabled', () => {
    expect(shouldCheckForUpdates({ isPackaged: true, disabledByEnv: false })).toBe(true);
    expect(shouldCheckForUpdates({ isPackaged: false, disabledByEnv: false })).toBe(false);
    expect(shouldCheckForUpdates({ isPackaged: true, disabledByEnv: true })).toBe(false);
  });
});
