/// <reference path="../pb_data/types.d.ts" />
// Scenario 4 (domain.md): "the topic is escalated to the township, consulted there". Demo data
// for a real township meeting: the consultation room of 阿尔巴斯苏木, a few people of its roster,
// and its moderator (mod.albas@yishi.demo). The moderator reaches the topics escalated to the
// township through `topic_levels` (their venue's region is the township), opens a meeting in the
// township room, schedules the topic into it and records the outcome.

migrate(
	(app) => {
		if ($os.getenv('YISHI_DEMO') === '0') return;
		try {
			app.findRecordById('regions', 'rgnalbas0000000');
		} catch (_) {
			return; // not the demo data
		}
		const venue = new Record(app.findCollectionByNameOrId('venues'));
		venue.set('id', 'vnualbas0000000');
		venue.set('name', '阿尔巴斯苏木协商议事室');
		venue.set('kind', 'consultation_room');
		venue.set('region', 'rgnalbas0000000');
		venue.set('address', '鄂托克旗阿尔巴斯苏木人民政府');
		app.save(venue);

		const u = new Record(app.findCollectionByNameOrId('users'));
		u.set('id', 'usrmodalbas0000');
		u.setEmail('mod.albas@yishi.demo');
		u.setPassword('yishi-demo-2026');
		u.setVerified(true);
		u.set('name', '宝音');
		u.set('role', 'moderator');
		u.set('venues', ['vnualbas0000000']);
		u.set('region', '');
		app.save(u);

		// [name, kind, role, sector, organisation, phone]; ids pplalbas0000001 …
		const people = [
			['宝音', 'official', 'dept_official', '', '阿尔巴斯苏木党委', ''],
			['斯琴', 'official', 'dept_official', '', '阿尔巴斯苏木草原站', ''],
			['额尔敦', 'official', 'village_cadre', '', '乌兰图克嘎查委员会', ''],
			['敖其尔', 'resident', 'dispute_party', '', '', ''],
			['朝鲁', 'resident', 'dispute_party', '', '', '']
		];
		const col = app.findCollectionByNameOrId('people');
		people.forEach(([name, kind, role, sector, organisation, phone], i) => {
			const p = new Record(col);
			p.set('id', 'pplalbas' + String(i + 1).padStart(7, '0'));
			p.set('name', name);
			p.set('kind', kind);
			p.set('role', role);
			p.set('sector', sector);
			p.set('organisation', organisation);
			p.set('venue', 'vnualbas0000000');
			p.set('phone', phone);
			app.save(p);
		});
	},
	(app) => {
		for (const r of app.findRecordsByFilter('users', 'email = "mod.albas@yishi.demo"', '', 0, 0)) app.delete(r);
		for (const r of app.findRecordsByFilter('people', 'venue = "vnualbas0000000"', '', 0, 0)) app.delete(r);
		try {
			app.delete(app.findRecordById('venues', 'vnualbas0000000'));
		} catch (_) {
			// not there
		}
	}
);
