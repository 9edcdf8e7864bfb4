# Shared shell helpers for scripts/*. Source it; do not execute it.
# POSIX-ish bash: callers run with `set -euo pipefail`.

# The repository root, whatever the caller's working directory.
SOCKGUARD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

SOCKGUARD_MIN_JAVA=21
SOCKGUARD_PREFERRED_JDK=/usr/lib/jvm/temurin-25-jdk-amd64

log() { printf '%s: %s\n' "${SOCKGUARD_LOG_NAME:-$(basename "$0")}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Prints the feature release of the JDK/JRE at $1 (a JAVA_HOME), or nothing if it has no working bin/java.
# `java -version` prints e.g. `openjdk version "25.0.3" 2026-04-21` or `java version "1.8.0_402"` on stderr.
java_major() {
    local version
    [ -x "$1/bin/java" ] || return 0
    version="$("$1/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)"
    case "$version" in
        1.*) version="${version#1.}" ;;
    esac
    printf '%s\n' "${version%%[.+-]*}"
}

# True when $1 is a JAVA_HOME whose java is at least SOCKGUARD_MIN_JAVA.
is_usable_jdk() {
    local major
    major="$(java_major "$1")"
    [ -n "$major" ] && [ "$major" -ge "$SOCKGUARD_MIN_JAVA" ] 2>/dev/null
}

# Selects a JDK >= 21 and exports JAVA_HOME and PATH: $JAVA_HOME if good enough, else the preferred Temurin 25,
# else the newest usable one under /usr/lib/jvm. The machine's default java may be older (17), so never trust PATH.
find_java() {
    local candidate
    if [ -n "${JAVA_HOME:-}" ] && is_usable_jdk "$JAVA_HOME"; then
        candidate="$JAVA_HOME"
    elif is_usable_jdk "$SOCKGUARD_PREFERRED_JDK"; then
        candidate="$SOCKGUARD_PREFERRED_JDK"
    else
        candidate=""
        local dir
        for dir in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
            dir="${dir%/}"
            if [ ! -L "$dir" ] && is_usable_jdk "$dir"; then
                candidate="$dir"
                break
            fi
        done
    fi
    if [ -z "$candidate" ]; then
        die "no JDK >= $SOCKGUARD_MIN_JAVA found (looked at \$JAVA_HOME='${JAVA_HOME:-}', $SOCKGUARD_PREFERRED_JDK and /usr/lib/jvm/*); install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME"
    fi
    JAVA_HOME="$candidate"
    PATH="$JAVA_HOME/bin:$PATH"
    export JAVA_HOME PATH
}

# Installs the given Debian packages if any is missing. apt-get update runs at most once per shell.
# Only root may install; anyone else gets told what to install.
SOCKGUARD_APT_UPDATED=""
ensure_packages() {
    local missing=() pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        die "missing packages: ${missing[*]}; install them as root (apt-get install ${missing[*]})"
    fi
    command -v apt-get >/dev/null 2>&1 || die "missing packages: ${missing[*]} and no apt-get to install them"
    log "installing ${missing[*]}"
    if [ -z "$SOCKGUARD_APT_UPDATED" ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || die "apt-get update failed"
        SOCKGUARD_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 \
        || die "apt-get install ${missing[*]} failed"
}

# The project version, read from the first <version> after <artifactId>sockguard</artifactId> in pom.xml
# (`mvn help:evaluate` costs seconds; the pom's own version is the first one after the artifactId).
project_version() {
    sed -n '/<artifactId>sockguard<\/artifactId>/,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' \
        "$SOCKGUARD_ROOT/pom.xml" | head -n 1
}
