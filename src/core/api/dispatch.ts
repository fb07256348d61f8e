import type { z } from 'zod';
import { methodDef, type ApiHandlers } from '../../shared/api/index';
import { toErrorData, type ErrorData } from '../../shared/errors';

export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: ErrorData };

/** Runs one API call from an untrusted caller. Never throws: every failure comes back as data. */
export type Dispatch = (method: unknown, input: unknown) => Promise<DispatchResult>;

const fail = (code: ErrorData['code'], message: string, hint?: string): DispatchResult => ({
  ok: false,
  error: hint === undefined ? { code, message } : { code, message, hint },
});

/** "query: Expected string, received number; limit: Too big" — names every field that failed. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const field = issue.path.map(String).join('.');
      return field ? `${field}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/**
 * Every method takes an object. Requiring a plain one (as JSON and structured clone produce)
 * also stops a caller from smuggling fields in through an object's prototype chain.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Builds the dispatcher every transport shares. A method must be declared by the contract
 * *and* be an own property of the handlers, so names like `__proto__`, `constructor` or
 * `mail.search.extra` can never reach an inherited function.
 */
export function createDispatcher(handlers: ApiHandlers): Dispatch {
  const table = handlers as unknown as Record<string, unknown>;
  return async (method, input) => {
    if (typeof method !== 'string' || method.length > 200) {
      return fail('UNKNOWN_METHOD', 'The request names no API method.', 'This is a bug in the caller: send a method name such as "app.ping".');
    }
    const def = methodDef(method);
    const handler = Object.hasOwn(table, method) ? table[method] : undefined;
    if (!def || typeof handler !== 'function') {
      return fail('UNKNOWN_METHOD', `Unknown API method "${method}".`, 'The window and the core may be from different versions: restart PMSync.');
    }
    if (!isPlainObject(input)) {
      return fail('INVALID_INPUT', `Invalid input for ${method}: expected an object of named fields.`);
    }
    const parsed = def.input.safeParse(input);
    if (!parsed.success) {
      return fail('INVALID_INPUT', `Invalid input for ${method}: ${describeIssues(parsed.error)}`);
    }
    try {
      const value: unknown = await (handler as (i: unknown) => Promise<unknown>)(parsed.data);
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: toErrorData(err) };
    }
  };
}

/**
 * A dispatcher that refuses some methods on one door. Browser mode uses it for
 * mail.importFiles: a web page has no business making the core read arbitrary local paths
 * (it uploads with importBegin/importChunk/importCommit instead).
 */
export function withoutMethods(dispatch: Dispatch, denied: readonly string[], why: string): Dispatch {
  const refused = new Set(denied);
  return async (method, input) => {
    if (typeof method === 'string' && refused.has(method)) {
      return fail('UNAUTHORIZED', `${method} is not available here: ${why}`);
    }
    return dispatch(method, input);
  };
}
