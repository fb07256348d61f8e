import type { EventName, EventPayload, Unsubscribe } from '../shared/api/index';

type AnyListener = (event: string, payload: unknown) => void;

/** Typed publish/subscribe for core events; transports forward everything to their clients. */
export class EventHub {
  private readonly byName = new Map<string, Set<(payload: unknown) => void>>();
  private readonly all = new Set<AnyListener>();

  emit<N extends EventName>(event: N, payload: EventPayload<N>): void {
    for (const l of this.byName.get(event) ?? []) l(payload);
    for (const l of this.all) l(event, payload);
  }

  on<N extends EventName>(event: N, listener: (payload: EventPayload<N>) => void): Unsubscribe {
    const set = this.byName.get(event) ?? new Set();
    this.byName.set(event, set);
    const cb = listener as (payload: unknown) => void;
    set.add(cb);
    return () => set.delete(cb);
  }

  /** Every event, for transports that forward them. */
  onAny(listener: AnyListener): Unsubscribe {
    this.all.add(listener);
    return () => this.all.delete(listener);
  }

  listenerCount(): number {
    let n = this.all.size;
    for (const s of this.byName.values()) n += s.size;
    return n;
  }
}
