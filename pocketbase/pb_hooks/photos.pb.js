/// <reference path="../pb_data/types.d.ts" />
// A photo belongs to a meeting the server knows, of the same venue (the API rules already decide
// that the uploader may write that venue). The tablet uploads a photo only after pushing its
// events, so the stream exists by then.
onRecordCreateRequest((e) => {
	const stream = e.record.getString('stream');
	const row = new DynamicModel({ venue: '' });
	let venue = null;
	try {
		e.app.db().newQuery('SELECT venue FROM streams WHERE id = {:id}').bind({ id: stream }).one(row);
		venue = row.venue;
	} catch (_) {
		venue = null;
	}
	if (venue === null) throw new BadRequestError('stream: unknown stream (push the meeting\'s events first)');
	if (venue !== e.record.getString('venue')) throw new BadRequestError('venue: the stream belongs to another venue');
	e.next();
}, 'photos');
