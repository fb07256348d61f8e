import type { z } from 'zod';
import { appEvents, appMethods } from './app';
import { mailEvents, mailMethods } from './mail';
import { accountsMethods, syncEvents, syncMethods } from './accounts';
import { composeEvents, composeMethods } from './compose';
import { calendarEvents, calendarMethods } from './calendar';
import { contactsEvents, contactsMethods } from './contacts';
import type { MethodDef } from './contract';

/** The whole API, one entry per domain. Method names on the wire are `domain.method`. */
export const api = { app: appMethods, mail: mailMethods, accounts: accountsMethods, sync: syncMethods, compose: composeMethods,
  calendar: calendarMethods, contacts: contactsMethods };
export const apiEvents = { app: appEvents, mail: mailEvents, sync: syncEvents, compose: composeEvents, calendar: calendarEvents, contacts: contactsEvents };

export type Api = typeof api;
export type ApiEvents = typeof apiEvents;

type Flatten<T extends Record<string, Record<string, unknown>>> = {
  [D in keyof T & string as `${D}.${keyof T[D] & string}`]: never;
};

export type MethodName = keyof Flatten<Api>;
export type EventName = keyof Flatten<ApiEvents>;

type Split<N extends string> = N extends `${infer D}.${infer M}` ? [D, M] : never;
type DefOf<N extends MethodName> = Split<N> extends [infer D extends keyof Api, infer M extends string]
  ? M extends keyof Api[D]
    ? Api[D][M]
    : never
  : never;
type EventSchemaOf<N extends EventName> = Split<N> extends [infer D extends keyof ApiEvents, infer E extends string]
  ? E extends keyof ApiEvents[D]
    ? ApiEvents[D][E]
    : never
  : never;

export type InputOf<N extends MethodName> = DefOf<N> extends MethodDef<infer I, z.ZodType> ? z.input<I> : never;
export type ParsedInputOf<N extends MethodName> = DefOf<N> extends MethodDef<infer I, z.ZodType> ? z.output<I> : never;
export type OutputOf<N extends MethodName> = DefOf<N> extends MethodDef<z.ZodType, infer O> ? z.output<O> : never;
export type EventPayload<N extends EventName> = z.output<EventSchemaOf<N>>;

/** What the core implements: one async function per method, given the parsed input. */
export type ApiHandlers = { [N in MethodName]: (input: ParsedInputOf<N>) => Promise<OutputOf<N>> };

/** What a caller holds: `client.mail.search({query})`, typed from the contract. */
export type ApiClient = {
  [D in keyof Api]: {
    [M in keyof Api[D]]: Api[D][M] extends MethodDef<infer I, infer O> ? (input?: z.input<I>) => Promise<z.output<O>> : never;
  };
};

export type Unsubscribe = () => void;
export type EventListener<N extends EventName> = (payload: EventPayload<N>) => void;

export function methodDef(name: string): MethodDef | undefined {
  const [domain, verb] = name.split('.');
  if (!domain || !verb || !Object.hasOwn(api, domain)) return undefined;
  const methods = api[domain as keyof Api] as Record<string, MethodDef>;
  return Object.hasOwn(methods, verb) ? methods[verb] : undefined;
}

export function eventSchema(name: string): z.ZodType | undefined {
  const [domain, event] = name.split('.');
  if (!domain || !event || !Object.hasOwn(apiEvents, domain)) return undefined;
  const events = apiEvents[domain as keyof ApiEvents] as Record<string, z.ZodType>;
  return Object.hasOwn(events, event) ? events[event] : undefined;
}

export const methodNames = Object.entries(api).flatMap(([d, ms]) => Object.keys(ms).map((m) => `${d}.${m}`)) as MethodName[];

export * from './contract';
export * from './app';
export * from './mail';
export * from './accounts';
export * from './compose';
export * from './calendar';
export * from './contacts';
