import type { DoctorReport, ProfileInfo } from '../../shared/api/app';
import type { ProfileStore } from '../store/types';

/** Set by scripts/build-core.mjs (esbuild `define`); absent when the sources run under vitest. */
declare const __PMSYNC_VERSION__: string | undefined;

export const CORE_VERSION: string = typeof __PMSYNC_VERSION__ === 'string' ? __PMSYNC_VERSION__ : '0.0.0-dev';

export interface ProfileServiceDeps {
  store: ProfileStore;
  version?: string;
  /** Injected so tests can pin time. */
  now?: () => number;
}

/** Facts about the open profile: app.info, app.doctor and the app.ping liveness probe. */
export class ProfileService {
  private readonly store: ProfileStore;
  private readonly version: string;
  private readonly now: () => number;

  constructor({ store, version = CORE_VERSION, now = Date.now }: ProfileServiceDeps) {
    this.store = store;
    this.version = version;
    this.now = now;
  }

  info(): ProfileInfo {
    const { accounts, messages, dbSizeBytes } = this.store.counts();
    return {
      version: this.version,
      profileDir: this.store.profileDir,
      // The store always opens SQLCipher-format databases (ARCHITECTURE.md, "The profile and its key").
      cipher: 'sqlcipher',
      keySource: this.store.keySource,
      schemaVersion: this.store.schemaVersion,
      dbSizeBytes,
      accounts,
      messages,
      createdAt: this.store.createdAt,
    };
  }

  doctor(): DoctorReport {
    return this.store.doctor();
  }

  ping(): { pong: true; now: number } {
    return { pong: true, now: this.now() };
  }
}
