import type { ErrorData } from '../../shared/errors';

/** Long work shows progress: one event per committed chunk. */
export interface SyncProgress {
  folder: string;
  phase: 'headers' | 'bodies';
  done: number;
  total: number;
}

/** A message that could not be taken; reported to the user, never stops the batch. */
export interface Quarantined {
  folder: string;
  uid: number;
  reason: string;
}

export type EngineState = 'connecting' | 'syncing' | 'watching' | 'waiting-to-retry' | 'needs-attention' | 'stopped';

export interface EngineStatus {
  state: EngineState;
  /** Set in 'waiting-to-retry' and 'needs-attention': what failed, as the user will read it. */
  error?: ErrorData;
  /** Set in 'waiting-to-retry'. */
  retryInMs?: number;
}
