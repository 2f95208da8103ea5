#!/usr/bin/env bash
# Debian's Chromium and a CJK font for the e2e tests and screenshots: installs them when
# missing (as root, with apt-get), else says exactly what to run. Never downloads a browser.
set -u
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
if ! fc-list 2>/dev/null | grep -qiE 'noto (sans|serif) cjk|wenquanyi|wqy'; then need+=(fonts-noto-cjk); fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "Installing Debian packages: ${need[*]}"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || {
		echo "apt-get install ${need[*]} failed" >&2
		exit 1
	}
else
	echo "Missing: ${need[*]}. Run: sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
	exit 1
fi
