#!/usr/bin/env bash
# sedlab's test command: sets up what the tests need (Jupyter from apt, the jars, the kernel spec), then
# runs every test: unit tests, and integration tests that run the notebooks through real Jupyter.
#   usage: bash environment/test.sh        (extra arguments go to mvn, e.g. -o for offline)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export OMP_NUM_THREADS=1
bash environment/setup.sh
# The model is checked against an independent PyTorch implementation (src/test/python).
if ! dpkg-query -W -f='${Status}' python3-torch 2>/dev/null | grep -q 'install ok installed'; then
  echo "test: installing python3-torch for the PyTorch reference test"
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends python3-torch python3-numpy
fi
mvn -B "$@" verify
