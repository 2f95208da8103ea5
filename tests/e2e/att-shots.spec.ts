import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { demo } from '../support/demo';
import { checkIn, createMeeting, expect, kairongPeople, person, signIn, test } from './fixtures';
const DIR = resolve(import.meta.dirname, 'screenshots');
test('att shots', async ({ page, pb }) => {
	await mkdir(DIR, { recursive: true });
	const shoot = async (name: string) => {
		for (const s of [{ n: 'landscape', width: 1280, height: 800 }, { n: 'portrait', width: 800, height: 1280 }]) {
			await page.setViewportSize({ width: s.width, height: s.height });
			await page.waitForTimeout(300);
			await page.screenshot({ path: `${DIR}/att-${name}.${s.n}.png` });
		}
		await page.setViewportSize({ width: 1280, height: 800 });
	};
	await signIn(page, pb.url, demo.users.kairong);
	await page.getByTestId('new-meeting').click();
	await page.locator('input[name=title]').fill('凯荣小区电力设施改造协商会');
	await shoot('new');
	await page.goto(`${pb.url}/`);
	await createMeeting(page, '凯荣小区电力设施改造协商会', { quorum: 10 });
	for (const id of kairongPeople.slice(1, 4)) await checkIn(page, id);
	await person(page, kairongPeople[2]!).getByTestId('check-out').click();
	await person(page, kairongPeople[0]!).getByTestId('sign-check-in').click();
	const box = (await page.getByTestId('signature-pad').boundingBox())!;
	for (let c = 0; c < 3; c++) for (const [a, b, x, y] of [[0.1, 0.3, 0.25, 0.3], [0.17, 0.2, 0.16, 0.75], [0.12, 0.55, 0.26, 0.7]]) {
		await page.mouse.move(box.x + (a! + c * 0.27) * box.width, box.y + b! * box.height);
		await page.mouse.down();
		await page.mouse.move(box.x + (x! + c * 0.27) * box.width, box.y + y! * box.height, { steps: 10 });
		await page.mouse.up();
	}
	await shoot('sign');
	await page.getByTestId('sign-confirm').click();
	await expect(person(page, kairongPeople[0]!)).toHaveAttribute('data-present', 'true');
	await shoot('roster');
	await page.getByTestId('people-search').fill('zs');
	await shoot('search');
	await page.getByTestId('people-search').fill('');
	await page.getByTestId('walk-in').click();
	await shoot('walkin');
});
