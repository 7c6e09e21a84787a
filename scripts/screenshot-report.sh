#!/usr/bin/env bash
# Takes the README's screenshot of an HTML report in a real headless browser (Chromium from Debian).
#   apt-get install -y chromium      # once
#   scripts/screenshot-report.sh [REPORT.html] [OUTPUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
report="${1:-Reports/examples/commune.html}"
output="${2:-docs/images/report-commune.png}"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "chromium is not installed: apt-get install -y chromium" >&2
  exit 1
fi
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,1900 \
  --screenshot="$output" "file://$(pwd)/$report"
echo "$output"
