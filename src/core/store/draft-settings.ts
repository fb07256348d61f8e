import { ComposeSettings } from '../../shared/api/compose';
import type { Db } from './connection';
import { StatementCache } from './statements';

const KEY = 'compose.settings';
export const DEFAULT_COMPOSE_SETTINGS: ComposeSettings = { undoSendSeconds: 10, signatures: {} };

/** Compose settings as one JSON value in the settings table (0040). */
export class ComposeSettingsRepository {
  private readonly stmts: StatementCache;
  private cached: ComposeSettings | undefined;
  constructor(db: Db) {
    this.stmts = new StatementCache(db);
  }

  get(): ComposeSettings {
    if (this.cached) return this.cached;
    const raw = this.stmts.get<{ value: string }>('SELECT value FROM settings WHERE key = ?').get(KEY)?.value;
    let parsed: ComposeSettings = DEFAULT_COMPOSE_SETTINGS;
    if (raw !== undefined) {
      // A value this version cannot read falls back to the defaults rather than breaking compose.
      const r = ComposeSettings.safeParse(safeJson(raw));
      if (r.success) parsed = r.data;
    }
    this.cached = parsed;
    return parsed;
  }

  update(patch: Partial<ComposeSettings>): ComposeSettings {
    const next = ComposeSettings.parse({ ...this.get(), ...patch });
    this.stmts.get('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(next));
    this.cached = next;
    return next;
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}
