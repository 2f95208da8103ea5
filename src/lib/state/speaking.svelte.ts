/**
 * The speaking desk of an open meeting: the moderator's intents on the queue and the running turn.
 * Every intent is checked by the domain first (a refusal reason, nothing recorded), then recorded
 * as one event; the state comes from the speaking fold of the meeting stream (`SpeakingFold`).
 */
import {
	SpeakingFold,
	checkEnd,
	checkExtend,
	checkLimit,
	checkMove,
	checkNote,
	checkPause,
	checkQueue,
	checkRemove,
	checkRequeue,
	checkResume,
	checkSides,
	checkStart,
	dragTarget,
	limitFor,
	moveTarget,
	placementFor,
	type ParticipantRole,
	type Side,
	type SpeakingRefusal,
	type SpeakingState,
	type TurnKind
} from '$lib/domain';
import type { FoldView, LiveMeeting } from './live-meeting.svelte';

export interface SpeakingSettingsInput {
	defaultS: number;
	warningS: number;
	officialS: number;
	equalTime: boolean;
}

export class SpeakingDesk {
	readonly #live: LiveMeeting;
	readonly #view: FoldView<SpeakingState>;
	/** One intent at a time: a double tap does not record twice (not reactive). */
	#busy = false;

	constructor(live: LiveMeeting) {
		this.#live = live;
		this.#view = live.view(() => new SpeakingFold(live.stream));
	}

	get state(): SpeakingState {
		return this.#view.state;
	}

	dispose(): void {
		this.#live.dropView(this.#view as FoldView<unknown>);
	}

	async #do(check: () => SpeakingRefusal | null, record: () => Promise<unknown>): Promise<SpeakingRefusal | null> {
		if (this.#busy) return null;
		const refusal = check();
		if (refusal) return refusal;
		this.#busy = true;
		try {
			await record();
			return null;
		} finally {
			this.#busy = false;
		}
	}

	#roleOf(person: string): ParticipantRole {
		return this.#live.state?.attendance[person]?.role ?? 'other';
	}

	queue(person: string, kind: TurnKind): Promise<SpeakingRefusal | null> {
		return this.#do(
			() => checkQueue(this.state, this.#live.state, person),
			() => {
				const role = this.#roleOf(person);
				const before = placementFor(this.state, role, kind);
				return this.#live.record('speaker.queued', { person, role, kind, ...(before ? { before } : {}) });
			}
		);
	}

	/** Up or down one place, or to the front ("speaks next"). */
	move(turn: string, to: 'up' | 'down' | 'front'): Promise<SpeakingRefusal | null> {
		const before = moveTarget(this.state, turn, to);
		if (before === undefined) return Promise.resolve(checkMove(this.state, turn));
		return this.#do(
			() => checkMove(this.state, turn),
			() => this.#live.record('speaker.moved', { turn, before })
		);
	}

	/** Drag from one queue position to another. */
	drag(from: number, to: number): Promise<SpeakingRefusal | null> {
		const turn = this.state.queue[from]?.id;
		const before = dragTarget(this.state, from, to);
		if (!turn || before === undefined) return Promise.resolve(null);
		return this.#do(
			() => checkMove(this.state, turn),
			() => this.#live.record('speaker.moved', { turn, before })
		);
	}

	remove(turn: string): Promise<SpeakingRefusal | null> {
		return this.#do(
			() => checkRemove(this.state, turn),
			() => this.#live.record('speaker.removed', { turn })
		);
	}

	requeue(turn: string): Promise<SpeakingRefusal | null> {
		return this.#do(
			() => checkRequeue(this.state, this.#live.state, turn),
			() => this.#live.record('speaker.requeued', { turn })
		);
	}

	/** Starts a waiting turn (the first in line when none is given). */
	start(turn = this.state.queue[0]?.id ?? ''): Promise<SpeakingRefusal | null> {
		return this.#do(
			() => checkStart(this.state, this.#live.state, turn),
			() => {
				const t = this.state.queue.find((q) => q.id === turn)!;
				return this.#live.record('turn.started', { turn, limit_s: limitFor(this.state.settings, t.role, t.kind) });
			}
		);
	}

	pause(): Promise<SpeakingRefusal | null> {
		return this.#do(
			() => checkPause(this.state),
			() => this.#live.record('turn.paused', { turn: this.state.current!.id })
		);
	}

	resume(): Promise<SpeakingRefusal | null> {
		return this.#do(
			() => checkResume(this.state),
			() => this.#live.record('turn.resumed', { turn: this.state.current!.id })
		);
	}

	extend(seconds: number): Promise<SpeakingRefusal | null> {
		return this.#do(
			() => checkExtend(this.state, seconds),
			() => this.#live.record('turn.extended', { turn: this.state.current!.id, seconds })
		);
	}

	/** Ends the running turn, with the moderator's note when one was typed. */
	end(note = ''): Promise<SpeakingRefusal | null> {
		return this.#do(
			() => {
				const refusal = checkEnd(this.state);
				if (refusal || !note.trim()) return refusal;
				return checkNote(this.state, this.state.current!.id, note) === 'note_too_long' ? 'note_too_long' : null;
			},
			async () => {
				const turn = this.state.current!.id;
				await this.#live.record('turn.ended', { turn });
				if (note.trim()) await this.#live.record('turn.noted', { turn, note: note.trim() });
			}
		);
	}

	/** A note for a turn that has none, or a correction of its current note (the original stays). */
	note(turn: string, note: string): Promise<SpeakingRefusal | null> {
		return this.#do(
			() => checkNote(this.state, turn, note),
			() => {
				const last = this.state.turns.find((t) => t.id === turn)?.notes.at(-1);
				return last
					? this.#live.record('turn.note_corrected', { turn, note: note.trim(), corrects: last.event })
					: this.#live.record('turn.noted', { turn, note: note.trim() });
			}
		);
	}

	setSides(sides: readonly Side[]): Promise<SpeakingRefusal | null> {
		const clean = sides.map((s) => ({ name: s.name.trim(), persons: [...s.persons] }));
		return this.#do(
			() => checkSides(clean),
			() => this.#live.record('speaking.sides_set', { sides: clean })
		);
	}

	setSettings(input: SpeakingSettingsInput): Promise<SpeakingRefusal | null> {
		return this.#do(
			() => checkLimit(input.defaultS) ?? checkLimit(input.officialS) ?? (Number.isInteger(input.warningS) && input.warningS >= 0 && input.warningS <= 600 ? null : 'bad_limit'),
			() =>
				this.#live.record('speaking.settings_set', {
					default_s: input.defaultS,
					warning_s: input.warningS,
					role_limits: { ...this.state.settings.roleLimits, dept_official: input.officialS },
					equal_time: input.equalTime
				})
		);
	}
}
