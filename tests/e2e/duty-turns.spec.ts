/**
 * The members' duty record counts speaking turns: at a meeting of the members' home, 其其格 speaks
 * twice and 张文博 once; a turn still waiting in line does not count. The CSV has the column.
 */
import { readFileSync } from 'node:fs';
import { demo } from '../support/demo';
import { checkIn, createMeeting, expect, signIn, test } from './fixtures';

const [QIQIGE, ZHANG] = ['pplzhujiang0001', 'pplzhujiang0002'];

test('turns spoken per member in the duty record and its CSV', async ({ page, pb }) => {
	await signIn(page, pb.url, demo.users.zhujiang);
	await createMeeting(page, '珠江社区委员之家宠物管理协商会');
	await checkIn(page, QIQIGE);
	await checkIn(page, ZHANG);
	await page.getByTestId('tab-speaking').click();
	const speak = async (person: string) => {
		await page.locator(`[data-testid=add-speaker][data-person="${person}"]`).click();
		await page.getByTestId('start-next').click();
		await page.getByTestId('end-turn').click();
		await expect(page.locator(`[data-testid=queue-row][data-person="${person}"]`)).toHaveCount(0);
	};
	await speak(QIQIGE);
	await speak(ZHANG);
	await speak(QIQIGE);
	await page.locator(`[data-testid=add-speaker][data-person="${ZHANG}"]`).click(); // waits, never speaks
	await expect(page.locator(`[data-testid=queue-row][data-person="${ZHANG}"]`)).toHaveCount(1);

	await page.goto(`${pb.url}/duty`);
	const row = (id: string) => page.locator(`[data-testid="duty-row"][data-person="${id}"]`);
	await expect(row(QIQIGE).getByTestId('duty-turns')).toHaveText('2');
	await expect(row(ZHANG).getByTestId('duty-turns')).toHaveText('1');
	await expect(row(QIQIGE).getByTestId('duty-meetings')).toHaveText('1');
	await expect(row('pplzhujiang0003').getByTestId('duty-turns')).toHaveText('0');
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('duty-export').click()]);
	const csv = readFileSync((await download.path())!, 'utf8');
	expect(csv.split('\r\n')[0]).toContain('发言次数');
	expect(csv).toContain('其其格,珠江社区委员之家,0,0,0/0,1,2');
	expect(csv).toContain('张文博,珠江社区委员之家,0,0,0/0,1,1');
});
