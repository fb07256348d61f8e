import { MAX_PREFIX_TERMS } from '../search/fts-expression';
import type { StatementCache } from './statements';

/**
 * The indexed terms that start with a prefix, read from an fts5vocab view of message_fts. The
 * view lives in the connection's temp schema, so it needs no migration and never reaches the
 * file. Reading the few terms of a 4+ letter prefix costs ~2-3 ms on 100k messages; see
 * MIN_EXPANDED_PREFIX for why the search spells prefixes out.
 */
export class FtsTerms {
  private ready = false;

  constructor(private readonly stmts: StatementCache) {}

  /** Terms starting with `prefix` (lower-case ASCII letters/digits), or null when there are too many to spell out. */
  startingWith(prefix: string): string[] | null {
    if (!/^[a-z0-9]+$/.test(prefix)) return null;
    if (!this.ready) {
      this.stmts.db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.message_fts_terms USING fts5vocab(main, message_fts, 'row')");
      this.ready = true;
    }
    // Every term with the prefix sorts before the prefix with its last character bumped.
    const upper = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    const terms = this.stmts
      .get<string>('SELECT term FROM temp.message_fts_terms WHERE term >= ? AND term < ? LIMIT ?')
      .pluck()
      .all(prefix, upper, MAX_PREFIX_TERMS + 1);
    return terms.length > MAX_PREFIX_TERMS ? null : terms;
  }
}
