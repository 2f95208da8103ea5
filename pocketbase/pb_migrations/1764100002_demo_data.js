/// <reference path="../pb_data/types.d.ts" />
// Demo data for the four scenarios of docs/domain.md, seeded once when a data folder is
// first migrated. Set YISHI_DEMO=0 to start without it. Ids are fixed so tests can use
// them: keep tests/support/demo.ts in step with this file. Phone numbers are fictional.

migrate(
	(app) => {
		if ($os.getenv('YISHI_DEMO') === '0') return;
		if (app.countRecords('regions') > 0) return;

		const PASSWORD = 'yishi-demo-2026';

		// [id, name, level, parent id]
		const regions = [
			['rgnordos0000000', '鄂尔多斯市', 'city', ''],
			['rgnotog00000000', '鄂托克旗', 'banner', 'rgnordos0000000'],
			['rgndalad0000000', '达拉特旗', 'banner', 'rgnordos0000000'],
			['rgnkangbashi000', '康巴什区', 'banner', 'rgnordos0000000'],
			['rgnwulan0000000', '乌兰镇', 'township', 'rgnotog00000000'],
			['rgnalbas0000000', '阿尔巴斯苏木', 'township', 'rgnotog00000000'],
			['rgnshulinzhao00', '树林召镇', 'township', 'rgndalad0000000'],
			['rgnqingchunshan', '青春山街道', 'township', 'rgnkangbashi000'],
			['rgnkairong00000', '凯荣小区', 'village', 'rgnwulan0000000'],
			['rgnwulantuke000', '乌兰图克嘎查', 'village', 'rgnalbas0000000'],
			['rgnlinyuan00000', '林原村', 'village', 'rgnshulinzhao00'],
			['rgnzhujiang0000', '珠江社区', 'village', 'rgnqingchunshan']
		];
		const regionCol = app.findCollectionByNameOrId('regions');
		for (const [id, name, level, parent] of regions) {
			const r = new Record(regionCol);
			r.set('id', id);
			r.set('name', name);
			r.set('level', level);
			r.set('parent', parent);
			app.save(r);
		}

		// [id, name, kind, region id, address]
		const venues = [
			['vnukairong00000', '凯荣小区协商议事室', 'consultation_room', 'rgnkairong00000', '鄂托克旗乌兰镇凯荣小区'],
			['vnulinyuan00000', '林原村协商议事室', 'consultation_room', 'rgnlinyuan00000', '达拉特旗树林召镇林原村'],
			['vnuzhujiang0000', '珠江社区委员之家', 'members_home', 'rgnzhujiang0000', '康巴什区青春山街道珠江社区活动中心'],
			['vnuwulantuke000', '乌兰图克嘎查协商议事室', 'consultation_room', 'rgnwulantuke000', '鄂托克旗阿尔巴斯苏木乌兰图克嘎查']
		];
		const venueCol = app.findCollectionByNameOrId('venues');
		for (const [id, name, kind, region, address] of venues) {
			const v = new Record(venueCol);
			v.set('id', id);
			v.set('name', name);
			v.set('kind', kind);
			v.set('region', region);
			v.set('address', address);
			app.save(v);
		}

		// [id, email, name, role, venues, region]
		const users = [
			['usradmin0000000', 'admin@yishi.demo', '市政协办公室', 'admin', [], 'rgnordos0000000'],
			['usrofficeotog00', 'office.otog@yishi.demo', '鄂托克旗政协办公室', 'office', [], 'rgnotog00000000'],
			['usrmodkairong00', 'mod.kairong@yishi.demo', '娜仁', 'moderator', ['vnukairong00000'], ''],
			['usrmodlinyuan00', 'mod.linyuan@yishi.demo', '高振华', 'moderator', ['vnulinyuan00000'], ''],
			['usrmemzhujiang0', 'member.zhujiang@yishi.demo', '其其格', 'member', ['vnuzhujiang0000'], '']
		];
		const userCol = app.findCollectionByNameOrId('users');
		for (const [id, email, name, role, userVenues, region] of users) {
			const u = new Record(userCol);
			u.set('id', id);
			u.setEmail(email);
			u.setPassword(PASSWORD);
			u.setVerified(true);
			u.set('name', name);
			u.set('role', role);
			u.set('venues', userVenues);
			u.set('region', region);
			app.save(u);
		}

		// venue id -> [name, kind, role, sector, organisation, phone]
		const people = {
			vnukairong00000: [
				['王建国', 'resident', 'resident_rep', '', '', '13847701234'],
				['李秀英', 'resident', 'resident_rep', '', '', ''],
				['张志强', 'resident', 'resident_rep', '', '', '15004775678'],
				['刘桂兰', 'resident', 'resident_rep', '', '', ''],
				['陈立新', 'resident', 'resident_rep', '', '', '13904778899'],
				['杨淑珍', 'resident', 'resident_rep', '', '', ''],
				['赵永明', 'resident', 'resident_rep', '', '', ''],
				['孙丽华', 'resident', 'resident_rep', '', '', '18647712345'],
				['周晓燕', 'official', 'grid_worker', '', '凯荣小区网格', '13514770011'],
				['吴海军', 'official', 'dept_official', '', '国网鄂托克旗供电公司', ''],
				['郑红梅', 'official', 'dept_official', '', '鄂托克旗住建局物业管理中心', ''],
				['巴特尔', 'cppcc_member', 'cppcc_member', '经济界', '鄂托克旗政协', '13704770022']
			],
			vnulinyuan00000: [
				['高振华', 'official', 'village_cadre', '', '林原村村委会', '13947705566'],
				['白玉梅', 'official', 'village_cadre', '', '林原村村委会', ''],
				['刘福生', 'resident', 'party_member', '', '', ''],
				['马秀兰', 'resident', 'party_member', '', '', ''],
				['韩德胜', 'resident', 'villager_rep', '', '', ''],
				['王二虎', 'resident', 'dispute_party', '', '', '15147703344'],
				['李金山', 'resident', 'dispute_party', '', '', '']
			],
			vnuzhujiang0000: [
				['其其格', 'cppcc_member', 'cppcc_member', '社会福利和社会保障界', '康巴什区政协', '13604771122'],
				['张文博', 'cppcc_member', 'cppcc_member', '教育界', '康巴什区第一中学', ''],
				['何丽娟', 'cppcc_member', 'cppcc_member', '医药卫生界', '康巴什区人民医院', ''],
				['赵桂芝', 'resident', 'resident_rep', '', '', ''],
				['刘洋', 'resident', 'other', '', '', '18804779900'],
				['孟凡宇', 'resident', 'other', '', '', '']
			],
			vnuwulantuke000: [
				['额尔敦', 'official', 'village_cadre', '', '乌兰图克嘎查委员会', ''],
				['敖其尔', 'resident', 'dispute_party', '', '', ''],
				['朝鲁', 'resident', 'dispute_party', '', '', ''],
				['斯琴', 'official', 'dept_official', '', '阿尔巴斯苏木人民政府', '']
			]
		};
		const peopleCol = app.findCollectionByNameOrId('people');
		for (const venue of Object.keys(people)) {
			const short = venue.slice(3).replace(/0+$/, '');
			people[venue].forEach(([name, kind, role, sector, organisation, phone], i) => {
				const n = String(i + 1);
				const p = new Record(peopleCol);
				// e.g. pplkairong00001, pplzhujiang0003
				p.set('id', 'ppl' + short + '0'.repeat(12 - short.length - n.length) + n);
				p.set('name', name);
				p.set('kind', kind);
				p.set('role', role);
				p.set('sector', sector);
				p.set('organisation', organisation);
				p.set('venue', venue);
				p.set('phone', phone);
				app.save(p);
			});
		}
	},
	(app) => {
		for (const r of app.findRecordsByFilter('users', 'email ~ "@yishi.demo"', '', 0, 0)) app.delete(r);
		for (const name of ['people', 'venues']) {
			for (const r of app.findAllRecords(name)) app.delete(r);
		}
		// children before parents
		for (const level of ['village', 'township', 'banner', 'city']) {
			for (const r of app.findRecordsByFilter('regions', 'level = {:level}', '', 0, 0, { level })) app.delete(r);
		}
	}
);
