import { expect, it } from 'vitest';
import { formatBytes } from './bytes';

it('formats sizes with a unit a person reads at a glance', () => {
  expect(formatBytes(0)).toBe('0 B');
  expect(formatBytes(1023)).toBe('1023 B');
  expect(formatBytes(1536)).toBe('1.5 KB');
  expect(formatBytes(14 * 1024 + 100)).toBe('14 KB');
  expect(formatBytes(3.25 * 1024 * 1024)).toBe('3.3 MB');
  expect(formatBytes(-1)).toBe('—');
});
