#!/usr/bin/env bash
# sedlab's main job on a fresh Debian 12 machine: set up (Jupyter, jars, kernel), train the paper's
# control run (add, seed 42) to its grok step, then execute every notebook headless.
#   usage: bash environment/main.sh
# Results: runs/add-42/ (checkpoints, metrics.csv, run.json) and target/notebooks/{executed,html}/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash environment/setup.sh
./sedlab train --op add --seed 42 --out runs/add-42
bash environment/run-notebooks.sh
