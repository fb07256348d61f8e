import { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import { PmsyncError } from '../../shared/errors';
import type { SmtpCheckSettings } from './check';
import { toSmtpError } from './errors';
import { smtpConnectionOptions } from './options';

export interface SmtpEnvelope {
  from: string;
  /** Every recipient, Bcc included (Bcc never appears in the message itself). */
  to: string[];
}

/**
 * How sure we are that the server did NOT take the message:
 * - 'rejected': the server answered 5xx (or refused a recipient): sending again cannot help.
 * - 'not-sent': the failure came before DATA, or the server answered 4xx: safe to retry.
 * - 'uncertain': the connection broke after DATA may have reached the server; before a retry
 *   the caller must look for the Message-ID on the server.
 */
export type SmtpFailureCertainty = 'rejected' | 'not-sent' | 'uncertain';

export class SmtpSendError extends PmsyncError {
  constructor(readonly certainty: SmtpFailureCertainty, readonly underlying: PmsyncError, readonly serverText: string | null) {
    super(underlying.code, underlying.message, underlying.hint);
    this.name = 'SmtpSendError';
  }
}

/** Commands that come before DATA: a failure there means the message never left. */
const BEFORE_DATA = /^(CONN|EHLO|HELO|LHLO|STARTTLS|AUTH|MAIL|RCPT)/i;

interface NodemailerError {
  code?: unknown;
  command?: unknown;
  responseCode?: unknown;
  response?: unknown;
  rejected?: unknown;
}

function certaintyOf(err: unknown, bodyStarted: boolean): SmtpFailureCertainty {
  const e = (typeof err === 'object' && err !== null ? err : {}) as NodemailerError;
  const status = typeof e.responseCode === 'number' ? e.responseCode : 0;
  if (status >= 500 || e.code === 'EENVELOPE') return 'rejected';
  if (status >= 400) return 'not-sent';
  // nodemailer labels every socket error 'CONN', whatever the stage: whether the body had begun
  // to flow (the server said 354) is what tells "never sent" from "maybe sent".
  if (!bodyStarted) return 'not-sent';
  if (typeof e.command === 'string' && BEFORE_DATA.test(e.command) && e.command !== 'CONN') return 'not-sent';
  return 'uncertain';
}

/** The message as a stream that records when SMTP starts reading it (only after DATA's 354). */
function watchedBody(raw: Buffer): { stream: Readable; started: () => boolean } {
  let started = false;
  let sent = false;
  const stream = new Readable({
    read() {
      started = true;
      if (sent) return;
      sent = true;
      this.push(raw);
      this.push(null);
    },
  });
  return { stream, started: () => started };
}

/**
 * Sends one already-built message over SMTP with the account's TLS settings: the raw bytes go
 * out unchanged (the Message-ID we stored is the one the recipient sees). Resolves when the
 * server accepted DATA (250); throws SmtpSendError saying how sure we are that it did not.
 */
export async function sendRawMessage(settings: SmtpCheckSettings, envelope: SmtpEnvelope, raw: Buffer): Promise<{ response: string; rejected: string[] }> {
  const timeout = settings.timeoutMs ?? 60_000;
  const transport = nodemailer.createTransport({
    ...smtpConnectionOptions(settings, timeout),
    auth: settings.user ? { user: settings.user, pass: settings.password } : undefined,
  });
  const body = watchedBody(raw);
  try {
    const info = await transport.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw: body.stream });
    // Some recipients refused, others accepted: the message HAS gone out (to the others), so it
    // must not be sent again; the caller tells the user who did not get it.
    return { response: info.response, rejected: info.rejected.map((r) => (typeof r === 'string' ? r : String((r as { address?: unknown }).address))) };
  } catch (err) {
    const e = (typeof err === 'object' && err !== null ? err : {}) as NodemailerError;
    const serverText = typeof e.response === 'string' ? e.response : null;
    return Promise.reject(new SmtpSendError(certaintyOf(err, body.started()), toSmtpError(err, `${settings.host}:${settings.port}`), serverText));
  } finally {
    transport.close();
  }
}
