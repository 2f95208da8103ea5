/**
 * Server benchmarks (issue: server and sync core). Prints `bench <name> <value> <unit>` lines.
 * - push_10k_s / push_events_per_s: 10,000 realistic events from one device, pages of 500.
 * - push_vs_batch_ratio: that rate over PocketBase's own batch API inserting the same 10,000
 *   records into a plain collection, measured in the same run.
 * - server_rss_mib: PocketBase's resident memory after the pushes.
 * - project_10k_ms: project() over a 10,000-event meeting (median of 7).
 */
import { readFileSync } from 'node:fs';
import { project } from '../../src/lib/domain';
import { push, signIn } from '../support/http';
import { startPocketBase } from '../support/pocketbase';
import { realisticEvents } from './realistic';

const print = (name: string, value: number, unit: string) => console.log(`bench ${name} ${value} ${unit}`);
const round = (x: number, digits = 2) => Number(x.toFixed(digits));

async function superuserFetch(url: string, token: string, path: string, method: string, body: unknown) {
	const res = await fetch(url + path, {
		method,
		headers: { Authorization: token, 'Content-Type': 'application/json' },
		body: JSON.stringify(body)
	});
	if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
	return res.json();
}

async function main() {
	const events = realisticEvents(10_000);
	const pb = await startPocketBase();
	try {
		const token = await signIn(pb.url, 'kairong');
		let started = performance.now();
		for (let i = 0; i < events.length; i += 500) {
			const res = await push(pb.url, token, 'tab-bench', events.slice(i, i + 500));
			const bad = res.body.results?.filter((r: { status: string }) => r.status !== 'accepted');
			if (res.status !== 200 || bad.length) throw new Error(`push failed: ${JSON.stringify(res.body).slice(0, 300)}`);
		}
		const pushSeconds = (performance.now() - started) / 1000;
		const pushRate = events.length / pushSeconds;
		print('push_10k_s', round(pushSeconds), 's');
		print('push_events_per_s', Math.round(pushRate), 'events/s');

		const pid = pb.pid();
		const rss = pid ? Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024 : 0;

		// PocketBase's batch API into a plain collection with the same fields.
		const su = await pb.superuserToken();
		await superuserFetch(pb.url, su, '/api/settings', 'PATCH', { batch: { enabled: true, maxRequests: 500, timeout: 60, maxBodySize: 0 } });
		await superuserFetch(pb.url, su, '/api/collections', 'POST', {
			name: 'bench_plain',
			type: 'base',
			fields: ['event_id', 'stream', 'venue', 'device', 'hlc', 'at', 'actor', 'type', 'raw']
				.map((name) => ({ name, type: 'text', max: 1_000_000 }))
				.concat(['seq', 'v', 'pos'].map((name) => ({ name, type: 'number' }) as never))
		});
		started = performance.now();
		for (let i = 0; i < events.length; i += 500) {
			const requests = events.slice(i, i + 500).map((e, j) => ({
				method: 'POST',
				url: '/api/collections/bench_plain/records',
				body: { event_id: e.id, stream: e.stream, venue: e.venue, device: e.device, seq: e.seq, hlc: e.hlc, at: e.at, actor: e.actor, type: e.type, v: e.v, pos: i + j + 1, raw: JSON.stringify(e) }
			}));
			await superuserFetch(pb.url, su, '/api/batch', 'POST', { requests });
		}
		const batchRate = events.length / ((performance.now() - started) / 1000);
		print('batch_events_per_s', Math.round(batchRate), 'events/s');
		print('push_vs_batch_ratio', round(pushRate / batchRate), 'x');
		print('server_rss_mib', round(rss, 1), 'MiB');
	} finally {
		await pb.stop();
	}

	const meeting = realisticEvents(10_000, 'tab-bench-project', true);
	const times: number[] = [];
	for (let i = 0; i < 7; i++) {
		const shuffled = [...meeting].sort(() => Math.random() - 0.5);
		const t0 = performance.now();
		const state = project(shuffled);
		times.push(performance.now() - t0);
		if (Object.keys(state.meetings).length !== 1) throw new Error('expected one meeting');
	}
	times.sort((a, b) => a - b);
	print('project_10k_ms', round(times[3]!, 1), 'ms');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
