#!/usr/bin/env bash
# sedlab's test command: sets up what the tests need (Jupyter from apt, the jars, the kernel spec), then
# runs every test: unit tests, and integration tests that run the notebooks through real Jupyter.
#   usage: bash environment/test.sh        (extra arguments go to mvn, e.g. -o for offline)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export OMP_NUM_THREADS=1
bash environment/setup.sh
mvn -B "$@" verify
