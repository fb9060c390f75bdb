#!/usr/bin/env bash
# Screenshots an executed notebook as the classic Notebook UI shows it, in headless Chromium: a
# throwaway Notebook server on localhost serves a trusted copy, Chromium opens it once so its kernel
# starts, then takes the picture.
#   usage: bash environment/screenshot-notebook.sh [EXECUTED.ipynb] [OUT.png] [HEIGHT=4200]
# Defaults: target/notebooks/executed/00-kernel-tour.ipynb -> target/screenshots/00-kernel-tour-notebook-ui.png
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
notebook=${1:-$root/target/notebooks/executed/00-kernel-tour.ipynb}
out=${2:-$root/target/screenshots/$(basename "$notebook" .ipynb)-notebook-ui.png}
height=${3:-4200}
port=${PORT:-8899}
command -v chromium > /dev/null || {
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y -qq chromium > /dev/null
}

work=$(mktemp -d)
server=
cleanup() {
  [[ -n $server ]] && kill -TERM "$server" 2> /dev/null && wait "$server" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/nb" "$(dirname "$out")"
cp "$notebook" "$work/nb/"
name=$(basename "$notebook")
# Trusted, so the UI shows its HTML and SVG outputs as they are.
/usr/bin/python3 -c 'import sys, nbformat; from nbformat.sign import NotebookNotary; NotebookNotary().sign(nbformat.read(sys.argv[1], 4))' "$work/nb/$name"

PORT=$port NOTEBOOK_DIR=$work/nb bash "$root/environment/notebook.sh" --NotebookApp.token= --NotebookApp.password= \
  > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 60); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/api/status" && break
  sleep 0.5
done

chromium_flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
                --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/profile")
url="http://127.0.0.1:$port/notebooks/$name"
chromium "${chromium_flags[@]}" --window-size=1280,900 --virtual-time-budget=5000 --screenshot="$work/warm.png" "$url" > /dev/null 2>&1
sleep 8 # the kernel's start, so the header shows it idle
chromium "${chromium_flags[@]}" --window-size=1280,"$height" --virtual-time-budget=15000 --screenshot="$work/shot.png" "$url" > /dev/null 2>&1
mv -f "$work/shot.png" "$out"
echo "screenshot: $out"
