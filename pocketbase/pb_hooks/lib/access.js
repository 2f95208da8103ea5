// Who may read and write which venue, for the sync routes (the REST API rules in the migrations
// say the same for the reference collections).
// - superusers and role admin (the city office): every venue;
// - office staff: read the venues in their region's subtree; write none;
// - moderators and members: read and write the venues in their `venues`.

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

/** { all: true } or { all: false, ids: [...] } */
function readable(app, auth) {
	if (auth.isSuperuser()) return { all: true, ids: [] };
	const role = auth.getString('role');
	if (role === 'admin') return { all: true, ids: [] };
	if (role === 'office') {
		const region = auth.getString('region');
		return { all: false, ids: region ? venuesInRegions(app, regionSubtree(app, region)) : [] };
	}
	return { all: false, ids: auth.getStringSlice('venues') };
}

function writable(app, auth) {
	if (auth.isSuperuser()) return { all: true, ids: [] };
	const role = auth.getString('role');
	if (role === 'admin') return { all: true, ids: [] };
	if (role === 'moderator' || role === 'member') return { all: false, ids: auth.getStringSlice('venues') };
	return { all: false, ids: [] };
}

function allows(set, venue) {
	return set.all || set.ids.indexOf(venue) >= 0;
}

module.exports = { readable, writable, allows };
