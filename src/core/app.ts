import type { ApiHandlers } from '../shared/api/index';
import { createApiHandlers, type MailImporter } from './api/handlers';
import { EventHub } from './events';
import { ImportService } from './services/import-service';
import { MailService } from './services/mail-service';
import { ProfileService } from './services/profile-service';
import { openProfile } from './store/index';
import type { OpenProfileOptions, ProfileStore, Unlock } from './store/types';

export interface OpenCoreOptions {
  profileDir: string;
  unlock: Unlock;
  /** As for openProfile: 'only' for `pmsync init`, 'if-missing' for the desktop app's first run. */
  create?: OpenProfileOptions['create'];
  /** The bundled parse worker (out/core/parse-worker.cjs); passed through to ImportService. */
  workerScript?: string;
}

/** One running core: what transports serve, and how to stop it. */
export interface Core {
  handlers: ApiHandlers;
  events: EventHub;
  store: ProfileStore;
  close(): Promise<void>;
}

/** The parts a core is built from; openCore supplies the real ones, tests may hand in others. */
export interface CoreParts {
  store: ProfileStore;
  events: EventHub;
  importer: MailImporter & { dispose(): unknown };
}

/** Wires services to the API. The only place that knows which class implements what. */
export function assembleCore({ store, events, importer }: CoreParts): Core {
  const handlers = createApiHandlers({
    mail: new MailService({ store, events }),
    profile: new ProfileService({ store }),
    importer,
  });
  let closing: Promise<void> | null = null;
  return {
    handlers,
    events,
    store,
    close() {
      closing ??= (async () => {
        try {
          await importer.dispose();
        } finally {
          store.close();
        }
      })();
      return closing;
    },
  };
}

/** Composition root: opens (or creates) the profile and builds every service on top of it. */
export async function openCore(options: OpenCoreOptions): Promise<Core> {
  const store = await openProfile({ profileDir: options.profileDir, unlock: options.unlock, create: options.create ?? 'never' });
  const events = new EventHub();
  try {
    const importer = new ImportService({ store, events, workerScript: options.workerScript });
    return assembleCore({ store, events, importer });
  } catch (err) {
    store.close();
    throw err;
  }
}
