import { PmsyncError } from '../../shared/errors';

/** One item out of the splitter: a complete raw message, or one that was too large to keep. */
export type SplitItem =
  | { ok: true; raw: Buffer }
  | { ok: false; reason: string; size: number };

export interface MboxSplitterOptions {
  /** Messages larger than this are skipped (reported, not buffered). Default 256 MiB. */
  maxMessageBytes?: number;
}

const LF = 0x0a;
const CR = 0x0d;
const FROM_ = Buffer.from('From ');
// A header field name followed by a colon (RFC 5322 ftext), or an mbox-less "From " line.
const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]{1,200}:/;

function isBlank(line: Buffer): boolean {
  return line.length === 0 || (line.length === 1 && line[0] === CR);
}

function startsWithFrom(line: Buffer, offset = 0): boolean {
  return line.length - offset >= 5 && line.compare(FROM_, 0, 5, offset, offset + 5) === 0;
}

/** `>From `, `>>From `…: mboxrd quoting, undone by dropping one `>`. */
function isQuotedFrom(line: Buffer): boolean {
  if (line[0] !== 0x3e) return false;
  let i = 1;
  while (i < line.length && line[i] === 0x3e) i++;
  return startsWithFrom(line, i);
}

/**
 * Splits an mbox (mboxo or mboxrd, LF or CRLF) into raw messages as bytes arrive. Holds only
 * the message being assembled plus one partial line, so memory stays bounded whatever the file
 * size. A file that does not start with a `From ` line is taken as one RFC 822 message when it
 * starts with a header line, and refused otherwise.
 */
export class MboxSplitter {
  private readonly maxMessageBytes: number;
  private mode: 'unknown' | 'mbox' | 'single' = 'unknown';
  /** Pieces of the current, not yet terminated line. */
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private message: Buffer[] = [];
  private messageBytes = 0;
  private oversized = false;
  /** A blank line that ends the message if the next line is a separator. */
  private heldBlank: Buffer | null = null;
  private bytesSeen = 0;

  constructor(options: MboxSplitterOptions = {}) {
    this.maxMessageBytes = options.maxMessageBytes ?? 256 * 1024 * 1024;
  }

  /** Total bytes pushed so far. */
  get bytesRead(): number {
    return this.bytesSeen;
  }

  /** Feeds the next chunk; returns the messages it completed. */
  push(chunk: Buffer): SplitItem[] {
    this.bytesSeen += chunk.length;
    const out: SplitItem[] = [];
    let start = 0;
    if (this.partial.length > 0) {
      const nl = chunk.indexOf(LF);
      if (nl === -1) {
        this.holdPartial(chunk);
        return out;
      }
      const line = Buffer.concat([...this.partial, chunk.subarray(0, nl + 1)]);
      this.partial = [];
      this.partialBytes = 0;
      this.handleLine(line, out);
      start = nl + 1;
    }
    // Ordinary lines are appended as one run per chunk; only lines that may change the state
    // (blank, `From `, `>From `, the first lines) go through handleLine one by one.
    let runStart = start;
    for (;;) {
      const nl = chunk.indexOf(LF, start);
      if (nl === -1) break;
      if (!this.isOrdinaryLine(chunk, start)) {
        if (runStart < start) this.append(chunk.subarray(runStart, start));
        this.handleLine(chunk.subarray(start, nl + 1), out);
        runStart = nl + 1;
      }
      start = nl + 1;
    }
    if (runStart < start) this.append(chunk.subarray(runStart, start));
    if (start < chunk.length) this.holdPartial(chunk.subarray(start));
    return out;
  }

  private holdPartial(piece: Buffer): void {
    this.partial.push(piece);
    this.partialBytes += piece.length;
    // A line this long can only be part of an oversized message: stop holding it.
    if (this.partialBytes > this.maxMessageBytes) {
      this.markOversized(this.partialBytes);
      this.partial = [];
      this.partialBytes = 0;
    }
  }

  /** A line that is plain message content in the current state (checked on its first bytes). */
  private isOrdinaryLine(chunk: Buffer, start: number): boolean {
    if (this.mode === 'single') return true;
    if (this.mode !== 'mbox' || this.heldBlank !== null || (this.messageBytes === 0 && !this.oversized)) return false;
    const c = chunk[start];
    if (c === 0x3e || c === LF) return false; // `>From ` quoting, blank line
    return !(c === CR && chunk[start + 1] === LF);
  }

  /** Signals the end of input; returns the last message, if any. */
  end(): SplitItem[] {
    const out: SplitItem[] = [];
    if (this.partial.length > 0) {
      const line = Buffer.concat(this.partial);
      this.partial = [];
      this.partialBytes = 0;
      this.handleLine(line, out);
    }
    // The blank line before EOF is the mbox terminator, not message content.
    if (this.mode === 'single' && this.heldBlank) this.append(this.heldBlank);
    this.heldBlank = null;
    this.flush(out);
    return out;
  }

  private handleLine(line: Buffer, out: SplitItem[]): void {
    // Lines include their terminator; the content is what comes before it.
    const content = line[line.length - 1] === LF ? line.subarray(0, line.length - 1) : line;
    if (this.mode === 'unknown') {
      if (isBlank(content)) return; // leading blank lines carry nothing
      this.mode = this.detectMode(content);
      if (this.mode === 'mbox') return; // the first separator line
    }
    if (this.mode === 'single') {
      this.append(line);
      return;
    }
    if (startsWithFrom(content) && (this.heldBlank !== null || this.messageBytes === 0 && !this.oversized)) {
      this.heldBlank = null;
      this.flush(out);
      return;
    }
    if (this.heldBlank) {
      this.append(this.heldBlank);
      this.heldBlank = null;
    }
    if (isBlank(content)) {
      this.heldBlank = line;
      return;
    }
    this.append(isQuotedFrom(content) ? line.subarray(1) : line);
  }

  private detectMode(firstLine: Buffer): 'mbox' | 'single' {
    if (startsWithFrom(firstLine)) return 'mbox';
    if (HEADER_LINE.test(firstLine.subarray(0, 256).toString('latin1'))) return 'single';
    throw new PmsyncError(
      'IMPORT_FAILED',
      'The file is neither an mbox nor an e-mail message: it starts with neither a "From " line nor a header line.',
      'Choose an .mbox file exported by a mail program, or a single .eml message.',
    );
  }

  private append(line: Buffer): void {
    if (this.oversized) {
      this.messageBytes += line.length;
      return;
    }
    if (this.messageBytes + line.length > this.maxMessageBytes) {
      this.markOversized(line.length);
      return;
    }
    this.message.push(line);
    this.messageBytes += line.length;
  }

  private markOversized(extraBytes: number): void {
    if (!this.oversized) {
      this.oversized = true;
      this.message = [];
    }
    this.messageBytes += extraBytes;
  }

  private flush(out: SplitItem[]): void {
    if (this.oversized) {
      out.push({
        ok: false,
        size: this.messageBytes,
        reason: `The message is larger than ${Math.round(this.maxMessageBytes / 1048576)} MiB and was skipped.`,
      });
    } else if (this.messageBytes > 0) {
      out.push({ ok: true, raw: this.message.length === 1 ? Buffer.from(this.message[0]) : Buffer.concat(this.message, this.messageBytes) });
    }
    this.message = [];
    this.messageBytes = 0;
    this.oversized = false;
  }
}
