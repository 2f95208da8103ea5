// Fixed ids and sign-ins of the demo data seeded by
// pocketbase/pb_migrations/1764100002_demo_data.js, 1764100003_topics.js and 1764100020_township.js
// (keep them in step).
export const demo = {
	password: 'yishi-demo-2026',
	users: {
		admin: 'admin@yishi.demo',
		office: 'office.otog@yishi.demo',
		kairong: 'mod.kairong@yishi.demo',
		linyuan: 'mod.linyuan@yishi.demo',
		zhujiang: 'member.zhujiang@yishi.demo',
		// 1764100003_topics.js
		wulantuke: 'mod.wulantuke@yishi.demo',
		officeAlbas: 'office.albas@yishi.demo',
		officeWulan: 'office.wulan@yishi.demo',
		// 1764100020_township.js
		albas: 'mod.albas@yishi.demo'
	},
	userIds: {
		admin: 'usradmin0000000',
		office: 'usrofficeotog00',
		kairong: 'usrmodkairong00',
		linyuan: 'usrmodlinyuan00',
		zhujiang: 'usrmemzhujiang0',
		wulantuke: 'usrmodwulantuke', // 额尔敦, moderator of 乌兰图克嘎查协商议事室
		officeAlbas: 'usrofficealbas0', // 阿尔巴斯苏木 township office
		officeWulan: 'usrofficewulan0', // 乌兰镇 township office
		albas: 'usrmodalbas0000' // 宝音, moderator of 阿尔巴斯苏木协商议事室 (township)
	},
	regions: {
		ordos: 'rgnordos0000000', // 鄂尔多斯市 (city)
		otog: 'rgnotog00000000', // 鄂托克旗 (banner)
		dalad: 'rgndalad0000000', // 达拉特旗
		kangbashi: 'rgnkangbashi000', // 康巴什区
		wulan: 'rgnwulan0000000', // 乌兰镇 (township, 鄂托克旗)
		albas: 'rgnalbas0000000', // 阿尔巴斯苏木 (鄂托克旗)
		shulinzhao: 'rgnshulinzhao00', // 树林召镇 (达拉特旗)
		qingchunshan: 'rgnqingchunshan', // 青春山街道 (康巴什区)
		kairong: 'rgnkairong00000', // 凯荣小区 (community, 乌兰镇)
		wulantuke: 'rgnwulantuke000', // 乌兰图克嘎查 (阿尔巴斯苏木)
		linyuan: 'rgnlinyuan00000', // 林原村 (树林召镇)
		zhujiang: 'rgnzhujiang0000' // 珠江社区 (青春山街道)
	},
	venues: {
		kairong: 'vnukairong00000', // 凯荣小区协商议事室
		linyuan: 'vnulinyuan00000', // 林原村协商议事室
		zhujiang: 'vnuzhujiang0000', // 珠江社区委员之家 (members_home)
		wulantuke: 'vnuwulantuke000', // 乌兰图克嘎查协商议事室
		albas: 'vnualbas0000000' // 阿尔巴斯苏木协商议事室 (township)
	},
	/** Number of people seeded per venue; ids are e.g. pplkairong00001 … pplkairong00012. */
	peopleCount: { kairong: 12, linyuan: 7, zhujiang: 6, wulantuke: 4, albas: 5 },
	people: {
		kairongResident: 'pplkairong00001', // 王建国, phone 138****1234
		kairongGridWorker: 'pplkairong00009', // 周晓燕
		kairongPower: 'pplkairong00010', // 吴海军, 供电公司
		kairongHousing: 'pplkairong00011', // 郑红梅, 物业管理
		kairongMember: 'pplkairong00012', // 巴特尔, CPPCC 经济界
		linyuanPartyA: 'ppllinyuan00006', // 王二虎, dispute party
		linyuanPartyB: 'ppllinyuan00007', // 李金山, dispute party
		zhujiangMember: 'pplzhujiang0001' // 其其格, CPPCC member
	}
} as const;

export type DemoUser = keyof typeof demo.users;
