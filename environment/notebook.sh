#!/usr/bin/env bash
# Starts the classic Jupyter Notebook UI on localhost, in notebooks/, with the sedlab kernel available.
#   usage: bash environment/notebook.sh [extra jupyter-notebook options]   (PORT=8888 by default)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
extra=()
[[ $(id -u) -eq 0 ]] && extra+=(--allow-root)
exec /usr/bin/jupyter notebook --no-browser --ip=127.0.0.1 --port="${PORT:-8888}" \
  --notebook-dir="$root/notebooks" "${extra[@]}" "$@"
