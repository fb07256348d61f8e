import { expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors';
import { describeError } from './describe-error';

it('shows the API message and hint as they came', () => {
  const err = new ApiError('mail.getThread', { code: 'NOT_FOUND', message: 'Thread 9 does not exist.', hint: 'Reload the folder.' });
  expect(describeError(err, 'open the thread')).toEqual({ message: 'Thread 9 does not exist.', hint: 'Reload the folder.' });
});

it('gives unknown failures a sentence and a next step', () => {
  const d = describeError(new TypeError('x is undefined'), 'open the thread');
  expect(d.message).toBe('Could not open the thread: x is undefined');
  expect(d.hint).toMatch(/doctor/);
});
