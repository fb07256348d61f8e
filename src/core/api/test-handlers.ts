import { methodNames, type ApiHandlers } from '../../shared/api/index';
import { PmsyncError } from '../../shared/errors';

/**
 * Handlers for transport and dispatcher tests, which exercise the plumbing rather than the
 * store: every method fails with a recognisable error unless the test overrides it.
 */
export function handlersWith(overrides: Partial<ApiHandlers>): ApiHandlers {
  const base = Object.fromEntries(
    methodNames.map((name) => [name, async () => {
      throw new PmsyncError('INTERNAL', `${name} is not implemented in this test`);
    }]),
  ) as unknown as ApiHandlers;
  return { ...base, ...overrides };
}
