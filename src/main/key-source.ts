/**
 * Which wrapper protects the profile's data key. Electron safeStorage when it really encrypts;
 * otherwise the OS keychain (keytar), which fails with a clear message if there is none.
 *
 * On Linux without a secret service, Electron reports encryption as available but uses the
 * `basic_text` backend: a hard-coded password. Wrapping the key with it would only look safe,
 * so that case goes to the keychain path too.
 */
export type DesktopKeySource = 'safeStorage' | 'keychain';

export interface SafeStorageFacts {
  encryptionAvailable: boolean;
  /** `safeStorage.getSelectedStorageBackend()` on Linux; undefined elsewhere. */
  linuxBackend?: string;
}

export function chooseKeySource(facts: SafeStorageFacts): DesktopKeySource {
  if (!facts.encryptionAvailable) return 'keychain';
  if (facts.linuxBackend === 'basic_text' || facts.linuxBackend === 'unknown') return 'keychain';
  return 'safeStorage';
}
