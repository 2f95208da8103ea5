/// <reference path="../pb_data/types.d.ts" />
// Photos of topics (pocketbase/protocol.md, "Topics", photos): a `photos` record may belong to a
// topic stream as well as a meeting. Who may add one is the same as who may write the stream's
// events, which the API rules cannot say alone (office staff write topic streams but not meetings;
// a topic is also open to the levels it has been at), so any signed-in user passes the create rule
// and the hook pb_hooks/photos.pb.js decides with lib/access.js, as the push route does.
// Reading (and the protected file) keeps the venue rules and adds: moderators and members whose
// venue lies in a region the topic has been at (topic_levels), e.g. the township room's moderator
// for a topic escalated from a village.

const ADMIN = '@request.auth.role = "admin"';

function officeSubtree() {
	const r = 'venue.region';
	return (
		'(@request.auth.role = "office" && @request.auth.region != "" && (' +
		[r, r + '.parent', r + '.parent.parent', r + '.parent.parent.parent'].map((p) => p + ' = @request.auth.region').join(' || ') +
		'))'
	);
}

const OWN = '((@request.auth.role = "moderator" || @request.auth.role = "member") && @request.auth.venues.id ?= venue)';
const LEVELS =
	'((@request.auth.role = "moderator" || @request.auth.role = "member") && ' +
	'@collection.topic_levels.stream ?= stream && @collection.topic_levels.region ?= @request.auth.venues.region)';

migrate(
	(app) => {
		const photos = app.findCollectionByNameOrId('photos');
		const read = ADMIN + ' || ' + officeSubtree() + ' || ' + OWN + ' || ' + LEVELS;
		photos.listRule = read;
		photos.viewRule = read;
		photos.createRule = '@request.auth.id != ""';
		app.save(photos);
	},
	(app) => {
		const photos = app.findCollectionByNameOrId('photos');
		const read = ADMIN + ' || ' + officeSubtree() + ' || ' + OWN;
		photos.listRule = read;
		photos.viewRule = read;
		photos.createRule = ADMIN + ' || ' + OWN;
		app.save(photos);
	}
);
