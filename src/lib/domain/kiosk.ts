/**
 * The members' home kiosk (委员之家): days at the door, member cards, and the duty record.
 * Pure: time, dates and randomness are arguments. Any delivery order of the same events, with
 * duplicates, gives the same state (events are folded in canonical order, each id once).
 *
 * Merge rules, per fact:
 * - A day is a venue and a local date. If two tablets each opened the same date offline, both
 *   streams belong to that one day: the first opening in canonical order gives the kind of day,
 *   the members on duty are the union of all openings, and the tablet records into the first
 *   stream (`primaryStream`). (A tablet looks for the day on itself before opening it.)
 * - Check-in and check-out, per person, in canonical order: a standing (not revoked) check-in
 *   while out starts a visit; a check-in while already in (the same person checked in on two
 *   tablets) joins that visit and counts once; a check-out while in ends the visit; a check-out
 *   while out changes nothing and is listed as stray. A person is in when their last visit is open.
 * - A revocation names the check-in events it revokes and counts only for the person it names
 *   (one naming another person revokes nothing); the first one that counts, in canonical order,
 *   is the one shown; the check-in and its revocations all stay on record.
 * - A card is valid from `card.issued` until its first `card.revoked`.
 * - Events of an unknown type or version are listed, never applied.
 */
import { sha256Hex } from './canonical';
import type { EventEnvelope } from './envelope';
import type { MeetingState } from './meeting';
import type { Signature } from './signature';
import type { SpeakingState } from './speaking';
import type { KioskCheckInMethod, KioskDayKind } from './events/kiosk';
import { isKnownVersion } from './events/registry';
import { inCanonicalOrder } from './order';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// ————————————————————————————————————————————— days

export interface KioskCheckIn {
	readonly event: string;
	readonly stream: string;
	readonly person: string;
	readonly method: KioskCheckInMethod;
	/** The card's id when checked in by card. */
	readonly card: string | null;
	/** The handwritten signature when checked in by signature. */
	readonly signature: Signature | null;
	readonly at: string;
	readonly device: string;
	readonly revokedBy: string | null;
	readonly revokeReason: string;
}

/** One stay at the members' home: from a check-in to a check-out (or still open). */
export interface KioskVisit {
	readonly checkIn: string;
	readonly method: KioskCheckInMethod;
	readonly inAt: string;
	readonly outAt: string | null;
	readonly checkOut: string | null;
	/** Further check-ins of the same stay (another tablet checked the person in too). */
	readonly duplicates: readonly string[];
}

export interface KioskPersonDay {
	readonly person: string;
	readonly in: boolean;
	readonly visits: readonly KioskVisit[];
	readonly checkIns: readonly KioskCheckIn[];
	/** Check-outs recorded while the person was not in: kept, changing nothing. */
	readonly strayCheckOuts: readonly string[];
}

export interface ResidentVisit {
	readonly event: string;
	readonly visitor: string;
	readonly request: string;
	readonly notedBy: string;
	readonly at: string;
}

export interface KioskDayState {
	readonly venue: string;
	readonly date: string;
	/** Streams of this day, the first opened (in canonical order) first. */
	readonly streams: readonly string[];
	readonly kind: KioskDayKind;
	readonly onDuty: readonly string[];
	readonly openedAt: string;
	readonly people: Readonly<Record<string, KioskPersonDay>>;
	/** People in now, in the order they arrived. */
	readonly inNow: readonly string[];
	readonly visits: readonly ResidentVisit[];
	readonly eventCount: number;
}

/** The stream a tablet records a day's facts into. */
export function primaryStream(day: KioskDayState): string {
	return day.streams[0]!;
}

export function dayKey(venue: string, date: string): string {
	return `${venue}|${date}`;
}

interface DayFacts {
	venue: string;
	date: string;
	streams: string[];
	kind: KioskDayKind;
	onDuty: string[];
	openedAt: string;
	/** check-ins and check-outs in canonical order */
	moves: ({ kind: 'in'; c: KioskCheckIn } | { kind: 'out'; event: string; person: string; at: string })[];
	/** Per check-in event, every revocation naming it, in canonical order. */
	revocations: Map<string, { by: string; person: string; reason: string }[]>;
	visits: ResidentVisit[];
	eventCount: number;
}

/**
 * Folds the events of kiosk day streams (of any venues and dates) in canonical order. Events of
 * other streams, and events of a stream whose opening it has not seen, are ignored.
 */
export class KioskDayFold {
	readonly #days = new Map<string, DayFacts>();
	readonly #streamDay = new Map<string, DayFacts>();
	readonly #seen = new Set<string>();
	readonly #unreadable: { id: string; type: string; v: number }[] = [];

	apply(e: EventEnvelope): void {
		if (this.#seen.has(e.id)) return;
		this.#seen.add(e.id);
		if (!e.type.startsWith('kiosk.')) return;
		if (!isKnownVersion(e.type, e.v)) {
			this.#unreadable.push({ id: e.id, type: e.type, v: e.v });
			return;
		}
		const p = e.payload as Record<string, unknown>;
		if (e.type === 'kiosk.day_opened') {
			if (this.#streamDay.has(e.stream)) return;
			const key = dayKey(e.venue, p.date as string);
			let day = this.#days.get(key);
			if (!day) {
				day = {
					venue: e.venue,
					date: p.date as string,
					streams: [],
					kind: p.kind as KioskDayKind,
					onDuty: [],
					openedAt: e.at,
					moves: [],
					revocations: new Map(),
					visits: [],
					eventCount: 0
				};
				this.#days.set(key, day);
			}
			day.streams.push(e.stream);
			for (const person of p.on_duty as string[]) if (!day.onDuty.includes(person)) day.onDuty.push(person);
			day.eventCount++;
			this.#streamDay.set(e.stream, day);
			return;
		}
		const day = this.#streamDay.get(e.stream);
		if (!day) return;
		day.eventCount++;
		switch (e.type) {
			case 'kiosk.checked_in':
				day.moves.push({
					kind: 'in',
					c: {
						event: e.id,
						stream: e.stream,
						person: p.person as string,
						method: p.method as KioskCheckInMethod,
						card: (p.card as string | undefined) ?? null,
						signature: (p.signature as Signature | undefined) ?? null,
						at: e.at,
						device: e.device,
						revokedBy: null,
						revokeReason: ''
					}
				});
				break;
			case 'kiosk.checked_out':
				day.moves.push({ kind: 'out', event: e.id, person: p.person as string, at: e.at });
				break;
			case 'kiosk.check_in_revoked':
				for (const id of p.check_ins as string[]) {
					const r = { by: e.id, person: p.person as string, reason: (p.reason as string | undefined) ?? '' };
					const list = day.revocations.get(id);
					if (list) list.push(r);
					else day.revocations.set(id, [r]);
				}
				break;
			case 'kiosk.visit_noted':
				day.visits.push({
					event: e.id,
					visitor: (p.visitor as string | undefined) ?? '',
					request: p.request as string,
					notedBy: p.noted_by as string,
					at: e.at
				});
				break;
		}
	}

	get unreadable(): readonly { id: string; type: string; v: number }[] {
		return this.#unreadable;
	}

	/** Every day folded so far, by `dayKey(venue, date)`. */
	snapshot(): Record<string, KioskDayState> {
		const out: Record<string, KioskDayState> = {};
		for (const [key, day] of this.#days) out[key] = snapshotDay(day);
		return out;
	}

	/** One day, or null when no stream of it has been opened. */
	day(venue: string, date: string): KioskDayState | null {
		const day = this.#days.get(dayKey(venue, date));
		return day ? snapshotDay(day) : null;
	}
}

function snapshotDay(day: DayFacts): KioskDayState {
	interface Open {
		visits: Mutable<KioskVisit>[];
		checkIns: KioskCheckIn[];
		stray: string[];
	}
	const byPerson = new Map<string, Open>();
	const get = (person: string) => {
		let p = byPerson.get(person);
		if (!p) byPerson.set(person, (p = { visits: [], checkIns: [], stray: [] }));
		return p;
	};
	for (const move of day.moves) {
		if (move.kind === 'in') {
			const r = day.revocations.get(move.c.event)?.find((x) => x.person === move.c.person);
			const c = r ? { ...move.c, revokedBy: r.by, revokeReason: r.reason } : move.c;
			const p = get(c.person);
			p.checkIns.push(c);
			if (c.revokedBy) continue;
			const last = p.visits.at(-1);
			if (last && last.outAt === null) last.duplicates = [...last.duplicates, c.event];
			else p.visits.push({ checkIn: c.event, method: c.method, inAt: c.at, outAt: null, checkOut: null, duplicates: [] });
		} else {
			const p = get(move.person);
			const last = p.visits.at(-1);
			if (last && last.outAt === null) {
				last.outAt = move.at;
				last.checkOut = move.event;
			} else p.stray.push(move.event);
		}
	}
	const people: Record<string, KioskPersonDay> = {};
	const inNow: { person: string; at: string }[] = [];
	for (const [person, p] of byPerson) {
		const last = p.visits.at(-1);
		const isIn = !!last && last.outAt === null;
		people[person] = { person, in: isIn, visits: p.visits, checkIns: p.checkIns, strayCheckOuts: p.stray };
		if (isIn) inNow.push({ person, at: last.inAt });
	}
	return {
		venue: day.venue,
		date: day.date,
		streams: [...day.streams],
		kind: day.kind,
		onDuty: [...day.onDuty],
		openedAt: day.openedAt,
		people,
		inNow: inNow.map((x) => x.person),
		visits: [...day.visits],
		eventCount: day.eventCount
	};
}

/** All days in a set of events, in any order, duplicates allowed. */
export function projectKioskDays(events: Iterable<EventEnvelope>): Record<string, KioskDayState> {
	const fold = new KioskDayFold();
	for (const e of inCanonicalOrder(events)) fold.apply(e);
	return fold.snapshot();
}

/** The standing check-ins of a person's open stay: what a revocation must name. */
export function standingKioskCheckIns(day: KioskDayState, person: string): string[] {
	const p = day.people[person];
	const last = p?.visits.at(-1);
	if (!p || !last || last.outAt !== null) return [];
	return [last.checkIn, ...last.duplicates];
}

export type KioskProblem = 'no_day' | 'already_in' | 'not_in' | 'not_member';

/** Why a person cannot check in now, or null. */
export function kioskCheckInProblem(day: KioskDayState | null, person: string, members: readonly string[]): KioskProblem | null {
	if (!day) return 'no_day';
	if (!members.includes(person)) return 'not_member';
	if (day.people[person]?.in) return 'already_in';
	return null;
}

/** Why a person cannot check out now, or null. */
export function kioskCheckOutProblem(day: KioskDayState | null, person: string): KioskProblem | null {
	if (!day) return 'no_day';
	if (!day.people[person]?.in) return 'not_in';
	return null;
}

export type VisitProblem = 'no_request' | 'request_too_long' | 'visitor_too_long' | 'no_member';

export function visitProblem(visitor: string, request: string, notedBy: string): VisitProblem | null {
	if (!request.trim()) return 'no_request';
	if (request.trim().length > 1000) return 'request_too_long';
	if (visitor.trim().length > 50) return 'visitor_too_long';
	if (!notedBy) return 'no_member';
	return null;
}

// ————————————————————————————————————————————— cards

export const CARD_PREFIX = 'yishi:card:';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** 16 random bytes, 26 base32 characters (128 bits). */
export const CARD_TOKEN_BYTES = 16;
const TOKEN = /^[A-Z2-7]{26}$/;

export function base32(bytes: Uint8Array): string {
	let out = '';
	let bits = 0;
	let value = 0;
	for (const b of bytes) {
		value = (value << 8) | b;
		bits += 8;
		while (bits >= 5) {
			out += BASE32[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
	return out;
}

/** A new card token from 16 random bytes; printed in the QR as `yishi:card:<token>`. */
export function newCardToken(random: Uint8Array): string {
	if (random.length < CARD_TOKEN_BYTES) throw new Error('a card token needs 16 random bytes');
	return base32(random.subarray(0, CARD_TOKEN_BYTES));
}

export function cardQrText(token: string): string {
	return CARD_PREFIX + token;
}

/** What `card.issued` stores: the SHA-256 of the token, never the token. */
export function cardTokenHash(token: string): string {
	return sha256Hex(token);
}

/** The token in a scanned text, or null when it is not one of our cards (forged or foreign). */
export function parseCardText(text: string): string | null {
	const t = text.trim();
	if (!t.toLowerCase().startsWith(CARD_PREFIX)) return null;
	const token = t.slice(CARD_PREFIX.length).toUpperCase();
	return TOKEN.test(token) ? token : null;
}

export interface MemberCard {
	readonly card: string;
	readonly venue: string;
	readonly person: string;
	readonly tokenSha256: string;
	readonly issuedAt: string;
	readonly revoked: boolean;
	readonly revokedAt: string | null;
	readonly revokeReason: string;
}

/** Folds card streams (`card.issued`, `card.revoked`) in canonical order. */
export class CardFold {
	readonly #cards = new Map<string, Mutable<MemberCard>>();
	readonly #seen = new Set<string>();

	apply(e: EventEnvelope): void {
		if (this.#seen.has(e.id) || !e.type.startsWith('card.') || !isKnownVersion(e.type, e.v)) return;
		this.#seen.add(e.id);
		const p = e.payload as Record<string, unknown>;
		if (e.type === 'card.issued') {
			if (this.#cards.has(e.stream)) return;
			this.#cards.set(e.stream, {
				card: e.stream,
				venue: e.venue,
				person: p.person as string,
				tokenSha256: p.token_sha256 as string,
				issuedAt: e.at,
				revoked: false,
				revokedAt: null,
				revokeReason: ''
			});
		} else if (e.type === 'card.revoked') {
			const card = this.#cards.get(e.stream);
			if (!card || card.revoked) return;
			card.revoked = true;
			card.revokedAt = e.at;
			card.revokeReason = (p.reason as string | undefined) ?? '';
		}
	}

	snapshot(): Record<string, MemberCard> {
		const out: Record<string, MemberCard> = {};
		for (const [id, c] of this.#cards) out[id] = { ...c };
		return out;
	}
}

export function projectCards(events: Iterable<EventEnvelope>): Record<string, MemberCard> {
	const fold = new CardFold();
	for (const e of inCanonicalOrder(events)) fold.apply(e);
	return fold.snapshot();
}

export type CardProblem = 'forged' | 'unknown' | 'revoked';

/**
 * The card a scanned text stands for at this venue: `forged` when it is not a well-formed card
 * text, `unknown` when no card of this venue has that token, `revoked` when it was revoked.
 */
export function findCard(
	cards: Readonly<Record<string, MemberCard>>,
	venue: string,
	scanned: string
): { ok: true; card: MemberCard } | { ok: false; problem: CardProblem } {
	const token = parseCardText(scanned);
	if (!token) return { ok: false, problem: 'forged' };
	const hash = cardTokenHash(token);
	const matches = Object.values(cards).filter((c) => c.venue === venue && c.tokenSha256 === hash);
	if (matches.length === 0) return { ok: false, problem: 'unknown' };
	const valid = matches.find((c) => !c.revoked);
	return valid ? { ok: true, card: valid } : { ok: false, problem: 'revoked' };
}

// ————————————————————————————————————————————— duty record

export interface DutyRow {
	readonly person: string;
	/** YYYY-MM */
	readonly month: string;
	/** Stays at the members' home (check-ins that started a visit). */
	readonly checkIns: number;
	/** Days with at least one stay. */
	readonly daysIn: number;
	/** Days on the duty list on which the person checked in. */
	readonly dutyDays: number;
	/** Days on the duty list. */
	readonly dutyDaysListed: number;
	/** Meetings at which the person was present. */
	readonly meetings: number;
	/** Speaking turns the person took in meetings (turns that started; see `turnsSpoken`). */
	readonly turns: number;
}

/**
 * Speaking turns per person in one meeting: the turns that actually started (the speaking fold's
 * `turnsByPerson`: queued but never started, or removed from the line, do not count).
 */
export function turnsSpoken(speaking: Pick<SpeakingState, 'turnsByPerson'>): Readonly<Record<string, number>> {
	return speaking.turnsByPerson;
}

/**
 * Per person and month: kiosk check-ins, days in, duty days kept, meetings attended (present
 * in the meeting's attendance) and speaking turns taken. A meeting counts in the month of its local
 * date (`localDate` turns an ISO time into YYYY-MM-DD on the tablet's calendar): started, else
 * scheduled, else opened; its turns (`speaking`, the speaking fold's snapshot per meeting stream)
 * count in the same month, whether or not the speaker's attendance was recorded.
 * Only `people` are counted, each in every month that has any record (zeros included); rows are
 * sorted by month, then by the order of `people`.
 */
export function dutyRecord(
	days: Iterable<KioskDayState>,
	meetings: Iterable<MeetingState>,
	people: readonly string[],
	localDate: (iso: string) => string,
	speaking: ReadonlyMap<string, Pick<SpeakingState, 'turnsByPerson'>> = new Map()
): DutyRow[] {
	const wanted = new Set(people);
	const rows = new Map<string, Mutable<DutyRow>>();
	const row = (person: string, month: string) => {
		const key = `${month}|${person}`;
		let r = rows.get(key);
		if (!r) rows.set(key, (r = { person, month, checkIns: 0, daysIn: 0, dutyDays: 0, dutyDaysListed: 0, meetings: 0, turns: 0 }));
		return r;
	};
	for (const day of days) {
		const month = day.date.slice(0, 7);
		for (const person of day.onDuty) if (wanted.has(person)) row(person, month).dutyDaysListed++;
		for (const p of Object.values(day.people)) {
			if (!wanted.has(p.person) || p.visits.length === 0) continue;
			const r = row(p.person, month);
			r.checkIns += p.visits.length;
			r.daysIn++;
			if (day.onDuty.includes(p.person)) r.dutyDays++;
		}
	}
	for (const m of meetings) {
		const when = m.startedAt ?? m.scheduledAt ?? m.openedAt;
		if (!m.opened || !when) continue;
		const month = localDate(when).slice(0, 7);
		for (const a of Object.values(m.attendance)) if (a.present && wanted.has(a.person)) row(a.person, month).meetings++;
		const turns = speaking.get(m.stream);
		if (!turns) continue;
		for (const [person, n] of Object.entries(turnsSpoken(turns))) if (n > 0 && wanted.has(person)) row(person, month).turns += n;
	}
	// Every member has a row in every month that has any record: a blank month shows as zeros.
	for (const month of new Set([...rows.values()].map((r) => r.month))) for (const person of people) row(person, month);
	const order = new Map(people.map((p, i) => [p, i]));
	return [...rows.values()].sort((a, b) => (a.month !== b.month ? (a.month < b.month ? -1 : 1) : order.get(a.person)! - order.get(b.person)!));
}
