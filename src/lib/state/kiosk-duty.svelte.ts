/**
 * The members' duty record for office staff and moderators: per member and month, from what
 * this tablet holds (kiosk days and meetings of the venues the user may see), kept up to date.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- local maps and sets, or replaced whole in $state.raw */
import { MeetingFold, SpeakingFold, dutyRecord, inCanonicalOrder, projectKioskDays, type DutyRow, type EventEnvelope } from '$lib/domain';
import { watch, type EventStore, type PersonRow, type VenueRow } from '$lib/storage';
import type { SessionUser } from '$lib/sync';
import { loadVisibleVenues } from './meetings.svelte';
import { localDate } from './kiosk.svelte';

export interface DutyLine extends DutyRow {
	readonly name: string;
	readonly venueName: string;
}

export class DutyRecord {
	#rows = $state.raw<DutyLine[]>([]);
	#loaded = $state(false);
	#subscription: { unsubscribe(): void } | null = null;

	constructor(
		private readonly store: EventStore,
		private readonly user: SessionUser
	) {}

	start(): void {
		this.#subscription = watch(
			() => this.#load(),
			(rows) => {
				this.#rows = rows;
				this.#loaded = true;
			},
			() => (this.#loaded = true)
		);
	}

	stop(): void {
		this.#subscription?.unsubscribe();
	}

	async #load(): Promise<DutyLine[]> {
		const venues: VenueRow[] = await loadVisibleVenues(this.store, this.user);
		const ids = venues.map((v) => v.id);
		const people: PersonRow[] = (await Promise.all(ids.map((v) => this.store.people(v)))).flat();
		const members = people.filter((p) => p.kind === 'cppcc_member' || p.role === 'cppcc_member').sort((a, b) => a.id.localeCompare(b.id));
		const dayEvents = await this.store.eventsOf((await this.store.streamsOfKind('kiosk_day', ids)).map((s) => s.id));
		const meetingStreams = (await this.store.streamsOfKind('meeting', ids)).map((s) => s.id);
		const meetingEvents = await this.store.eventsOf(meetingStreams);
		const byStream = new Map<string, EventEnvelope[]>();
		for (const e of meetingEvents) {
			const list = byStream.get(e.stream);
			if (list) list.push(e);
			else byStream.set(e.stream, [e]);
		}
		const speaking = new Map<string, ReturnType<SpeakingFold['snapshot']>>();
		const meetings = [...byStream].map(([stream, events]) => {
			const fold = new MeetingFold(stream);
			const turns = new SpeakingFold(stream);
			for (const e of inCanonicalOrder(events)) {
				fold.apply(e);
				turns.apply(e);
			}
			speaking.set(stream, turns.snapshot());
			return fold.snapshot();
		});
		const rows = dutyRecord(
			Object.values(projectKioskDays(dayEvents)),
			meetings,
			members.map((p) => p.id),
			(iso) => localDate(Date.parse(iso)),
			speaking
		);
		const person = new Map(people.map((p) => [p.id, p]));
		const venueName = new Map(venues.map((v) => [v.id, v.name]));
		return rows.map((r) => ({ ...r, name: person.get(r.person)?.name ?? '', venueName: venueName.get(person.get(r.person)?.venue ?? '') ?? '' }));
	}

	get loaded(): boolean {
		return this.#loaded;
	}
	get rows(): readonly DutyLine[] {
		return this.#rows;
	}
	get months(): string[] {
		return [...new Set(this.#rows.map((r) => r.month))].sort().reverse();
	}
}
