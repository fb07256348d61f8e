/** What threading needs of a message. */
export interface ThreadableMessage {
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  threadSubject: string;
  date: number;
}

const SUBJECT_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

/** Union-find over Message-IDs, including ids only seen in references (JWZ's empty containers). */
class IdUnion {
  private readonly parent = new Map<string, string>();

  find(id: string): string {
    let root = id;
    for (let p = this.parent.get(root); p !== undefined && p !== root; p = this.parent.get(root)) root = p;
    if (!this.parent.has(id)) this.parent.set(id, id);
    // Path compression keeps later finds near O(1).
    for (let cur = id; cur !== root; ) {
      const next = this.parent.get(cur) ?? root;
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

/**
 * Groups messages into threads the way the store does on insert (JWZ): a message joins the
 * thread of every id in its References and In-Reply-To, merging threads it connects; a message
 * without any reference joins the latest earlier thread with the same normalized subject when
 * that thread has a message within 30 days. Returns groups of Message-IDs, each group oldest
 * first, groups ordered by their oldest message. Pure; used as the oracle in tests.
 */
export function threadMessages(msgs: readonly ThreadableMessage[]): string[][] {
  const byDate = [...msgs].sort((a, b) => a.date - b.date || (a.messageId < b.messageId ? -1 : 1));
  const union = new IdUnion();
  for (const m of byDate) {
    union.find(m.messageId);
    for (const ref of m.references) union.union(m.messageId, ref);
    if (m.inReplyTo) union.union(m.messageId, m.inReplyTo);
  }
  const lastBySubject = new Map<string, { id: string; date: number }>();
  for (const m of byDate) {
    const hasRefs = m.references.length > 0 || m.inReplyTo !== null;
    if (m.threadSubject === '') continue;
    const last = lastBySubject.get(m.threadSubject);
    if (!hasRefs && last && m.date - last.date <= SUBJECT_WINDOW_MS) union.union(last.id, m.messageId);
    lastBySubject.set(m.threadSubject, { id: m.messageId, date: m.date });
  }
  const groups = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const m of byDate) {
    if (seen.has(m.messageId)) continue; // a duplicate Message-ID is one message for threading
    seen.add(m.messageId);
    const root = union.find(m.messageId);
    const group = groups.get(root);
    if (group) group.push(m.messageId);
    else groups.set(root, [m.messageId]);
  }
  return [...groups.values()];
}
