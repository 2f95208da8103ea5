/**
 * The tablet's event store. Appending an event is one IndexedDB transaction (the event, already
 * marked pending for the outbox, and the advanced device chain) and resolves only after commit.
 * The outbox is the set of this device's events whose status is `pending`.
 */
import { liveQuery, type Subscription } from 'dexie';
import {
	deviceName,
	newChain,
	STREAM_STARTS,
	observe,
	seal,
	uuidv7,
	isKnownVersion,
	validateEnvelope,
	validateEvent,
	type DeviceChain,
	type EventDraft,
	type EventEnvelope
} from '../domain';
import { YishiDb, type PersonRow, type StoredEvent, type StreamRow, type PhotoRow, type SyncStatus, type UrnRow, type VenueRow } from './db';

export type { PersonRow, PhotoRow, StoredEvent, SyncStatus, UrnRow, VenueRow } from './db';

export type UrnChoice = 'for' | 'against' | 'abstain';
const URN_CHOICES: readonly string[] = ['for', 'against', 'abstain'];

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

export type EventsListener = (events: readonly EventEnvelope[]) => void;

export class EventStore {
	readonly db: YishiDb;
	readonly #listeners = new Set<EventsListener>();
	/** The device chain as this window last stored it (checked against IndexedDB on each append). */
	#cached: DeviceChain | null = null;
	#appending: Promise<unknown> = Promise.resolve();
	/** Tells the app's other windows (e.g. the room display) what this one stored. */
	readonly #channel: BroadcastChannel | null;

	constructor(
		name = 'yishi',
		private readonly clock: Clock = systemClock
	) {
		this.db = new YishiDb(name);
		this.#channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`yishi-events:${name}`);
		if (this.#channel) {
			this.#channel.onmessage = (message: MessageEvent<EventEnvelope[]>) => this.#emit(message.data, false);
			// In Node (tests) an open channel would keep the process alive.
			(this.#channel as { unref?: () => void }).unref?.();
		}
	}

	/**
	 * Calls `listener` with every event stored from now on, by this window (after commit) or by
	 * another window of the app on this device, or pulled by sync. Cheaper than watching the
	 * events table: a screen merges just the new events instead of reading its stream again.
	 */
	onEvents(listener: EventsListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	#emit(events: readonly EventEnvelope[], broadcast: boolean): void {
		if (events.length === 0) return;
		for (const listener of this.#listeners) listener(events);
		if (broadcast) this.#channel?.postMessage(events);
	}

	/** The chain as stored, or a new one (with a new device name) on first use. */
	async #chain(): Promise<DeviceChain> {
		const row = await this.db.meta.get(CHAIN);
		return (row?.value as DeviceChain | undefined) ?? newChain(deviceName(this.clock.random(6)));
	}

	/** This installation's device name, made on first use and kept. */
	async device(): Promise<string> {
		const chain = await this.db.transaction('rw', this.db.meta, async () => {
			const chain = await this.#chain();
			await this.db.meta.put({ key: CHAIN, value: chain });
			return chain;
		});
		this.#cached = chain;
		return chain.device;
	}

	/**
	 * Seals, validates and stores a new event; resolves after IndexedDB committed it.
	 * The chain is taken from memory and checked inside the write transaction (read, add and put
	 * are issued together: one round trip instead of two). If another window of the app moved the
	 * chain meanwhile, the transaction is aborted, nothing is written, and it is tried again.
	 */
	append(draft: EventDraft): Promise<EventEnvelope> {
		// One at a time in this window, in the order they were asked for.
		const next = this.#appending.then(() => this.#append(draft));
		this.#appending = next.catch(() => undefined);
		return next;
	}

	/**
	 * A secret ballot: appends the event that says who voted (`draft`, with no choice in it) and, in
	 * the same IndexedDB transaction, adds the choice to this tablet's urn for `vote` (aggregate
	 * counts only). Both are stored or neither: a crash cannot lose a ballot or count one twice.
	 */
	appendWithUrn(draft: EventDraft, vote: string, choice: UrnChoice): Promise<EventEnvelope> {
		if (!URN_CHOICES.includes(choice)) return Promise.reject(new InvalidEventError(`not a ballot choice: ${String(choice)}`));
		const next = this.#appending.then(() =>
			this.#append(draft, async () => {
				const row = (await this.db.urns.get(vote)) ?? { vote, for: 0, against: 0, abstain: 0, ballots: 0 };
				await this.db.urns.put({ ...row, [choice]: row[choice] + 1, ballots: row.ballots + 1 });
			})
		);
		this.#appending = next.catch(() => undefined);
		return next;
	}

	/** This tablet's urn for a secret ballot: aggregate counts (zeros when nobody voted here). */
	async urn(vote: string): Promise<UrnRow> {
		return (await this.db.urns.get(vote)) ?? { vote, for: 0, against: 0, abstain: 0, ballots: 0 };
	}

	async #append(draft: EventDraft, alsoInTransaction?: () => Promise<void>): Promise<EventEnvelope> {
		const now = this.clock.now();
		const id = uuidv7(now, this.clock.random(10));
		for (let attempt = 0; attempt < 20; attempt++) {
			const base = this.#cached ?? (await this.#chain());
			const { event, chain } = seal(base, draft, id, now);
			const valid = validateEvent(event);
			if (!valid.ok) throw new InvalidEventError(valid.reason);
			try {
				const tables = alsoInTransaction ? [this.db.events, this.db.meta, this.db.streams, this.db.urns] : [this.db.events, this.db.meta, this.db.streams];
				await this.db.transaction('rw', tables, async () => {
					const stored = this.db.meta.get(CHAIN);
					const added = this.db.events.add(toRow(event, 1, 'pending'));
					const put = this.db.meta.put({ key: CHAIN, value: chain });
					const opened = this.#noteStreams([event]);
					const also = alsoInTransaction?.();
					// If the chain moved, the transaction aborts and `also` fails with it: handled here.
					also?.catch(() => undefined);
					if (!sameChain((await stored)?.value as DeviceChain | undefined, base)) throw new ChainMoved();
					await Promise.all([added, put, opened, also]);
				});
			} catch (error) {
				if (!(error instanceof ChainMoved)) throw error;
				this.#cached = null;
				continue;
			}
			this.#cached = chain;
			this.#emit([event], true);
			return event;
		}
		throw new Error('could not store the event: the device chain kept changing');
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
		const fresh = await this.db.transaction('rw', this.db.events, this.db.meta, this.db.streams, async () => {
			const known = await this.db.events.bulkGet(valid.map((e) => e.id));
			const unknown = valid.filter((_, i) => !known[i]);
			await this.db.events.bulkAdd(unknown.map((e) => toRow(e, 0, 'remote')));
			await this.#noteStreams(unknown);
			let chain = await this.#chain();
			const latest = valid.reduce((max, e) => (e.hlc > max ? e.hlc : max), '');
			if (latest) chain = observe(chain, latest, this.clock.now());
			await this.db.meta.put({ key: CHAIN, value: chain });
			this.#cached = chain;
			return unknown;
		});
		this.#emit(fresh, true);
		return { added: fresh.length, invalid };
	}

	/** Records the streams that these events open (inside the caller's transaction). */
	async #noteStreams(events: readonly EventEnvelope[]): Promise<void> {
		const rows = events.flatMap((e) => {
			const kind = STREAM_STARTS[e.type];
			return kind ? [{ id: e.stream, venue: e.venue, kind }] : [];
		});
		if (rows.length > 0) await this.db.streams.bulkPut(rows);
	}

	/**
	 * A summary per stream of `kind` in these venues, from the cache when the stream has not
	 * changed since (same event count, same `version` of the summary), else made by `summarize`
	 * from the stream's events and cached. A home screen lists meetings without reading every
	 * event of every meeting. Safe inside `watch`: the cache is written outside the query.
	 */
	async streamSummaries<T>(
		venues: readonly string[],
		kind: string,
		version: string,
		summarize: (stream: string, events: EventEnvelope[]) => T
	): Promise<T[]> {
		const streams = await this.streamsOfKind(kind, venues);
		const out: T[] = [];
		for (const s of streams) {
			const [count, cached] = await Promise.all([
				this.db.events.where('stream').equals(s.id).count(),
				this.db.summaries.get(s.id)
			]);
			if (cached && cached.version === version && cached.count === count) {
				out.push(cached.value as T);
				continue;
			}
			const value = summarize(s.id, await this.streamEvents(s.id));
			out.push(value);
			const row = { stream: s.id, version, count, value };
			setTimeout(() => void this.db.summaries.put(row).catch(() => undefined));
		}
		return out;
	}

	/**
	 * The streams of one kind this tablet knows (from their opening events): of these venues, or of
	 * any venue when none are given.
	 */
	async streamsOfKind(kind: string, venues?: readonly string[]): Promise<StreamRow[]> {
		if (!venues) return this.db.streams.filter((s) => s.kind === kind).toArray();
		if (venues.length === 0) return [];
		return (await this.db.streams.where('venue').anyOf([...venues]).toArray()).filter((s) => s.kind === kind);
	}

	/** Every event of these streams (any order). */
	async eventsOf(streams: readonly string[]): Promise<EventEnvelope[]> {
		if (streams.length === 0) return [];
		return (await this.db.events.where('stream').anyOf([...streams]).toArray()).map((r) => r.event);
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

	/**
	 * Stores a photo and its `photo.added` event in one transaction each, photo first: a photo
	 * whose event was never written is harmless (it is uploaded and shown nowhere), an event
	 * without its photo would be a hole in the minutes.
	 */
	async addPhoto(photo: Omit<PhotoRow, 'uploaded' | 'reason'>, event: EventDraft): Promise<EventEnvelope> {
		await this.db.photos.put({ ...photo, uploaded: 0, reason: '' });
		return this.append(event);
	}

	async photos(stream: string): Promise<PhotoRow[]> {
		return this.db.photos.where('stream').equals(stream).toArray();
	}

	/** Photos the server does not hold yet, oldest first (ids are time-ordered). */
	async pendingPhotos(limit = 20): Promise<PhotoRow[]> {
		const rows = await this.db.photos
			.where('uploaded')
			.equals(0)
			.and((p) => p.reason === '')
			.sortBy('id');
		return rows.slice(0, limit);
	}

	async pendingPhotoCount(): Promise<number> {
		return this.db.photos.where('uploaded').equals(0).count();
	}

	async markPhoto(id: string, uploaded: boolean, reason = ''): Promise<void> {
		await this.db.photos.update(id, { uploaded: uploaded ? 1 : 0, reason });
	}

	close(): void {
		this.#channel?.close();
		this.#listeners.clear();
		this.db.close();
	}
}


class ChainMoved extends Error {}

/** Whether the stored chain is the one an event was sealed on (absent: a chain not yet stored). */
function sameChain(stored: DeviceChain | undefined, base: DeviceChain): boolean {
	if (!stored) return base.seq === 0;
	return (
		stored.device === base.device &&
		stored.seq === base.seq &&
		stored.lastHash === base.lastHash &&
		stored.clock.ms === base.clock.ms &&
		stored.clock.counter === base.clock.counter
	);
}

function toRow(event: EventEnvelope, mine: 0 | 1, status: SyncStatus): StoredEvent {
	return { id: event.id, stream: event.stream, venue: event.venue, seq: event.seq, mine, status, reason: '', event };
}

/** A pulled event of a type or version this build does not know is kept, not dropped. */
function isUnreadable(raw: unknown): boolean {
	const envelope = validateEnvelope(raw);
	return envelope.ok && !isKnownVersion(envelope.event.type, envelope.event.v);
}

/** Re-runs `query` whenever the tables it read change (Dexie liveQuery). */
export function watch<T>(query: () => Promise<T>, next: (value: T) => void, error?: (e: unknown) => void): Subscription {
	return liveQuery(query).subscribe({ next, error });
}
