import { z } from 'zod';

/**
 * Error codes that cross process boundaries. Each one maps to a sentence a user can act on;
 * the message says what happened, the hint says what to do next.
 */
export const ErrorCode = z.enum([
  'WRONG_PASSPHRASE',
  'PROFILE_MISSING',
  'PROFILE_EXISTS',
  'PROFILE_LOCKED',
  'DB_NEWER',
  'DB_CORRUPT',
  'DISK_FULL',
  'NOT_FOUND',
  'INVALID_INPUT',
  'IMPORT_FAILED',
  'UNAUTHORIZED',
  'UNKNOWN_METHOD',
  'TRANSPORT_CLOSED',
  // Someone else changed it first (a draft saved in another window): reload, then retry.
  'CONFLICT',
  /** What was asked for is still arriving (a message body not downloaded yet). */
  'NOT_READY',
  // Talking to a mail/calendar server (src/sync): what went wrong on the way to it.
  'SERVER_NOT_FOUND',
  'TLS_FAILED',
  'LOGIN_FAILED',
  'CONNECTION_REFUSED',
  'TIMEOUT',
  'CONNECTION_LOST',
  'SERVER_ERROR',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorData = z.object({
  code: ErrorCode,
  message: z.string(),
  hint: z.string().optional(),
});
export type ErrorData = z.infer<typeof ErrorData>;

/** A failure with a code; thrown in core, carried as data, rebuilt on the other side. */
export class PmsyncError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'PmsyncError';
    this.code = code;
    this.hint = hint;
  }
  toData(): ErrorData {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

/** The error a client sees: the original code and message, plus the method that failed. */
export class ApiError extends PmsyncError {
  readonly method: string;
  constructor(method: string, data: ErrorData) {
    super(data.code, data.message, data.hint);
    this.name = 'ApiError';
    this.method = method;
  }
}

/** Turns anything thrown into error data; unknown errors become INTERNAL without leaking stacks. */
export function toErrorData(err: unknown): ErrorData {
  if (err instanceof PmsyncError) return err.toData();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `Unexpected error: ${message}`, hint: 'Run `pmsync doctor`; if it persists, report it with the log.' };
}
