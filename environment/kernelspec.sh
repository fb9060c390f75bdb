#!/usr/bin/env bash
# Writes the "Java (sedlab)" kernel spec into DATA_DIR/kernels/sedlab/kernel.json, for the jars built in
# this checkout's target/. DATA_DIR is a Jupyter data directory (setup.sh passes `jupyter --data-dir`;
# tests pass a folder of their own and point JUPYTER_PATH at it).
#   usage: environment/kernelspec.sh DATA_DIR
# SEDLAB_KERNEL_XMX sets the kernel's heap (default 1g, which keeps a Binder session within ~2 GB).
set -euo pipefail
data_dir=${1:?usage: kernelspec.sh DATA_DIR}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target="$root/target"
for f in sedlab-kernel.jar sedlab.jar notebook.classpath; do
  [[ -f "$target/$f" ]] || { echo "kernelspec.sh: $target/$f is missing; build first (mvn -B -q package -DskipTests)" >&2; exit 1; }
done
java_bin=$(command -v java)
[[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && java_bin="$JAVA_HOME/bin/java"
# notebook.classpath lists lib/<jar> entries relative to target/.
classpath="$target/sedlab-kernel.jar:$target/sedlab.jar:$(sed "s#\(^\|:\)lib/#\1$target/lib/#g" "$target/notebook.classpath")"

spec_dir="$data_dir/kernels/sedlab"
mkdir -p "$spec_dir"
tmp=$(mktemp "$spec_dir/.kernel.json.XXXXXX")
/usr/bin/python3 - "$tmp" "$java_bin" "${SEDLAB_KERNEL_XMX:-1g}" "$classpath" <<'PY'
import json, sys
out, java, xmx, classpath = sys.argv[1:]
spec = {
    # A small initial heap keeps an idle kernel small (the default is 1/64 of the machine's memory).
    "argv": [java, "-Xms32m", "-Xmx" + xmx, "-XX:+UseSerialGC", "-Djava.awt.headless=true",
             # lets the kernel install its guard against System.exit in a cell (CellExitGuard)
             "-Djava.security.manager=allow",
             "-cp", classpath, "org.sedlab.kernel.KernelMain", "{connection_file}"],
    "display_name": "Java (sedlab)",
    "language": "java",
    "interrupt_mode": "message",
    # One OpenMP thread: ND4J in a notebook shares two cores with everything else.
    "env": {"OMP_NUM_THREADS": "1"},
}
with open(out, "w") as f:
    json.dump(spec, f, indent=1)
PY
chmod 644 "$tmp"
mv -f "$tmp" "$spec_dir/kernel.json"
echo "kernel spec: $spec_dir/kernel.json"
