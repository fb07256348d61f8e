import type FullCalendar from '@fullcalendar/react';
import type { ComponentProps } from 'react';

/*
 * FullCalendar's argument types, read off the React component's props. Importing them from
 * '@fullcalendar/core' directly trips the layer lint rule meant for src/core ("**\/core").
 */
type Options = ComponentProps<typeof FullCalendar>;
type Fn = (...args: never[]) => unknown;
type ArgOf<K extends keyof Options> = Parameters<Extract<NonNullable<Options[K]>, Fn>>[0];

export type DateSelectArg = ArgOf<'select'>;
export type EventClickArg = ArgOf<'eventClick'>;
export type EventDropArg = ArgOf<'eventDrop'>;
export type EventMountArg = ArgOf<'eventDidMount'>;
export type EventContentArg = ArgOf<'eventContent'>;
export type EventSourceFuncArg = ArgOf<'events'>;
export type EventInput = Extract<NonNullable<Options['events']>, unknown[]>[number];
