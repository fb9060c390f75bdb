#!/usr/bin/env bash
# Installs this checkout's kernel spec, for the jars built in its target/, with the kernel jar's own installer
# (java -jar target/sedlab-kernel.jar install) for the jupyter on PATH, and prints its NAME.
# Each checkout has a spec of its own: NAME comes from the checkout's path (sedlab-<folder>-<hash>) and the
# display name shows that path, so two clones set up on one account never run each other's jars.
#   usage: environment/kernelspec.sh [--user | --sys-prefix | --prefix DIR]   (installs, prints NAME; default --user)
#          environment/kernelspec.sh --name                                  (prints NAME only)
# The spec runs the kernel on the JDK that installs it: SEDLAB_KERNEL_JAVA_HOME (e.g. to test the kernel on
# another JDK than the build's), else JAVA_HOME, else java on PATH. SEDLAB_KERNEL_XMX sets the kernel's heap
# (default 1g, which keeps a Binder session within ~2 GB).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
folder=$(basename "$root" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9._\n-' '-')
name="sedlab-$folder-$(printf '%s' "$root" | sha1sum | cut -c1-8)"
if [[ ${1:-} == --name ]]; then
  echo "$name"
  exit 0
fi
target="$root/target"
for f in sedlab-kernel.jar sedlab.jar notebook.classpath; do
  [[ -f "$target/$f" ]] || { echo "kernelspec.sh: $target/$f is missing; build first (mvn -B -q package -DskipTests)" >&2; exit 1; }
done
java_bin=$(command -v java)
for home in "${JAVA_HOME:-}" "${SEDLAB_KERNEL_JAVA_HOME:-}"; do
  [[ -n $home && -x $home/bin/java ]] && java_bin="$home/bin/java"
done
heap=()
[[ -n ${SEDLAB_KERNEL_XMX:-} ]] && heap=(--jvm-opt "-Xmx$SEDLAB_KERNEL_XMX")
"$java_bin" -jar "$target/sedlab-kernel.jar" install "$@" --name "$name" --display-name "Java (sedlab: ${root/#$HOME/\~})" \
  "${heap[@]}" >&2
echo "$name"
