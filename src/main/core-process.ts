import { MessageChannelMain, safeStorage, utilityProcess, type MessagePortMain } from 'electron';
import { chooseKeySource } from './key-source';
import { startCoreHost, type CoreHost } from './core-host';
import { createLogger } from './logger';

const log = createLogger('core');

/**
 * Forks the core bundle (out/core/utility.cjs, built by scripts/build-core.mjs) in an Electron
 * utilityProcess. Inside a packaged app the path points into app.asar: Electron's asar layer
 * serves it (and redirects the unpacked native modules), and module resolution from there
 * finds the app's node_modules.
 */
export function startCoreProcess(options: { modulePath: string; profileDir: string }): CoreHost<MessagePortMain> {
  const keySource = chooseKeySource({
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
  });
  log.info(`starting the core (key source: ${keySource})`);
  return startCoreHost<MessagePortMain>({
    profileDir: options.profileDir,
    keySource,
    safeStorage,
    log,
    createChannel: () => new MessageChannelMain(),
    start({ onMessage, onExit }) {
      const child = utilityProcess.fork(options.modulePath, [], { serviceName: 'PMSync core', stdio: 'inherit' });
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.on('error', (type, location) => log.error(`core crashed: ${type} at ${location}`));
      return {
        post: (message, transfer) => child.postMessage(message, transfer),
        kill: () => {
          child.kill();
        },
      };
    },
  });
}
