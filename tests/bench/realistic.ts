/** A realistic mix of meeting events, as one moderator's tablet records them over many meetings. */
import { newId, FakeTablet } from '../support/factories';
import { demo } from '../support/demo';
import type { EventEnvelope } from '../../src/lib/domain';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = ['建国', '红梅', '海军', '晓燕', '金山', '二虎', '桂兰', '志强', '秀英', '巴特尔'];
const ROLES = ['resident_rep', 'villager_rep', 'party_member', 'village_cadre', 'grid_worker', 'dept_official', 'other'];

/**
 * `count` events from one device: meetings of 12 listed people plus walk-ins (at most 28 per
 * meeting, so a roster stays at the 5–40 people of a real meeting), check-ins, revocations and
 * detail changes. `oneMeeting` puts them all into one long meeting.
 */
export function realisticEvents(count: number, device = 'tab-bench', oneMeeting = false): EventEnvelope[] {
	const t = new FakeTablet(device, demo.venues.kairong, demo.userIds.kairong);
	let meeting = '';
	let people: string[] = [];
	const present = new Map<string, string>();
	let n = 0;
	while (t.events.length < count) {
		if (!meeting || (!oneMeeting && n % 120 === 0)) {
			meeting = t.openMeeting(`凯荣小区第${n}次协商议事会：楼道电力设施改造`);
			present.clear();
			people = Array.from({ length: 12 }, (_, i) => `pplkairong000${String(i + 1).padStart(2, '0')}`);
			t.record(meeting, 'meeting.started', {});
		}
		const roll = n % 10;
		if (roll < 6) {
			// as the app does: only someone not present is checked in
			const absent = people.filter((p) => !present.has(p));
			const who = absent[n % Math.max(1, absent.length)];
			if (who) {
				present.set(who, t.checkIn(meeting, who, ROLES[n % ROLES.length]).id);
			}
		} else if (roll < 8 && people.length < 40) {
			const id = newId(t.clock);
			t.record(meeting, 'participant.registered', {
				participant: id,
				name: SURNAMES[n % SURNAMES.length]! + GIVEN[n % GIVEN.length]!,
				role: ROLES[n % ROLES.length],
				organisation: `${(n % 9) + 1}号楼`
			});
			people.push(id);
		} else if (roll <= 8) {
			const [who, checkIn] = [...present.entries()][n % Math.max(1, present.size)] ?? [];
			if (who && checkIn) {
				t.record(meeting, 'attendance.check_in_revoked', { person: who, check_ins: [checkIn], reason: '点错了' });
				present.delete(who);
			}
		} else {
			t.record(meeting, 'meeting.details_changed', { place_note: `${(n % 9) + 1}号楼前的院子`, description: '居民反映楼道线路老化，需协商改造费用分担方案。' });
		}
		n++;
	}
	return t.events.slice(0, count);
}
