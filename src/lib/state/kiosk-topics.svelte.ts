/**
 * Residents' requests noted at the members' home becoming topics (群众议题) in one tap: which
 * noted request already became which topic (`topic.submitted` carries `kiosk_visit`), and the
 * intent that turns one into a topic through the same `TopicActions.submit` as the topic form.
 * A request already turned is refused (`already_topic`) and records nothing; so is a second tap
 * while the first is being recorded (`busy`).
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- replaced whole in $state.raw */
import { topicsOfVisits, visitTopicProblem, type ResidentVisit, type TopicState, type VisitTopicProblem } from '$lib/domain';
import type { EventStore } from '$lib/storage';
import type { SessionUser } from '$lib/sync';
import { TopicActions, TopicList } from './topics.svelte';

export type VisitTopicResult = { ok: true; topic: string } | { ok: false; problem: VisitTopicProblem | 'busy' | 'invalid' };

export class VisitTopics {
	readonly #list: TopicList;
	readonly #actions: TopicActions;
	/** Made on this page, before the list has caught up: visit event → topic stream. */
	#made = $state.raw<Map<string, string>>(new Map());
	#busy = $state.raw<ReadonlySet<string>>(new Set());

	constructor(
		store: EventStore,
		user: SessionUser,
		readonly venue: string
	) {
		this.#list = new TopicList(store, user);
		this.#actions = new TopicActions(store, user);
	}

	start(): void {
		this.#list.start();
	}

	stop(): void {
		this.#list.stop();
	}

	get #byVisit(): Map<string, TopicState> {
		return topicsOfVisits(this.#list.topics);
	}

	/** The topic a noted request became (its stream), or null. */
	topicOf(visit: string): string | null {
		return this.#byVisit.get(visit)?.stream ?? this.#made.get(visit) ?? null;
	}

	busy(visit: string): boolean {
		return this.#busy.has(visit);
	}

	/** Records `topic.submitted` from a noted request: source residents, the visitor as submitter. */
	async turn(visit: ResidentVisit, anonymousName: string): Promise<VisitTopicResult> {
		if (this.#busy.has(visit.event)) return { ok: false, problem: 'busy' };
		const made = new Map(this.#byVisit);
		const local = this.#made.get(visit.event);
		if (local && !made.has(visit.event)) return { ok: false, problem: 'already_topic' };
		const problem = visitTopicProblem(visit, made);
		if (problem) return { ok: false, problem };
		this.#busy = new Set([...this.#busy, visit.event]);
		try {
			const result = await this.#actions.submit({
				source: 'residents',
				submitterName: visit.visitor.trim() || anonymousName,
				description: visit.request,
				venue: this.venue,
				kioskVisit: visit.event
			});
			if (!result.ok) return { ok: false, problem: 'invalid' };
			this.#made = new Map([...this.#made, [visit.event, result.value]]);
			return { ok: true, topic: result.value };
		} finally {
			const busy = new Set(this.#busy);
			busy.delete(visit.event);
			this.#busy = busy;
		}
	}
}
