#!/usr/bin/env bash
# Builds sedlab's native library (linalg/NativeLibrary: every .c file here) into the classes folder, from
# where the jars take it:
#   usage: bash src/main/native/build.sh CLASSES_DIR JAVA_HOME      (Maven runs it after compiling)
# Without a C compiler or the JDK's JNI headers the jars still work, computing the same bits by the Java
# code, slower: this says so in one line and succeeds. Libraries left from an earlier build are removed
# first, so that a jar never carries one built from other sources.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out_dir="$1/org/sedlab/linalg/native/linux-x86_64"
java_home=$2
library="$out_dir/libsedlab-native.so"
rm -f "$out_dir"/*.so
if [[ $(uname -s) != Linux || $(uname -m) != x86_64 ]]; then
  echo "native library: not built (it is for Linux on x86-64; this is $(uname -s) $(uname -m)): the Java code computes the same bits, slower"
  exit 0
fi
cc=${CC:-gcc}
if ! command -v "$cc" > /dev/null; then
  echo "native library: not built (no $cc; apt-get install gcc libc6-dev for faster matrix products, GELU, row sums and AdamW): the Java code computes the same bits, slower"
  exit 0
fi
if [[ ! -f $java_home/include/jni.h ]]; then
  echo "native library: not built (no JNI headers under $java_home/include; build with a JDK): the Java code computes the same bits, slower"
  exit 0
fi
mkdir -p "$out_dir"
# The library computes the same float operations as the Java code it replaces: ISO C with no contraction
# of a * b + c into one rounding (-std=c11 -ffp-contract=off), and never -ffast-math (it reorders sums and
# sets flush-to-zero for the whole process).
if ! log=$("$cc" -std=c11 -ffp-contract=off -O3 -fPIC -shared -Wall -I"$java_home/include" -I"$java_home/include/linux" \
      -o "$library.tmp.$$" "$here"/*.c 2>&1); then
  rm -f "$library.tmp.$$"
  echo "native library: not built ($cc failed: $(echo "$log" | head -3 | tr '\n' ' ')): the Java code computes the same bits, slower"
  exit 0
fi
mv -f "$library.tmp.$$" "$library"
