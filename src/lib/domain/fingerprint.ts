/**
 * The fingerprint of a meeting's record, printed on the minutes and checked by anyone on the
 * verify page (pocketbase/protocol.md, "Fingerprint and verify").
 *
 * fingerprint = SHA-256 (lowercase hex) of the RFC 8785 canonical JSON of the array of the
 * stream's event hashes, in canonical order (`hlc`, `device`, `seq`), each event once.
 *
 * The server recomputes every stored event's hash from its stored content (not from the stored
 * `hash` field), checks each device's chain (`prev`), folds the consensus, and compares the
 * fingerprint it gets with the one on paper. `verifyRecord` is that check; it runs in the
 * PocketBase hook (bundled) with PocketBase's native SHA-256, and in Node tests.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { ConsensusFold } from './consensus';
import { canonicalJson, hashInput } from './canonical';
import type { EventEnvelope } from './envelope';
import { compareEvents, inCanonicalOrder } from './order';

export const FINGERPRINT_PATTERN = /^[0-9a-f]{64}$/;

export function fingerprintOfHashes(hashes: readonly string[], sha256: (text: string) => string): string {
	return sha256(canonicalJson(hashes));
}

export function meetingFingerprint(events: Iterable<EventEnvelope>, sha256: (text: string) => string): string {
	return fingerprintOfHashes(
		inCanonicalOrder(events).map((e) => e.hash),
		sha256
	);
}

/** SHA-256 (lowercase hex) of raw bytes, e.g. a photo's JPEG. */
export function bytesSha256(bytes: Uint8Array): string {
	return bytesToHex(nobleSha256(bytes));
}

/** The verify page's address for a meeting and its fingerprint (what the QR code holds). */
export function verifyUrl(origin: string, stream: string, fingerprint: string): string {
	return `${origin}/verify?stream=${stream}&fp=${fingerprint}`;
}

/** 64 hex characters as 8 groups of 8, for print and for reading aloud over the phone. */
export function groupHex(hex: string): string[] {
	return hex.match(/.{1,8}/g) ?? [];
}

/** What a person types: spaces, dashes and capitals are allowed. Null when it is no fingerprint. */
export function parseFingerprint(input: string): string | null {
	const hex = input.toLowerCase().replace(/[\s-]/g, '');
	return FINGERPRINT_PATTERN.test(hex) ? hex : null;
}

export interface VerifySigner {
	readonly name: string;
	readonly capacity: string;
	readonly at: string;
	readonly afterClose: boolean;
}

export interface VerifyVersion {
	readonly number: number;
	readonly sha256: string;
	readonly at: string;
	readonly current: boolean;
	readonly signers: readonly VerifySigner[];
	readonly refusals: readonly { name: string; reason: string; at: string }[];
}

/** Why a stored record differs from what was printed or from itself (`VerifyDiff.code`). */
export type VerifyDiffCode =
	| 'not_json'
	| 'not_event'
	| 'id_mismatch'
	| 'other_stream'
	| 'hash_mismatch'
	| 'first_has_prev'
	| 'prev_missing'
	| 'prev_mismatch'
	| 'no_events'
	| 'fingerprint_mismatch';

/**
 * One thing that differs, structured for the page to word in the reader's language: the stored
 * event (`event` id; `type`, `device`, `seq` when its content could be read), and for the chain
 * codes the device and seq of the event before it (`prevSeq`). `message` is the same in English
 * for API users.
 */
export interface VerifyDiff {
	readonly code: VerifyDiffCode;
	readonly event: string | null;
	readonly type: string | null;
	readonly device: string | null;
	readonly seq: number | null;
	readonly prevSeq: number | null;
	readonly message: string;
}

export interface VerifyReport {
	readonly match: boolean;
	readonly stream: string;
	readonly events: number;
	readonly fingerprint: string;
	readonly claimed: string;
	readonly differs: readonly VerifyDiff[];
	readonly title: string;
	readonly closedAt: string | null;
	readonly versions: readonly VerifyVersion[];
}

export interface StoredRow {
	/** The record id (the event id as stored in its own column). */
	readonly id: string;
	/** The stored canonical JSON of the event. */
	readonly raw: string;
}

/**
 * Checks a stream's stored events against a claimed fingerprint. `predecessors` holds, by
 * `device:seq`, the stored JSON of events of other streams that a chain check needs (the event
 * before one of this stream's). `nameOf` gives a person's name (never a phone).
 */
export function verifyRecord(input: {
	stream: string;
	rows: readonly StoredRow[];
	predecessors: Readonly<Record<string, string>>;
	claimed: string;
	sha256: (text: string) => string;
	nameOf: (person: string) => string;
}): VerifyReport {
	const { stream, rows, predecessors, claimed, sha256, nameOf } = input;
	const differs: VerifyDiff[] = [];
	const diff = (code: VerifyDiffCode, message: string, at: Partial<Omit<VerifyDiff, 'code' | 'message'>> = {}) =>
		differs.push({ code, event: null, type: null, device: null, seq: null, prevSeq: null, ...at, message });
	const events: { event: EventEnvelope; content: string }[] = [];
	for (const row of rows) {
		let event: EventEnvelope;
		try {
			event = JSON.parse(row.raw) as EventEnvelope;
		} catch {
			diff('not_json', `event ${row.id}: stored content is not JSON`, { event: row.id });
			continue;
		}
		if (event === null || typeof event !== 'object') {
			diff('not_event', `event ${row.id}: stored content is not an event`, { event: row.id });
			continue;
		}
		const content = sha256(hashInput(event as unknown as Record<string, unknown>));
		const where = { event: row.id, type: String(event.type), device: String(event.device), seq: typeof event.seq === 'number' ? event.seq : null };
		const label = `event ${row.id} (${String(event.type)}, seq ${String(event.seq)} of ${String(event.device)})`;
		if (event.id !== row.id) diff('id_mismatch', `${label}: stored id does not match its content`, where);
		if (event.stream !== stream) diff('other_stream', `${label}: belongs to another stream`, where);
		if (content !== event.hash) diff('hash_mismatch', `${label}: stored content does not match its hash`, where);
		events.push({ event, content });
	}
	events.sort((a, b) => compareEvents(a.event, b.event));

	// Each device's chain: `prev` is the hash of the device's event with seq - 1.
	const bySeq = new Map<string, string>();
	for (const { event } of events) bySeq.set(`${event.device}:${event.seq}`, event.hash);
	for (const { event } of events) {
		const where = { event: event.id, type: event.type, device: event.device, seq: event.seq };
		if (event.seq === 1) {
			if (event.prev !== '') diff('first_has_prev', `event ${event.id}: the first event of a device must have no prev`, where);
			continue;
		}
		const key = `${event.device}:${event.seq - 1}`;
		let before = bySeq.get(key);
		if (before === undefined && predecessors[key] !== undefined) {
			try {
				before = (JSON.parse(predecessors[key]) as { hash?: string }).hash;
			} catch {
				before = undefined;
			}
		}
		const chain = { ...where, prevSeq: event.seq - 1 };
		if (before === undefined) diff('prev_missing', `event ${event.id}: the event before it on ${event.device} (seq ${event.seq - 1}) is missing`, chain);
		else if (before !== event.prev) diff('prev_mismatch', `event ${event.id}: its prev does not match the hash of seq ${event.seq - 1} of ${event.device}`, chain);
	}

	const fingerprint = fingerprintOfHashes(
		events.map((e) => e.content),
		sha256
	);
	if (events.length === 0) diff('no_events', 'no events of this meeting are stored on the server');
	else if (fingerprint !== claimed) {
		diff('fingerprint_mismatch', `fingerprint: the server's record of ${events.length} events gives ${fingerprint}, not the fingerprint given`);
	}

	const fold = new ConsensusFold(stream);
	let title = '';
	let closedAt: string | null = null;
	const walkIns = new Map<string, string>();
	for (const { event } of events) {
		fold.apply(event);
		const p = (event.payload ?? {}) as Record<string, unknown>;
		if (event.type === 'meeting.opened' && !title) title = String(p.title ?? '');
		if (event.type === 'meeting.details_changed' && typeof p.title === 'string') title = p.title;
		if (event.type === 'meeting.closed' && closedAt === null) closedAt = event.at;
		if (event.type === 'participant.registered') walkIns.set(String(p.participant), String(p.name ?? ''));
	}
	const name = (person: string) => walkIns.get(person) ?? nameOf(person);
	const state = fold.snapshot();
	const versions: VerifyVersion[] = state.versions.map((v) => ({
		number: v.number,
		sha256: v.sha256,
		at: v.at,
		current: v === state.current,
		signers: v.signatures.map((s) => ({ name: name(s.person), capacity: s.capacity, at: s.at, afterClose: s.afterClose })),
		refusals: v.refusals.map((r) => ({ name: name(r.person), reason: r.reason, at: r.at }))
	}));
	return {
		match: differs.length === 0,
		stream,
		events: events.length,
		fingerprint,
		claimed,
		differs,
		title,
		closedAt,
		versions
	};
}
