/** The open meeting, shared by the meeting layout with its tabs (attendance, speaking, votes…). */
import { getContext, setContext } from 'svelte';
import type { LiveMeeting } from './live-meeting.svelte';

const KEY = Symbol('live-meeting');

export function setLiveMeeting(live: LiveMeeting): void {
	setContext(KEY, live);
}

export function getLiveMeeting(): LiveMeeting {
	const live = getContext<LiveMeeting | undefined>(KEY);
	if (!live) throw new Error('getLiveMeeting() outside a meeting page');
	return live;
}
