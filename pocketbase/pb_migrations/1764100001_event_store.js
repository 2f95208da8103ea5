/// <reference path="../pb_data/types.d.ts" />
// The append-only event store (see docs/sync-protocol.md). Nobody reads or writes these
// collections through the REST API: all rules are null (superusers only), the push/pull
// routes in pb_hooks use them from code, and pb_hooks/immutable.pb.js forbids updates and
// deletes for everyone. Only `quarantine` can be listed, by role admin.

// The record id is the event's / stream's own id: 32 lowercase hex, set by the device.
const HEX32_ID = {
	name: 'id',
	type: 'text',
	system: true,
	primaryKey: true,
	required: true,
	min: 32,
	max: 32,
	pattern: '^[a-f0-9]{32}$',
	autogeneratePattern: ''
};
const HEX32 = { min: 32, max: 32, pattern: '^[a-f0-9]{32}$' };
const DEVICE = { min: 1, max: 64, pattern: '^[a-z0-9-]+$' };
const RAW_MAX = 8 * 1024 * 1024; // a text field with max 0 would be capped at 5000 characters

const NO_RULES = { listRule: null, viewRule: null, createRule: null, updateRule: null, deleteRule: null };

migrate(
	(app) => {
		app.save(
			new Collection({
				type: 'base',
				name: 'events',
				...NO_RULES,
				fields: [
					HEX32_ID,
					{ name: 'stream', type: 'text', required: true, ...HEX32 },
					{ name: 'venue', type: 'text', required: true, max: 64 },
					{ name: 'device', type: 'text', required: true, ...DEVICE },
					{ name: 'seq', type: 'number', onlyInt: true, min: 1 },
					{ name: 'hlc', type: 'text', max: 64 },
					{ name: 'at', type: 'text', max: 64 },
					{ name: 'actor', type: 'text', max: 64 },
					{ name: 'type', type: 'text', max: 200 },
					{ name: 'v', type: 'number', onlyInt: true },
					// server order, 1, 2, 3 …: what the pull cursor points at
					{ name: 'pos', type: 'number', required: true, onlyInt: true, min: 1 },
					// the canonical JSON of the whole event exactly as pushed
					{ name: 'raw', type: 'text', required: true, max: RAW_MAX }
				],
				indexes: [
					'CREATE UNIQUE INDEX idx_events_pos ON events (pos)',
					'CREATE UNIQUE INDEX idx_events_device_seq ON events (device, seq)',
					'CREATE INDEX idx_events_stream_pos ON events (stream, pos)',
					'CREATE INDEX idx_events_venue_pos ON events (venue, pos)'
				]
			})
		);

		app.save(
			new Collection({
				type: 'base',
				name: 'streams',
				...NO_RULES,
				fields: [
					HEX32_ID,
					{ name: 'venue', type: 'text', required: true, max: 64 },
					{ name: 'kind', type: 'text', max: 50 },
					{ name: 'title', type: 'text', max: 500 },
					{ name: 'pos', type: 'number', onlyInt: true }
				],
				indexes: ['CREATE INDEX idx_streams_venue ON streams (venue)']
			})
		);

		app.save(
			new Collection({
				type: 'base',
				name: 'devices',
				...NO_RULES,
				fields: [
					{ name: 'device', type: 'text', required: true, ...DEVICE },
					// every seq 1..high of this device has been received
					{ name: 'high', type: 'number', onlyInt: true, min: 0 },
					// the `hash` field of the event with seq = high, as sent
					{ name: 'last_hash', type: 'text', max: 200 }
				],
				indexes: ['CREATE UNIQUE INDEX idx_devices_device ON devices (device)']
			})
		);

		app.save(
			new Collection({
				type: 'base',
				name: 'quarantine',
				...NO_RULES,
				listRule: '@request.auth.role = "admin"',
				viewRule: '@request.auth.role = "admin"',
				fields: [
					{ name: 'event_id', type: 'text', max: 1000 },
					{ name: 'device', type: 'text', max: 1000 },
					{ name: 'seq', type: 'number', onlyInt: true },
					{ name: 'hash', type: 'text', max: 1000 },
					{ name: 'status', type: 'select', required: true, maxSelect: 1, values: ['rejected', 'conflict'] },
					{ name: 'reason', type: 'text', max: 5000 },
					// the event as sent, as a JSON string
					{ name: 'raw', type: 'text', max: RAW_MAX },
					// id of the user who pushed it
					{ name: 'pusher', type: 'text', max: 64 },
					{ name: 'created', type: 'autodate', onCreate: true, onUpdate: false }
				],
				indexes: [
					'CREATE INDEX idx_quarantine_device_seq ON quarantine (device, seq)',
					'CREATE INDEX idx_quarantine_event_id ON quarantine (event_id)'
				]
			})
		);
	},
	(app) => {
		for (const name of ['quarantine', 'devices', 'streams', 'events']) {
			app.delete(app.findCollectionByNameOrId(name));
		}
	}
);
