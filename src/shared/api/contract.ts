import type { z } from 'zod';

/** One API method: its input and output schemas. The core parses every input with `input`. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodDef<I, O> {
  return { input, output };
}

export type Domain = Record<string, MethodDef>;
export type EventDomain = Record<string, z.ZodType>;

/** Wire messages, identical on every transport (in-process, WebSocket, MessagePort). */
export type WireRequest = { type: 'request'; id: number; method: string; input: unknown };
export type WireResponse =
  | { type: 'response'; id: number; ok: true; value: unknown }
  | { type: 'response'; id: number; ok: false; error: { code: string; message: string; hint?: string } };
export type WireEvent = { type: 'event'; event: string; payload: unknown };
export type WireMessage = WireRequest | WireResponse | WireEvent;
