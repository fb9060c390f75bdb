#!/usr/bin/env bash
# Prints the options every sedlab JVM gets on the JDK of the given java (default: java on PATH), so that a
# newer JDK prints no warnings about what sedlab's libraries do (JavaCPP loads native code and uses
# sun.misc.Unsafe). --enable-native-access is valid on 17; --sun-misc-unsafe-memory-access exists from 23 on.
#   usage: bash environment/java-options.sh [JAVA]
set -euo pipefail
java_bin=$(command -v "${1:-java}")
release="$(dirname "$(dirname "$(readlink -f "$java_bin")")")/release"
version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" 2>/dev/null || true)
# The JDK's release file says its version without starting it; a JDK without one is asked.
[[ -n $version ]] || version=$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
options="--enable-native-access=ALL-UNNAMED"
((version >= 23)) && options+=" --sun-misc-unsafe-memory-access=allow"
echo "$options"
