#!/usr/bin/env bash
# Builds linalg/NativeGemm's library (sedlab_gemm.c) into the classes folder, from where the jars take it:
#   usage: bash src/main/native/build.sh CLASSES_DIR JAVA_HOME      (Maven runs it after compiling)
# Without a C compiler or the JDK's JNI headers the jars still work, computing the same bits by the Java
# Vector API, about 1.5x slower: this says so in one line and succeeds. A library left from an earlier
# build is removed first, so that a jar never carries one built from other sources.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out_dir="$1/org/sedlab/linalg/native/linux-x86_64"
java_home=$2
library="$out_dir/libsedlab-gemm.so"
rm -f "$library"
if [[ $(uname -s) != Linux || $(uname -m) != x86_64 ]]; then
  echo "native gemm: not built (it is for Linux on x86-64; this is $(uname -s) $(uname -m)): the Java Vector API computes the same bits"
  exit 0
fi
cc=${CC:-gcc}
if ! command -v "$cc" > /dev/null; then
  echo "native gemm: not built (no $cc; apt-get install gcc libc6-dev for about 1.5x faster matrix products): the Java Vector API computes the same bits"
  exit 0
fi
if [[ ! -f $java_home/include/jni.h ]]; then
  echo "native gemm: not built (no JNI headers under $java_home/include; build with a JDK): the Java Vector API computes the same bits"
  exit 0
fi
mkdir -p "$out_dir"
# -std=c11: ISO C, so the compiler contracts nothing on its own; never -ffast-math (it reorders sums and
# sets flush-to-zero for the whole process).
if ! log=$("$cc" -std=c11 -O3 -fPIC -shared -Wall -I"$java_home/include" -I"$java_home/include/linux" \
      -o "$library.tmp.$$" "$here/sedlab_gemm.c" 2>&1); then
  rm -f "$library.tmp.$$"
  echo "native gemm: not built ($cc failed: $(echo "$log" | head -3 | tr '\n' ' ')): the Java Vector API computes the same bits"
  exit 0
fi
mv -f "$library.tmp.$$" "$library"
