/// <reference path="../pb_data/types.d.ts" />
// A photo belongs to a stream the server knows (a meeting or a topic), of the same venue, and the
// uploader may write that stream's events: the same rights as the push route (lib/access.js), so
// office staff add photos to topics of their subtree but never to meetings, and a topic is open
// to the levels it has been at (topic_levels). The tablet uploads a photo only after pushing its
// events, so the stream exists by then.
onRecordCreateRequest((e) => {
	const access = require(`${__hooks}/lib/access.js`);
	const stream = e.record.getString('stream');
	const row = new DynamicModel({ venue: '', kind: '' });
	let info = null;
	try {
		e.app.db().newQuery('SELECT venue, kind FROM streams WHERE id = {:id}').bind({ id: stream }).one(row);
		info = { venue: row.venue, kind: row.kind };
	} catch (_) {
		info = null;
	}
	if (info === null) throw new BadRequestError("stream: unknown stream (push the stream's events first)");
	if (info.venue !== e.record.getString('venue')) throw new BadRequestError('venue: the stream belongs to another venue');
	let levels = [];
	if (info.kind === 'topic') {
		const rows = arrayOf(new DynamicModel({ region: '' }));
		e.app.db().newQuery('SELECT region FROM topic_levels WHERE stream = {:s}').bind({ s: stream }).all(rows);
		levels = rows.map((r) => r.region);
	}
	if (!e.auth || !access.allowsStream(access.writable(e.app, e.auth), info.venue, info.kind, levels)) {
		throw new BadRequestError('venue: you may not write this stream');
	}
	e.next();
}, 'photos');
