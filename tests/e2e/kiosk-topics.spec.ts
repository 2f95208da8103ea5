/**
 * Scenario 3 of domain.md: residents bring their requests to the members' home (宠物管理, 楼道杂物,
 * 公共座椅); the member on duty notes them at the kiosk, then, offline, makes each a topic with
 * one tap on the kiosk setup page (source 群众议题, the visitor as submitter, the request as its
 * description). A request made a topic shows "已转为议题" with a link and cannot be made one twice.
 * The topic is screened (accepted) on the topics page at the community's level; back online the
 * server holds `topic.submitted` naming the visit it came from.
 */
import type { Page } from '@playwright/test';
import { demo } from '../support/demo';
import { expect, expectAllSynced, pullStream, signIn, syncNow, test } from './fixtures';
import { shots } from './tools/shots';

const QIQIGE = 'pplzhujiang0001';
const PIN = '2468';

async function drawSignature(page: Page): Promise<void> {
	const box = (await page.getByTestId('signature-pad').boundingBox())!;
	for (const [x0, y0, x1, y1] of [
		[0.15, 0.35, 0.3, 0.4],
		[0.22, 0.2, 0.24, 0.7],
		[0.4, 0.3, 0.55, 0.65],
		[0.6, 0.5, 0.8, 0.45]
	]) {
		await page.mouse.move(box.x + box.width * x0!, box.y + box.height * y0!);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width * x1!, box.y + box.height * y1!, { steps: 12 });
		await page.mouse.up();
	}
}

async function topicStreams(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		const store = (window as unknown as { __yishi: { store: { streamsOfKind(k: string, v: string[]): Promise<{ id: string }[]> } } }).__yishi.store;
		return store.streamsOfKind('topic', ['vnuzhujiang0000']).then((rows) => rows.map((r) => r.id));
	});
}

test('scenario 3: requests noted at the kiosk become topics in one tap, offline, and are screened', async ({ page, context, pb }) => {
	await signIn(page, pb.url, demo.users.zhujiang);
	await page.getByTestId('nav-kiosk').click();
	await expect(page).toHaveURL(`${pb.url}/kiosk/setup`);
	await page.locator(`[data-testid="on-duty-choice"][data-person="${QIQIGE}"]`).click();
	await page.getByTestId('kiosk-open-day').click();
	await expect(page.getByTestId('kiosk-day')).toHaveAttribute('data-open', 'true');
	await page.locator('input[name=pin]').fill(PIN);
	await page.locator('input[name=pin2]').fill(PIN);
	await page.getByTestId('kiosk-pin-save').click();
	await expect(page.getByTestId('kiosk-pin-state')).toHaveAttribute('data-set', 'true');

	await context.setOffline(true);
	await page.getByTestId('kiosk-enter').click();
	await expect(page).toHaveURL(`${pb.url}/kiosk`);
	await page.locator(`[data-testid="kiosk-member"][data-person="${QIQIGE}"]`).getByTestId('kiosk-name').click();
	await drawSignature(page);
	await page.getByTestId('kiosk-sign-ok').click();
	await expect(page.getByTestId('kiosk-message')).toContainText('其其格，签到成功');

	const requests: [string, string][] = [
		['赵桂芝', '楼下有人遛狗不拴绳，希望加强宠物管理'],
		['', '三单元楼道杂物堆放，影响消防通道'],
		['王德胜', '小区广场公共座椅太少，老人没地方歇脚']
	];
	for (const [visitor, request] of requests) {
		await page.getByTestId('kiosk-note-visit').click();
		if (visitor) await page.getByTestId('kiosk-visit-visitor').fill(visitor);
		await page.getByTestId('kiosk-visit-request').fill(request);
		await page.getByTestId('kiosk-visit-save').click();
		await expect(page.getByTestId('kiosk-message')).toContainText('来访已登记');
	}

	await page.getByTestId('kiosk-leave').click();
	await page.getByTestId('kiosk-pin').fill(PIN);
	await page.getByTestId('kiosk-leave-ok').click();
	await expect(page).toHaveURL(`${pb.url}/kiosk/setup`);
	const visits = page.getByTestId('setup-visit');
	await expect(visits).toHaveCount(3);
	await expect(page.getByTestId('visit-to-topic')).toHaveCount(3);
	expect(await topicStreams(page)).toEqual([]);

	// One tap each: the pets request and the stairwell (anonymous) one.
	const pets = visits.filter({ hasText: '宠物管理' });
	await pets.getByTestId('visit-to-topic').click();
	await expect(pets.getByTestId('visit-topic-link')).toContainText('已转为议题');
	await expect(pets.getByTestId('visit-to-topic')).toHaveCount(0); // cannot be made a topic twice
	const stairs = visits.filter({ hasText: '楼道杂物' });
	await stairs.getByTestId('visit-to-topic').click();
	await expect(stairs.getByTestId('visit-topic-link')).toBeVisible();
	await expect(page.getByTestId('visit-to-topic')).toHaveCount(1); // the benches wait
	expect(await topicStreams(page)).toHaveLength(2);
	const petsVisit = (await pets.getAttribute('data-visit'))!;
	const petsTopic = (await pets.getAttribute('data-topic'))!;
	expect(petsTopic).not.toBe('');

	// Still made a topic after a reload (read back from the topic, not from the page).
	await page.reload();
	await expect(page.getByTestId('setup-visit')).toHaveCount(3);
	await expect(page.getByTestId('visit-topic-link')).toHaveCount(2);
	await expect(page.getByTestId('visit-to-topic')).toHaveCount(1);
	await page.getByTestId('setup-visits').scrollIntoViewIfNeeded();
	await shots(page, 'links-kiosk-visits');

	// Screened on the topics page.
	await page.getByTestId('setup-visit').filter({ hasText: '宠物管理' }).getByTestId('visit-topic-link').click();
	await expect(page).toHaveURL(`${pb.url}/topics/${petsTopic}`);
	await expect(page.getByTestId('topic-title')).toHaveText('楼下有人遛狗不拴绳，希望加强宠物管理');
	await expect(page.getByTestId('topic-status')).toHaveAttribute('data-status', 'submitted');
	await expect(page.getByText('群众议题').first()).toBeVisible();
	await expect(page.getByTestId('topic-from-visit')).toBeVisible();
	await expect(page.locator('.meta.small')).toContainText('赵桂芝');
	await expect(page.getByTestId('topic-level')).toHaveAttribute('data-region', demo.regions.zhujiang);
	await page.getByTestId('screen-accept').click();
	await expect(page.getByTestId('topic-status')).toHaveAttribute('data-status', 'accepted');

	// The anonymous request's submitter is "居民".
	await page.goto(`${pb.url}/kiosk/setup`);
	await page.getByTestId('setup-visit').filter({ hasText: '楼道杂物' }).getByTestId('visit-topic-link').click();
	await expect(page.locator('.meta.small')).toContainText('居民');

	// Back online: the server has the topic, naming the visit it came from.
	await context.setOffline(false);
	await syncNow(page);
	await expectAllSynced(page);
	const events = await pullStream(pb.url, demo.users.zhujiang, petsTopic);
	expect(events.map((e) => e.type)).toEqual(['topic.submitted', 'topic.screened']);
	expect(events[0]!.payload).toMatchObject({
		source: 'residents',
		submitter_name: '赵桂芝',
		description: '楼下有人遛狗不拴绳，希望加强宠物管理',
		region: demo.regions.zhujiang,
		kiosk_visit: petsVisit
	});
	expect(events[1]!.payload).toMatchObject({ decision: 'accepted' });
});
