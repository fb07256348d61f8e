import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Address } from '../../../shared/api/mail';
import type { ParsedAttachment, ParsedMessage } from '../../mail/types';

/**
 * Hand-built ParsedMessage values for store tests, so the store does not depend on the MIME
 * parser being written alongside it.
 */
let counter = 0;

export function addr(address: string, name = ''): Address {
  return { name, address };
}

function threadSubjectOf(subject: string): string {
  return subject.replace(/^\s*((re|fwd?|aw|sv)\s*:\s*)+/i, '').trim().toLowerCase();
}

export function parsedMessage(over: Partial<ParsedMessage> = {}): ParsedMessage {
  counter++;
  const subject = over.subject ?? `Subject ${counter}`;
  const bodyText = over.bodyText ?? `Body of message ${counter}.`;
  return {
    messageId: `msg-${counter}-${process.pid}@test.invalid`,
    inReplyTo: null,
    references: [],
    subject,
    threadSubject: threadSubjectOf(subject),
    from: addr('alice@example.com', 'Alice Example'),
    to: [addr('bob@example.com', 'Bob Builder')],
    cc: [],
    bcc: [],
    replyTo: [],
    date: Date.UTC(2024, 0, 1) + counter * 60_000,
    bodyText,
    bodyHtml: null,
    hasRemoteContent: false,
    snippet: bodyText.slice(0, 200),
    attachments: [],
    rawSize: 1000 + bodyText.length,
    warnings: [],
    ...over,
  };
}

export function attachment(over: Partial<ParsedAttachment> = {}): ParsedAttachment {
  const content = over.content ?? Buffer.from('attachment bytes');
  return { filename: 'file.txt', contentType: 'text/plain', size: content.length, contentId: null, inline: false, content, ...over };
}

/** A fresh temp folder; removed by the returned cleanup. */
export function tempDir(prefix = 'pmsync-store-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export const PASS = { kind: 'passphrase', passphrase: 'correct horse battery staple' } as const;

/** Deterministic pseudo-random numbers for benchmarks and bulk fixtures. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
