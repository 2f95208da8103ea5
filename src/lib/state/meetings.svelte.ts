/**
 * Home: the signed-in user's venues (from the reference cache) and the meetings of those venues,
 * summarised from the events on this tablet (cached per meeting until it changes, so the list does
 * not read every event of every meeting). Events of other venues (e.g. left by an earlier user
 * of the same tablet) are never read, so they are never shown.
 */
import {
	MEETING_SUMMARY_VERSION,
	projectMeeting,
	summarizeMeeting,
	uuidv7,
	type MeetingForm,
	type MeetingSummary
} from '$lib/domain';
import { watch, type EventStore, type VenueRow } from '$lib/storage';
import { REFERENCE_USER_KEY } from './session.svelte';
import type { SessionUser } from '$lib/sync';

export interface NewMeeting {
	title: string;
	description: string;
	venue: string;
	form: MeetingForm;
	scheduledAt: string | null;
	placeNote: string;
	quorum: number | null;
	/** A check-in needs the person's handwritten signature (optional: false when absent). */
	signatureRequired?: boolean;
}

/** The venues a user may see among the cached ones: a moderator or member only their own. */
export function visibleVenues(user: SessionUser, cached: readonly VenueRow[], cacheIsMine: boolean): VenueRow[] {
	if (!cacheIsMine) return [];
	if (user.role === 'admin' || user.role === 'office') return [...cached];
	return cached.filter((v) => user.venues.includes(v.id));
}

/** Reads the cache and who it was loaded for, then applies `visibleVenues`. */
export async function loadVisibleVenues(store: EventStore, user: SessionUser): Promise<VenueRow[]> {
	const owner = await store.getMeta<string>(REFERENCE_USER_KEY);
	return visibleVenues(user, await store.venues(), owner === user.id);
}

export class MeetingList {
	#venues = $state.raw<VenueRow[]>([]);
	#meetings = $state.raw<MeetingSummary[]>([]);
	#loaded = $state(false);
	#error = $state<string | null>(null);
	#subscription: { unsubscribe(): void } | null = null;

	constructor(
		private readonly store: EventStore,
		private readonly user: SessionUser
	) {}

	start(): void {
		const store = this.store;
		this.#subscription = watch(
			async () => {
				const venues = await loadVisibleVenues(store, this.user);
				const meetings = await store.streamSummaries(
					venues.map((v) => v.id),
					'meeting',
					MEETING_SUMMARY_VERSION,
					(stream, events) => summarizeMeeting(projectMeeting(stream, events))
				);
				return { venues, meetings };
			},
			({ venues, meetings }) => {
				this.#venues = venues.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
				this.#meetings = meetings.filter((m) => m.opened);
				this.#loaded = true;
			},
			(e) => {
				this.#error = e instanceof Error ? e.message : String(e);
				this.#loaded = true;
			}
		);
	}

	stop(): void {
		this.#subscription?.unsubscribe();
	}

	get loaded(): boolean {
		return this.#loaded;
	}
	get error(): string | null {
		return this.#error;
	}
	get venues(): readonly VenueRow[] {
		return this.#venues;
	}
	venueName(id: string): string {
		return this.#venues.find((v) => v.id === id)?.name ?? '';
	}
	byStatus(status: MeetingSummary['status']): MeetingSummary[] {
		const list = this.#meetings.filter((m) => m.status === status);
		const key = (m: MeetingSummary) => m.scheduledAt ?? m.openedAt ?? '';
		// upcoming: soonest first; live and closed: latest first
		return list.sort((a, b) => (status === 'upcoming' ? key(a).localeCompare(key(b)) : key(b).localeCompare(key(a))));
	}
	get count(): number {
		return this.#meetings.length;
	}
}

/** Records the meeting-level facts (open, start, close) for the signed-in user. */
export class MeetingActions {
	constructor(
		private readonly store: EventStore,
		private readonly actor: string
	) {}

	async open(m: NewMeeting): Promise<string> {
		const stream = uuidv7(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
		const payload: Record<string, unknown> = { title: m.title.trim(), form: m.form };
		if (m.description.trim()) payload.description = m.description.trim();
		if (m.scheduledAt) payload.scheduled_at = m.scheduledAt;
		if (m.placeNote.trim()) payload.place_note = m.placeNote.trim();
		if (m.quorum !== null) payload.quorum = m.quorum;
		if (m.signatureRequired) payload.signature_required = true;
		await this.store.append({ stream, venue: m.venue, actor: this.actor, type: 'meeting.opened', v: 1, payload });
		return stream;
	}

	async start(stream: string, venue: string): Promise<void> {
		await this.store.append({ stream, venue, actor: this.actor, type: 'meeting.started', v: 1, payload: {} });
	}

	async close(stream: string, venue: string): Promise<void> {
		await this.store.append({ stream, venue, actor: this.actor, type: 'meeting.closed', v: 1, payload: {} });
	}
}
