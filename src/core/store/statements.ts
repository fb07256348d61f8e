import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './connection';

/** Prepares each SQL text once per connection; repositories share it. */
export class StatementCache {
  private readonly cache = new Map<string, Database.Statement>();
  constructor(readonly db: Db) {}

  get<Row = unknown>(sql: string): Database.Statement<unknown[], Row> {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt as Database.Statement<unknown[], Row>;
  }
}

/** Binds a list of ids as one JSON parameter: `id IN (SELECT value FROM json_each(?))`. */
export function jsonIds(ids: readonly number[]): string {
  return JSON.stringify(ids);
}
