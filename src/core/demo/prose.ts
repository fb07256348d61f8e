/**
 * Body text for demo messages: paragraphs of plausible prose, greetings, sign-offs, quoted
 * replies and small status tables, with the documented search needles sprinkled in.
 */
import { wrapText } from './mime';
import { SeededRandom } from './random';
import { COMMON_WORDS, DAYS, FOREIGN_PARAGRAPHS, PERSONAL_WORDS, SENTENCE_TEMPLATES, SIGN_OFFS, WORK_WORDS } from './vocabulary';

export const RARE_WORD = 'zanzibar';
export const NEEDLE_PHRASE = 'quarterly budget review';

export type Topic = 'work' | 'personal';

export interface ProseOptions {
  topic: Topic;
  /** Approximate size of the prose in characters. */
  targetChars: number;
  withRareWord: boolean;
  withPhrase: boolean;
  withForeign: boolean;
  /** Start one paragraph with "From " so mbox writers must escape it. */
  withFromLine: boolean;
}

function sentence(rng: SeededRandom, topicWords: readonly string[]): string {
  const length = rng.int(6, 18);
  const comma = rng.chance(0.15) ? rng.int(1, length - 2) : -1;
  let text = '';
  for (let i = 0; i < length; i++) {
    text += (i ? ' ' : '') + (rng.chance(0.28) ? rng.pick(topicWords) : rng.pick(COMMON_WORDS)) + (i === comma ? ',' : '');
  }
  const end = rng.next();
  return text[0].toUpperCase() + text.slice(1) + (end < 0.8 ? '.' : end < 0.9 ? '?' : '!');
}

/**
 * Sentences come from a per-topic pool built once per process from a fixed seed: picking a
 * whole sentence is ~15× cheaper than picking its words, and 100k messages must render in
 * seconds. Word frequencies (what search cares about) are unchanged.
 */
const sentencePools = new Map<Topic, string[]>();

function sentencePool(topic: Topic): string[] {
  let pool = sentencePools.get(topic);
  if (!pool) {
    const rng = new SeededRandom(topic === 'work' ? 0x5e1 : 0x5e2);
    const topicWords = topic === 'work' ? WORK_WORDS : PERSONAL_WORDS;
    // Half written from templates (readable), half from word lists (varied vocabulary for search).
    pool = Array.from({ length: 6000 }, (_, i) => (i % 2 === 0
      ? rng.pick(SENTENCE_TEMPLATES).replace(/\{(\w)\}/g, (_m, slot: string) => (slot === 'w' ? rng.pick(topicWords) : rng.pick(DAYS)))
      : sentence(rng, topicWords)));
    sentencePools.set(topic, pool);
  }
  return pool;
}

function paragraph(rng: SeededRandom, topic: Topic): string {
  const pool = sentencePool(topic);
  let text = rng.pick(pool);
  for (let i = rng.int(2, 6); i > 1; i--) text += ' ' + rng.pick(pool);
  return text;
}

/** The first paragraph of a message; replies quote it, so it comes from its own PRNG stream. */
export function openingParagraph(rng: SeededRandom, topic: Topic): string {
  return paragraph(rng, topic);
}

/** Paragraphs of prose totalling roughly `targetChars`, needles included as asked. */
export function makeProse(rng: SeededRandom, opts: ProseOptions): string[] {
  const paragraphs: string[] = [];
  let size = 0;
  while (size < opts.targetChars || paragraphs.length === 0) {
    const p = paragraph(rng, opts.topic);
    paragraphs.push(p);
    size += p.length + 2;
  }
  const insertAt = (text: string): void => {
    paragraphs.splice(rng.int(0, paragraphs.length), 0, text);
  };
  if (opts.withForeign) insertAt(rng.pick(FOREIGN_PARAGRAPHS));
  if (opts.withRareWord) insertAt(`By the way, the ${RARE_WORD} trip is confirmed for ${rng.pick(['May', 'June', 'October'])}; I will send the details separately.`);
  if (opts.withPhrase) insertAt(`Let's put this on the agenda for the ${NEEDLE_PHRASE} on ${rng.pick(['Monday', 'Thursday', 'Friday'])}.`);
  if (opts.withFromLine) insertAt(`From what I can tell, ${paragraph(rng, opts.topic).replace(/^./, (c) => c.toLowerCase())}`);
  return paragraphs;
}

export interface StatusRow {
  item: string;
  owner: string;
  status: string;
  due: string;
}

export function makeStatusTable(rng: SeededRandom, owners: readonly string[]): StatusRow[] {
  const rows: StatusRow[] = [];
  const count = rng.int(3, 7);
  for (let i = 0; i < count; i++) {
    rows.push({
      item: `${rng.pick(WORK_WORDS)} ${rng.pick(WORK_WORDS)}`,
      owner: rng.pick(owners),
      status: rng.pick(['done', 'in progress', 'blocked', 'not started', 'at risk']),
      due: `2025-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
    });
  }
  return rows;
}

export interface Quote {
  author: string;
  when: string;
  text: string;
}

/** The pieces a text or HTML body is made of; both renderings are built from the same pieces. */
export interface BodyContent {
  greeting: string;
  paragraphs: string[];
  table: StatusRow[] | null;
  signOff: string;
  signature: string;
  quote: Quote | null;
}

export function pickSignOff(rng: SeededRandom): string {
  return rng.pick(SIGN_OFFS);
}

/** The plain-text rendering (RFC 3676-style "> " quoting, `-- ` signature separator). */
export function renderText(content: BodyContent): string {
  const parts = [content.greeting, ...content.paragraphs.map((p) => wrapText(p))];
  if (content.table) {
    const widths = [28, 18, 12, 10];
    const row = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join(' ').trimEnd();
    parts.push([row(['Item', 'Owner', 'Status', 'Due']), ...content.table.map((r) => row([r.item, r.owner, r.status, r.due]))].join('\n'));
  }
  parts.push(`${content.signOff}\n${content.signature}`);
  let text = parts.join('\n\n');
  if (content.quote) {
    const quoted = wrapText(content.quote.text, 70).split('\n').map((line) => (line ? `> ${line}` : '>')).join('\n');
    text += `\n\nOn ${content.quote.when}, ${content.quote.author} wrote:\n${quoted}`;
  }
  return text + '\n';
}
