// GET /api/verify?stream=ID&fp=HEX — public (no token): anyone holding the paper minutes can
// check them against the server (pocketbase/protocol.md, "Fingerprint and verify").
// Reads the stream's stored events (their stored canonical JSON, not the `hash` column), the
// events before them on each device (for the chain check), and the names of the people who
// signed; the check itself is `verifyRecord` from the bundled domain. Names only, never phones.
// `differs` holds structured reasons ({ code, event, type, device, seq, prevSeq, message }): the
// verify page words them in the reader's language, `message` is English for API users.

const STREAM_RE = /^[0-9a-f]{32}$/;

function verify(e) {
	const { fail } = require(`${__hooks}/lib/http.js`);
	const q = e.request.url.query();
	const stream = q.get('stream');
	if (!STREAM_RE.test(stream)) return fail(e, 400, 'stream: expected 32 lowercase hex characters');
	const domain = require(`${__hooks}/lib/domain.cjs`);
	const claimed = domain.parseFingerprint(q.get('fp') || '');
	if (claimed === null) return fail(e, 400, 'fp: expected a fingerprint of 64 hex characters');

	const rows = arrayOf(new DynamicModel({ id: '', raw: '', device: '', seq: 0 }));
	$app.db().newQuery('SELECT id, raw, device, seq FROM events WHERE stream = {:s} ORDER BY pos').bind({ s: stream }).all(rows);
	if (rows.length === 0) return fail(e, 404, 'no meeting with this id is stored on the server');

	const present = {};
	for (const r of rows) present[r.device + ':' + r.seq] = true;
	const predecessors = {};
	for (const r of rows) {
		const key = r.device + ':' + (r.seq - 1);
		if (r.seq <= 1 || present[key] || key in predecessors) continue;
		const before = new DynamicModel({ raw: '' });
		try {
			$app.db().newQuery('SELECT raw FROM events WHERE device = {:d} AND seq = {:n}').bind({ d: r.device, n: r.seq - 1 }).one(before);
			predecessors[key] = before.raw;
		} catch (_) {
			// missing: reported by verifyRecord
		}
	}

	const names = {};
	function nameOf(person) {
		if (!(person in names)) {
			let name = '';
			try {
				name = $app.findRecordById('people', person).getString('name');
			} catch (_) {
				name = '';
			}
			names[person] = name || '(' + person + ')';
		}
		return names[person];
	}

	const report = domain.verifyRecord({
		stream: stream,
		rows: rows.map((r) => ({ id: r.id, raw: r.raw })),
		predecessors: predecessors,
		claimed: claimed,
		sha256: (text) => $security.sha256(text),
		nameOf: nameOf
	});
	return e.json(200, report);
}

module.exports = { verify };
