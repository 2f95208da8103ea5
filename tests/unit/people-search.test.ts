import { describe, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { PeopleIndex, makeNameKeys, normalizeQuery } from '../../src/lib/domain';

const nameKeys = makeNameKeys(pinyin);

const people = [
	{ id: 1, name: '张三', role: '居民代表' },
	{ id: 2, name: '王建国', role: '居民代表' },
	{ id: 3, name: '周晓燕', role: '网格员' },
	{ id: 4, name: '曾小贤', role: '党员' },
	{ id: 5, name: '吕布', role: '村两委干部' },
	{ id: 6, name: '巴特尔', role: '政协委员' },
	{ id: 7, name: '张山峰', role: '当事人' },
	{ id: 8, name: '单雄信', role: '部门负责人' }
];
const index = new PeopleIndex(people, (p) => ({ name: p.name, label: p.role }), nameKeys);
const ids = (q: string) => index.search(q).map((p) => p.id);

describe('nameKeys (pinyin-pro)', () => {
	it('gives full pinyin without tones and initials', () => {
		expect(nameKeys('张三')).toEqual({ full: 'zhangsan', initials: 'zs' });
		expect(nameKeys('王建国')).toEqual({ full: 'wangjianguo', initials: 'wjg' });
	});
	it('reads surnames as surnames and ü as v', () => {
		expect(nameKeys('曾小贤').full).toBe('zengxiaoxian');
		expect(nameKeys('单雄信').full).toBe('shanxiongxin');
		expect(nameKeys('吕布').full).toBe('lvbu');
	});
});

describe('PeopleIndex.search', () => {
	it('finds 张三 by "zhangsan", "zs" and "张"', () => {
		expect(ids('zhangsan')).toEqual([1]);
		expect(ids('zs')).toEqual([1, 7]);
		expect(ids('张')).toEqual([1, 7]);
	});
	it('finds by every keystroke prefix of the full pinyin, ignoring case and spaces', () => {
		for (let i = 1; i <= 'zhangsan'.length; i++) expect(ids('zhangsan'.slice(0, i))).toContain(1);
		expect(ids('Zhang San')).toEqual([1]);
		expect(ids("zhang'san")).toEqual([1]);
	});
	it('finds by part of a name, by initials, by role label', () => {
		expect(ids('建国')).toEqual([2]);
		expect(ids('zxy')).toEqual([3]);
		expect(ids('网格')).toEqual([3]);
		expect(ids('政协委员')).toEqual([6]);
		expect(ids('lü')).toEqual([5]);
		expect(ids('lvbu')).toEqual([5]);
		expect(ids('bte')).toEqual([6]);
	});
	it('returns everyone for an empty query and nobody for a miss', () => {
		expect(ids('')).toEqual(people.map((p) => p.id));
		expect(ids('   ')).toEqual(people.map((p) => p.id));
		expect(ids('xyzq')).toEqual([]);
	});
	it('goes by name and role alone until the pinyin keys are there', () => {
		const plain = new PeopleIndex(people, (p) => ({ name: p.name, label: p.role }));
		expect(plain.search('张').map((p) => p.id)).toEqual([1, 7]);
		expect(plain.search('网格').map((p) => p.id)).toEqual([3]);
		expect(plain.search('zs')).toEqual([]);
	});
	it('normalizes queries', () => {
		expect(normalizeQuery(' Zhang San ')).toBe('zhangsan');
		expect(normalizeQuery('LÜ')).toBe('lv');
	});
});
