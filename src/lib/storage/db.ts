/**
 * The tablet's IndexedDB, through Dexie. The only module that imports Dexie.
 * - `events`: every event this tablet knows: its own (`mine` = 1, with a sync status) and pulled ones.
 * - `meta`: the device chain, pull cursors, last sync, the cached session.
 * - `venues`, `people`: reference data cached for offline use.
 */
import Dexie, { type Table } from 'dexie';
import { STREAM_STARTS, type EventEnvelope } from '../domain';

export type SyncStatus = 'pending' | 'synced' | 'rejected' | 'conflict' | 'remote';

export interface StoredEvent {
	id: string;
	stream: string;
	venue: string;
	seq: number;
	mine: 0 | 1;
	status: SyncStatus;
	reason: string;
	event: EventEnvelope;
}

export interface MetaRow {
	key: string;
	value: unknown;
}

export interface VenueRow {
	id: string;
	name: string;
	kind: string;
	region: string;
	regionName: string;
}

export interface PersonRow {
	id: string;
	venue: string;
	name: string;
	kind: string;
	role: string;
	sector: string;
	organisation: string;
	phoneMasked: string;
}

/** A stream this tablet knows, from its opening event: lists streams without reading events. */
export interface StreamRow {
	id: string;
	venue: string;
	kind: string;
}

/** A screen's cached summary of a stream, valid while the stream holds `count` events. */
export interface SummaryRow {
	stream: string;
	version: string;
	count: number;
	value: unknown;
}

/**
 * A secret ballot's urn on this tablet: aggregate counts only, never synced, never a voter. It is
 * changed in the same transaction as the `vote.ballot_cast` event that says who voted.
 */
export interface UrnRow {
	vote: string;
	for: number;
	against: number;
	abstain: number;
	ballots: number;
}

/**
 * A photo taken on this tablet: the scaled-down JPEG kept until the server has it (and after, for
 * the minutes). `uploaded` is 0 until the server holds a record with the photo's id.
 */
export interface PhotoRow {
	id: string;
	stream: string;
	venue: string;
	sha256: string;
	bytes: number;
	width: number;
	height: number;
	blob: Blob;
	uploaded: 0 | 1;
	/** The last upload failure, shown to the moderator; empty when none. */
	reason: string;
}

export class YishiDb extends Dexie {
	events!: Table<StoredEvent, string>;
	meta!: Table<MetaRow, string>;
	venues!: Table<VenueRow, string>;
	people!: Table<PersonRow, string>;
	streams!: Table<StreamRow, string>;
	summaries!: Table<SummaryRow, string>;
	urns!: Table<UrnRow, string>;
	photos!: Table<PhotoRow, string>;

	constructor(name: string) {
		super(name);
		this.version(1).stores({
			events: 'id, stream, venue, [status+seq], [mine+seq], [stream+status]',
			meta: 'key',
			venues: 'id',
			people: 'id, venue'
		});
		this.version(2)
			.stores({ streams: 'id, venue', summaries: 'stream' })
			.upgrade(async (tx) => {
				await tx
					.table('events')
					.toCollection()
					.each((row: StoredEvent) => {
						const kind = STREAM_STARTS[row.event.type];
						if (kind) void tx.table('streams').put({ id: row.stream, venue: row.venue, kind });
					});
			});
		this.version(3).stores({ urns: 'vote' });
		this.version(4).stores({ photos: 'id, stream, uploaded' });
	}
}
