#!/usr/bin/env bash
# Sets up sedlab's Java notebooks on Debian 12: Jupyter from Debian's packages, the jars, and this
# checkout's own kernel spec for the current user (environment/kernelspec.sh names it). Safe to run again; a second run only checks.
#   usage: bash environment/setup.sh [--packages-only]   (--packages-only: just the apt part, e.g. as root in an image)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# Jupyter runs on Debian's /usr/bin/python3 (not a python3 that may come first on PATH).
apt_packages=(jupyter-client jupyter-nbconvert python3-nbclient python3-nbformat jupyter-notebook
              fontconfig fonts-dejavu-core)
# A C compiler builds the native matrix products into the jar (src/main/native): the same bits, faster.
apt_packages+=(gcc libc6-dev)
# A bare Debian image (the Binder recipe) has no JDK or Maven yet; a developer machine has its own.
command -v javac > /dev/null || apt_packages+=(openjdk-17-jdk-headless)
command -v mvn > /dev/null || apt_packages+=(maven)
# Debian's JDK ships its sources (src.zip, which JShell reads for Shift-Tab's Javadoc) in a package of its own.
if command -v javac > /dev/null && [[ $(readlink -f "$(command -v javac)") == /usr/lib/jvm/java-17-openjdk-* ]] \
   || [[ " ${apt_packages[*]} " == *" openjdk-17-jdk-headless "* ]]; then
  apt_packages+=(openjdk-17-source)
fi
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [[ ${1:-} == --packages-only ]]; then
  exit 0
fi

# Build unless the jars are newer than every source and the pom.
kernel_jar=target/sedlab-kernel.jar
if [[ ! -f $kernel_jar || ! -f target/notebook.classpath || -n $(find pom.xml src/main -newer "$kernel_jar" -print -quit) ]]; then
  echo "setup: building the jars"
  mvn -B -q package -DskipTests
fi

data_dir=$(/usr/bin/jupyter --data-dir)
# Earlier set-ups installed one spec for every checkout, named "sedlab"; drop it where it runs this checkout's jars.
legacy="$data_dir/kernels/sedlab/kernel.json"
if [[ -f $legacy ]] && grep -qF "\"$root/target/" "$legacy"; then
  rm -rf "$data_dir/kernels/sedlab"
fi
name=$(bash environment/kernelspec.sh --user)
echo "setup: kernel spec $name, shown as \"Java (sedlab: ${root/#$HOME/\~})\" (this checkout's own)"
echo "setup: done; start the Notebook UI with: bash environment/notebook.sh"
