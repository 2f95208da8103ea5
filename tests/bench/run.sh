#!/usr/bin/env bash
# `npm run bench`: every benchmark, one line per figure: `bench <name> <value> <unit>`.
# Benchmarks are TypeScript bundled by esbuild and run by Node; the browser ones drive
# Debian's Chromium. Not part of `npm test`.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.tmp/bench
mkdir -p "$out"
npm run --silent build:hooks >/dev/null
status=0
for file in tests/bench/*.bench.ts; do
	name=$(basename "$file" .bench.ts)
	npx esbuild "$file" --bundle --platform=node --format=esm --target=node20 --log-level=warning \
		--outfile="$out/$name.mjs" --packages=external
	node "$out/$name.mjs" || status=1
done
exit $status
