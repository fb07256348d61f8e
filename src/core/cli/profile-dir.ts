import os from 'node:os';
import path from 'node:path';

/**
 * Where a profile lives when --profile is not given: $PMSYNC_PROFILE, else the platform's
 * per-user data folder (XDG on Linux, Application Support on macOS, %APPDATA% on Windows).
 */
export function defaultProfileDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  if (env.PMSYNC_PROFILE) return path.resolve(env.PMSYNC_PROFILE);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'PMSync');
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'PMSync');
  const dataHome = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home, '.local', 'share');
  return path.join(dataHome, 'pmsync');
}
