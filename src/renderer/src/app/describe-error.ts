import { PmsyncError } from '../../../shared/errors';

export interface ErrorNotice {
  message: string;
  hint?: string;
}

/** What a person sees for any failure: the API's message and hint, or a plain fallback. */
export function describeError(err: unknown, doing?: string): ErrorNotice {
  if (err instanceof PmsyncError) return { message: err.message, hint: err.hint };
  const text = err instanceof Error ? err.message : String(err);
  return {
    message: doing ? `Could not ${doing}: ${text}` : text,
    hint: 'Try again; if it keeps failing, run `pmsync doctor` and check the log.',
  };
}
