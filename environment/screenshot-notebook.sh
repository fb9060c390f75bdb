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

source "$root/environment/throwaway-server.sh"
mkdir -p "$work/nb" "$(dirname "$out")"
cp "$notebook" "$work/nb/"
name=$(basename "$notebook")
# Trusted, so the UI shows its HTML and SVG outputs as they are.
/usr/bin/python3 -c 'import sys, nbformat; from nbformat.sign import NotebookNotary; NotebookNotary().sign(nbformat.read(sys.argv[1], 4))' "$work/nb/$name"
start_server "$work/nb" "$port"

chromium_flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
                --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/profile")
url="http://127.0.0.1:$port/notebooks/$name"
chromium "${chromium_flags[@]}" --window-size=1280,900 --virtual-time-budget=5000 --screenshot="$work/warm.png" "$url" > /dev/null 2>&1
sleep 8 # the kernel's start, so the header shows it idle
chromium "${chromium_flags[@]}" --window-size=1280,"$height" --virtual-time-budget=15000 --screenshot="$work/shot.png" "$url" > /dev/null 2>&1
mv -f "$work/shot.png" "$out"
echo "screenshot: $out"
