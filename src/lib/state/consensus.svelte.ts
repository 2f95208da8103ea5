/**
 * The consensus of the open meeting: its versions and who signed what (`ConsensusFold`, kept up
 * to date by the LiveMeeting), and the intents that record drafts, signatures and refusals.
 * Every intent checks the domain's rules first and records nothing when they say no; it returns
 * the problem (for a clear message) or null.
 */
import {
	answerProblem,
	ConsensusFold,
	draftPayload,
	draftProblem,
	signatureProblem,
	stillToSign,
	type AnswerProblem,
	type ConsensusCapacity,
	type ConsensusState,
	type DraftProblem,
	type Signature,
	type SignatureProblem
} from '$lib/domain';
import type { FoldView, LiveMeeting } from './live-meeting.svelte';

export type SignOutcome = AnswerProblem | `signature_${SignatureProblem}` | null;

export class ConsensusDesk {
	readonly #live: LiveMeeting;
	readonly #view: FoldView<ConsensusState>;

	constructor(live: LiveMeeting) {
		this.#live = live;
		this.#view = live.view(() => new ConsensusFold(live.stream));
	}

	get state(): ConsensusState {
		return this.#view.state;
	}

	/** Present people who have not yet signed or refused the current version. */
	get stillToSign(): string[] {
		const ms = this.#live.state;
		const present = ms ? Object.values(ms.attendance).filter((a) => a.present).map((a) => a.person) : [];
		return stillToSign(this.state, present);
	}

	/** Records a new version of the text (the first draft, or an edit). */
	async draft(text: string): Promise<DraftProblem | null> {
		const problem = draftProblem(this.state, text);
		if (problem) return problem;
		await this.#live.record('consensus.drafted', draftPayload(this.state, text));
		return null;
	}

	/** Records a signature of the version the signer read (refused when the text changed since). */
	async sign(versionSha256: string, person: string, capacity: ConsensusCapacity, signature: Signature | null): Promise<SignOutcome> {
		const problem = answerProblem(this.state, versionSha256, person);
		if (problem) return problem;
		if (!signature) return 'signature_empty';
		const bad = signatureProblem(signature);
		if (bad) return `signature_${bad}`;
		await this.#live.record('consensus.signed', {
			version_sha256: versionSha256,
			person,
			capacity,
			signature: { w: signature.w, h: signature.h, strokes: signature.strokes, sha256: signature.sha256 }
		});
		return null;
	}

	/** Records that a person refuses to sign this version, with their reason. */
	async refuse(versionSha256: string, person: string, reason: string): Promise<AnswerProblem | null> {
		const problem = answerProblem(this.state, versionSha256, person, { reason });
		if (problem) return problem;
		await this.#live.record('consensus.refused', { version_sha256: versionSha256, person, reason: reason.trim() });
		return null;
	}

	dispose(): void {
		this.#live.dropView(this.#view as FoldView<unknown>);
	}
}
