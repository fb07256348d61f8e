/**
 * Plans a demo mailbox before any byte is written: who writes to whom, which messages form
 * threads (Message-ID / In-Reply-To chains), when, and which folder each lands in. Plans are
 * small objects, so 100k of them fit in memory; rendering MIME happens lazily later.
 */
import { SeededRandom } from './random';
import { FIRST_NAMES, LAST_NAMES, NEWSLETTERS, NEWSLETTER_SUBJECTS, ORGANISATIONS, PERSONAL_SUBJECTS, WORK_SUBJECTS, WORK_WORDS, PERSONAL_WORDS } from './vocabulary';

export interface Person {
  name: string;
  address: string;
  /** Minutes east of UTC, used for the Date header as the sender's client would write it. */
  tzOffset: number;
}

export type FolderRole = 'inbox' | 'sent' | 'archive' | 'newsletters' | 'projects';
export type FolderNames = Record<FolderRole, string>;
export const DEFAULT_FOLDERS: FolderNames = {
  inbox: 'Inbox', sent: 'Sent', archive: 'Archive', newsletters: 'Newsletters', projects: 'Work/Projects',
};

/** Search needle: this sender writes about 2% of all messages. */
export const NEEDLE_SENDER: Person = { name: 'Dana Scully', address: 'dana@fbi.example', tzOffset: -300 };
export const NEEDLE_SUBJECT_PREFIX = 'Quarterly budget review';

export type ThreadKind = 'work' | 'personal' | 'newsletter';

export interface PlannedMessage {
  /** Position in planning order; seeds this message's own PRNG so rendering order does not matter. */
  id: number;
  threadIndex: number;
  kind: ThreadKind;
  parent: PlannedMessage | null;
  /** Without angle brackets. */
  messageId: string;
  subject: string;
  from: Person;
  to: Person[];
  cc: Person[];
  date: Date;
  folderRole: FolderRole;
  seen: boolean;
  flagged: boolean;
}

const DAY = 86_400_000;
const SPAN = 730 * DAY;
const ZONES = [-480, -420, -300, -240, -180, 0, 0, 60, 60, 60, 120, 180, 330, 480, 540];

function asciiLocal(text: string): string {
  return text.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
}

function makePeople(rng: SeededRandom, work: boolean, count: number): Person[] {
  const orgs = ORGANISATIONS.filter((o) => o.work === work);
  return Array.from({ length: count }, (_, i) => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const local = [asciiLocal(first), asciiLocal(last)].filter(Boolean).join('.') || `user${i}`;
    return { name: `${first} ${last}`, address: `${local}${i}@${rng.pick(orgs).domain}`, tzOffset: rng.pick(ZONES) };
  });
}

function threadSize(rng: SeededRandom): number {
  return rng.weighted([
    [() => 1, 55], [() => rng.int(2, 3), 25], [() => rng.int(4, 8), 15], [() => rng.int(9, 20), 5],
  ] as const)();
}

function capitalize(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}

export interface PlanOptions {
  seed: number;
  count: number;
  me: { name: string; address: string };
  now: Date;
}

/** Every message of the mailbox, oldest first. */
export function planMailbox(opts: PlanOptions): PlannedMessage[] {
  const rng = new SeededRandom(opts.seed);
  const me: Person = { ...opts.me, tzOffset: 60 };
  const colleagues = makePeople(rng, true, 160);
  const friends = makePeople(rng, false, 80);
  const newsletterSenders: Person[] = NEWSLETTERS.map((n) => ({ name: n.name, address: n.address, tzOffset: 0 }));
  const nowMs = opts.now.getTime();
  const myDomain = opts.me.address.split('@')[1] ?? 'localhost';
  const messages: PlannedMessage[] = [];
  const newId = (from: Person): string => `${rng.token(12)}.${messages.length.toString(36)}@${from === me ? myDomain : from.address.split('@')[1]}`;

  for (let threadIndex = 0; messages.length < opts.count; threadIndex++) {
    const kind = rng.weighted<ThreadKind>([['work', 55], ['personal', 33], ['newsletter', 12]]);
    // Skewed toward recent mail, as real mailboxes are.
    const start = nowMs - Math.pow(rng.next(), 1.3) * SPAN;
    if (kind === 'newsletter') {
      const n = rng.int(0, NEWSLETTERS.length - 1);
      const from = newsletterSenders[n];
      messages.push({
        id: messages.length, threadIndex, kind, parent: null, messageId: newId(from),
        subject: rng.pick(NEWSLETTER_SUBJECTS[NEWSLETTERS[n].topic]), from, to: [me], cc: [],
        date: new Date(Math.floor(start / 1000) * 1000), folderRole: 'newsletters', seen: rng.chance(0.6), flagged: false,
      });
      continue;
    }
    const pool = kind === 'work' ? colleagues : friends;
    const participants = Array.from({ length: kind === 'work' ? rng.int(1, 4) : 1 }, () => rng.pick(pool));
    const w = (): string => rng.pick(kind === 'work' ? WORK_WORDS : PERSONAL_WORDS);
    const n = (): number => rng.int(1, 99999);
    const base = kind === 'work' && rng.chance(0.012)
      ? `${NEEDLE_SUBJECT_PREFIX} – Q${rng.int(1, 4)} ${new Date(start).getUTCFullYear()}`
      : capitalize(rng.pick(kind === 'work' ? WORK_SUBJECTS : PERSONAL_SUBJECTS)(w, n));
    const size = threadSize(rng);
    const thread: PlannedMessage[] = [];
    let date = start;
    for (let k = 0; k < size && messages.length < opts.count && date <= nowMs; k++) {
      const parent = k === 0 ? null : rng.chance(0.8) ? thread[thread.length - 1] : rng.pick(thread);
      let from: Person;
      if (k === 0) from = rng.chance(0.12) ? me : participants[0];
      else if (parent && parent.from !== me && rng.chance(0.35)) from = me;
      else from = rng.pick(participants.filter((p) => p !== parent?.from).concat(participants[0]));
      if (from !== me && rng.chance(0.028)) from = NEEDLE_SENDER;
      const others = participants.filter((p) => p !== from);
      const to = from === me ? [parent && parent.from !== me ? parent.from : participants[0]] : [me];
      const cc = others.filter((p) => !to.includes(p) && rng.chance(0.5)).slice(0, 3);
      const ageDays = (nowMs - date) / DAY;
      let folderRole: FolderRole = from === me ? 'sent' : kind === 'work' && rng.chance(0.65) ? 'projects' : 'inbox';
      if (folderRole !== 'sent' && ageDays > 180 && rng.chance(0.6)) folderRole = 'archive';
      const message: PlannedMessage = {
        id: messages.length, threadIndex, kind, parent, messageId: newId(from),
        subject: parent ? `Re: ${base}` : base, from, to, cc, date: new Date(Math.floor(date / 1000) * 1000),
        folderRole, seen: from === me || (ageDays > 7 ? rng.chance(0.97) : rng.chance(0.4)), flagged: rng.chance(0.03),
      };
      thread.push(message);
      messages.push(message);
      date += 10 * 60_000 + Math.pow(rng.next(), 2) * 3 * DAY;
    }
  }
  return messages.sort((a, b) => a.date.getTime() - b.date.getTime() || a.id - b.id);
}

/** The References chain of a message: its ancestors' Message-IDs, oldest first. */
export function referencesOf(message: PlannedMessage): string[] {
  const chain: string[] = [];
  for (let p = message.parent; p; p = p.parent) chain.push(p.messageId);
  return chain.reverse();
}
