#!/usr/bin/env bash
# Writes this checkout's kernel spec, for the jars built in its target/, into
# DATA_DIR/kernels/NAME/kernel.json and prints NAME. DATA_DIR is a Jupyter data directory (setup.sh passes
# `jupyter --data-dir`; tests pass a folder of their own and point JUPYTER_PATH at it).
# Each checkout has a spec of its own: NAME comes from the checkout's path (sedlab-<folder>-<hash>) and the
# display name shows that path, so two clones set up on one account never run each other's jars.
#   usage: environment/kernelspec.sh DATA_DIR     (writes the spec, prints NAME)
#          environment/kernelspec.sh --name       (prints NAME only)
# SEDLAB_KERNEL_XMX sets the kernel's heap (default 1g, which keeps a Binder session within ~2 GB).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
folder=$(basename "$root" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9._\n-' '-')
name="sedlab-$folder-$(printf '%s' "$root" | sha1sum | cut -c1-8)"
if [[ ${1:-} == --name ]]; then
  echo "$name"
  exit 0
fi
data_dir=${1:?usage: kernelspec.sh DATA_DIR | --name}
target="$root/target"
for f in sedlab-kernel.jar sedlab.jar notebook.classpath; do
  [[ -f "$target/$f" ]] || { echo "kernelspec.sh: $target/$f is missing; build first (mvn -B -q package -DskipTests)" >&2; exit 1; }
done
# The kernel's JDK: SEDLAB_KERNEL_JAVA_HOME (e.g. to test the kernel on another JDK than the build's), else
# JAVA_HOME, else java on PATH.
java_bin=$(command -v java)
for home in "${JAVA_HOME:-}" "${SEDLAB_KERNEL_JAVA_HOME:-}"; do
  [[ -n $home && -x $home/bin/java ]] && java_bin="$home/bin/java"
done
# notebook.classpath lists lib/<jar> entries relative to target/.
classpath="$target/sedlab-kernel.jar:$target/sedlab.jar:$(sed "s#\(^\|:\)lib/#\1$target/lib/#g" "$target/notebook.classpath")"

spec_dir="$data_dir/kernels/$name"
mkdir -p "$spec_dir"
tmp=$(mktemp "$spec_dir/.kernel.json.XXXXXX")
/usr/bin/python3 - "$tmp" "$java_bin" "${SEDLAB_KERNEL_XMX:-1g}" "$classpath" "Java (sedlab: ${root/#$HOME/\~})" \
  "$(bash "$root/environment/java-options.sh" "$java_bin")" <<'PY'
import json, sys
out, java, xmx, classpath, display_name, java_options = sys.argv[1:]
spec = {
    # A small initial heap keeps an idle kernel small (the default is 1/64 of the machine's memory).
    "argv": [java, "-Xms32m", "-Xmx" + xmx, "-XX:+UseSerialGC", "-Djava.awt.headless=true",
             # the Vector API: the portable matrix products about twice as fast (the same bits without it)
             "--add-modules", "jdk.incubator.vector",
             # for the JDK this spec runs: no warnings about JavaCPP's native access and sun.misc.Unsafe
             *java_options.split(),
             "-cp", classpath, "org.sedlab.kernel.KernelMain", "{connection_file}"],
    "display_name": display_name,
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
echo "$name"
