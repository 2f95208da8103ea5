/** Plain HTTP speakers of sync protocol v1 for tests: what an outside test suite would do. */
import { demo, type DemoUser } from './demo';
import { userToken } from './pocketbase';

/** A demo user's token. */
export function signIn(url: string, who: DemoUser): Promise<string> {
	return userToken(url, demo.users[who], demo.password);
}

export interface Answer<T = any> {
	status: number;
	body: T;
}

async function answer(res: Response): Promise<Answer> {
	const text = await res.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		/* keep text */
	}
	return { status: res.status, body };
}

export async function pushRaw(url: string, token: string | null, body: string, headers: Record<string, string> = {}): Promise<Answer> {
	const res = await fetch(`${url}/api/sync/push`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: token } : {}), ...headers },
		body
	});
	return answer(res);
}

export async function push(url: string, token: string | null, device: string, events: unknown[]): Promise<Answer> {
	return pushRaw(url, token, JSON.stringify({ device, events }));
}

export async function pull(
	url: string,
	token: string | null,
	query: { after?: string; limit?: number | string; stream?: string } = {}
): Promise<Answer> {
	const q = new URLSearchParams();
	q.set('after', query.after ?? '');
	if (query.limit !== undefined) q.set('limit', String(query.limit));
	if (query.stream !== undefined) q.set('stream', query.stream);
	const res = await fetch(`${url}/api/sync/pull?${q}`, { headers: token ? { Authorization: token } : {} });
	return answer(res);
}

/** Every event the user can pull, following the cursor to the end. */
export async function pullAll(url: string, token: string, stream?: string): Promise<any[]> {
	const out: any[] = [];
	let after = '';
	for (;;) {
		const page = await pull(url, token, { after, limit: 1000, ...(stream ? { stream } : {}) });
		if (page.status !== 200) throw new Error(`pull failed: ${page.status} ${JSON.stringify(page.body)}`);
		out.push(...page.body.events);
		after = page.body.cursor;
		if (!page.body.more) return out;
	}
}
