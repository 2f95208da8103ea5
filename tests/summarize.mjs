// Sums the JSON reports of every test layer into one closing line: "N passed, N failed".
// A layer without a report (it crashed, or its build failed) counts as one failure.
import { readFileSync } from 'node:fs';

const [dir, ...layers] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const layer of layers) {
	let report;
	try {
		report = JSON.parse(readFileSync(`${dir}/${layer}.json`, 'utf8'));
	} catch {
		console.log(`${layer}: no report (the layer did not run to the end)`);
		failed++;
		continue;
	}
	let p, f, s;
	if (report.stats && 'expected' in report.stats) {
		// Playwright
		p = report.stats.expected + report.stats.flaky;
		f = report.stats.unexpected + (report.errors?.length ?? 0);
		s = report.stats.skipped;
	} else {
		// Vitest
		p = report.numPassedTests;
		f = report.numFailedTests + (report.numTotalTestSuites > 0 && report.success === false && report.numFailedTests === 0 ? 1 : 0);
		s = report.numPendingTests + (report.numTodoTests ?? 0);
	}
	console.log(`${layer}: ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}`);
	passed += p;
	failed += f;
	skipped += s;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
