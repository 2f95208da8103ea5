// Who may read and write which venue, for the sync routes (the REST API rules in the migrations
// say the same for the reference collections).
// - superusers and role admin (the city office): every venue;
// - office staff: read the venues in their region's subtree; write only topic streams (kind
//   'topic') of those venues, never meetings;
// - moderators and members: read and write the venues in their `venues`.
// Topic streams are also open to the levels they have been at (`topic_levels`: the region they
// were raised at, escalated to, delegated to): office staff whose subtree holds such a region, and
// moderators/members with a venue in it, read and write the topic. So a topic delegated down from
// a township stays visible to the village it was handed to, and one escalated up stays visible
// below (its venue) and above (the parent's subtree holds the venue).

function regionSubtree(app, root) {
	const ids = [root];
	let frontier = [root];
	const { placeholders } = require(`${__hooks}/lib/sql.js`);
	for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
		const params = {};
		const rows = arrayOf(new DynamicModel({ id: '' }));
		app.db().newQuery('SELECT id FROM regions WHERE parent IN (' + placeholders('r', frontier, params) + ')').bind(params).all(rows);
		frontier = rows.map((r) => r.id);
		for (const id of frontier) ids.push(id);
	}
	return ids;
}

function venuesInRegions(app, regions) {
	const { placeholders } = require(`${__hooks}/lib/sql.js`);
	const params = {};
	const rows = arrayOf(new DynamicModel({ id: '' }));
	app.db().newQuery('SELECT id FROM venues WHERE region IN (' + placeholders('r', regions, params) + ')').bind(params).all(rows);
	return rows.map((r) => r.id);
}

function regionsOfVenues(app, venues) {
	if (venues.length === 0) return [];
	const { placeholders } = require(`${__hooks}/lib/sql.js`);
	const params = {};
	const rows = arrayOf(new DynamicModel({ region: '' }));
	app.db().newQuery('SELECT DISTINCT region FROM venues WHERE id IN (' + placeholders('v', venues, params) + ')').bind(params).all(rows);
	return rows.map((r) => r.region);
}

/**
 * { all, ids: venues, topicVenues: venues whose topic streams, topicRegions: topic levels }.
 * Reading and writing differ only for office staff: they read every stream of their venues.
 */
function rights(app, auth, write) {
	if (auth.isSuperuser()) return { all: true, ids: [], topicVenues: [], topicRegions: [] };
	const role = auth.getString('role');
	if (role === 'admin') return { all: true, ids: [], topicVenues: [], topicRegions: [] };
	if (role === 'office') {
		const region = auth.getString('region');
		const regions = region ? regionSubtree(app, region) : [];
		const venues = regions.length > 0 ? venuesInRegions(app, regions) : [];
		return { all: false, ids: write ? [] : venues, topicVenues: venues, topicRegions: regions };
	}
	if (role === 'moderator' || role === 'member') {
		const venues = auth.getStringSlice('venues');
		return { all: false, ids: venues, topicVenues: venues, topicRegions: regionsOfVenues(app, venues) };
	}
	return { all: false, ids: [], topicVenues: [], topicRegions: [] };
}

function readable(app, auth) {
	return rights(app, auth, false);
}

function writable(app, auth) {
	return rights(app, auth, true);
}

function allows(set, venue) {
	return set.all || set.ids.indexOf(venue) >= 0;
}

/**
 * Whether `set` allows an event of a stream: `kind` is the stream's kind ('' when unknown),
 * `levels` the regions a topic stream has been at.
 */
function allowsStream(set, venue, kind, levels) {
	if (allows(set, venue)) return true;
	if (kind !== 'topic') return false;
	if (set.topicVenues.indexOf(venue) >= 0) return true;
	for (const r of levels) if (set.topicRegions.indexOf(r) >= 0) return true;
	return false;
}

module.exports = { readable, writable, allows, allowsStream };
