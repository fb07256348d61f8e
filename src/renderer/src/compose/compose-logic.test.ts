import { describe, expect, it } from 'vitest';
import { sizeWarning } from './AttachmentList';
import { sendProblem } from './Composer';
import { normalizeLinkUrl } from './editor-commands';
import { outboxWhen } from './OutboxPane';
import { quickTimes, toLocalInput } from './SendLaterMenu';
import { secondsLeft } from './SendToast';

describe('composer rules', () => {
  it('stops a send without recipients or with an invalid one, before asking the core', () => {
    expect(sendProblem({ to: [], cc: [], bcc: [] })).toMatch(/at least one recipient/);
    expect(sendProblem({ to: ['ok@x.org'], cc: ['bad@'], bcc: [] })).toMatch(/“bad@”/);
    expect(sendProblem({ to: [], cc: [], bcc: ['Ann <ann@x.org>'] })).toBeNull();
  });

  it('accepts web and mail links only, adding the scheme people leave out', () => {
    expect(normalizeLinkUrl('example.org/a')).toBe('https://example.org/a');
    expect(normalizeLinkUrl('ann@x.org')).toBe('mailto:ann@x.org');
    expect(normalizeLinkUrl('HTTPS://x.org')).toBe('HTTPS://x.org');
    expect(normalizeLinkUrl('javascript:alert(1)')).toBeNull();
    expect(normalizeLinkUrl('data:text/html,x')).toBeNull();
    expect(normalizeLinkUrl('  ')).toBeNull();
  });

  it('warns about attachment size against the server limit, or 25 MB when there is none', () => {
    expect(sizeWarning(10, 100)).toBeNull();
    expect(sizeWarning(101, 100)).toMatch(/more than the 100 B your mail server accepts/);
    expect(sizeWarning(20 * 1024 * 1024, null)).toBeNull();
    expect(sizeWarning(26 * 1024 * 1024, null)).toMatch(/many mail servers refuse/);
  });

  it('counts the undo window down in whole seconds, never below zero', () => {
    expect(secondsLeft(10_000, 0)).toBe(10);
    expect(secondsLeft(10_000, 9_001)).toBe(1);
    expect(secondsLeft(10_000, 10_000)).toBe(0);
    expect(secondsLeft(10_000, 20_000)).toBe(0);
  });

  it('offers tomorrow and next Monday at 08:00, always in the future', () => {
    const friday = new Date(2026, 10, 27, 17, 30).getTime(); // a Friday
    const [tomorrow, monday] = quickTimes(friday);
    expect(new Date(tomorrow.at)).toEqual(new Date(2026, 10, 28, 8, 0));
    expect(new Date(monday.at)).toEqual(new Date(2026, 10, 30, 8, 0));
    const aMonday = new Date(2026, 10, 30, 7, 0).getTime();
    expect(new Date(quickTimes(aMonday)[1].at)).toEqual(new Date(2026, 11, 7, 8, 0)); // next week's, not today's
    expect(toLocalInput(new Date(2026, 0, 2, 3, 4).getTime())).toBe('2026-01-02T03:04');
  });

  it('says when an outbox entry goes', () => {
    expect(outboxWhen({ state: 'queued', dueAt: 0, attempts: 0 }, 1000)).toBe('Goes out when the server is reachable');
    expect(outboxWhen({ state: 'failed', dueAt: 0, attempts: 3 }, 1000)).toBe('After 3 tries');
    expect(outboxWhen({ state: 'scheduled', dueAt: Date.UTC(2026, 0, 1), attempts: 0 }, 0)).toMatch(/^Sends /);
  });
});
