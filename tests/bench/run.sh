#!/usr/bin/env bash
# `npm run bench`: every benchmark, one line per figure: `bench <name> <value> <unit>`.
# Benchmarks are TypeScript bundled by esbuild and run by Node; the browser ones drive
# Debian's Chromium. Not part of `npm test`.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.tmp/bench
mkdir -p "$out"
bash tests/ensure-browser.sh
npm run --silent build >"$out/build.log" 2>&1 || { tail -30 "$out/build.log"; exit 1; }
status=0
for file in tests/bench/*.bench.ts; do
	name=$(basename "$file" .bench.ts)
	npx esbuild "$file" --bundle --platform=node --format=esm --target=node20 --log-level=warning \
		--outfile="$out/$name.mjs" --packages=external
	node "$out/$name.mjs" || status=1
done
exit $status
