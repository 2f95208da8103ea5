/**
 * Scenario 3 of domain.md at the members' home kiosk (珠江社区委员之家), offline: the member on duty
 * opens today with three members on duty, sets the exit PIN and issues member cards while online;
 * then with no network and no server, three members check in at the kiosk — two by signing with
 * the pen (page.mouse), one by showing the QR card that the app generated, read through Chromium's
 * fake camera from a Y4M video of that QR — a resident's request about 宠物管理 is noted, one
 * member checks out, and every bad input is refused with a message and records nothing. Leaving
 * needs the PIN. Back online, everything syncs; no event holds a card token; no request ever left
 * the app's origin (the QR reader's WebAssembly is the app's own).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { encode } from 'uqr';
import { demo } from '../support/demo';
import { expect, expectAllSynced, pullStream, signIn, syncNow, test } from './fixtures';
import config from './playwright.config';

const W = 640;
const H = 480;
const VIDEO = join(tmpdir(), `yishi-kiosk-card-${process.pid}.y4m`);

/** A plain YUV4MPEG2 video of a still picture: `dark(x, y)` black on white, 10 frames. */
function writeY4m(path: string, dark: (x: number, y: number) => boolean): void {
	const y = Buffer.alloc(W * H, 255);
	for (let j = 0; j < H; j++) for (let i = 0; i < W; i++) if (dark(i, j)) y[j * W + i] = 0;
	const uv = Buffer.alloc((W / 2) * (H / 2), 128);
	const frame = Buffer.concat([Buffer.from('FRAME\n'), y, uv, uv]);
	const header = Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`);
	writeFileSync(path, Buffer.concat([header, ...Array.from({ length: 10 }, () => frame)]));
}

/** The card's QR, drawn with the same library the app prints it with, 10 px a module, centred. */
function writeQrVideo(text: string): void {
	const { data } = encode(text, { ecc: 'M', border: 4 });
	const scale = 10;
	const size = data.length * scale;
	const left = (W - size) / 2;
	const top = (H - size) / 2;
	writeY4m(VIDEO, (x, yy) => {
		const i = Math.floor((x - left) / scale);
		const j = Math.floor((yy - top) / scale);
		return i >= 0 && j >= 0 && i < data.length && j < data.length && data[j]![i]!;
	});
}

// The camera shows a blank picture until the test knows the card's text (Chromium opens the file
// when the camera starts, so the file is written again before scanning).
writeY4m(VIDEO, () => false);

test.use({
	permissions: ['camera'],
	launchOptions: {
		...config.use?.launchOptions,
		args: [
			...(config.use?.launchOptions?.args ?? []),
			'--use-fake-device-for-media-stream',
			'--use-fake-ui-for-media-stream',
			`--use-file-for-fake-video-capture=${VIDEO}`
		]
	}
});

const [QIQIGE, ZHANG, HE] = ['pplzhujiang0001', 'pplzhujiang0002', 'pplzhujiang0003'];
const PIN = '2468';

function member(page: Page, id: string) {
	return page.locator(`[data-testid="kiosk-member"][data-person="${id}"]`);
}

async function pending(page: Page): Promise<number> {
	return page.evaluate(() => (window as unknown as { __yishi: { store: { pendingCount(): Promise<number> } } }).__yishi.store.pendingCount());
}

/** Writes a name-like signature with the mouse: four strokes across the pad. */
async function drawSignature(page: Page): Promise<void> {
	const pad = page.getByTestId('signature-pad');
	const box = (await pad.boundingBox())!;
	const strokes = [
		[0.15, 0.35, 0.3, 0.4],
		[0.22, 0.2, 0.24, 0.7],
		[0.4, 0.3, 0.55, 0.65],
		[0.6, 0.5, 0.8, 0.45]
	];
	for (const [x0, y0, x1, y1] of strokes) {
		await page.mouse.move(box.x + box.width * x0!, box.y + box.height * y0!);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width * x1!, box.y + box.height * y1!, { steps: 12 });
		await page.mouse.up();
	}
}

async function expectMessage(page: Page, text: RegExp | string, ok: boolean): Promise<void> {
	const message = page.getByTestId('kiosk-message');
	await expect(message).toContainText(text);
	await expect(message).toHaveAttribute('data-ok', String(ok));
}

test('scenario 3: three members check in at the kiosk offline (pen and QR card), then it syncs', async ({ page, context, pb }) => {
	const foreign: string[] = [];
	const requested: string[] = [];
	page.on('request', (r) => {
		const url = r.url();
		requested.push(url);
		if (!url.startsWith(pb.url) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
	});

	await signIn(page, pb.url, demo.users.zhujiang);
	await page.getByTestId('nav-kiosk').click();
	await expect(page).toHaveURL(`${pb.url}/kiosk/setup`);

	// Open today: a duty day with the three members on duty; set the exit PIN.
	await expect(page.getByTestId('kiosk-day')).toHaveAttribute('data-open', 'false');
	for (const id of [QIQIGE, ZHANG, HE]) await page.locator(`[data-testid="on-duty-choice"][data-person="${id}"]`).click();
	await page.getByTestId('kiosk-open-day').click();
	await expect(page.getByTestId('kiosk-day')).toHaveAttribute('data-open', 'true');
	await expect(page.getByTestId('kiosk-day-kind')).toContainText('其其格、张文博、何丽娟');
	await page.locator('input[name=pin]').fill('12');
	await page.locator('input[name=pin2]').fill('12');
	await page.getByTestId('kiosk-pin-save').click();
	await expect(page.getByTestId('kiosk-pin-message')).toContainText('4–8 位数字');
	await page.locator('input[name=pin]').fill(PIN);
	await page.locator('input[name=pin2]').fill(PIN);
	await page.getByTestId('kiosk-pin-save').click();
	await expect(page.getByTestId('kiosk-pin-state')).toHaveAttribute('data-set', 'true');

	// Member cards: one for 何丽娟 (she will scan it), one for 张文博 that is then revoked.
	await page.getByTestId('kiosk-cards-link').click();
	await page.locator(`[data-testid="cards-issue"][data-person="${HE}"]`).click();
	await page.locator(`[data-testid="cards-issue"][data-person="${ZHANG}"]`).click();
	await expect(page.getByTestId('print-card')).toHaveCount(2);
	const heQr = (await page.getByTestId('print-card').first().getAttribute('data-qr'))!;
	const zhangQr = (await page.getByTestId('print-card').last().getAttribute('data-qr'))!;
	expect(heQr).toMatch(/^yishi:card:[A-Z2-7]{26}$/);
	await expect(page.getByTestId('print-card').first().getByTestId('qr')).toBeVisible();
	await expect(page.getByTestId('print-card').first()).not.toContainText(/\d{11}/); // no phone on a card
	await page.locator(`[data-testid="issued-card"][data-person="${ZHANG}"]`).getByTestId('cards-revoke').click();
	await page.getByRole('button', { name: '作废', exact: true }).last().click();
	await expect(page.locator(`[data-testid="issued-card"][data-person="${ZHANG}"]`)).toHaveAttribute('data-revoked', 'true');
	await syncNow(page);
	await expectAllSynced(page);
	writeQrVideo(heQr);

	// Offline all day: no network, no server.
	await context.setOffline(true);
	await pb.kill('SIGTERM');
	await page.goto(`${pb.url}/kiosk/setup`);
	await page.getByTestId('kiosk-enter').click();
	await expect(page).toHaveURL(`${pb.url}/kiosk`);
	await expect(page.getByTestId('kiosk-member')).toHaveCount(3);
	await expect(page.getByTestId('status-bar')).toHaveCount(0); // bare: no app chrome
	const before = await pending(page);

	// 其其格 signs in with the pen.
	await member(page, QIQIGE).getByTestId('kiosk-name').click();
	await expect(page.getByTestId('kiosk-sign')).toContainText('其其格，请签名');
	await drawSignature(page);
	await page.getByTestId('kiosk-sign-ok').click();
	await expectMessage(page, '其其格，签到成功', true);
	await expect(member(page, QIQIGE)).toHaveAttribute('data-in', 'true');
	expect(await pending(page)).toBe(before + 1);

	// Bad: a one-dot signature, an empty one; a check-out with no check-in; the same person twice.
	await member(page, ZHANG).getByTestId('kiosk-name').click();
	await page.getByTestId('kiosk-sign-ok').click();
	await expect(page.getByTestId('kiosk-sign-problem')).toContainText('还没有签名');
	const pad = (await page.getByTestId('signature-pad').boundingBox())!;
	await page.mouse.click(pad.x + pad.width / 2, pad.y + pad.height / 2);
	await page.getByTestId('kiosk-sign-ok').click();
	await expect(page.getByTestId('kiosk-sign-problem')).toContainText('签名太短了');
	await page.getByTestId('kiosk-sign').getByRole('button', { name: '取消' }).click();
	await page.getByTestId('kiosk-out-mode').click();
	await member(page, ZHANG).getByTestId('kiosk-name').click();
	await expectMessage(page, '张文博 还没有签到，不能签退', false);
	await page.getByTestId('kiosk-out-mode').click();
	await member(page, QIQIGE).getByTestId('kiosk-name').click();
	await expectMessage(page, '其其格 已经签到了', false);
	await expect(page.getByTestId('kiosk-sign')).not.toBeVisible();
	expect(await pending(page)).toBe(before + 1);

	// 张文博 signs in properly.
	await member(page, ZHANG).getByTestId('kiosk-name').click();
	await drawSignature(page);
	await page.getByTestId('kiosk-sign-ok').click();
	await expectMessage(page, '张文博，签到成功', true);

	// 何丽娟 shows her card to the camera (the ZXing WebAssembly reader: no native one here).
	const native = await page.evaluate(() => 'BarcodeDetector' in window);
	test.info().annotations.push({ type: 'qr-reader', description: native ? 'native BarcodeDetector' : 'barcode-detector ponyfill (ZXing wasm)' });
	await page.getByTestId('kiosk-scan').click();
	await expect(page.getByTestId('kiosk-message')).toContainText('何丽娟，签到成功', { timeout: 30_000 });
	await expect(page.getByTestId('kiosk-scan-dialog')).not.toBeVisible();
	// Without a native reader, the ZXing WebAssembly came from the app itself (its service worker).
	if (!native) expect(requested.filter((u) => /zxing_reader\.[\w-]+\.wasm$/.test(u)).every((u) => u.startsWith(pb.url))).toBe(true);
	if (!native) expect(requested.some((u) => /zxing_reader\.[\w-]+\.wasm$/.test(u))).toBe(true);
	await expect(member(page, HE)).toHaveAttribute('data-in', 'true');
	expect(await pending(page)).toBe(before + 3);

	// Bad cards: the same card again, an unknown card, the revoked card, a forged text.
	const scan = (text: string) =>
		page.evaluate((t) => (window as unknown as { __yishiKioskScan(t: string): Promise<void> }).__yishiKioskScan(t), text);
	await scan(heQr);
	await expectMessage(page, '何丽娟 已经签到了', false);
	await scan('yishi:card:' + 'A'.repeat(26));
	await expectMessage(page, '不认识这张委员卡', false);
	await scan(zhangQr);
	await expectMessage(page, '这张委员卡已作废', false);
	await scan('yishi:card:1234567890');
	await expectMessage(page, '这不是委员卡的二维码', false);
	await scan('13604771122');
	await expectMessage(page, '这不是委员卡的二维码', false);
	expect(await pending(page)).toBe(before + 3);

	// A resident's request, noted by the member on duty.
	await page.getByTestId('kiosk-note-visit').click();
	await page.getByTestId('kiosk-visit-save').click();
	await expect(page.getByTestId('kiosk-visit-problem')).toContainText('请写下居民反映的事情');
	await page.getByTestId('kiosk-visit-visitor').fill('赵桂芝');
	await page.getByTestId('kiosk-visit-request').fill('楼下有人遛狗不拴绳，希望加强宠物管理（宠物管理）');
	await page.getByTestId('kiosk-visit-save').click();
	await expectMessage(page, '来访已登记', true);

	// 张文博 checks out.
	await member(page, ZHANG).getByTestId('kiosk-check-out').click();
	await expectMessage(page, '张文博 已签退', true);
	await expect(member(page, ZHANG)).toHaveAttribute('data-in', 'false');
	expect(await pending(page)).toBe(before + 5);

	// Leaving needs the PIN.
	await page.getByTestId('kiosk-leave').click();
	await page.getByTestId('kiosk-pin').fill('0000');
	await page.getByTestId('kiosk-leave-ok').click();
	await expect(page.getByTestId('kiosk-pin-wrong')).toBeVisible();
	await expect(page).toHaveURL(`${pb.url}/kiosk`);
	await page.getByTestId('kiosk-pin').fill(PIN);
	await page.getByTestId('kiosk-leave-ok').click();
	await expect(page).toHaveURL(`${pb.url}/kiosk/setup`);
	await expect(page.getByTestId('setup-in-now').locator('li')).toHaveCount(2);
	await expect(page.getByTestId('setup-visits')).toContainText('宠物管理');

	// Back online: everything reaches the server.
	await pb.restart();
	await context.setOffline(false);
	await syncNow(page);
	await expectAllSynced(page);

	const streams = await page.evaluate(async () => {
		const store = (window as unknown as { __yishi: { store: { streamsOfKind(k: string, v: string[]): Promise<{ id: string }[]> } } }).__yishi.store;
		return { days: await store.streamsOfKind('kiosk_day', ['vnuzhujiang0000']).then((rows) => rows.map((r) => r.id)), cards: await store.streamsOfKind('member_card', ['vnuzhujiang0000']).then((rows) => rows.map((r) => r.id)) };
	});
	expect(streams.days).toHaveLength(1);
	expect(streams.cards).toHaveLength(2);
	const day = await pullStream(pb.url, demo.users.zhujiang, streams.days[0]!);
	expect(day.map((e) => e.type).sort()).toEqual(
		['kiosk.day_opened', 'kiosk.checked_in', 'kiosk.checked_in', 'kiosk.checked_in', 'kiosk.visit_noted', 'kiosk.checked_out'].sort()
	);
	const checkIns = day.filter((e) => e.type === 'kiosk.checked_in').map((e) => e.payload);
	expect(checkIns.map((p) => `${p.person}:${p.method}`).sort()).toEqual([`${QIQIGE}:signature`, `${ZHANG}:signature`, `${HE}:card`].sort());
	expect(day.find((e) => e.type === 'kiosk.visit_noted')!.payload).toMatchObject({ visitor: '赵桂芝', noted_by: QIQIGE });
	const cards = [...(await pullStream(pb.url, demo.users.zhujiang, streams.cards[0]!)), ...(await pullStream(pb.url, demo.users.zhujiang, streams.cards[1]!))];
	expect(cards.map((e) => e.type).sort()).toEqual(['card.issued', 'card.issued', 'card.revoked']);
	const everything = JSON.stringify([...day, ...cards]);
	for (const qr of [heQr, zhangQr]) expect(everything).not.toContain(qr.slice('yishi:card:'.length));

	// The duty record counts it.
	await page.goto(`${pb.url}/duty`);
	const row = page.locator(`[data-testid="duty-row"][data-person="${QIQIGE}"]`);
	await expect(row.getByTestId('duty-checkins')).toHaveText('1');
	await expect(row.getByTestId('duty-days')).toHaveText('1/1');
	await expect(page.getByTestId('duty-row')).toHaveCount(3);
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('duty-export').click()]);
	const csv = readFileSync((await download.path())!, 'utf8');
	expect(csv.startsWith('\uFEFF月份,委员,委员之家,签到次数')).toBe(true);
	expect(csv).toContain('其其格,珠江社区委员之家,1,1,1/1,0,0');

	expect(foreign).toEqual([]);
});
