/// <reference path="../pb_data/types.d.ts" />
// Reference data: the region tree, venues, people, and the roles on `users`.
//
// Who reads what (API rules below):
// - anonymous: nothing;
// - admin (the city office): everything;
// - office: venues/people in the subtree of their `region` (the tree has 4 levels);
// - moderator / member: the venues in their `venues` and those venues' people;
// - regions (public administrative names) are readable by every signed-in user, so a
//   tablet can show where a topic may be escalated to.
// Writes to regions/venues/people are admin only; a moderator may also create a person
// (a walk-in) for one of their venues.

const ADMIN = '@request.auth.role = "admin"';

// `prefix` is the path from the checked record to its region ("" for regions, "venue." for people).
function officeSubtree(prefix) {
	const r = prefix + 'region';
	return (
		'(@request.auth.role = "office" && @request.auth.region != "" && (' +
		[r, r + '.parent', r + '.parent.parent', r + '.parent.parent.parent']
			.map((p) => p + ' = @request.auth.region')
			.join(' || ') +
		'))'
	);
}

// Note: `@request.auth.venues ?= id` matches nothing in 0.40; `@request.auth.venues.id ?= id` works.
function ownVenues(venueExpr) {
	return (
		'((@request.auth.role = "moderator" || @request.auth.role = "member") && @request.auth.venues.id ?= ' +
		venueExpr +
		')'
	);
}

migrate(
	(app) => {
		const signedIn = '@request.auth.id != ""';

		// --- regions: 市 / 旗区 / 苏木镇·街道 / 嘎查村·社区
		const regions = new Collection({
			type: 'base',
			name: 'regions',
			listRule: signedIn,
			viewRule: signedIn,
			createRule: null,
			updateRule: null,
			deleteRule: null,
			fields: [
				{ name: 'name', type: 'text', required: true, max: 200, presentable: true },
				{ name: 'level', type: 'select', required: true, maxSelect: 1, values: ['city', 'banner', 'township', 'village'] }
			],
			indexes: []
		});
		app.save(regions);
		regions.fields.add(new RelationField({ name: 'parent', collectionId: regions.id, maxSelect: 1, required: false }));
		regions.indexes = ['CREATE INDEX idx_regions_parent ON regions (parent)'];
		app.save(regions);

		// --- venues
		const venueRead = [ADMIN, officeSubtree(''), ownVenues('id')].join(' || ');
		const venues = new Collection({
			type: 'base',
			name: 'venues',
			listRule: venueRead,
			viewRule: venueRead,
			createRule: ADMIN,
			updateRule: ADMIN,
			deleteRule: ADMIN,
			fields: [
				{ name: 'name', type: 'text', required: true, max: 200, presentable: true },
				{
					name: 'kind',
					type: 'select',
					required: true,
					maxSelect: 1,
					values: ['consultation_room', 'members_home', 'member_studio', 'on_site']
				},
				{ name: 'region', type: 'relation', required: true, collectionId: regions.id, maxSelect: 1 },
				{ name: 'address', type: 'text', max: 500 }
			],
			indexes: ['CREATE INDEX idx_venues_region ON venues (region)']
		});
		app.save(venues);

		// --- users: extend the default auth collection
		const users = app.findCollectionByNameOrId('users');
		if (!users.fields.getByName('name')) users.fields.add(new TextField({ name: 'name', max: 255 }));
		users.fields.add(
			new SelectField({ name: 'role', required: true, maxSelect: 1, values: ['admin', 'office', 'moderator', 'member'] })
		);
		users.fields.add(new RelationField({ name: 'venues', collectionId: venues.id, maxSelect: 999 }));
		users.fields.add(new RelationField({ name: 'region', collectionId: regions.id, maxSelect: 1 }));
		const self = 'id = @request.auth.id';
		users.listRule = self + ' || ' + ADMIN;
		users.viewRule = self + ' || ' + ADMIN;
		users.createRule = ADMIN;
		// A user may edit their own profile but never their role, venues or region.
		users.updateRule =
			ADMIN +
			' || (' +
			self +
			' && @request.body.role:isset = false && @request.body.venues:isset = false && @request.body.region:isset = false)';
		users.deleteRule = ADMIN;
		users.manageRule = ADMIN; // the city office may reset passwords and change emails
		app.save(users);

		// --- people: participants (no accounts)
		const peopleRead = [ADMIN, officeSubtree('venue.'), ownVenues('venue')].join(' || ');
		const people = new Collection({
			type: 'base',
			name: 'people',
			listRule: peopleRead,
			viewRule: peopleRead,
			createRule: ADMIN + ' || (@request.auth.role = "moderator" && @request.auth.venues.id ?= venue)',
			updateRule: ADMIN,
			deleteRule: ADMIN,
			fields: [
				{ name: 'name', type: 'text', required: true, max: 100, presentable: true },
				{
					name: 'kind',
					type: 'select',
					required: true,
					maxSelect: 1,
					values: ['cppcc_member', 'resident', 'official', 'other']
				},
				{ name: 'role', type: 'text', max: 50, pattern: '^[a-z_]*$' },
				{ name: 'sector', type: 'text', max: 100 },
				{ name: 'organisation', type: 'text', max: 200 },
				{ name: 'venue', type: 'relation', required: true, collectionId: venues.id, maxSelect: 1 },
				// Never returned by the API; phone_masked is set from it by pb_hooks/immutable.pb.js.
				{ name: 'phone', type: 'text', hidden: true, max: 30, pattern: '^[0-9+ -]*$' },
				{ name: 'phone_masked', type: 'text', max: 30 }
			],
			indexes: ['CREATE INDEX idx_people_venue ON people (venue)']
		});
		app.save(people);
	},
	(app) => {
		for (const name of ['people', 'venues']) app.delete(app.findCollectionByNameOrId(name));
		const users = app.findCollectionByNameOrId('users');
		for (const f of ['role', 'venues', 'region']) users.fields.removeByName(f);
		app.save(users);
		app.delete(app.findCollectionByNameOrId('regions'));
	}
);
