// GET /api/sync/pull?after=CURSOR&limit=N[&stream=ID] — sync protocol v1 (pocketbase/protocol.md).
// Events of the venues the user may read, in server order (`pos`), each exactly as pushed (the
// stored canonical JSON is written into the answer unchanged). The cursor is opaque to the
// tablet: base64url of {p: last pos, u: user id, s: stream filter}; it is refused for another
// user or another stream filter, and stays valid across restarts because `pos` is stored.

const STREAM_RE = /^[0-9a-f]{32}$/;

function b64url(text) {
	const bytes = toBytes(text);
	const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
		out += chars[(n >> 18) & 63] + chars[(n >> 12) & 63];
		if (i + 1 < bytes.length) out += chars[(n >> 6) & 63];
		if (i + 2 < bytes.length) out += chars[n & 63];
	}
	return out;
}

function unb64url(text) {
	const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
	let bits = 0;
	let value = 0;
	let out = '';
	for (let i = 0; i < text.length; i++) {
		const c = chars.indexOf(text[i]);
		if (c < 0) return null;
		value = (value << 6) | c;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out += String.fromCharCode((value >> bits) & 255);
		}
	}
	return out; // ASCII only: the cursor's JSON holds ids and digits
}

function makeCursor(pos, user, stream) {
	return b64url(JSON.stringify({ p: pos, u: user, s: stream }));
}

function readCursor(text) {
	if (text === '') return { p: 0, u: null, s: null };
	if (text.length > 200) return null;
	const json = unb64url(text);
	if (json === null) return null;
	try {
		const c = JSON.parse(json);
		if (c === null || typeof c !== 'object' || !Number.isSafeInteger(c.p) || c.p < 0) return null;
		if (typeof c.u !== 'string' || typeof c.s !== 'string') return null;
		return c;
	} catch (_) {
		return null;
	}
}

function pull(e) {
	const { fail, authOf } = require(`${__hooks}/lib/http.js`);
	const access = require(`${__hooks}/lib/access.js`);
	const { placeholders } = require(`${__hooks}/lib/sql.js`);
	const auth = authOf(e);
	if (!auth) return fail(e, 401, 'sign in first: no valid auth token');

	const q = e.request.url.query();
	const limitText = q.get('limit');
	let limit = 500;
	if (limitText !== '') {
		if (!/^\d{1,4}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 1000) {
			return fail(e, 400, 'limit: expected an integer from 1 to 1000');
		}
		limit = Number(limitText);
	}
	const stream = q.get('stream');
	if (stream !== '' && !STREAM_RE.test(stream)) return fail(e, 400, 'stream: expected 32 lowercase hex characters');
	const cursor = readCursor(q.get('after'));
	if (cursor === null) return fail(e, 400, 'after: not a cursor given by this server');
	if (cursor.u !== null && (cursor.u !== auth.id || cursor.s !== stream)) {
		return fail(e, 400, 'after: this cursor was given to another user or for another stream filter');
	}

	const params = { p: cursor.p, n: limit + 1 };
	let where = 'pos > {:p}';
	if (stream !== '') {
		where += ' AND stream = {:s}';
		params.s = stream;
	}
	const may = access.readable($app, auth);
	if (!may.all) {
		// Events of the user's venues, and of the topic streams that have been at one of their
		// levels (access.js).
		const either = [];
		if (may.ids.length > 0) either.push('venue IN (' + placeholders('v', may.ids, params) + ')');
		if (may.topicRegions.length > 0) {
			either.push('stream IN (SELECT stream FROM topic_levels WHERE region IN (' + placeholders('t', may.topicRegions, params) + '))');
		}
		where += either.length === 0 ? ' AND 0' : ' AND (' + either.join(' OR ') + ')';
	}
	const rows = arrayOf(new DynamicModel({ pos: 0, raw: '' }));
	$app
		.db()
		.newQuery('SELECT pos, raw FROM events WHERE ' + where + ' ORDER BY pos LIMIT {:n}')
		.bind(params)
		.all(rows);
	const more = rows.length > limit;
	const page = more ? rows.slice(0, limit) : rows;
	const last = page.length > 0 ? page[page.length - 1].pos : cursor.p;
	const body =
		'{"events":[' +
		page.map((r) => r.raw).join(',') +
		'],"cursor":' +
		JSON.stringify(makeCursor(last, auth.id, stream)) +
		',"more":' +
		(more ? 'true' : 'false') +
		'}';
	e.response.header().set('Content-Type', 'application/json');
	return e.string(200, body);
}

module.exports = { pull };
