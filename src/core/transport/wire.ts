import { z } from 'zod';
import type { WireRequest, WireResponse } from '../../shared/api/contract';
import type { Dispatch } from '../api/dispatch';

/** A request as it arrives from an untrusted client; anything else is a protocol violation. */
const WireRequestSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  method: z.string().max(200),
  input: z.unknown(),
});

export function parseWireRequest(data: unknown): WireRequest | null {
  const parsed = WireRequestSchema.safeParse(data);
  return parsed.success ? { type: 'request', id: parsed.data.id, method: parsed.data.method, input: parsed.data.input } : null;
}

/** Runs a request through the dispatcher and shapes the wire response. */
export async function answer(dispatch: Dispatch, request: WireRequest): Promise<WireResponse> {
  const result = await dispatch(request.method, request.input);
  return result.ok
    ? { type: 'response', id: request.id, ok: true, value: result.value }
    : { type: 'response', id: request.id, ok: false, error: result.error };
}
