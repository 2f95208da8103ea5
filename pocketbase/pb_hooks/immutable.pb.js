/// <reference path="../pb_data/types.d.ts" />
// What API rules cannot enforce about stored data:
// - `events` are append-only: no update or delete by anyone, superusers and hook code
//   included (model-level hooks); no create through the REST API either (the push route
//   creates them from code with txApp.save, which these hooks let through);
// - `quarantine` keeps what a tablet sent: no update or delete, no REST create;
// - `people.phone_masked` is derived from the hidden `phone` (PIPL: show 138****5678 only).
// Each handler runs in its own JS runtime, so handlers must not use top-level helpers.

onRecordUpdate((e) => {
	throw new BadRequestError(`${e.record.collection().name} records are append-only: they cannot be changed`);
}, 'events', 'quarantine', 'photos');

onRecordDelete((e) => {
	throw new BadRequestError(`${e.record.collection().name} records are append-only: they cannot be deleted`);
}, 'events', 'quarantine', 'photos');

onRecordCreateRequest(() => {
	throw new ForbiddenError('Events are written only through POST /api/sync/push.');
}, 'events', 'quarantine');

onRecordUpdateRequest(() => {
	throw new ForbiddenError('This collection is append-only: records can never be changed.');
}, 'events', 'quarantine', 'photos');

onRecordDeleteRequest(() => {
	throw new ForbiddenError('This collection is append-only: records can never be deleted.');
}, 'events', 'quarantine', 'photos');

// 13812345678 -> 138****5678; shorter numbers keep the first 3 and last 2 characters.
function maskPhone(e) {
	const phone = String(e.record.get('phone') || '').replace(/\s+/g, '');
	let masked = '';
	if (phone.length >= 11) {
		masked = phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
	} else if (phone.length > 5) {
		masked = phone.slice(0, 3) + '*'.repeat(phone.length - 5) + phone.slice(-2);
	} else if (phone.length > 0) {
		masked = '*'.repeat(phone.length);
	}
	e.record.set('phone_masked', masked);
	e.next();
}

// PocketBase drops hidden fields from the request body of non-superusers (also from
// e.requestInfo().body), so an admin or a moderator adding a walk-in could not set `phone`.
// Read it from the raw request instead; the API rules still decide whether the request is
// allowed at all. JSON bodies may clear it with "" or null; a form body can only set it.
function acceptPhone(e) {
	const req = e.requestEvent.request;
	let phone;
	if (String(req.header.get('Content-Type')).indexOf('application/json') >= 0) {
		let body = null;
		try {
			body = JSON.parse(toString(req.body) || 'null');
		} catch (err) {
			body = null; // PocketBase itself answers 400 for a malformed body
		}
		if (body && typeof body === 'object' && 'phone' in body) phone = body.phone == null ? '' : String(body.phone);
	} else {
		const value = req.formValue('phone');
		if (value) phone = value;
	}
	if (phone !== undefined) e.record.set('phone', phone);
	e.next();
}

onRecordCreateRequest(acceptPhone, 'people');
onRecordUpdateRequest(acceptPhone, 'people');
onRecordCreate(maskPhone, 'people');
onRecordUpdate(maskPhone, 'people');
