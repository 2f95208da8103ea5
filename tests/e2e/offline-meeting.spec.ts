/**
 * (a) A whole check-in offline: the server stopped and the tablet off the network, the app
 * reloaded from the service worker, 8 check-ins, a walk-in, a revocation; then back online and
 * everything reaches the server.
 */
import { demo } from '../support/demo';
import {
	checkIn,
	createMeeting,
	expect,
	expectAllSynced,
	kairongPeople,
	person,
	pullStream,
	signIn,
	syncNow,
	test
} from './fixtures';

test('a meeting runs offline from a reload and syncs when the server returns', async ({ page, context, pb }) => {
	await signIn(page, pb.url, demo.users.kairong);
	const stream = await createMeeting(page, '凯荣小区电力设施改造协商会', { quorum: 8 });
	await expectAllSynced(page);

	// Offline: the tablet has no network and the server is down.
	await context.setOffline(true);
	await pb.kill('SIGTERM');
	await page.reload();
	await expect(page.getByTestId('meeting-title')).toHaveText('凯荣小区电力设施改造协商会');
	await expect(page.getByTestId('person')).toHaveCount(demo.peopleCount.kairong);

	for (const id of kairongPeople.slice(0, 8)) await checkIn(page, id);
	await page.getByTestId('walk-in').click();
	await page.locator('dialog input[name=name]').fill('刘大爷');
	await page.locator('dialog label.choice', { hasText: '居民代表' }).click();
	await page.getByTestId('walk-in-submit').click();
	await expect(page.locator('[data-testid="person"]', { hasText: '刘大爷' })).toHaveAttribute('data-present', 'true');

	await person(page, kairongPeople[2]!).getByTestId('revoke').click();
	await page.getByRole('button', { name: '撤销签到' }).last().click();
	await expect(person(page, kairongPeople[2]!)).toHaveAttribute('data-present', 'false');
	await expect(page.getByTestId('present-count')).toHaveText('8');
	await expect(page.getByTestId('quorum')).toHaveAttribute('data-met', 'true');
	await expect(page.getByTestId('pending')).toHaveAttribute('data-count', '11');

	// Back: server up, network on, sync.
	await pb.restart();
	await context.setOffline(false);
	await syncNow(page);
	await expectAllSynced(page);

	const events = await pullStream(pb.url, demo.users.kairong, stream);
	const types = events.map((e) => e.type);
	expect(types.filter((t) => t === 'attendance.checked_in')).toHaveLength(9);
	expect(types.filter((t) => t === 'participant.registered')).toHaveLength(1);
	expect(types.filter((t) => t === 'attendance.check_in_revoked')).toHaveLength(1);
	expect(events).toHaveLength(13); // opened, started, 9 check-ins, walk-in, revocation

	await page.goto(`${pb.url}/`);
	const card = page.locator(`[data-testid="meeting"][data-stream="${stream}"]`);
	await expect(card.getByTestId('meeting-sync')).toContainText('已全部同步');
});
