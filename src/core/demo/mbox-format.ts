/**
 * The mboxrd format: each message starts with a `From <sender> <asctime date>` line; any body
 * line matching /^>*From / gets one more '>' on write and loses one on read, so the round trip
 * is exact (unlike mboxo, which cannot tell an escaped ">From " from a real one).
 */

/** asctime(3) in UTC, e.g. `Thu Jan  4 09:05:00 2024` (day padded with a space). */
export function asctime(date: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${days[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} `
    + `${p2(date.getUTCHours())}:${p2(date.getUTCMinutes())}:${p2(date.getUTCSeconds())} ${date.getUTCFullYear()}`;
}

/** The envelope sender for the separator line: the address in the first From: header. */
export function envelopeSender(raw: Buffer): string {
  const headEnd = raw.indexOf('\n\n') >= 0 ? raw.indexOf('\n\n') : raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, headEnd >= 0 ? headEnd : Math.min(raw.length, 16_384)).toString('latin1');
  const field = /^From:([^\n]*(?:\r?\n[ \t][^\n]*)*)/im.exec(head);
  if (!field) return 'MAILER-DAEMON';
  const address = /<([^<>\s]+@[^<>\s]+)>/.exec(field[1]) ?? /([^\s<>"]+@[^\s<>",;]+)/.exec(field[1]);
  return address ? address[1] : 'MAILER-DAEMON';
}

export function mboxSeparator(raw: Buffer, date: Date): string {
  return `From ${envelopeSender(raw)} ${asctime(date)}`;
}

/** Adds one '>' to every line that matches /^>*From /. Works on bytes (latin1 maps 1:1). */
export function escapeMboxrd(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  if (!/^>*From /m.test(text)) return raw;
  return Buffer.from(text.replace(/^(>*From )/gm, '>$1'), 'latin1');
}

export function unescapeMboxrd(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  if (!/^>+From /m.test(text)) return raw;
  return Buffer.from(text.replace(/^>(>*From )/gm, '$1'), 'latin1');
}

/**
 * Splits an mboxrd file into messages (separator line removed, escaping undone, the blank
 * line the writer adds after each message removed). For tests and small files: it holds the
 * whole file in memory; the importer has its own streaming reader.
 */
export function splitMboxrd(data: Buffer): Buffer[] {
  const text = data.toString('latin1');
  const starts: number[] = [];
  const re = /^From [^\n]*\n/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index, m.index + m[0].length);
  const messages: Buffer[] = [];
  for (let i = 0; i < starts.length; i += 2) {
    const end = i + 2 < starts.length ? starts[i + 2] : text.length;
    let body = text.slice(starts[i + 1], end);
    body = body.endsWith('\r\n\r\n') ? body.slice(0, -2) : body.endsWith('\n\n') ? body.slice(0, -1) : body;
    messages.push(unescapeMboxrd(Buffer.from(body, 'latin1')));
  }
  return messages;
}
