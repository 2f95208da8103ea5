/**
 * `project(events)`: every stream in a set of events, folded by its kind. Pure: the same set of
 * events in any order gives the same result.
 */
import type { EventEnvelope } from './envelope';
import { STREAM_STARTS } from './events/registry';
import { projectMeeting, type MeetingState } from './meeting';

export interface Projection {
	readonly meetings: Readonly<Record<string, MeetingState>>;
}

export function project(events: Iterable<EventEnvelope>): Projection {
	const byStream = new Map<string, EventEnvelope[]>();
	const kinds = new Map<string, string>();
	for (const e of events) {
		const list = byStream.get(e.stream);
		if (list) list.push(e);
		else byStream.set(e.stream, [e]);
		const kind = STREAM_STARTS[e.type];
		if (kind) kinds.set(e.stream, kind);
	}
	const meetings: Record<string, MeetingState> = {};
	for (const [stream, list] of byStream) {
		if (kinds.get(stream) === 'meeting') meetings[stream] = projectMeeting(stream, list);
	}
	return { meetings };
}
