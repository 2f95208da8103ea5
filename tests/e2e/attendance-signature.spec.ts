/**
 * Attendance (issue 4) in the built app: a signature drawn with pointer events shows on the
 * attendance list after a reload and in the CSV export's row; bad signatures get a message and
 * record nothing; search by pinyin initials; check-out; a walk-in's phone only ever masked.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { demo } from '../support/demo';
import { createMeeting, expect, expectAllSynced, offline, person, pullStream, signIn, syncNow, test } from './fixtures';

const RESIDENT = demo.people.kairongResident; // 王建国
const GRID = demo.people.kairongGridWorker; // 周晓燕

/** Writes a three-character "name" on the pad with the mouse (pointer events): 9 strokes. */
async function drawSignature(page: Page): Promise<void> {
	const box = (await page.getByTestId('signature-pad').boundingBox())!;
	const at = (fx: number, fy: number) => [box.x + fx * box.width, box.y + fy * box.height] as const;
	for (let c = 0; c < 3; c++) {
		const left = 0.15 + c * 0.25;
		const strokes: [number, number, number, number][] = [
			[left, 0.3, left + 0.15, 0.3],
			[left + 0.07, 0.2, left + 0.06, 0.75],
			[left + 0.02, 0.55, left + 0.16, 0.7]
		];
		for (const [x0, y0, x1, y1] of strokes) {
			await page.mouse.move(...at(x0, y0));
			await page.mouse.down();
			await page.mouse.move(...at((x0 + x1) / 2, (y0 + y1) / 2 + 0.03), { steps: 6 });
			await page.mouse.move(...at(x1, y1), { steps: 6 });
			await page.mouse.up();
		}
	}
}

async function eventCount(page: Page): Promise<number> {
	return Number(await page.getByTestId('event-count').getAttribute('data-count'));
}

test('a signature drawn on screen is on the list after a reload and in the CSV row', async ({ page, pb }) => {
	await signIn(page, pb.url, demo.users.kairong);
	const stream = await createMeeting(page, '凯荣小区电力设施改造协商会', { quorum: 3 });

	// Find 王建国 by his pinyin initials.
	await page.getByTestId('people-search').fill('wjg');
	await expect(page.getByTestId('person')).toHaveCount(1);
	await expect(person(page, RESIDENT)).toBeVisible();

	await person(page, RESIDENT).getByTestId('sign-check-in').click();
	const dialog = page.getByTestId('sign-dialog');
	await expect(dialog.getByTestId('sign-name')).toHaveText('王建国');
	await expect(dialog.getByTestId('privacy-notice')).toContainText('手写签名');
	const before = await eventCount(page);

	// Too early: nothing drawn.
	// (it looks disabled, aria-disabled, but answers a press with what is missing)
	await dialog.getByTestId('sign-confirm').click({ force: true });
	await expect(dialog.getByTestId('sign-problem')).toContainText('还没有签名');
	// A single dot.
	const box = (await page.getByTestId('signature-pad').boundingBox())!;
	await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
	await dialog.getByTestId('sign-confirm').click({ force: true });
	await expect(dialog.getByTestId('sign-problem')).toContainText('签名太短');
	expect(await eventCount(page)).toBe(before);
	await expect(person(page, RESIDENT)).toHaveAttribute('data-present', 'false');

	await dialog.getByTestId('signature-clear').click();
	await drawSignature(page);
	await expect(dialog.getByTestId('sign-confirm')).toHaveAttribute('aria-disabled', 'false');
	await dialog.getByTestId('sign-confirm').click();
	await expect(dialog).not.toBeVisible();
	await expect(person(page, RESIDENT)).toHaveAttribute('data-present', 'true');
	const sig = person(page, RESIDENT).getByTestId('person-signature');
	await expect(sig).toBeVisible();
	const sha = (await sig.getAttribute('data-sha256'))!;
	expect(sha).toMatch(/^[0-9a-f]{64}$/);
	expect(await eventCount(page)).toBe(before + 1);

	// A tap check-in and a departure for the grid worker.
	await page.getByTestId('people-search').fill('');
	// Two taps before the screen changed: one check-in recorded.
	const beforeTaps = await eventCount(page);
	await person(page, GRID)
		.getByTestId('check-in')
		.evaluate((button: HTMLElement) => {
			button.click();
			button.click();
		});
	await expect(person(page, GRID)).toHaveAttribute('data-present', 'true');
	await expect.poll(() => eventCount(page)).toBe(beforeTaps + 1);
	await person(page, GRID).getByTestId('check-out').click();
	await expect(person(page, GRID)).toHaveAttribute('data-departed', 'true');
	await expect(person(page, GRID).getByTestId('departed')).toBeVisible();
	await expect(page.getByTestId('present-count')).toHaveText('1');
	expect(await eventCount(page)).toBe(beforeTaps + 2);

	// After a reload the signature is redrawn from its strokes.
	await page.reload();
	await expect(person(page, RESIDENT).getByTestId('person-signature')).toHaveAttribute('data-sha256', sha);
	await expect(person(page, RESIDENT).locator('svg path')).toHaveAttribute('d', /^M\d+ \d+L/);
	await expect(person(page, GRID)).toHaveAttribute('data-departed', 'true');

	// The CSV export: UTF-8 with BOM, the signer's row says signed with the hash prefix.
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
	expect(download.suggestedFilename()).toMatch(/^签到表-.*\.csv$/);
	const bytes = await readFile((await download.path())!);
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const lines = bytes.toString('utf8').slice(1).split('\r\n');
	expect(lines[0]).toBe('姓名,身份,单位,到场时间,离场时间,签到方式,手写签名,已撤销');
	const row = lines.find((l) => l.startsWith('王建国,'))!;
	expect(row).toMatch(new RegExp(`^王建国,居民代表,,\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2},,手写签名,是 ${sha.slice(0, 12)},$`));
	expect(lines.find((l) => l.startsWith('周晓燕,'))).toMatch(/^周晓燕,网格员,凯荣小区网格,[\d-]+ [\d:]+,[\d-]+ [\d:]+,点名签到,否,$/);

	// The server accepted the signature check-in (same schema) with the same hash.
	await syncNow(page);
	await expectAllSynced(page);
	const server = await pullStream(pb.url, demo.users.kairong, stream);
	const signed = server.find((e) => e.type === 'attendance.checked_in' && e.payload.method === 'signature')!;
	expect((signed.payload.signature as { sha256: string }).sha256).toBe(sha);
	expect(server.filter((e) => e.type === 'attendance.checked_out').map((e) => e.payload.person)).toEqual([GRID]);
});

test('a meeting that requires signatures: a tap opens the pad; a walk-in phone is only ever masked; pinyin search offline', async ({ page, pb, context }) => {
	await signIn(page, pb.url, demo.users.kairong);
	await page.getByTestId('new-meeting').click();
	await page.locator('input[name=title]').fill('林原村土地纠纷协商会');
	await page.getByTestId('signature-required').check();
	await page.getByTestId('create-meeting').click();
	await expect(page.getByTestId('toggle-signature')).toHaveAttribute('aria-pressed', 'true');
	const stream = page.url().split('/meetings/')[1]!;

	await person(page, GRID).getByTestId('check-in').click();
	await expect(page.getByTestId('sign-dialog').getByTestId('sign-name')).toHaveText('周晓燕');
	await page.getByTestId('sign-dialog').getByRole('button', { name: '取消' }).click();
	await expect(person(page, GRID)).toHaveAttribute('data-present', 'false');

	await page.getByTestId('walk-in').click();
	const walkIn = page.getByTestId('walk-in-dialog');
	await walkIn.locator('input[name=name]').fill('刘大爷');
	await walkIn.getByTestId('walk-in-phone').fill('1381234');
	await walkIn.getByTestId('walk-in-submit').click();
	await expect(walkIn.getByRole('alert')).toContainText('11 位数字');
	await walkIn.getByTestId('walk-in-phone').fill('138 1234 5678');
	await walkIn.getByTestId('walk-in-submit').click();
	// Registered, then asked to sign.
	await expect(page.getByTestId('sign-dialog').getByTestId('sign-name')).toHaveText('刘大爷');
	await drawSignature(page);
	await page.getByTestId('sign-confirm').click();
	await expect(page.getByTestId('sign-dialog')).not.toBeVisible();
	const row = page.getByTestId('person').filter({ hasText: '刘大爷' });
	await expect(row).toHaveAttribute('data-present', 'true');
	await expect(row.getByTestId('phone-masked')).toHaveText('☎ 138****5678');
	await expect(page.locator('body')).not.toContainText('13812345678');

	await syncNow(page);
	await expectAllSynced(page);
	const server = await pullStream(pb.url, demo.users.kairong, stream);
	expect(JSON.stringify(server)).not.toMatch(/1381234|13812345678/);
	expect(server.find((e) => e.type === 'participant.registered')!.payload.phone_masked).toBe('138****5678');

	// Offline after a reload, the pinyin search still works (pinyin-pro is precached on its own).
	await offline(context);
	await page.reload();
	await page.getByTestId('people-search').fill('zxy');
	await expect(page.getByTestId('person')).toHaveCount(1);
	await expect(person(page, GRID)).toBeVisible();
	await page.getByTestId('people-search').fill('ldy');
	await expect(page.getByTestId('person')).toHaveText(/刘大爷/);
});

test.describe('on a high-DPI tablet', () => {
	test.use({ deviceScaleFactor: 2 });

	test('the pad is sharp at 2× and keeps the strokes across a rotation', async ({ page, pb }) => {
		await signIn(page, pb.url, demo.users.kairong);
		await createMeeting(page, '凯荣小区电力设施改造协商会');
		await person(page, RESIDENT).getByTestId('sign-check-in').click();
		const pad = page.getByTestId('signature-pad');
		const canvas = () =>
			pad.evaluate((c: HTMLCanvasElement) => {
				const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
				let ink = 0;
				for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) ink++;
				return { width: c.width, css: c.getBoundingClientRect().width, ink };
			});
		await drawSignature(page);
		const landscape = await canvas();
		expect(landscape.width).toBe(Math.round(landscape.css * 2));
		expect(landscape.ink).toBeGreaterThan(500);

		// Rotate to portrait: the library clears the canvas; the pad redraws from its points.
		await page.setViewportSize({ width: 800, height: 1280 });
		await expect.poll(async () => (await canvas()).css).not.toBe(landscape.css);
		await expect.poll(async () => (await canvas()).ink).toBeGreaterThan(300);
		const portrait = await canvas();
		expect(portrait.width).toBe(Math.round(portrait.css * 2));

		// One more stroke after the rotation: all ten are stored.
		const box = (await pad.boundingBox())!;
		await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.85);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.85, { steps: 12 });
		await page.mouse.up();
		await page.getByTestId('sign-confirm').click();
		await expect(person(page, RESIDENT)).toHaveAttribute('data-present', 'true');
		const d = (await person(page, RESIDENT).locator('[data-testid=person-signature] path').getAttribute('d'))!;
		expect(d.match(/M/g)).toHaveLength(10);
	});
});
