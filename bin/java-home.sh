#!/usr/bin/env bash
# Finds a JDK new enough for NodeDB. Source it and call nodedb_java_home, which prints the JDK's home on stdout
# (or explains on stderr and returns 1):
#     . bin/java-home.sh && JAVA_HOME=$(nodedb_java_home) || exit 1
# Run directly, it prints the home. Order: $JAVA_HOME, then the `java` on PATH, then the newest /usr/lib/jvm/*.
# The machine's default java may be older (17), which is why every script asks here instead of trusting PATH.

NODEDB_MIN_JAVA=25

# Prints the version of the java in JDK home $1 (e.g. 25.0.1), or fails when there is no usable java there.
# The release file answers without starting a JVM; `java -version` is the fallback for JDKs without one.
_nodedb_java_version() {
    local home=$1 version=""
    [ -x "$home/bin/java" ] || return 1
    if [ -r "$home/release" ]; then
        version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
    fi
    if [ -z "$version" ]; then
        version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
    fi
    [ -n "$version" ] || return 1
    printf '%s\n' "$version"
}

# Prints the feature release (25 for 25.0.1, 8 for 1.8.0_392).
_nodedb_java_major() {
    local version
    version=$(_nodedb_java_version "$1") || return 1
    version=${version#1.}
    version=${version%%[!0-9]*}
    [ -n "$version" ] || return 1
    printf '%s\n' "$version"
}

_nodedb_java_ok() {
    local major
    major=$(_nodedb_java_major "$1") && [ "$major" -ge "$NODEDB_MIN_JAVA" ]
}

nodedb_java_home() {
    local home candidates=()
    if [ -n "${JAVA_HOME:-}" ] && _nodedb_java_ok "$JAVA_HOME"; then
        printf '%s\n' "$JAVA_HOME"
        return 0
    fi
    if command -v java >/dev/null 2>&1; then
        home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
        if _nodedb_java_ok "$home"; then
            printf '%s\n' "$home"
            return 0
        fi
    fi
    for home in /usr/lib/jvm/*; do
        if [ -d "$home" ] && _nodedb_java_ok "$home"; then
            candidates+=("$(_nodedb_java_version "$home") $home")
        fi
    done
    if [ "${#candidates[@]}" -gt 0 ]; then
        printf '%s\n' "${candidates[@]}" | sort -V | tail -n 1 | cut -d' ' -f2-
        return 0
    fi
    echo "nodedb: needs a JDK $NODEDB_MIN_JAVA or newer; install e.g. temurin-$NODEDB_MIN_JAVA-jdk (apt) or set JAVA_HOME" >&2
    return 1
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    nodedb_java_home
fi
