#!/usr/bin/env bash
# `npm test`: every test layer, each against real parts, then one closing line
# "N passed, N failed" summing them all.
#   unit         domain, storage (fake-indexeddb)                      ~10 s
#   integration  sync engine and hooks against a real PocketBase       ~1 min
#   e2e          the built app in Debian's Chromium, served by PocketBase  ~3 min
set -u
cd "$(dirname "$0")/.."
out=.tmp/test-results
mkdir -p "$out"
rm -f "$out"/*.json
status=0

bash tests/ensure-browser.sh || status=1
npm run --silent i18n || status=1
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$out/unit.json" || status=1
npm run --silent build:hooks && npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$out/integration.json" || status=1
if npm run --silent build >"$out/build.log" 2>&1; then
	PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/$out/e2e.json" npx playwright test -c tests/e2e --reporter=list,json || status=1
else
	tail -40 "$out/build.log"
	echo "build failed: e2e not run" >&2
	status=1
fi

node tests/summarize.mjs "$out" unit integration e2e || status=1
exit $status
