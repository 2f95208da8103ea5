/**
 * Every event type the project defines, by type and payload version. Feature modules add their
 * streams' types here. Old versions stay readable; an event of a version newer than this build
 * knows is kept and shown as such, never dropped (see `project`).
 */
import type { z } from 'zod';
import { meetingEvents } from './meeting';

export const eventTypes = { ...meetingEvents } as const;
export type EventType = keyof typeof eventTypes;

/** Types that create a stream: the first event of every stream is one of them. */
export const STREAM_STARTS: Readonly<Record<string, 'meeting'>> = { 'meeting.opened': 'meeting' };

export function isKnownType(type: string): type is EventType {
	return Object.prototype.hasOwnProperty.call(eventTypes, type);
}

export function payloadSchema(type: string, v: number): z.ZodType | undefined {
	if (!isKnownType(type)) return undefined;
	const versions = eventTypes[type] as Readonly<Record<number, z.ZodType>>;
	return versions[v];
}

export function latestVersion(type: EventType): number {
	return Math.max(...Object.keys(eventTypes[type]).map(Number));
}

export type PayloadOf<T extends EventType> = z.infer<(typeof eventTypes)[T][1]>;
