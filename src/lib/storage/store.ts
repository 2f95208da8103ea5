/**
 * The tablet's event store. Appending an event is one IndexedDB transaction (the event, already
 * marked pending for the outbox, and the advanced device chain) and resolves only after commit.
 * The outbox is the set of this device's events whose status is `pending`.
 */
import { liveQuery, type Subscription } from 'dexie';
import {
	deviceName,
	newChain,
	observe,
	seal,
	uuidv7,
	payloadSchema,
	validateEnvelope,
	validateEvent,
	type DeviceChain,
	type EventDraft,
	type EventEnvelope
} from '../domain';
import { YishiDb, type PersonRow, type StoredEvent, type SyncStatus, type VenueRow } from './db';

export type { PersonRow, StoredEvent, SyncStatus, VenueRow } from './db';

export class InvalidEventError extends Error {
	constructor(readonly reason: string) {
		super(reason);
		this.name = 'InvalidEventError';
	}
}

export interface PushResult {
	id: string;
	status: 'accepted' | 'duplicate' | 'conflict' | 'rejected' | 'gap';
	reason?: string;
}

export interface Problem {
	id: string;
	stream: string;
	type: string;
	seq: number;
	status: 'rejected' | 'conflict';
	reason: string;
	at: string;
}

export interface Clock {
	now(): number;
	random(bytes: number): Uint8Array;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	random: (n) => crypto.getRandomValues(new Uint8Array(n))
};

const CHAIN = 'chain';

export class EventStore {
	readonly db: YishiDb;

	constructor(
		name = 'yishi',
		private readonly clock: Clock = systemClock
	) {
		this.db = new YishiDb(name);
	}

	async #chain(): Promise<DeviceChain> {
		const row = await this.db.meta.get(CHAIN);
		return (row?.value as DeviceChain | undefined) ?? newChain(deviceName(this.clock.random(6)));
	}

	/** This installation's device name, made on first use and kept. */
	async device(): Promise<string> {
		return this.db.transaction('rw', this.db.meta, async () => {
			const chain = await this.#chain();
			await this.db.meta.put({ key: CHAIN, value: chain });
			return chain.device;
		});
	}

	/** Seals, validates and stores a new event; resolves after IndexedDB committed it. */
	async append(draft: EventDraft): Promise<EventEnvelope> {
		const now = this.clock.now();
		const id = uuidv7(now, this.clock.random(10));
		return this.db.transaction('rw', this.db.events, this.db.meta, async () => {
			const { event, chain } = seal(await this.#chain(), draft, id, now);
			const valid = validateEvent(event);
			if (!valid.ok) throw new InvalidEventError(valid.reason);
			await this.db.events.add(toRow(event, 1, 'pending'));
			await this.db.meta.put({ key: CHAIN, value: chain });
			return event;
		});
	}

	/** Stores events pulled from the server; invalid ones are skipped and counted. */
	async ingest(events: readonly unknown[]): Promise<{ added: number; invalid: number }> {
		const valid: EventEnvelope[] = [];
		const ids = new Set<string>();
		let invalid = 0;
		for (const raw of events) {
			const v = validateEvent(raw);
			const event = v.ok ? v.event : isUnreadable(raw) ? (raw as EventEnvelope) : null;
			if (!event) invalid++;
			else if (!ids.has(event.id)) {
				// one copy per id: a repeated event in a batch would fail bulkAdd and abort the whole batch
				ids.add(event.id);
				valid.push(event);
			}
		}
		if (valid.length === 0) return { added: 0, invalid };
		const added = await this.db.transaction('rw', this.db.events, this.db.meta, async () => {
			const known = await this.db.events.bulkGet(valid.map((e) => e.id));
			const fresh = valid.filter((_, i) => !known[i]);
			await this.db.events.bulkAdd(fresh.map((e) => toRow(e, 0, 'remote')));
			let chain = await this.#chain();
			const latest = valid.reduce((max, e) => (e.hlc > max ? e.hlc : max), '');
			if (latest) chain = observe(chain, latest, this.clock.now());
			await this.db.meta.put({ key: CHAIN, value: chain });
			return fresh.length;
		});
		return { added, invalid };
	}

	/** The oldest outbox events, in seq order. */
	async pending(limit = 500): Promise<EventEnvelope[]> {
		const rows = await this.db.events
			.where('[status+seq]')
			.between(['pending', 0], ['pending', Number.MAX_SAFE_INTEGER])
			.limit(limit)
			.toArray();
		return rows.map((r) => r.event);
	}

	async pendingCount(): Promise<number> {
		return this.db.events.where('status').equals('pending').count();
	}

	/**
	 * Applies a push response in one transaction. `high` is what the server has received of this
	 * device: anything above it (a gap, or a server restored from an older backup) is pending again.
	 */
	async applyPush(results: readonly PushResult[], high: number): Promise<void> {
		await this.db.transaction('rw', this.db.events, async () => {
			for (const r of results) {
				const row = await this.db.events.get(r.id);
				if (!row || row.mine !== 1) continue;
				const status: SyncStatus | null =
					r.status === 'accepted' || r.status === 'duplicate'
						? 'synced'
						: r.status === 'rejected' || r.status === 'conflict'
							? r.status
							: null;
				if (status) await this.db.events.update(r.id, { status, reason: r.reason ?? '' });
			}
			await this.db.events
				.where('[mine+seq]')
				.above([1, high])
				.and((row) => row.mine === 1 && row.status !== 'pending')
				.modify({ status: 'pending', reason: '' });
		});
	}

	async problems(): Promise<Problem[]> {
		const rows = await this.db.events.where('status').anyOf('rejected', 'conflict').toArray();
		return rows
			.sort((a, b) => a.seq - b.seq)
			.map((r) => ({
				id: r.id,
				stream: r.stream,
				type: r.event.type,
				seq: r.seq,
				status: r.status as 'rejected' | 'conflict',
				reason: r.reason,
				at: r.event.at
			}));
	}

	async streamEvents(stream: string): Promise<EventEnvelope[]> {
		return (await this.db.events.where('stream').equals(stream).toArray()).map((r) => r.event);
	}

	async venueEvents(venues: readonly string[]): Promise<EventEnvelope[]> {
		if (venues.length === 0) return [];
		return (await this.db.events.where('venue').anyOf([...venues]).toArray()).map((r) => r.event);
	}

	/** Count of this device's unsynced events per stream. */
	async pendingByStream(): Promise<Record<string, number>> {
		const out: Record<string, number> = {};
		await this.db.events
			.where('status')
			.equals('pending')
			.each((r) => {
				out[r.stream] = (out[r.stream] ?? 0) + 1;
			});
		return out;
	}

	async getMeta<T>(key: string): Promise<T | undefined> {
		return (await this.db.meta.get(key))?.value as T | undefined;
	}

	async setMeta(key: string, value: unknown): Promise<void> {
		await this.db.meta.put({ key, value });
	}

	/** Replaces the cached venues and people (what the signed-in user may read). */
	async replaceReference(venues: readonly VenueRow[], people: readonly PersonRow[]): Promise<void> {
		await this.db.transaction('rw', this.db.venues, this.db.people, async () => {
			await this.db.venues.clear();
			await this.db.people.clear();
			await this.db.venues.bulkPut([...venues]);
			await this.db.people.bulkPut([...people]);
		});
	}

	async venues(): Promise<VenueRow[]> {
		return this.db.venues.toArray();
	}

	async people(venue: string): Promise<PersonRow[]> {
		return this.db.people.where('venue').equals(venue).toArray();
	}

	close(): void {
		this.db.close();
	}
}


function toRow(event: EventEnvelope, mine: 0 | 1, status: SyncStatus): StoredEvent {
	return { id: event.id, stream: event.stream, venue: event.venue, seq: event.seq, mine, status, reason: '', event };
}

/** A pulled event of a type or version this build does not know is kept, not dropped. */
function isUnreadable(raw: unknown): boolean {
	const envelope = validateEnvelope(raw);
	return envelope.ok && !payloadSchema(envelope.event.type, envelope.event.v);
}

/** Re-runs `query` whenever the tables it read change (Dexie liveQuery). */
export function watch<T>(query: () => Promise<T>, next: (value: T) => void, error?: (e: unknown) => void): Subscription {
	return liveQuery(query).subscribe({ next, error });
}
