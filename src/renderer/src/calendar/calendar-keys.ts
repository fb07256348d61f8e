import { isTypingTarget, type KeyInput } from '../keyboard/hotkeys';

export type CalendarKeyAction =
  | 'today' | 'next' | 'previous'
  | 'view-month' | 'view-week' | 'view-day' | 'view-agenda'
  | 'new-event' | 'open' | 'delete';

const KEYS: Record<string, CalendarKeyAction> = {
  t: 'today',
  j: 'next',
  n: 'next',
  ArrowRight: 'next',
  k: 'previous',
  p: 'previous',
  ArrowLeft: 'previous',
  m: 'view-month',
  w: 'view-week',
  d: 'view-day',
  a: 'view-agenda',
  c: 'new-event',
  Enter: 'open',
  Delete: 'delete',
  Backspace: 'delete',
  '#': 'delete',
};

/**
 * The calendar's single-key shortcuts. Never while typing; never with Ctrl/Cmd/Alt (those belong
 * to the browser and the palette).
 */
export function calendarKeyAction(input: KeyInput): CalendarKeyAction | null {
  if (isTypingTarget(input) || input.ctrlKey || input.metaKey || input.altKey) return null;
  return KEYS[input.key] ?? null;
}

export const CALENDAR_VIEWS = {
  'view-month': 'dayGridMonth',
  'view-week': 'timeGridWeek',
  'view-day': 'timeGridDay',
  'view-agenda': 'listWeek',
} as const;

export type CalendarViewName = (typeof CALENDAR_VIEWS)[keyof typeof CALENDAR_VIEWS];
