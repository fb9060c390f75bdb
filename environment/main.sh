#!/usr/bin/env bash
# sedlab's main job on a fresh Debian 12 machine: set up (Jupyter, jars, kernel), then execute every
# notebook headless. The notebooks read the committed results in data/section3 and compute their live
# parts (a short training run, a worked coupling example) on the spot; their figures are saved too.
#   usage: bash environment/main.sh
# Results: target/notebooks/{executed,html}/ and target/figures/ (PNG and SVG).
# To recompute data/section3 itself (hours of CPU): ./sedlab reproduce section3 --workers 2
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash environment/setup.sh
bash environment/run-notebooks.sh
echo "main: notebooks in target/notebooks/html, figures in target/figures"
