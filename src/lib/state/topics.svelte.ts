/**
 * Topics on the tablet: the list (and the office dashboard), one open topic, and the intents that
 * record its lifecycle. Every intent checks the domain's transition rules first: a refused step
 * comes back as `{ ok: false, code, reason }` and records nothing.
 *
 * Which topics a user sees here follows the server (pocketbase/pb_hooks/lib/access.js): those of
 * the venues they may see, and those that have been at one of their levels (an office's region
 * subtree; a moderator's venues' regions). Events an earlier user left on the tablet stay hidden.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- maps and sets here are local, or replaced whole in $state.raw */
import {
	chinaDay,
	MEETING_SUMMARY_VERSION,
	meetingActivity,
	projectMeeting,
	projectTopic,
	screeningChecklist,
	subtree,
	summarizeMeeting,
	topicDashboard,
	topicRuleError,
	uuidv7,
	type AppliedRule,
	type EventEnvelope,
	type MeetingActivity,
	type RegionInfo,
	type ScreeningRule,
	type TopicDashboard,
	type TopicRuleCode,
	type TopicSource,
	type TopicState,
	type TopicStatus
} from '$lib/domain';
import { watch, type EventStore, type VenueRow } from '$lib/storage';
import { REGIONS_KEY, SCREENING_RULES_KEY, type SessionUser, type SyncClient } from '$lib/sync';
import { loadVisibleVenues } from './meetings.svelte';
import { StreamPhotos, type ShownPhoto } from './photos.svelte';

export const TOPIC_SUMMARY_VERSION = 'topic-state-3';

export type Refusal = { ok: false; code: TopicRuleCode | 'invalid'; reason: string };
export type Outcome<T = void> = ({ ok: true } & (T extends void ? object : { value: T })) | Refusal;

/** The reference data a topic screen needs, from the tablet's cache. */
export interface TopicReference {
	venues: VenueRow[];
	regions: Map<string, RegionInfo>;
	rules: ScreeningRule[];
	/** The regions whose topics this user may see and act on (office: subtree; others: their venues'). */
	reach: Set<string> | 'all';
}

export async function loadTopicReference(store: EventStore, user: SessionUser): Promise<TopicReference> {
	const venues = await loadVisibleVenues(store, user);
	const regionRows = (await store.getMeta<RegionInfo[]>(REGIONS_KEY)) ?? [];
	const regions = new Map(regionRows.map((r) => [r.id, r]));
	const rules = (await store.getMeta<ScreeningRule[]>(SCREENING_RULES_KEY)) ?? [];
	let reach: Set<string> | 'all';
	if (user.role === 'admin') reach = 'all';
	else if (user.role === 'office') reach = user.region ? subtree(regions, user.region) : new Set();
	else reach = new Set(venues.filter((v) => user.venues.includes(v.id)).map((v) => v.region));
	return { venues, regions, rules, reach };
}

/** Every region a topic has been at. */
export function topicLevels(t: TopicState): string[] {
	return [t.originRegion, ...t.moves.map((m) => m.to)].filter(Boolean);
}

export function topicVisible(t: TopicState, ref: TopicReference): boolean {
	if (!t.opened) return false;
	if (ref.reach === 'all') return true;
	if (ref.venues.some((v) => v.id === t.venue)) return true;
	const reach = ref.reach;
	return topicLevels(t).some((r) => reach.has(r));
}

export const STATUS_ORDER: readonly TopicStatus[] = [
	'submitted',
	'accepted',
	'scheduled',
	'consulted',
	'noticed',
	'implementing',
	'evaluated',
	'closed',
	'not_accepted'
];

/** The topics this user may see, and (for the dashboard) the meetings of their venues. */
export class TopicList {
	#topics = $state.raw<TopicState[]>([]);
	#meetings = $state.raw<MeetingActivity[]>([]);
	#people = $state.raw<Map<string, string>>(new Map());
	#ref = $state.raw<TopicReference | null>(null);
	#loaded = $state(false);
	#error = $state<string | null>(null);
	#subscription: { unsubscribe(): void } | null = null;

	constructor(
		private readonly store: EventStore,
		private readonly user: SessionUser,
		private readonly withMeetings = false
	) {}

	start(): void {
		const store = this.store;
		this.#subscription = watch(
			async () => {
				const ref = await loadTopicReference(store, this.user);
				const streams = await store.streamsOfKind('topic');
				const venues = [...new Set(streams.map((s) => s.venue))];
				const topics = (
					await store.streamSummaries(venues, 'topic', TOPIC_SUMMARY_VERSION, (stream, events) => projectTopic(stream, events))
				).filter((t) => topicVisible(t, ref));
				const meetings: MeetingActivity[] = [];
				const people = new Map<string, string>();
				if (this.withMeetings) {
					for (const v of ref.venues) for (const p of await store.people(v.id)) people.set(p.id, p.name);
					// The same cached per-meeting summaries as the home list: a meeting is projected again
					// only when it changed.
					const summaries = await store.streamSummaries(
						ref.venues.map((v) => v.id),
						'meeting',
						MEETING_SUMMARY_VERSION,
						(stream, events) => summarizeMeeting(projectMeeting(stream, events))
					);
					for (const m of summaries) if (m.opened) meetings.push(meetingActivity(m));
				}
				return { ref, topics, meetings, people };
			},
			({ ref, topics, meetings, people }) => {
				this.#people = people;
				this.#ref = ref;
				this.#topics = topics.sort((a, b) => (b.lastAt ?? '').localeCompare(a.lastAt ?? ''));
				this.#meetings = meetings;
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
	get topics(): readonly TopicState[] {
		return this.#topics;
	}
	get reference(): TopicReference | null {
		return this.#ref;
	}
	get canCreate(): boolean {
		return (this.#ref?.venues.length ?? 0) > 0;
	}
	regionName(id: string): string {
		return this.#ref?.regions.get(id)?.name ?? '';
	}
	venueName(id: string): string {
		return this.#ref?.venues.find((v) => v.id === id)?.name ?? '';
	}
	personName(id: string): string {
		return this.#people.get(id) ?? id;
	}
	dashboard(today: string): TopicDashboard {
		return topicDashboard(this.#topics, this.#meetings, today);
	}
}

export interface NewTopic {
	source: TopicSource;
	submitterName: string;
	/** One line; when empty, the description's first line (cut to 40 characters) stands for it. */
	title?: string;
	description?: string;
	venue: string;
	/** The level it is raised at; default: the venue's region. */
	region?: string;
	placeNote?: string;
	/** The `kiosk.visit_noted` event the topic is made from (a request noted at the members' home). */
	kioskVisit?: string;
}

/**
 * The topic intents for the signed-in user. `submit` is the reusable intent for every place a
 * topic is collected (this app's form, the members' home kiosk, office staff).
 */
export class TopicActions {
	constructor(
		private readonly store: EventStore,
		private readonly user: SessionUser
	) {}

	async submit(t: NewTopic): Promise<Outcome<string>> {
		const description = t.description?.trim() ?? '';
		const title = t.title?.trim() || (description.split('\n')[0] ?? '').slice(0, 40).trim();
		const submitter = t.submitterName.trim();
		if (!title) return { ok: false, code: 'invalid', reason: 'title' };
		if (!submitter) return { ok: false, code: 'invalid', reason: 'submitter' };
		if (!t.venue) return { ok: false, code: 'invalid', reason: 'venue' };
		const ref = await loadTopicReference(this.store, this.user);
		const venue = ref.venues.find((v) => v.id === t.venue);
		const region = t.region ?? venue?.region ?? '';
		if (!venue || !region) return { ok: false, code: 'invalid', reason: 'venue' };
		const stream = uuidv7(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
		const payload: Record<string, unknown> = { title, source: t.source, submitter_name: submitter, region };
		if (description) payload.description = description;
		if (t.placeNote?.trim()) payload.place_note = t.placeNote.trim();
		if (t.kioskVisit) payload.kiosk_visit = t.kioskVisit;
		await this.store.append({ stream, venue: venue.id, actor: this.user.id, type: 'topic.submitted', v: 1, payload });
		return { ok: true, value: stream };
	}

	/** Checks the rules against `state`, then records. Nothing is recorded when refused. */
	async record(
		state: TopicState,
		type: string,
		payload: Record<string, unknown>,
		regions?: ReadonlyMap<string, RegionInfo>
	): Promise<Outcome> {
		const refusal = topicRuleError(state, type, payload, regions ? { regions } : {});
		if (refusal) return { ok: false, ...refusal };
		await this.store.append({ stream: state.stream, venue: state.venue, actor: this.user.id, type, v: 1, payload });
		return { ok: true };
	}
}

/** One open topic, kept up to date with what this tablet records or pulls. */
export class OpenTopic {
	#events: EventEnvelope[] = [];
	#state = $state.raw<TopicState | null>(null);
	#ref = $state.raw<TopicReference | null>(null);
	#loaded = $state(false);
	#unsubscribe: (() => void) | null = null;
	readonly #photos: StreamPhotos;
	readonly actions: TopicActions;

	constructor(
		private readonly store: EventStore,
		readonly stream: string,
		private readonly user: SessionUser
	) {
		this.actions = new TopicActions(store, user);
		this.#photos = new StreamPhotos(store, stream);
	}

	async start(): Promise<void> {
		this.#photos.start();
		const pending: EventEnvelope[] = [];
		let reading = true;
		this.#unsubscribe = this.store.onEvents((events) => {
			const mine = events.filter((e) => e.stream === this.stream);
			if (mine.length === 0) return;
			if (reading) pending.push(...mine);
			else this.#merge(mine);
		});
		this.#ref = await loadTopicReference(this.store, this.user);
		this.#events = await this.store.streamEvents(this.stream);
		reading = false;
		this.#merge(pending);
		this.#loaded = true;
	}

	#merge(events: readonly EventEnvelope[]): void {
		const ids = new Set(this.#events.map((e) => e.id));
		for (const e of events) if (!ids.has(e.id)) this.#events.push(e);
		const state = projectTopic(this.stream, this.#events);
		this.#state = this.#ref && topicVisible(state, this.#ref) ? state : null;
	}

	stop(): void {
		this.#unsubscribe?.();
		this.#photos.stop();
	}

	get loaded(): boolean {
		return this.#loaded;
	}
	/** Null when the topic is not on this tablet or not for this user. */
	get state(): TopicState | null {
		return this.#state;
	}
	get reference(): TopicReference | null {
		return this.#ref;
	}
	regionName(id: string): string {
		return this.#ref?.regions.get(id)?.name ?? id;
	}
	venueName(id: string): string {
		return this.#ref?.venues.find((v) => v.id === id)?.name ?? '';
	}
	/** The checklist that applies at the topic's current level. */
	get checklist(): ScreeningRule[] {
		if (!this.#ref || !this.#state) return [];
		return screeningChecklist(this.#ref.rules, this.#ref.regions, this.#state.region);
	}
	get parentRegion(): RegionInfo | null {
		const here = this.#state && this.#ref?.regions.get(this.#state.region);
		return (here && this.#ref?.regions.get(here.parent)) ?? null;
	}
	get childRegions(): RegionInfo[] {
		if (!this.#ref || !this.#state) return [];
		const here = this.#state.region;
		return [...this.#ref.regions.values()].filter((r) => r.parent === here).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
	}
	today(): string {
		return chinaDay(Date.now());
	}

	async #do(type: string, payload: Record<string, unknown>): Promise<Outcome> {
		if (!this.#state) return { ok: false, code: 'not_submitted', reason: 'the topic is not on this tablet' };
		const result = await this.actions.record(this.#state, type, payload, this.#ref?.regions);
		return result;
	}

	screen(decision: 'accepted' | 'not_accepted', applied: readonly ScreeningRule[], reason: string): Promise<Outcome> {
		if (decision === 'not_accepted' && !reason.trim()) return Promise.resolve({ ok: false, code: 'invalid', reason: 'reason' });
		const rules: AppliedRule[] = applied.map((r) => ({ rule: r.id, kind: r.kind, text: r.text }));
		const payload: Record<string, unknown> = { decision, rules };
		if (reason.trim()) payload.reason = reason.trim();
		return this.#do('topic.screened', payload);
	}

	move(kind: 'escalated' | 'delegated', to: string, reason: string): Promise<Outcome> {
		if (!to) return Promise.resolve({ ok: false, code: 'invalid', reason: 'to' });
		if (!reason.trim()) return Promise.resolve({ ok: false, code: 'invalid', reason: 'reason' });
		return this.#do(`topic.${kind}`, { from_region: this.#state?.region ?? '', to_region: to, reason: reason.trim() });
	}

	schedule(title: string, meeting: string | null): Promise<Outcome> {
		if (!title.trim()) return Promise.resolve({ ok: false, code: 'invalid', reason: 'title' });
		return this.#do('topic.scheduled', meeting ? { title: title.trim(), meeting } : { title: title.trim() });
	}

	recordOutcome(text: string): Promise<Outcome> {
		if (!text.trim()) return Promise.resolve({ ok: false, code: 'invalid', reason: 'text' });
		const meeting = this.#state?.meetings.at(-1)?.meeting;
		return this.#do('topic.outcome_recorded', meeting ? { text: text.trim(), meeting } : { text: text.trim() });
	}

	publishNotice(text: string, startsOn: string, endsOn: string): Promise<Outcome> {
		if (!text.trim()) return Promise.resolve({ ok: false, code: 'invalid', reason: 'text' });
		if (!startsOn || !endsOn) return Promise.resolve({ ok: false, code: 'invalid', reason: 'dates' });
		return this.#do('topic.notice_published', { text: text.trim(), starts_on: startsOn, ends_on: endsOn });
	}

	recordObjection(byName: string, text: string): Promise<Outcome> {
		if (!text.trim()) return Promise.resolve({ ok: false, code: 'invalid', reason: 'text' });
		const payload: Record<string, unknown> = { objection: newId(), text: text.trim() };
		if (byName.trim()) payload.by_name = byName.trim();
		return this.#do('topic.objection_recorded', payload);
	}

	answerObjection(objection: string, answer: string): Promise<Outcome> {
		if (!answer.trim()) return Promise.resolve({ ok: false, code: 'invalid', reason: 'answer' });
		return this.#do('topic.objection_answered', { objection, answer: answer.trim() });
	}

	handOver(unit: string, note: string): Promise<Outcome> {
		if (!unit.trim()) return Promise.resolve({ ok: false, code: 'invalid', reason: 'unit' });
		return this.#do('topic.handed_over', note.trim() ? { unit: unit.trim(), note: note.trim() } : { unit: unit.trim() });
	}

	addTask(title: string, owner: string, dueOn: string): Promise<Outcome> {
		if (!title.trim() || !owner.trim() || !dueOn) return Promise.resolve({ ok: false, code: 'invalid', reason: 'task' });
		return this.#do('topic.task_added', { task: newId(), title: title.trim(), owner: owner.trim(), due_on: dueOn });
	}

	/**
	 * A progress update, with an optional photo: the rules are checked first, then the photo (an
	 * image, ≤ 20 MB, readable) is stored with its `photo.added` event, then the update listing it.
	 * A refused update or photo records nothing.
	 */
	async reportProgress(task: string, percent: number, note: string, photo: File | null = null): Promise<Outcome> {
		if (!Number.isInteger(percent) || percent < 0 || percent > 100) return { ok: false, code: 'invalid', reason: 'percent' };
		const payload: Record<string, unknown> = note.trim() ? { task, percent, note: note.trim() } : { task, percent };
		if (!photo) return this.#do('topic.progress_reported', payload);
		if (!this.#state) return { ok: false, code: 'not_submitted', reason: 'the topic is not on this tablet' };
		const before = topicRuleError(this.#state, 'topic.progress_reported', payload, { regions: this.#ref?.regions ?? new Map() });
		if (before) return { ok: false, ...before };
		const taken = await this.#photos.take(photo, { venue: this.#state.venue, actor: this.user.id, closed: false });
		if ('problem' in taken) return { ok: false, code: 'invalid', reason: `photo_${taken.problem}` };
		return this.#do('topic.progress_reported', { ...payload, photos: [taken.id] });
	}

	/** A photo of the topic (at collection, or any time before it is closed). */
	async addPhoto(photo: File): Promise<Outcome> {
		if (!this.#state) return { ok: false, code: 'not_submitted', reason: 'the topic is not on this tablet' };
		const taken = await this.#photos.take(photo, { venue: this.#state.venue, actor: this.user.id, closed: this.#state.status === 'closed' });
		return 'problem' in taken ? { ok: false, code: 'invalid', reason: `photo_${taken.problem}` } : { ok: true };
	}

	/** The photos of this topic stored on this tablet (with object URLs), and their upload state. */
	get storedPhotos(): ShownPhoto[] {
		return this.#photos.photos;
	}

	evaluate(satisfied: number, basically: number, dissatisfied: number, assessment: string): Promise<Outcome> {
		const counts = [satisfied, basically, dissatisfied];
		if (counts.some((n) => !Number.isInteger(n) || n < 0 || n > 100_000) || counts.every((n) => n === 0)) {
			return Promise.resolve({ ok: false, code: 'invalid', reason: 'counts' });
		}
		if (!assessment.trim()) return Promise.resolve({ ok: false, code: 'invalid', reason: 'assessment' });
		return this.#do('topic.evaluated', {
			satisfied,
			basically_satisfied: basically,
			dissatisfied,
			assessment: assessment.trim()
		});
	}

	close(note: string): Promise<Outcome> {
		return this.#do('topic.closed', note.trim() ? { note: note.trim() } : {});
	}
}

function newId(): string {
	return uuidv7(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
}

export type ChecklistError = 'empty' | 'offline' | 'forbidden' | 'server';

/**
 * The screening checklists office staff keep for their region and the regions below it. Editing
 * needs the server (the checklist is reference data, not an event stream); the tablet screens
 * offline with the cached copy.
 */
export class ChecklistEditor {
	#ref = $state.raw<TopicReference | null>(null);
	#busy = $state(false);

	constructor(
		private readonly store: EventStore,
		private readonly client: SyncClient,
		private readonly user: SessionUser
	) {}

	async load(): Promise<void> {
		this.#ref = await loadTopicReference(this.store, this.user);
	}

	get loaded(): boolean {
		return this.#ref !== null;
	}
	get busy(): boolean {
		return this.#busy;
	}
	/** The regions this user may keep a checklist for: their own first, then below it. */
	get regions(): RegionInfo[] {
		const ref = this.#ref;
		if (!ref) return [];
		const all = [...ref.regions.values()];
		const mine = ref.reach === 'all' ? all : all.filter((r) => (ref.reach as Set<string>).has(r.id));
		const order = ['city', 'banner', 'township', 'village'];
		return mine.sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level) || a.name.localeCompare(b.name, 'zh-CN'));
	}
	rulesOf(region: string): ScreeningRule[] {
		return (this.#ref?.rules ?? []).filter((r) => r.region === region).sort((a, b) => a.order - b.order);
	}
	/** What applies at a region: its own items and those of the regions above. */
	checklistAt(region: string): ScreeningRule[] {
		return this.#ref ? screeningChecklist(this.#ref.rules, this.#ref.regions, region) : [];
	}

	async add(region: string, kind: 'consult' | 'not_consult', text: string): Promise<ChecklistError | null> {
		if (!text.trim() || !region) return 'empty';
		const order = Math.min(1000, Math.max(0, ...this.rulesOf(region).map((r) => r.order)) + 1);
		return this.#call(() => this.client.addScreeningRule({ region, kind, text: text.trim(), order }));
	}

	async remove(id: string): Promise<ChecklistError | null> {
		return this.#call(() => this.client.removeScreeningRule(id));
	}

	async #call(fn: () => Promise<void>): Promise<ChecklistError | null> {
		this.#busy = true;
		try {
			await fn();
			await this.load();
			return null;
		} catch (e) {
			const status = (e as { status?: unknown }).status;
			if (status === 0 || e instanceof TypeError) return 'offline';
			if (status === 400 || status === 403 || status === 404) return 'forbidden';
			return 'server';
		} finally {
			this.#busy = false;
		}
	}
}
