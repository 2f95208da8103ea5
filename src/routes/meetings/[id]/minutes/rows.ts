/**
 * Plain rows the minutes' sections draw. Each feature's projection is turned into these by the
 * minutes page; a section knows nothing of events.
 */
import type { ConsensusVersion, ParticipantRole, PhotoRecord, Signature } from '$lib/domain';

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
	order: number;
	name: string;
	role: string;
	durationSeconds: number;
	overrunSeconds: number;
	note: string;
}

export interface VoteRow {
	motion: string;
	method: string;
	rule: string;
	entitled: number;
	tally: { label: string; count: number }[];
	passed: boolean;
	reason: string;
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
