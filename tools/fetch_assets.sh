#!/usr/bin/env bash
# Fetch the files that offline slide decks need (reveal.js, require.js, jQuery) from the npm
# registry into the course's asset cache, with the ordinary npm client. The same as
# `crisis-course assets`, for machines where the course's Python environment is not installed yet.
#
#   tools/fetch_assets.sh [CACHE_DIR]
#
# CACHE_DIR defaults to $CRISIS_COURSE_ASSET_DIR, else ${XDG_CACHE_HOME:-~/.cache}/crisis-course/assets.
# Copy that folder to the teaching machine (same path, or point CRISIS_COURSE_ASSET_DIR at it), then
# `crisis-course slides --offline` works there without npm or a network.
# Keep the versions in step with ASSET_PACKAGES in src/crisis_course/export/core.py.
set -euo pipefail
CACHE="${1:-${CRISIS_COURSE_ASSET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/crisis-course/assets}}"
PACKAGES=(reveal.js@4.0.2 requirejs@2.3.8 jquery@2.2.4)
if ! command -v npm >/dev/null 2>&1; then
  echo "error: npm not found. Install Node.js/npm (Debian/Ubuntu: apt-get install npm) and run again." >&2
  exit 1
fi
mkdir -p "$CACHE"
echo "Fetching ${PACKAGES[*]} from $(npm config get registry) into $CACHE ..."
npm install --prefix "$CACHE" --no-audit --no-fund --no-save --no-package-lock --ignore-scripts \
    --loglevel=error "${PACKAGES[@]}"
for f in reveal.js/dist/reveal.js reveal.js/plugin/notes/notes.js requirejs/require.js jquery/dist/jquery.min.js; do
  [ -f "$CACHE/node_modules/$f" ] || { echo "error: $f missing after npm install" >&2; exit 1; }
done
printf '{\n  "packages": {"reveal.js": "4.0.2", "requirejs": "2.3.8", "jquery": "2.2.4"},\n  "fetched": "%s"\n}\n' \
    "$(date '+%Y-%m-%d %H:%M:%S')" > "$CACHE/ASSETS.json"
echo "Done: offline slide assets are in $CACHE"
