import { PmsyncError } from '../../shared/errors';

/**
 * Search query language, parsed without touching the database:
 *   from: to: subject: in: is:unread is:read is:flagged has:attachment before:YYYY-MM-DD
 *   after:YYYY-MM-DD, "quoted phrases", bare words (all must match), prefix word*, -negation.
 * Anything that is not an operator is text: `AND(`, `NEAR`, a lone `"` are searched as words,
 * never interpreted as FTS5 syntax (see fts-expression.ts).
 */
export type TextField = 'any' | 'from' | 'to' | 'subject';

export interface TextTerm {
  field: TextField;
  text: string;
  /** Written in quotes: words must appear together, in order. */
  phrase: boolean;
  /** Written with a trailing `*`: the last word is a prefix. */
  prefix: boolean;
  negated: boolean;
}

export interface ParsedQuery {
  terms: TextTerm[];
  /** in: values, lower-cased; a message matches when it is in any of them (folder name, path or role). */
  inFolders: string[];
  notInFolders: string[];
  unread?: boolean;
  flagged?: boolean;
  hasAttachment?: boolean;
  /** Epoch ms, exclusive: messages dated before the start of that local day. */
  before?: number;
  /** Epoch ms, inclusive: messages dated on or after the start of that local day. */
  after?: number;
}

const TEXT_OPERATORS = { from: 'from', to: 'to', subject: 'subject' } as const;
const OPERATORS = new Set(['from', 'to', 'subject', 'in', 'is', 'has', 'before', 'after']);
/** Text with nothing the tokenizer would index (only punctuation) cannot match anything. */
const INDEXABLE = /[\p{L}\p{N}]/u;

interface Token { negated: boolean; operator: string | null; value: string; quoted: boolean; prefix: boolean }

function invalid(message: string, hint: string): PmsyncError {
  return new PmsyncError('INVALID_INPUT', message, hint);
}

/** Reads a value at `i`: a quoted string (to the closing quote or the end) or a run of non-spaces. */
function readValue(input: string, i: number): { value: string; quoted: boolean; prefix: boolean; end: number } {
  if (input[i] === '"') {
    const close = input.indexOf('"', i + 1);
    const end = close === -1 ? input.length : close + 1;
    const value = input.slice(i + 1, close === -1 ? input.length : close);
    const prefix = input[end] === '*';
    return { value, quoted: true, prefix, end: prefix ? end + 1 : end };
  }
  let end = i;
  while (end < input.length && !/\s/.test(input[end])) end++;
  let value = input.slice(i, end);
  const prefix = value.endsWith('*');
  value = value.replace(/\*+$/, '');
  return { value, quoted: false, prefix, end };
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    if (/\s/.test(input[i])) {
      i++;
      continue;
    }
    let negated = false;
    if (input[i] === '-' && i + 1 < input.length && !/\s/.test(input[i + 1])) {
      negated = true;
      i++;
    }
    const op = /^([a-zA-Z]+):(?=\S)/.exec(input.slice(i, i + 12));
    let operator: string | null = null;
    if (op && OPERATORS.has(op[1].toLowerCase())) {
      operator = op[1].toLowerCase();
      i += op[0].length;
    }
    const v = readValue(input, i);
    i = Math.max(v.end, i + 1);
    tokens.push({ negated, operator, value: v.value, quoted: v.quoted, prefix: v.prefix });
  }
  return tokens;
}

function parseDay(operator: string, value: string): number {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(value);
  const date = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
  if (!m || !date || date.getMonth() !== Number(m[2]) - 1 || date.getDate() !== Number(m[3])) {
    throw invalid(`"${operator}:${value.slice(0, 40)}" is not a date.`, `Write dates as YYYY-MM-DD, e.g. ${operator}:2024-03-31.`);
  }
  return date.getTime();
}

function applyFlag(q: ParsedQuery, t: Token): void {
  const v = t.value.toLowerCase();
  const yes = !t.negated;
  if (t.operator === 'has') {
    if (v !== 'attachment' && v !== 'attachments') throw invalid(`"has:${t.value.slice(0, 40)}" is not something PMSync can search for.`, 'Use has:attachment.');
    q.hasAttachment = yes;
    return;
  }
  if (v === 'unread') q.unread = yes;
  else if (v === 'read') q.unread = !yes;
  else if (v === 'flagged' || v === 'starred') q.flagged = yes;
  else if (v === 'unflagged') q.flagged = !yes;
  else throw invalid(`"is:${t.value.slice(0, 40)}" is not something PMSync can search for.`, 'Use is:unread, is:read or is:flagged.');
}

export function parseSearchQuery(input: string): ParsedQuery {
  const q: ParsedQuery = { terms: [], inFolders: [], notInFolders: [] };
  for (const t of tokenize(input)) {
    switch (t.operator) {
      case 'in':
        if (t.value.trim() !== '') (t.negated ? q.notInFolders : q.inFolders).push(t.value.trim().toLowerCase());
        break;
      case 'is':
      case 'has':
        applyFlag(q, t);
        break;
      case 'before':
      case 'after': {
        if (t.negated) throw invalid(`"-${t.operator}:" cannot be negated.`, `Use ${t.operator === 'before' ? 'after' : 'before'}: instead.`);
        const day = parseDay(t.operator, t.value);
        if (t.operator === 'before') q.before = q.before === undefined ? day : Math.min(q.before, day);
        else q.after = q.after === undefined ? day : Math.max(q.after, day);
        break;
      }
      default: {
        if (!INDEXABLE.test(t.value)) break;
        const field = t.operator === null ? 'any' : TEXT_OPERATORS[t.operator as keyof typeof TEXT_OPERATORS];
        q.terms.push({ field, text: t.value, phrase: t.quoted, prefix: t.prefix, negated: t.negated });
      }
    }
  }
  return q;
}

/** True when the query asks for nothing at all (empty or only punctuation). */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.terms.length === 0 && q.inFolders.length === 0 && q.notInFolders.length === 0 && q.unread === undefined
    && q.flagged === undefined && q.hasAttachment === undefined && q.before === undefined && q.after === undefined;
}
