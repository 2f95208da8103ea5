/**
 * The consensus projection: the versions of the agreed text of a meeting, who signed which
 * version, who refused, and who still has to sign the current one. Also the photos of the meeting.
 *
 * Fold over a meeting stream in canonical order (`hlc`, `device`, `seq`); duplicates are dropped
 * by the caller (`inCanonicalOrder`) or ignored here by id. Merge rules, per fact:
 * - versions: every `consensus.drafted` is a version, numbered in canonical order; the current
 *   version is the last one. A version is identified by its text's hash (`text_sha256`).
 * - signatures and refusals bind to a version hash. Per person and version, the latest signature
 *   or refusal in canonical order is their standing answer; every one stays on record.
 * - A signature of an older version does not count for the current one: that person must sign
 *   again (listed in `mustSignAgain`). A signature naming a hash no version has (its version has
 *   not arrived yet) is kept in `unplaced` until it does.
 * - Everything after `meeting.closed` is marked `afterClose` (a correction, shown as such).
 */
import type { EventEnvelope } from './envelope';
import type { ConsensusCapacity } from './events/consensus';
import { MAX_CONSENSUS_CHARS, MAX_REFUSAL_CHARS } from './events/consensus';
import { isKnownVersion } from './events/registry';
import type { Signature } from './signature';
import { normaliseText, textSha256 } from './text-diff';

export interface ConsensusSignature {
	readonly event: string;
	readonly person: string;
	readonly capacity: ConsensusCapacity;
	readonly versionSha256: string;
	readonly signature: Signature;
	readonly at: string;
	readonly device: string;
	readonly afterClose: boolean;
}

export interface ConsensusRefusal {
	readonly event: string;
	readonly person: string;
	readonly versionSha256: string;
	readonly reason: string;
	readonly at: string;
	readonly afterClose: boolean;
}

export interface ConsensusVersion {
	/** The id of the `consensus.drafted` event. */
	readonly id: string;
	/** 1, 2, 3 … in canonical order. */
	readonly number: number;
	readonly sha256: string;
	readonly text: string;
	readonly previous: string | null;
	readonly at: string;
	readonly afterClose: boolean;
	/** Every signature naming this version's hash, in canonical order. */
	readonly signatures: readonly ConsensusSignature[];
	readonly refusals: readonly ConsensusRefusal[];
}

export interface PhotoRecord {
	readonly photo: string;
	readonly sha256: string;
	readonly bytes: number;
	readonly width: number;
	readonly height: number;
	readonly at: string;
	readonly afterClose: boolean;
}

export interface ConsensusState {
	readonly versions: readonly ConsensusVersion[];
	readonly current: ConsensusVersion | null;
	readonly closed: boolean;
	/** Standing signature on the current version, by person. */
	readonly signedCurrent: Readonly<Record<string, ConsensusSignature>>;
	/** Standing refusal of the current version, by person. */
	readonly refusedCurrent: Readonly<Record<string, ConsensusRefusal>>;
	/** People who signed an earlier version and have not answered the current one. */
	readonly mustSignAgain: readonly string[];
	/** Signatures and refusals naming a hash that no version has (yet). */
	readonly unplaced: number;
	readonly photos: readonly PhotoRecord[];
}

type Answer = { kind: 'signed'; value: ConsensusSignature } | { kind: 'refused'; value: ConsensusRefusal };

export class ConsensusFold {
	readonly #versions: { id: string; sha256: string; text: string; previous: string | null; at: string; afterClose: boolean }[] = [];
	readonly #signatures: ConsensusSignature[] = [];
	readonly #refusals: ConsensusRefusal[] = [];
	/** Latest answer per version hash and person, in canonical order. */
	readonly #answers = new Map<string, Map<string, Answer>>();
	readonly #photos = new Map<string, PhotoRecord>();
	readonly #seen = new Set<string>();
	#closed = false;

	constructor(readonly stream: string) {}

	apply(e: EventEnvelope): void {
		if (e.stream !== this.stream || this.#seen.has(e.id)) return;
		this.#seen.add(e.id);
		if (!isKnownVersion(e.type, e.v)) return;
		const p = e.payload as Record<string, unknown>;
		const afterClose = this.#closed;
		switch (e.type) {
			case 'meeting.closed':
				this.#closed = true;
				break;
			case 'consensus.drafted':
				this.#versions.push({
					id: e.id,
					sha256: p.text_sha256 as string,
					text: p.text as string,
					previous: (p.previous as string | undefined) ?? null,
					at: e.at,
					afterClose
				});
				break;
			case 'consensus.signed': {
				const value: ConsensusSignature = {
					event: e.id,
					person: p.person as string,
					capacity: p.capacity as ConsensusCapacity,
					versionSha256: p.version_sha256 as string,
					signature: p.signature as Signature,
					at: e.at,
					device: e.device,
					afterClose
				};
				this.#signatures.push(value);
				this.#answer(value.versionSha256, value.person, { kind: 'signed', value });
				break;
			}
			case 'consensus.refused': {
				const value: ConsensusRefusal = {
					event: e.id,
					person: p.person as string,
					versionSha256: p.version_sha256 as string,
					reason: p.reason as string,
					at: e.at,
					afterClose
				};
				this.#refusals.push(value);
				this.#answer(value.versionSha256, value.person, { kind: 'refused', value });
				break;
			}
			case 'photo.added': {
				const photo = p.photo as string;
				if (!this.#photos.has(photo)) {
					this.#photos.set(photo, {
						photo,
						sha256: p.sha256 as string,
						bytes: p.bytes as number,
						width: p.width as number,
						height: p.height as number,
						at: e.at,
						afterClose
					});
				}
				break;
			}
		}
	}

	#answer(version: string, person: string, answer: Answer): void {
		let byPerson = this.#answers.get(version);
		if (!byPerson) this.#answers.set(version, (byPerson = new Map()));
		byPerson.set(person, answer);
	}

	snapshot(): ConsensusState {
		const hashes = new Set(this.#versions.map((v) => v.sha256));
		const versions: ConsensusVersion[] = this.#versions.map((v, i) => ({
			...v,
			number: i + 1,
			signatures: this.#signatures.filter((s) => s.versionSha256 === v.sha256),
			refusals: this.#refusals.filter((r) => r.versionSha256 === v.sha256)
		}));
		const current = versions.at(-1) ?? null;
		const signedCurrent: Record<string, ConsensusSignature> = {};
		const refusedCurrent: Record<string, ConsensusRefusal> = {};
		const answered = current ? (this.#answers.get(current.sha256) ?? new Map<string, Answer>()) : new Map<string, Answer>();
		for (const [person, a] of answered) {
			if (a.kind === 'signed') signedCurrent[person] = a.value;
			else refusedCurrent[person] = a.value;
		}
		const mustSignAgain: string[] = [];
		if (current) {
			const earlier = new Set<string>();
			for (const s of this.#signatures) if (s.versionSha256 !== current.sha256 && hashes.has(s.versionSha256)) earlier.add(s.person);
			for (const person of earlier) if (!answered.has(person)) mustSignAgain.push(person);
		}
		const unplaced =
			this.#signatures.filter((s) => !hashes.has(s.versionSha256)).length + this.#refusals.filter((r) => !hashes.has(r.versionSha256)).length;
		return {
			versions,
			current,
			closed: this.#closed,
			signedCurrent,
			refusedCurrent,
			mustSignAgain,
			unplaced,
			photos: [...this.#photos.values()]
		};
	}
}

/** Projects a stream's consensus from events already in canonical order. */
export function projectConsensus(stream: string, canonical: readonly EventEnvelope[]): ConsensusState {
	const fold = new ConsensusFold(stream);
	for (const e of canonical) fold.apply(e);
	return fold.snapshot();
}

/** Who still has to answer the current version: present people who neither signed nor refused it. */
export function stillToSign(state: ConsensusState, present: readonly string[]): string[] {
	if (!state.current) return [];
	return present.filter((p) => !state.signedCurrent[p] && !state.refusedCurrent[p]);
}

export type DraftProblem = 'closed' | 'empty' | 'too_long' | 'unchanged';

/** Why this text cannot be recorded as a new version, or null. */
export function draftProblem(state: ConsensusState, text: string): DraftProblem | null {
	if (state.closed) return 'closed';
	const normal = normaliseText(text);
	if (normal.trim() === '') return 'empty';
	if (normal.length > MAX_CONSENSUS_CHARS) return 'too_long';
	if (state.current && state.current.sha256 === textSha256(normal)) return 'unchanged';
	return null;
}

/** The payload of a new version (normalised text, its hash, and the version it replaces). */
export function draftPayload(state: ConsensusState, text: string): Record<string, unknown> {
	const normal = normaliseText(text);
	const payload: Record<string, unknown> = { text: normal, text_sha256: textSha256(normal) };
	if (state.current) payload.previous = state.current.sha256;
	return payload;
}

export type AnswerProblem = 'closed' | 'no_version' | 'outdated' | 'already_signed' | 'no_reason' | 'reason_too_long';

/**
 * Why this person cannot sign (or refuse) the version with this hash now, or null. Signing an
 * outdated version is refused: the text changed since the signer read it.
 */
export function answerProblem(
	state: ConsensusState,
	versionSha256: string,
	person: string,
	refusal?: { reason: string }
): AnswerProblem | null {
	if (state.closed) return 'closed';
	if (!state.current) return 'no_version';
	if (state.current.sha256 !== versionSha256) return 'outdated';
	if (state.signedCurrent[person] && !refusal) return 'already_signed';
	if (refusal) {
		const reason = refusal.reason.trim();
		if (reason === '') return 'no_reason';
		if (reason.length > MAX_REFUSAL_CHARS) return 'reason_too_long';
	}
	return null;
}
