/**
 * What the composer's address autocomplete asks of the contacts side (issue 5 implements it
 * over the contacts FTS index; issue 4 merges it with people the user has mailed).
 */
export interface ContactDirectory {
  /** Contacts whose name or email matches `query` (prefix match per word), best first. */
  suggest(query: string, limit: number): Array<{ name: string; address: string }>;
}
