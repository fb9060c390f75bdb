#!/usr/bin/env bash
# Runs notebook-ui-check.mjs: a throwaway five-cell notebook (cell 2 fails) in a throwaway classic
# Notebook server on localhost with this checkout's kernel, driven by headless Chromium through
# playwright-core. Installs Debian's chromium and npm's playwright-core (into target/playwright) if missing.
#   usage: bash src/test/js/notebook-ui-check.sh [SCREENSHOT=target/screenshots/run-all-stops-at-error.png]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
screenshot=${1:-$root/target/screenshots/run-all-stops-at-error.png}
port=${PORT:-8897}
if ! command -v chromium > /dev/null; then
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq chromium > /dev/null
fi
modules="$root/target/playwright"
[[ -d $modules/node_modules/playwright-core ]] || npm install --silent --no-audit --no-fund --prefix "$modules" playwright-core@1

source "$root/environment/throwaway-server.sh"
mkdir -p "$work/nb" "$(dirname "$screenshot")"
/usr/bin/python3 - "$work/nb/run-all.ipynb" "$(bash "$root/environment/kernelspec.sh" --name)" <<'PY'
import sys, nbformat
path, kernel = sys.argv[1:]
nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": kernel, "display_name": "Java", "language": "java"}})
nb.cells = [nbformat.v4.new_code_cell(code) for code in [
    'int ran = 1;\nSystem.out.println("cell 1 ran");',
    'throw new IllegalStateException("cell 2 fails");',
    'System.out.println("cell 3 ran");',
    'Thread.sleep(500);\nSystem.out.println("cell 4 ran");',
    'ran + 1']]
nbformat.write(nb, path)
PY
start_server "$work/nb" "$port"
NODE_PATH=$modules/node_modules node "$root/src/test/js/notebook-ui-check.mjs" \
  "http://127.0.0.1:$port/notebooks/run-all.ipynb" "$screenshot" || { tail -n 30 "$work/server.log"; exit 1; }
echo "screenshot: $screenshot"
