/**
 * The per-device chain: every event a device makes gets the next `seq` (no gaps, across all
 * streams), the `hash` of the previous one as `prev`, a fresh hybrid logical clock and its own hash.
 */
import { eventHash } from './canonical';
import type { EventEnvelope } from './envelope';
import { formatHlc, parseHlc, receive, tick, type Hlc } from './hlc';

export interface DeviceChain {
	readonly device: string;
	readonly seq: number;
	readonly lastHash: string;
	readonly clock: Hlc;
}

export interface EventDraft {
	readonly stream: string;
	readonly venue: string;
	readonly actor: string;
	readonly type: string;
	readonly v: number;
	readonly payload: Record<string, unknown>;
}

export function newChain(device: string): DeviceChain {
	return { device, seq: 0, lastHash: '', clock: { ms: 0, counter: 0 } };
}

/** Seals a draft as the next event of the chain. `id` and `nowMs` come from the caller. */
export function seal(
	chain: DeviceChain,
	draft: EventDraft,
	id: string,
	nowMs: number
): { event: EventEnvelope; chain: DeviceChain } {
	const clock = tick(chain.clock, nowMs);
	const body = {
		id,
		stream: draft.stream,
		venue: draft.venue,
		device: chain.device,
		seq: chain.seq + 1,
		hlc: formatHlc(clock),
		at: new Date(nowMs).toISOString(),
		actor: draft.actor,
		type: draft.type,
		v: draft.v,
		payload: draft.payload,
		prev: chain.lastHash
	};
	const event: EventEnvelope = { ...body, hash: eventHash(body) };
	return { event, chain: { device: chain.device, seq: event.seq, lastHash: event.hash, clock } };
}

/** Advances the chain's clock past an event seen from elsewhere. */
export function observe(chain: DeviceChain, hlc: string, nowMs: number): DeviceChain {
	return { ...chain, clock: receive(chain.clock, parseHlc(hlc), nowMs) };
}
