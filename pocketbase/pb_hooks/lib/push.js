// POST /api/sync/push — sync protocol v1 (pocketbase/protocol.md).
//
// 1. Request-level checks, in order: 401 no valid token, 413 body over 8 MiB or over 500 events,
//    400 not JSON / not {device, events} / an event of another device / seqs not increasing.
//    They write nothing.
// 2. Outside the transaction, per event: validation with the tablet's own schemas (domain.cjs),
//    canonical JSON and SHA-256 of the event without `hash`.
// 3. In one transaction: the device's `high` and last hash, then per event, in request order:
//    access first (pusher and actor may write the venue), then already received (duplicate /
//    conflict / rejected again), gap, and for the next seq: id reuse, validity, hash, chain,
//    stream rules; accepted events get the next server position `pos`. Rejected and
//    conflicting events are kept in `quarantine` and count as received.

const MAX_BYTES = 8 * 1024 * 1024;
const MAX_EVENTS = 500;
const DEVICE_RE = /^[a-z0-9-]{1,64}$/;

function utf8Length(text) {
	let n = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x80) n += 1;
		else if (c < 0x800) n += 2;
		else if (c >= 0xd800 && c <= 0xdbff) {
			n += 4;
			i++;
		} else n += 3;
	}
	return n;
}

function isObject(v) {
	return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isSeq(v) {
	return typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;
}

/** Reads and checks the request; returns {error} or {device, events}. */
function readRequest(e) {
	const { fail, authOf } = require(`${__hooks}/lib/http.js`);
	const auth = authOf(e);
	if (!auth) return { response: fail(e, 401, 'sign in first: no valid auth token') };
	const declared = e.request.contentLength;
	if (declared > MAX_BYTES) return { response: fail(e, 413, 'body over 8 MiB') };
	const text = toString(e.request.body, MAX_BYTES + 1);
	if (text.length > MAX_BYTES / 4 && utf8Length(text) > MAX_BYTES) {
		return { response: fail(e, 413, 'body over 8 MiB') };
	}
	let body;
	try {
		body = JSON.parse(text);
	} catch (_) {
		return { response: fail(e, 400, 'body is not JSON') };
	}
	if (!isObject(body) || typeof body.device !== 'string' || !Array.isArray(body.events)) {
		return { response: fail(e, 400, 'body must be {"device": "...", "events": [...]}') };
	}
	if (body.events.length > MAX_EVENTS) return { response: fail(e, 413, 'over 500 events in one push') };
	if (!DEVICE_RE.test(body.device)) return { response: fail(e, 400, 'device: expected 1-64 characters of a-z, 0-9 and -') };
	if (body.events.length === 0) return { response: fail(e, 400, 'events: 1 to 500 events') };
	let last = 0;
	for (let i = 0; i < body.events.length; i++) {
		const ev = body.events[i];
		if (!isObject(ev)) return { response: fail(e, 400, 'events[' + i + ']: expected an object') };
		if (ev.device !== body.device) {
			return { response: fail(e, 400, 'events[' + i + '].device: must be the body\'s device') };
		}
		if (isSeq(ev.seq)) {
			if (ev.seq <= last) return { response: fail(e, 400, 'events must come in seq order') };
			last = ev.seq;
		}
	}
	return { auth, device: body.device, events: body.events };
}

/**
 * Validation and hashing, before the transaction. The event is canonicalized once: for a valid
 * event the text its hash covers is the canonical JSON without the top-level `"hash"` member
 * (keys sort as actor, at, device, hash…, and those three cannot hold the text `,"hash":"`).
 */
function prepare(domain, raw) {
	const checked = domain.validateEvent(raw);
	let hashOk = false;
	let canonical = '';
	if (checked.ok) {
		canonical = domain.canonicalJson(raw);
		const member = ',"hash":' + JSON.stringify(raw.hash);
		hashOk = $security.sha256(canonical.replace(member, '')) === raw.hash;
	}
	return {
		raw: raw,
		id: typeof raw.id === 'string' ? raw.id : '',
		seq: isSeq(raw.seq) ? raw.seq : 0,
		hash: typeof raw.hash === 'string' ? raw.hash : '',
		venue: typeof raw.venue === 'string' ? raw.venue : '',
		actor: typeof raw.actor === 'string' ? raw.actor : '',
		valid: checked.ok,
		reason: checked.ok ? '' : checked.reason,
		hashOk: hashOk,
		canonical: canonical,
		streamKind: checked.ok ? domain.STREAM_STARTS[raw.type] || '' : ''
	};
}

function one(tx, sql, params, shape) {
	const row = new DynamicModel(shape);
	try {
		tx.db().newQuery(sql).bind(params).one(row);
		return row;
	} catch (_) {
		return null; // no rows
	}
}

function push(e) {
	const access = require(`${__hooks}/lib/access.js`);
	const { placeholders } = require(`${__hooks}/lib/sql.js`);
	const request = readRequest(e);
	if (request.response !== undefined) return request.response;
	const auth = request.auth;
	const device = request.device;
	const domain = require(`${__hooks}/lib/domain.cjs`);
	const items = request.events.map((raw) => prepare(domain, raw));
	const pusherMay = access.writable($app, auth);

	// Actors are users; each must itself be allowed to write the venue (a shared tablet may push
	// what an earlier user recorded).
	const actorRights = {};
	function actorMay(actor, venue, kind, levels) {
		if (!(actor in actorRights)) {
			let user = null;
			try {
				user = $app.findRecordById('users', actor);
			} catch (_) {
				user = null;
			}
			actorRights[actor] = user ? access.writable($app, user) : null;
		}
		return actorRights[actor] !== null && access.allowsStream(actorRights[actor], venue, kind, levels);
	}

	const results = [];
	let high = 0;

	$app.runInTransaction((tx) => {
		const streamsCol = tx.findCollectionByNameOrId('streams');
		const quarantineCol = tx.findCollectionByNameOrId('quarantine');
		let deviceRec = null;
		try {
			deviceRec = tx.findFirstRecordByData('devices', 'device', device);
		} catch (_) {
			deviceRec = null;
		}
		high = deviceRec ? deviceRec.getInt('high') : 0;
		let lastHash = deviceRec ? deviceRec.getString('last_hash') : '';
		const startHigh = high;
		const maxPos = one(tx, 'SELECT COALESCE(MAX(pos), 0) AS pos FROM events', {}, { pos: 0 });
		let pos = maxPos ? maxPos.pos : 0;

		// Ids of this request already stored (one query), and streams looked up once each.
		const storedIds = {};
		const ids = items.filter((item) => item.valid).map((item) => item.id);
		if (ids.length > 0) {
			const params = {};
			const rows = arrayOf(new DynamicModel({ id: '' }));
			tx.db().newQuery('SELECT id FROM events WHERE id IN (' + placeholders('i', ids, params) + ')').bind(params).all(rows);
			for (const row of rows) storedIds[row.id] = true;
		}
		const streams = {};
		function streamInfo(id) {
			if (!(id in streams)) {
				const row = one(tx, 'SELECT venue, kind FROM streams WHERE id = {:id}', { id: id }, { venue: '', kind: '' });
				streams[id] = row ? { venue: row.venue, kind: row.kind } : null;
			}
			return streams[id];
		}
		function streamVenue(id) {
			const info = streamInfo(id);
			return info ? info.venue : null;
		}
		// The regions a topic stream has been at (topic_levels), read once per stream.
		const levelsCol = tx.findCollectionByNameOrId('topic_levels');
		const levels = {};
		function topicLevels(id) {
			if (!(id in levels)) {
				const rows = arrayOf(new DynamicModel({ region: '' }));
				tx.db().newQuery('SELECT region FROM topic_levels WHERE stream = {:s}').bind({ s: id }).all(rows);
				levels[id] = rows.map((r) => r.region);
			}
			return levels[id];
		}
		function noteLevel(stream, region) {
			const list = topicLevels(stream);
			if (!region || list.indexOf(region) >= 0) return;
			const r = new Record(levelsCol);
			r.set('stream', stream);
			r.set('region', region);
			tx.save(r);
			list.push(region);
		}
		const accepted = [];

		function quarantine(item, status, reason) {
			const q = new Record(quarantineCol);
			q.set('event_id', item.id.slice(0, 1000));
			q.set('device', device);
			q.set('seq', item.seq);
			q.set('hash', item.hash.slice(0, 1000));
			q.set('status', status);
			q.set('reason', reason.slice(0, 5000));
			q.set('raw', JSON.stringify(item.raw));
			q.set('pusher', auth.id);
			tx.save(q);
		}
		function alreadyQuarantined(item) {
			return one(
				tx,
				'SELECT id FROM quarantine WHERE device = {:d} AND seq = {:s} AND event_id = {:i} AND hash = {:h} LIMIT 1',
				{ d: device, s: item.seq, i: item.id, h: item.hash },
				{ id: '' }
			);
		}
		function received(item) {
			high = item.seq;
			lastHash = item.hash;
		}
		function answer(item, status, reason) {
			results.push(reason ? { id: item.raw.id, status: status, reason: reason } : { id: item.raw.id, status: status });
		}
		function keep(item, status, reason) {
			quarantine(item, status, reason);
			received(item);
			answer(item, status, reason);
		}

		for (const item of items) {
			// A seq that cannot be placed in the chain: kept, but not counted as received.
			if (item.seq === 0) {
				const reason = item.valid ? 'seq: expected an integer ≥ 1' : item.reason;
				quarantine(item, 'rejected', reason);
				answer(item, 'rejected', reason);
				continue;
			}

			// Access is decided first: a push never tells a user what another venue holds.
			const info = item.valid ? streamInfo(item.raw.stream) : null;
			const kind = item.streamKind || (info ? info.kind : '');
			const levelsNow = kind === 'topic' && info ? topicLevels(item.raw.stream) : [];
			const venueOk = access.allowsStream(pusherMay, item.venue, kind, levelsNow);
			if (!venueOk || !actorMay(item.actor, item.venue, kind, levelsNow)) {
				const reason = !venueOk
					? 'venue: you may not write to venue "' + item.venue + '"'
					: 'actor: user "' + item.actor + '" may not write to venue "' + item.venue + '"';
				if (item.seq === high + 1) keep(item, 'rejected', reason);
				else {
					if (item.seq <= high && !alreadyQuarantined(item)) quarantine(item, 'rejected', reason);
					answer(item, 'rejected', reason);
				}
				continue;
			}

			if (item.seq <= high) {
				const stored = one(tx, 'SELECT id, raw FROM events WHERE device = {:d} AND seq = {:s}', { d: device, s: item.seq }, { id: '', raw: '' });
				if (stored) {
					if (stored.id === item.id && item.valid && item.canonical === stored.raw) answer(item, 'duplicate');
					else {
						const reason =
							stored.id === item.id
								? 'id: an event with this id and a different hash is stored'
								: 'seq: seq ' + item.seq + ' of this device was already received with another id';
						if (!alreadyQuarantined(item)) quarantine(item, 'conflict', reason);
						answer(item, 'conflict', reason);
					}
					continue;
				}
				const first = one(
					tx,
					'SELECT event_id, hash, status, reason FROM quarantine WHERE device = {:d} AND seq = {:s} ORDER BY created, id LIMIT 1',
					{ d: device, s: item.seq },
					{ event_id: '', hash: '', status: '', reason: '' }
				);
				if (first && first.event_id === item.id && first.hash === item.hash) {
					answer(item, first.status, first.reason);
				} else {
					const reason = 'seq: seq ' + item.seq + ' of this device was already received with another id or content';
					if (!alreadyQuarantined(item)) quarantine(item, 'conflict', reason);
					answer(item, 'conflict', reason);
				}
				continue;
			}

			if (item.seq > high + 1) {
				answer(item, 'gap', 'seq: expected seq ' + (high + 1) + ' next; send again from there');
				continue;
			}

			// item.seq === high + 1: the next event of this device.
			if (!item.valid) {
				keep(item, 'rejected', item.reason);
				continue;
			}
			if (storedIds[item.id]) {
				keep(item, 'conflict', 'id: an event with this id and a different hash is stored');
				continue;
			}
			if (!item.hashOk) {
				keep(item, 'rejected', "hash: does not match the SHA-256 of the event's canonical JSON");
				continue;
			}
			if (item.raw.prev !== lastHash) {
				keep(
					item,
					'rejected',
					item.seq === 1 ? 'prev: must be empty for seq 1' : 'prev: does not match the hash of seq ' + (item.seq - 1) + ' of this device'
				);
				continue;
			}
			const streamOwner = streamVenue(item.raw.stream);
			if (item.streamKind) {
				if (streamOwner !== null) {
					keep(item, 'rejected', 'stream: this stream already exists; ' + item.raw.type + ' starts a new one');
					continue;
				}
				const s = new Record(streamsCol);
				s.set('id', item.raw.stream);
				s.set('venue', item.venue);
				s.set('kind', item.streamKind);
				s.set('title', String(item.raw.payload.title || '').slice(0, 500));
				s.set('pos', pos + 1);
				tx.save(s);
				streams[item.raw.stream] = { venue: item.venue, kind: item.streamKind };
			} else if (streamOwner === null) {
				keep(item, 'rejected', 'stream: unknown stream; its first event must open it (e.g. meeting.opened)');
				continue;
			} else if (streamOwner !== item.venue) {
				keep(item, 'rejected', 'venue: the stream belongs to another venue');
				continue;
			}

			// A topic is open to every level it has been at (access.js).
			const t = item.raw.type;
			if (t === 'topic.submitted') noteLevel(item.raw.stream, String(item.raw.payload.region || ''));
			else if (t === 'topic.escalated' || t === 'topic.delegated') noteLevel(item.raw.stream, String(item.raw.payload.to_region || ''));

			pos++;
			accepted.push([item.id, item.raw.stream, item.venue, device, item.seq, item.raw.hlc, item.raw.at, item.actor, item.raw.type, item.raw.v, pos, item.canonical]);
			storedIds[item.id] = true;
			received(item);
			answer(item, 'accepted');
		}

		// Accepted events in a few multi-row INSERTs (plain SQL: nothing else listens to events).
		for (let i = 0; i < accepted.length; i += 100) {
			const params = {};
			const rows = accepted.slice(i, i + 100).map((row, r) => '(' + placeholders('r' + r + '_', row, params) + ')');
			tx.db()
				.newQuery('INSERT INTO events (id, stream, venue, device, seq, hlc, at, actor, type, v, pos, raw) VALUES ' + rows.join(','))
				.bind(params)
				.execute();
		}

		if (high !== startHigh) {
			if (!deviceRec) {
				deviceRec = new Record(tx.findCollectionByNameOrId('devices'));
				deviceRec.set('device', device);
			}
			deviceRec.set('high', high);
			deviceRec.set('last_hash', lastHash);
			tx.save(deviceRec);
		}
	});

	return e.json(200, { results: results, high: high });
}

module.exports = { push };
