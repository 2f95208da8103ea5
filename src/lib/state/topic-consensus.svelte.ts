/**
 * The open meeting's signed consensus as the outcome of the topics it takes: asks the consensus
 * fold (through a `ConsensusDesk` on the LiveMeeting) whether everyone present has signed the
 * current version (`consensusOutcome` in the domain), then records `topic.outcome_recorded` with
 * the text, the meeting and the version's `text_sha256` through `TopicActions.record`, which
 * checks the topic's rules (scheduled, no outcome yet). A refusal records nothing.
 */
import { consensusOutcome, type ConsensusOutcomeProblem, type ConsensusState, type TopicState } from '$lib/domain';
import type { EventStore } from '$lib/storage';
import type { SessionUser } from '$lib/sync';
import { ConsensusDesk } from './consensus.svelte';
import type { LiveMeeting } from './live-meeting.svelte';
import { TopicActions, type Refusal } from './topics.svelte';

export type ConsensusOutcomeResult = { ok: true } | { ok: false; problem: ConsensusOutcomeProblem; unsigned: string[] } | Refusal;

export class MeetingConsensusOutcome {
	readonly #live: LiveMeeting;
	readonly #desk: ConsensusDesk;
	readonly #actions: TopicActions;

	constructor(live: LiveMeeting, store: EventStore, user: SessionUser) {
		this.#live = live;
		this.#desk = new ConsensusDesk(live);
		this.#actions = new TopicActions(store, user);
	}

	get consensus(): ConsensusState {
		return this.#desk.state;
	}

	get present(): string[] {
		const s = this.#live.state;
		return s ? Object.values(s.attendance).filter((a) => a.present).map((a) => a.person) : [];
	}

	/** Whether this meeting's consensus may stand as the topic's outcome now (and why not). */
	check(topic: TopicState): ReturnType<typeof consensusOutcome> {
		return consensusOutcome(topic, this.#live.stream, this.consensus, this.present);
	}

	async record(topic: TopicState): Promise<ConsensusOutcomeResult> {
		const check = this.check(topic);
		if (!check.ok) return check;
		return this.#actions.record(topic, 'topic.outcome_recorded', { ...check.payload });
	}

	dispose(): void {
		this.#desk.dispose();
	}
}
