/**
 * Plain rows the minutes' sections draw. Each feature's projection is turned into these by the
 * minutes page; a section knows nothing of events.
 */
import type { ConsensusVersion, ParticipantRole, PhotoRecord, Signature, VoteChoice } from '$lib/domain';

export interface MinutesHeaderInfo {
	title: string;
	description: string;
	venue: string;
	region: string;
	date: string | null;
	closedAt: string | null;
	place: string;
	moderator: string;
	form: string;
}

export interface AttendanceRow {
	person: string;
	name: string;
	role: ParticipantRole;
	organisation: string;
	arrivedAt: string | null;
	walkIn: boolean;
	/** The check-in signature, when the person signed in on screen. */
	signature?: Signature;
}

export interface SpeakingRow {
	/** The turn's id (its `speaker.queued` event). */
	turn: string;
	/** 1, 2, … in the order the turns started. */
	order: number;
	person: string;
	name: string;
	/** The role, in words. */
	role: string;
	/** Statement, addition, point of order, explanation, in words. */
	kind: string;
	durationSeconds: number;
	/** Seconds beyond the limit (extensions included), 0 if none. */
	overrunSeconds: number;
	/** Still speaking when the minutes were drawn (duration so far). */
	running: boolean;
	/** The current note ('' if none). */
	note: string;
	/** The first note, when a later one corrected it; else null. */
	originalNote: string | null;
}

export interface VoteTally {
	choice: VoteChoice;
	label: string;
	count: number;
}

export interface VoteRow {
	vote: string;
	motion: string;
	/** The method, in words. */
	method: string;
	/** Who could vote: "到会人员，可表决 11 人，到会 11 人". */
	voters: string;
	entitled: number;
	/** The rule as a sentence. */
	rule: string;
	/** The tally that counts (after corrections), in the method's order. */
	tally: VoteTally[];
	passed: boolean;
	/** 通过 / 未通过 / 达成共识 / 未达成共识. */
	verdict: string;
	/** Why, with the numbers: "通过：赞成 10 票，超过实到 11 人的半数（至少需 6 票）。" */
	reason: string;
	/** Not closed yet: the result is provisional. */
	open: boolean;
	/** The tally before corrections, in words, when there were corrections; else null. */
	original: string | null;
	/** Each correction with its reason, in canonical order. */
	corrections: string[];
}

export interface ConsensusSigner {
	person: string;
	name: string;
	capacity: 'participant' | 'witness';
	signature: Signature;
	at: string;
	afterClose: boolean;
}

export interface ConsensusMinutes {
	current: ConsensusVersion | null;
	/** Standing signatures on the current version. */
	signers: ConsensusSigner[];
	refusals: { name: string; reason: string; at: string; afterClose: boolean }[];
	/** Signatures given to earlier versions only (on record, not counted for the current text). */
	earlier: { name: string; version: number; at: string }[];
	versions: number;
}

export interface MinutesPhoto extends Pick<PhotoRecord, 'photo' | 'sha256' | 'width' | 'height' | 'afterClose'> {
	/** An object URL of the stored JPEG, or null when this tablet does not hold it. */
	url: string | null;
}
