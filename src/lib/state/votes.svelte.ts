/**
 * Votes of the open meeting: the intents a moderator (and a voter passing the tablet) use, each
 * checked by the domain first (`checkHands`, `checkCast`…), so bad input gets a reason and records
 * nothing. A secret ballot's choice goes only into this tablet's urn, in the same transaction as
 * the event that says who voted (`LiveMeeting.recordBallot`).
 */
import {
	VoteFold,
	checkBallot,
	checkCast,
	checkClose,
	checkCorrection,
	checkHands,
	checkOpenVote,
	entitledVoters,
	uuidv7,
	type CorrectionInput,
	type Signature,
	type Counts,
	type Electorate,
	type VoteChoice,
	type VoteMethod,
	type VoteProblem,
	type VoteRecord,
	type VoteRule,
	type VotesState
} from '$lib/domain';
import type { EventStore, UrnChoice } from '$lib/storage';
import type { FoldView, LiveMeeting } from './live-meeting.svelte';

export interface OpenVoteForm {
	motion: string;
	method: VoteMethod;
	electorate: Electorate;
	/** The named group's people (electorate `group`). */
	group: readonly string[];
	groupName: string;
	rule: VoteRule;
	topic?: string;
	/** Secret ballot: each voter signs when identifying (`vote.opened` v2). */
	votersSign?: boolean;
}

export class VoteDesk {
	readonly #live: LiveMeeting;
	readonly #store: EventStore;
	readonly #view: FoldView<VotesState>;
	#device = $state('');
	/** Intents in flight (a double tap does nothing). Not reactive: nothing to redraw. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- deliberately not reactive
	readonly #busy = new Set<string>();

	constructor(live: LiveMeeting, store: EventStore) {
		this.#live = live;
		this.#store = store;
		this.#view = live.view(() => new VoteFold(live.stream));
		void store.device().then((d) => (this.#device = d));
	}

	get state(): VotesState {
		return this.#view.state;
	}

	vote(id: string): VoteRecord | undefined {
		return this.#view.state.byId[id];
	}

	/** Stops following the stream (when the screen closes). */
	dispose(): void {
		this.#live.dropView(this.#view as FoldView<unknown>);
	}

	async #once(key: string, fn: () => Promise<VoteProblem | null>): Promise<VoteProblem | null> {
		if (this.#busy.has(key)) return null;
		this.#busy.add(key);
		try {
			return await fn();
		} finally {
			this.#busy.delete(key);
		}
	}

	/** Who would be entitled if the vote opened now. */
	preview(form: Pick<OpenVoteForm, 'electorate' | 'group'>): { entitled: string[]; present: string[] } {
		const meeting = this.#live.state;
		return meeting ? entitledVoters(meeting, form.electorate, form.group) : { entitled: [], present: [] };
	}

	/** Opens a vote, freezing who may vote; returns the vote id, or why not. */
	async open(form: OpenVoteForm): Promise<{ vote: string } | { problem: VoteProblem }> {
		const { entitled, present } = this.preview(form);
		const rule: VoteRule = { ...form.rule };
		if (rule.quorum === undefined) delete (rule as { quorum?: number }).quorum;
		const votersSign = form.method === 'secret_ballot' && form.votersSign === true;
		const problem = checkOpenVote(this.#live.state, this.state, { motion: form.motion, method: form.method, entitled, rule, votersSign });
		if (problem) return { problem };
		const vote = uuidv7(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
		const payload: Record<string, unknown> = {
			vote,
			motion: form.motion.trim(),
			method: form.method,
			electorate: form.electorate,
			entitled,
			present,
			rule
		};
		if (form.electorate === 'group' && form.groupName.trim()) payload.group_name = form.groupName.trim();
		if (form.topic) payload.topic = form.topic;
		if (votersSign) payload.voters_sign = true;
		// Version 2 only when voters sign, so a server that knows only v1 still takes other votes.
		await this.#live.record('vote.opened', payload, votersSign ? 2 : 1);
		return { vote };
	}

	countHands(vote: string, counts: Counts): Promise<VoteProblem | null> {
		return this.#once(`hands:${vote}`, async () => {
			const problem = checkHands(this.#live.state, this.vote(vote), counts);
			if (problem) return problem;
			await this.#live.record('vote.hands_counted', { vote, counts: { for: counts.for, against: counts.against, abstain: counts.abstain } });
			return null;
		});
	}

	cast(vote: string, voter: string, choice: VoteChoice): Promise<VoteProblem | null> {
		return this.#once(`cast:${vote}:${voter}`, async () => {
			const problem = checkCast(this.#live.state, this.vote(vote), voter, choice);
			if (problem) return problem;
			await this.#live.record('vote.cast', { vote, voter, choice });
			return null;
		});
	}

	/**
	 * A secret ballot: who voted (and their signature, if the vote asks for one) goes into an event,
	 * the choice only into this tablet's urn. The signature was drawn before the choice screen and is
	 * written with the ballot, so neither its content nor its time says anything about the choice.
	 */
	ballot(vote: string, voter: string, choice: UrnChoice, signature?: Signature): Promise<VoteProblem | null> {
		return this.#once(`ballot:${vote}`, async () => {
			const problem = checkBallot(this.#live.state, this.vote(vote), voter, signature);
			if (problem) return problem;
			await this.#live.recordBallot(vote, voter, choice, signature);
			return null;
		});
	}

	/** Whether this tablet holds ballots of a secret vote whose urn it has not counted yet. */
	urnPending(vote: VoteRecord): boolean {
		return !!this.#device && (vote.ballotsByDevice[this.#device] ?? 0) > 0 && !vote.urns[this.#device];
	}

	/** Records this tablet's urn (aggregate counts only) for a secret ballot, once. */
	countUrn(vote: string): Promise<VoteProblem | null> {
		return this.#once(`urn:${vote}`, () => this.#countUrn(vote));
	}

	async #countUrn(vote: string): Promise<VoteProblem | null> {
		const record = this.vote(vote);
		if (!record) return 'unknown_vote';
		if (record.method !== 'secret_ballot') return 'wrong_method';
		const device = this.#device || (await this.#store.device());
		if (record.urns[device]) return null;
		const urn = await this.#store.urn(vote);
		if (urn.ballots === 0) return null;
		await this.#live.record('vote.urn_counted', {
			vote,
			counts: { for: urn.for, against: urn.against, abstain: urn.abstain },
			ballots: urn.ballots
		});
		return null;
	}

	/** Closes a vote; a secret ballot first counts this tablet's urn. */
	close(vote: string): Promise<VoteProblem | null> {
		return this.#once(`close:${vote}`, async () => {
			const problem = checkClose(this.vote(vote));
			if (problem) return problem;
			if (this.vote(vote)!.method === 'secret_ballot') {
				const urnProblem = await this.#countUrn(vote);
				if (urnProblem) return urnProblem;
			}
			await this.#live.record('vote.closed', { vote });
			return null;
		});
	}

	correct(vote: string, input: CorrectionInput): Promise<VoteProblem | null> {
		return this.#once(`correct:${vote}`, async () => {
			const problem = checkCorrection(this.vote(vote), input);
			if (problem) return problem;
			const payload: Record<string, unknown> = { vote, reason: input.reason.trim() };
			if ('counts' in input) {
				const record = this.vote(vote)!;
				payload.counts = Object.fromEntries(record.options.map((o) => [o, input.counts[o] ?? 0]));
			} else {
				payload.voter = input.voter;
				payload.choice = input.choice;
			}
			await this.#live.record('vote.corrected', payload);
			return null;
		});
	}
}
