/**
 * Every event type the project defines, by type and payload version. Each feature defines its
 * types in one module (`events/<feature>.ts`: a static VERSIONS table and lazily built schemas)
 * and adds it to MODULES below: that is the only line a new feature changes here.
 * Old versions stay readable; an event of a version newer than this build knows is kept and shown
 * as such, never dropped (see `project`). Which types and versions exist is static (projections
 * need it at start-up); the zod schemas that check payloads are built on first use.
 */
import type * as z from 'zod';
import { CONSENSUS_VERSIONS, consensusSchemas } from './consensus';
import { MEETING_STREAM_STARTS, MEETING_VERSIONS, meetingSchemas } from './meeting';
import { VOTE_VERSIONS, voteSchemas } from './votes';
import { TOPIC_STREAM_STARTS, TOPIC_VERSIONS, topicSchemas } from './topics';
import { SPEAKING_VERSIONS, speakingSchemas } from './speaking';
import { KIOSK_STREAM_STARTS, KIOSK_VERSIONS, kioskSchemas } from './kiosk';

/** One feature's event types: versions known statically, schemas built on demand. */
export interface EventModule {
	readonly versions: Readonly<Record<string, readonly number[]>>;
	readonly schemas: () => Readonly<Record<string, Readonly<Record<number, z.ZodType>>>>;
	/** Types that open a stream of some kind (the first event of every stream is one of them). */
	readonly streamStarts?: Readonly<Record<string, string>>;
}

const MODULES: readonly EventModule[] = [
	{ versions: MEETING_VERSIONS, schemas: meetingSchemas, streamStarts: MEETING_STREAM_STARTS },
	{ versions: VOTE_VERSIONS, schemas: voteSchemas },
	{ versions: TOPIC_VERSIONS, schemas: topicSchemas, streamStarts: TOPIC_STREAM_STARTS },
	{ versions: SPEAKING_VERSIONS, schemas: speakingSchemas },
	{ versions: KIOSK_VERSIONS, schemas: kioskSchemas, streamStarts: KIOSK_STREAM_STARTS },
	{ versions: CONSENSUS_VERSIONS, schemas: consensusSchemas }
];

const VERSIONS = new Map<string, { versions: readonly number[]; module: EventModule }>();
for (const module of MODULES) {
	for (const [type, versions] of Object.entries(module.versions)) {
		if (VERSIONS.has(type)) throw new Error(`event type defined twice: ${type}`);
		VERSIONS.set(type, { versions, module });
	}
}

/** Types that create a stream, and the kind of stream each creates. */
export const STREAM_STARTS: Readonly<Record<string, string>> = Object.freeze(
	Object.assign({}, ...MODULES.map((m) => m.streamStarts ?? {})) as Record<string, string>
);

export function isKnownType(type: string): boolean {
	return VERSIONS.has(type);
}

/** Whether this build can read payloads of this type and version. */
export function isKnownVersion(type: string, v: number): boolean {
	return VERSIONS.get(type)?.versions.includes(v) ?? false;
}

export function payloadSchema(type: string, v: number): z.ZodType | undefined {
	const entry = VERSIONS.get(type);
	if (!entry || !entry.versions.includes(v)) return undefined;
	return entry.module.schemas()[type]?.[v];
}
