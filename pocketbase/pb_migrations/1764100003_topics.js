/// <reference path="../pb_data/types.d.ts" />
// Topics (议题): the levels a topic has been at, the screening checklists (五议五不议), and demo
// users for scenario 4 (a village moderator of 乌兰图克嘎查 and the 阿尔巴斯苏木 township office;
// 乌兰镇's office for the isolation tests). See pocketbase/protocol.md, "Topics".

const ADMIN = '@request.auth.role = "admin"';

migrate(
	(app) => {
		// --- topic_levels: every region a topic stream has been at (opened at, escalated to,
		// delegated to), written by the push route only. Access to a topic stream follows its
		// venue and, in addition, these regions (pb_hooks/lib/access.js).
		app.save(
			new Collection({
				type: 'base',
				name: 'topic_levels',
				listRule: null,
				viewRule: null,
				createRule: null,
				updateRule: null,
				deleteRule: null,
				fields: [
					{ name: 'stream', type: 'text', required: true, min: 32, max: 32, pattern: '^[a-f0-9]{32}$' },
					{ name: 'region', type: 'text', required: true, max: 64 }
				],
				indexes: [
					'CREATE UNIQUE INDEX idx_topic_levels_stream_region ON topic_levels (stream, region)',
					'CREATE INDEX idx_topic_levels_region ON topic_levels (region)'
				]
			})
		);

		// --- screening_rules: the local checklist, per region; read by every signed-in user (the
		// tablet caches it for offline screening), edited by the city office and by office staff
		// for their region and the regions below it.
		const regions = app.findCollectionByNameOrId('regions');
		const officeBelow =
			'(@request.auth.role = "office" && @request.auth.region != "" && (' +
			['region', 'region.parent', 'region.parent.parent', 'region.parent.parent.parent']
				.map((p) => p + ' = @request.auth.region')
				.join(' || ') +
			'))';
		const edit = ADMIN + ' || ' + officeBelow;
		app.save(
			new Collection({
				type: 'base',
				name: 'screening_rules',
				listRule: '@request.auth.id != ""',
				viewRule: '@request.auth.id != ""',
				createRule: edit,
				updateRule: edit + ' && (@request.body.region:isset = false || @request.body.region = region)',
				deleteRule: edit,
				fields: [
					{ name: 'region', type: 'relation', required: true, collectionId: regions.id, maxSelect: 1 },
					{ name: 'kind', type: 'select', required: true, maxSelect: 1, values: ['consult', 'not_consult'] },
					{ name: 'text', type: 'text', required: true, max: 300 },
					{ name: 'order', type: 'number', onlyInt: true, min: 0, max: 1000 }
				],
				indexes: ['CREATE INDEX idx_screening_rules_region ON screening_rules (region)']
			})
		);

		// --- demo data (only where the demo regions exist)
		if ($os.getenv('YISHI_DEMO') === '0') return;
		let demo = true;
		try {
			app.findRecordById('regions', 'rgnotog00000000');
		} catch (_) {
			demo = false;
		}
		if (!demo) return;

		const PASSWORD = 'yishi-demo-2026';
		const userCol = app.findCollectionByNameOrId('users');
		// [id, email, name, role, venues, region]
		const users = [
			['usrmodwulantuke', 'mod.wulantuke@yishi.demo', '额尔敦', 'moderator', ['vnuwulantuke000'], ''],
			['usrofficealbas0', 'office.albas@yishi.demo', '阿尔巴斯苏木党政办', 'office', [], 'rgnalbas0000000'],
			['usrofficewulan0', 'office.wulan@yishi.demo', '乌兰镇党政办', 'office', [], 'rgnwulan0000000']
		];
		for (const [id, email, name, role, venues, region] of users) {
			const u = new Record(userCol);
			u.set('id', id);
			u.setEmail(email);
			u.setPassword(PASSWORD);
			u.setVerified(true);
			u.set('name', name);
			u.set('role', role);
			u.set('venues', venues);
			u.set('region', region);
			app.save(u);
		}

		// 鄂托克旗's 五议五不议 (wording after common local lists).
		const rulesCol = app.findCollectionByNameOrId('screening_rules');
		const rules = [
			['consult', '涉及群众切身利益的事'],
			['consult', '群众反映强烈、迫切需要解决的事'],
			['consult', '涉及公共事务和公益事业的事'],
			['consult', '党委政府重点工作中需要听取意见的事'],
			['consult', '邻里之间、群众之间的矛盾纠纷'],
			['not_consult', '违反党的路线方针政策的事'],
			['not_consult', '违反法律法规的事'],
			['not_consult', '涉及国家秘密、商业秘密和个人隐私的事'],
			['not_consult', '已进入司法程序的事'],
			['not_consult', '超出本级职权范围的事']
		];
		rules.forEach(([kind, text], i) => {
			const r = new Record(rulesCol);
			r.set('region', 'rgnotog00000000');
			r.set('kind', kind);
			r.set('text', text);
			r.set('order', i + 1);
			app.save(r);
		});
	},
	(app) => {
		for (const r of app.findRecordsByFilter('users', 'email ~ "wulantuke@yishi.demo" || email ~ "albas@yishi.demo" || email ~ "wulan@yishi.demo"', '', 0, 0)) {
			app.delete(r);
		}
		for (const name of ['screening_rules', 'topic_levels']) app.delete(app.findCollectionByNameOrId(name));
	}
);
