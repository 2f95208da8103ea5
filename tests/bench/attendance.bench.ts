/**
 * Attendance benchmarks (issue 4). Prints `bench <name> <value> <unit>` lines.
 * - people_search_p95_ms: a roster of 5,000 generated Chinese names indexed once (pinyin-pro),
 *   then the search run per keystroke while typing "zhangsan", "zs", "张", "wangjianguo", "wjg",
 *   "网格员" (every prefix), 20 rounds: the 95th percentile of one search. Target ≤ 30 ms.
 * - people_index_build_ms: building that index the first time (pinyin of 5,000 names), and
 *   people_index_rebuild_ms: again after a check-in changed the roster (keys cached by name).
 * - signature_bytes_median: JSON size of the stored signature object ({w, h, strokes, sha256})
 *   of 50 test signatures shaped like a handwritten three-character name. Target ≤ 4,096.
 * - signature_bytes_chromium: the same for one signature drawn with the mouse (pointer events)
 *   through the app's own pad in Debian's Chromium, as stored in the tablet's event.
 */
import { chromium } from '@playwright/test';
import { resolve } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { PeopleIndex, makeNameKeys } from '../../src/lib/domain';
import { demo } from '../support/demo';
import { startPocketBase } from '../support/pocketbase';
import { handwrittenSignature } from '../support/signatures';
import { seededRandom } from '../support/random';
import { CHROMIUM_ARGS, print, signInTablet } from './browser';

const nameKeys = makeNameKeys(pinyin);

const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文巴其乌';
const GIVEN = '建国秀英志强桂兰立新淑珍永明丽华晓燕海军红梅特尔其格振华金山二虎文博子涵雨轩浩然欣怡思远宇航嘉怡梓萱俊杰明辉玉兰春花德胜福贵宝山根生凤英桂芝小平卫东';
const ROLES = ['居民代表', '村民代表', '党员', '村两委干部', '网格员', '部门负责人', '当事人', '政协委员', '其他'];

function people(n: number): { id: string; name: string; role: string }[] {
	const rnd = seededRandom(42);
	const pick = (s: string) => s[Math.floor(rnd() * s.length)]!;
	return Array.from({ length: n }, (_, i) => ({
		id: `p${i}`,
		name: pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.6 ? pick(GIVEN) : ''),
		role: ROLES[Math.floor(rnd() * ROLES.length)]!
	}));
}

function searchBench(): void {
	const roster = people(5000);
	let t = performance.now();
	const index = new PeopleIndex(roster, (p) => ({ name: p.name, label: p.role }), nameKeys);
	print('people_index_build_ms', round(performance.now() - t, 1), 'ms');
	t = performance.now();
	new PeopleIndex([...roster], (p) => ({ name: p.name, label: p.role }), nameKeys);
	print('people_index_rebuild_ms', round(performance.now() - t, 1), 'ms');
	const times: number[] = [];
	let found = 0;
	for (let round = 0; round < 20; round++) {
		for (const word of ['zhangsan', 'zs', '张', 'wangjianguo', 'wjg', '网格员']) {
			for (let i = 1; i <= word.length; i++) {
				const start = performance.now();
				found += index.search(word.slice(0, i)).length;
				times.push(performance.now() - start);
			}
		}
	}
	if (found === 0) throw new Error('the search found nobody');
	print('people_search_p95_ms', round(quantile(times, 0.95)), 'ms');
}

function signatureBench(): void {
	const sizes = Array.from({ length: 50 }, (_, i) => Buffer.byteLength(JSON.stringify(handwrittenSignature(i + 1))));
	print('signature_bytes_median', quantile(sizes, 0.5), 'bytes');
}

/** One signature written with the mouse through the built app's pad; its stored JSON size. */
async function chromiumSignature(): Promise<number> {
	const pb = await startPocketBase({ publicDir: resolve(import.meta.dirname ?? '.', '../../build') });
	const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
	try {
		const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
		await signInTablet(page, pb.url);
		await page.getByTestId('new-meeting').click();
		await page.locator('input[name=title]').fill('签名大小测量');
		await page.getByTestId('create-meeting').click();
		await page.locator(`[data-person="${demo.people.kairongResident}"] [data-testid=sign-check-in]`).click();
		const box = (await page.getByTestId('signature-pad').boundingBox())!;
		// Three characters of 7 curved strokes each, moved at pen-like speed.
		const rnd = seededRandom(7);
		for (let c = 0; c < 3; c++) {
			for (let s = 0; s < 7; s++) {
				const x0 = box.x + box.width * (0.12 + c * 0.27 + rnd() * 0.15);
				const y0 = box.y + box.height * (0.2 + rnd() * 0.5);
				const dx = (rnd() - 0.5) * box.width * 0.12;
				const dy = (rnd() - 0.3) * box.height * 0.35;
				await page.mouse.move(x0, y0);
				await page.mouse.down();
				const steps = 12 + Math.floor(rnd() * 10);
				for (let i = 1; i <= steps; i++) {
					const f = i / steps;
					await page.mouse.move(x0 + dx * f + Math.sin(f * Math.PI) * 8, y0 + dy * f + Math.cos(f * Math.PI * 2) * 3);
					await page.waitForTimeout(16);
				}
				await page.mouse.up();
			}
		}
		await page.getByTestId('sign-confirm').click();
		const sha = await page.locator(`[data-person="${demo.people.kairongResident}"] [data-testid=person-signature]`).getAttribute('data-sha256');
		// The stored event, read back from the tablet's IndexedDB: its payload's signature object.
		const size = await page.evaluate(async (sha256) => {
			const dbs = await indexedDB.databases();
			for (const { name } of dbs) {
				if (!name) continue;
				const db = await new Promise<IDBDatabase>((ok, ko) => {
					const r = indexedDB.open(name);
					r.onsuccess = () => ok(r.result);
					r.onerror = () => ko(r.error);
				});
				if (!db.objectStoreNames.contains('events')) continue;
				const rows = await new Promise<{ event: { payload: { signature?: { sha256: string } } } }[]>((ok, ko) => {
					const r = db.transaction('events').objectStore('events').getAll();
					r.onsuccess = () => ok(r.result);
					r.onerror = () => ko(r.error);
				});
				const sig = rows.map((row) => row.event.payload.signature).find((s) => s?.sha256 === sha256);
				if (sig) return new TextEncoder().encode(JSON.stringify(sig)).length;
			}
			return -1;
		}, sha);
		if (size < 0) throw new Error('drawn signature not found');
		return size;
	} finally {
		await browser.close();
		await pb.stop();
	}
}

async function main() {
	searchBench();
	signatureBench();
	print('signature_bytes_chromium', await chromiumSignature(), 'bytes');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
