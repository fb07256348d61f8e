import { createApiClient, type ConnectedClient } from '../../shared/api/client';
import { createDispatcher } from '../api/dispatch';
import { openCore, type Core } from '../app';
import type { OpenProfileOptions } from '../store/types';
import { createInProcessTransport } from '../transport/in-process';
import type { CliIo } from './io';
import { readPassphrase } from './passphrase';

export interface CliPaths {
  profileDir: string;
  /** out/core/parse-worker.cjs beside the bundled CLI. */
  workerScript?: string;
  /** out/renderer, for `serve`. */
  staticDir: string;
}

/** What commands get: the profile location and two ways in (the API client, or the Core). */
export class CliSession {
  constructor(readonly paths: CliPaths, private readonly io: CliIo) {}

  get profileDir(): string {
    return this.paths.profileDir;
  }

  /**
   * Opens the core directly (init, serve, sync). The caller closes it. Background sync stays
   * off unless asked for (`serve`): a one-shot command must not start network work.
   */
  async openCore(create: OpenProfileOptions['create'] = 'never', confirmPassphrase = false, options: { startSync?: boolean } = {}): Promise<Core> {
    const passphrase = await readPassphrase(this.io, { confirm: confirmPassphrase });
    return openCore({
      profileDir: this.paths.profileDir,
      unlock: { kind: 'passphrase', passphrase },
      create,
      workerScript: this.paths.workerScript,
      startSync: options.startSync ?? false,
    });
  }

  /** Runs `work` with the typed API client over an in-process transport, as the UI would. */
  async withClient<T>(work: (client: ConnectedClient) => Promise<T>): Promise<T> {
    const core = await this.openCore();
    const client = createApiClient(createInProcessTransport(createDispatcher(core.handlers), core.events));
    try {
      return await work(client);
    } finally {
      client.dispose();
      await core.close();
    }
  }
}
