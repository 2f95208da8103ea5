/**
 * Members' home kiosk figures (pure domain, Node):
 * - kiosk_project_year_ms: fold a year of days at one members' home (300 days, 6 members, each
 *   with check-ins from two tablets, check-outs and visits: 3,600 events), median of 7.
 * - kiosk_duty_record_ms: the duty record of that year (per member and month), median of 7.
 * - kiosk_tap_ms: one more check-in folded onto that year and today's state read (what a tap
 *   costs the kiosk screen), median of 101.
 * - kiosk_card_lookup_ms: check one scanned card among 500 issued (hash and look up), median of 101.
 */
import {
	cardQrText,
	cardTokenHash,
	dutyRecord,
	findCard,
	inCanonicalOrder,
	KioskDayFold,
	newCardToken,
	projectCards,
	projectKioskDays,
	type EventEnvelope
} from '../../src/lib/domain';
import { FakeTablet, newId } from '../support/factories';
import { handwrittenSignature } from '../support/signatures';

const print = (name: string, value: number, unit: string) => console.log(`bench ${name} ${value} ${unit}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(runs: number, fn: () => void): number {
	const out: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		fn();
		out.push(performance.now() - t0);
	}
	return Math.round(median(out) * 100) / 100;
}

const HOME = 'vnuzhujiang0000';
const members = Array.from({ length: 6 }, (_, i) => `pplzhujiang${String(i + 1).padStart(4, '0')}`);
const a = new FakeTablet('tab-bench-a', HOME, 'usrmemzhujiang0');
const b = new FakeTablet('tab-bench-b', HOME, 'usrmemzhujiang0');
const sigs = Array.from({ length: 8 }, (_, i) => handwrittenSignature(i + 1));
for (let d = 0; d < 300; d++) {
	const date = new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
	const stream = newId(a.clock);
	a.record(stream, 'kiosk.day_opened', { date, kind: d % 7 === 0 ? 'activity' : 'duty', on_duty: members.slice(d % 3, (d % 3) + 2) });
	b.observe(a.events);
	members.forEach((person, i) => {
		const t = i % 2 ? a : b;
		t.record(stream, 'kiosk.checked_in', { person, method: 'signature', signature: sigs[(d + i) % sigs.length]! });
		if (i === 0) (t === a ? b : a).record(stream, 'kiosk.checked_in', { person, method: 'signature', signature: sigs[0]! });
		if (i % 2 === 0) t.record(stream, 'kiosk.checked_out', { person });
	});
	a.record(stream, 'kiosk.visit_noted', { request: '希望加强宠物管理', noted_by: members[0]! });
	a.observe(b.events);
	b.observe(a.events);
}
const events: EventEnvelope[] = [...a.events, ...b.events];
let days = projectKioskDays(events);
print('kiosk_year_events', events.length, 'events');
print('kiosk_project_year_ms', time(7, () => (days = projectKioskDays(events))), 'ms');
print('kiosk_duty_record_ms', time(7, () => dutyRecord(Object.values(days), [], members, (iso) => iso.slice(0, 10))), 'ms');

const fold = new KioskDayFold();
for (const e of inCanonicalOrder(events)) fold.apply(e);
const lastDay = Object.values(days).sort((x, y) => x.date.localeCompare(y.date)).at(-1)!;
const taps: EventEnvelope[] = [];
for (let i = 0; i < 101; i++) taps.push(a.record(lastDay.streams[0]!, 'kiosk.checked_out', { person: members[i % 6]! }));
let n = 0;
print('kiosk_tap_ms', time(101, () => {
	fold.apply(taps[n++]!);
	fold.day(HOME, lastDay.date);
}), 'ms');

const c = new FakeTablet('tab-bench-c', HOME, 'usrmemzhujiang0');
const tokens: string[] = [];
for (let i = 0; i < 500; i++) {
	const token = newCardToken(crypto.getRandomValues(new Uint8Array(16)));
	tokens.push(token);
	c.record(newId(c.clock), 'card.issued', { person: members[i % 6]!, token_sha256: cardTokenHash(token) });
}
const cards = projectCards(c.events);
let k = 0;
print('kiosk_card_lookup_ms', time(101, () => void findCard(cards, HOME, cardQrText(tokens[k++ % 500]!))), 'ms');
