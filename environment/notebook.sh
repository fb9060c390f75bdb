#!/usr/bin/env bash
# Starts the classic Jupyter Notebook UI on localhost with the sedlab kernel available; it prints
# the URL (with its login token) to open. PORT (default 8888) and NOTEBOOK_DIR (default notebooks/)
# may be set; further arguments go to jupyter notebook.
#   usage: bash environment/notebook.sh [jupyter-notebook options]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
extra=()
[[ $(id -u) -eq 0 ]] && extra+=(--allow-root)
exec /usr/bin/jupyter notebook --no-browser --ip=127.0.0.1 --port="${PORT:-8888}" \
  --notebook-dir="${NOTEBOOK_DIR:-$root/notebooks}" "${extra[@]}" "$@"
