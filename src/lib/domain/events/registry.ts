/**
 * Every event type the project defines, by type and payload version. Feature modules add their
 * streams' types here. Old versions stay readable; an event of a version newer than this build
 * knows is kept and shown as such, never dropped (see `project`).
 * Which types and versions exist is static (projections need it at start-up); the zod schemas
 * that check payloads are built on first use.
 */
import type * as z from 'zod';
import { MEETING_VERSIONS, meetingSchemas } from './meeting';

const VERSIONS = { ...MEETING_VERSIONS } as const;
export type EventType = keyof typeof VERSIONS;

/** Types that create a stream: the first event of every stream is one of them. */
export const STREAM_STARTS: Readonly<Record<string, 'meeting'>> = { 'meeting.opened': 'meeting' };

export function isKnownType(type: string): type is EventType {
	return Object.prototype.hasOwnProperty.call(VERSIONS, type);
}

/** Whether this build can read payloads of this type and version. */
export function isKnownVersion(type: string, v: number): boolean {
	return isKnownType(type) && (VERSIONS[type] as readonly number[]).includes(v);
}

export function payloadSchema(type: string, v: number): z.ZodType | undefined {
	if (!isKnownVersion(type, v)) return undefined;
	const versions = meetingSchemas()[type as EventType] as Readonly<Record<number, z.ZodType>>;
	return versions[v];
}
