/// <reference path="../pb_data/types.d.ts" />
// Photos of a meeting (pocketbase/protocol.md, "Consensus, signatures, photos"): the JPEG taken
// on the tablet (scaled to at most 1600 px), uploaded when online. The record id is the photo id
// of its `photo.added` event (32 hex, made on the tablet), so an upload that is repeated after an
// interruption finds the record already there instead of making a second one. Records are never
// updated or deleted through the API; files are protected (a file token is needed to fetch one).
// Who reads and writes: as for the venue's events (admin; office staff read their subtree;
// moderators and members read and write their own venues).

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

migrate(
	(app) => {
		const venues = app.findCollectionByNameOrId('venues');
		app.save(
			new Collection({
				type: 'base',
				name: 'photos',
				listRule: ADMIN + ' || ' + officeSubtree() + ' || ' + OWN,
				viewRule: ADMIN + ' || ' + officeSubtree() + ' || ' + OWN,
				createRule: ADMIN + ' || ' + OWN,
				updateRule: null,
				deleteRule: null,
				fields: [
					{
						name: 'id',
						type: 'text',
						system: true,
						primaryKey: true,
						required: true,
						min: 32,
						max: 32,
						pattern: '^[a-f0-9]{32}$',
						autogeneratePattern: ''
					},
					{ name: 'stream', type: 'text', required: true, min: 32, max: 32, pattern: '^[a-f0-9]{32}$' },
					{ name: 'venue', type: 'relation', required: true, collectionId: venues.id, maxSelect: 1 },
					{ name: 'sha256', type: 'text', required: true, min: 64, max: 64, pattern: '^[a-f0-9]{64}$' },
					{
						name: 'file',
						type: 'file',
						required: true,
						maxSelect: 1,
						maxSize: 20 * 1024 * 1024,
						mimeTypes: ['image/jpeg'],
						protected: true
					},
					{ name: 'created', type: 'autodate', onCreate: true, onUpdate: false }
				],
				indexes: ['CREATE INDEX idx_photos_stream ON photos (stream)']
			})
		);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId('photos'));
	}
);
