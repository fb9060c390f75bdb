#!/usr/bin/env bash
# sedlab's test command: sets up what the tests need (Jupyter from apt, the jars, the kernel spec), then
# runs every test: unit tests, and integration tests that run the notebooks through real Jupyter.
#   usage: bash environment/test.sh        (extra arguments go to mvn, e.g. -o for offline)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export OMP_NUM_THREADS=1
bash environment/setup.sh
# The model is checked against an independent PyTorch implementation (src/test/python), which is also
# the peer of `./sedlab bench --peer`. Without OpenBLAS, Debian's torch multiplies matrices with the
# reference BLAS (1.9 GFLOPS here instead of 39) and any comparison with it would flatter us.
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
# Jupyter's kernel conformance suite runs against our kernel in KernelProtocolIT.
if ! installed python3-torch || ! installed libopenblas0-pthread || ! installed python3-jupyter-kernel-test; then
  echo "test: installing python3-torch and OpenBLAS for the PyTorch reference, and the kernel conformance suite"
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    python3-torch python3-numpy libopenblas0-pthread python3-jupyter-kernel-test
fi
mvn -B "$@" verify
# The kernel's integration tests again with the kernel on each newer JDK installed (the build stays on this one).
kernel_its=KernelProtocolIT,JupyterKernelIT,KernelLifecycleIT,IJavaNotebookIT,BinderSessionIT
for release in /usr/lib/jvm/*/release; do
  home=$(dirname "$release")
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  if [[ -n $version ]] && ((version >= 21)); then
    echo "test: the kernel's integration tests on Java $version ($home)"
    SEDLAB_KERNEL_JAVA_HOME=$home mvn -B "$@" verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="$kernel_its"
  fi
done
