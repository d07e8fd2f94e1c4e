# Shared by bin/strongroom and bin/test: finding Java 25, installing system packages, building.
# shellcheck shell=bash

STRONGROOM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

# Sets JAVA_HOME to a JDK 25 or newer: $JAVA_HOME if it is one, else the usual JVM folders.
find_java() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/* /opt/java/* /opt/jdk* \
      "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    local major
    major=$(java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  cat >&2 <<'MSG'
Strongroom needs a Java 25 (or newer) JDK and found none.
Install one (for example Eclipse Temurin 25: the temurin-25-jdk package from Adoptium's apt
repository) and either put it under /usr/lib/jvm or set JAVA_HOME to its folder.
MSG
  exit 1
}

# Installs Debian packages when a command or file is missing; as root only, otherwise says what to run.
ensure_packages() { # usage: ensure_packages <file-or-command> <package>...
  local probe=$1; shift
  if [ -e "$probe" ] || command -v "$probe" >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing $* (apt-get) ..." >&2
    if [ -z "${STRONGROOM_APT_UPDATED:-}" ]; then
      apt-get update -qq >&2 && export STRONGROOM_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
    return 0
  fi
  return 1
}

# The Maven wrapper (mvnw) fetches the Maven version the project names from Maven Central; it
# needs curl (or wget) and unzip.
ensure_maven() {
  ensure_packages unzip unzip || { echo "The build needs unzip (apt-get install unzip)." >&2; exit 1; }
  if ! command -v curl >/dev/null 2>&1 && ! command -v wget >/dev/null 2>&1; then
    ensure_packages curl curl || { echo "The build needs curl or wget (apt-get install curl)." >&2; exit 1; }
  fi
}

maven() {
  # Maven's own Guice still calls sun.misc.Unsafe; allow it quietly on Java 25.
  MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" "$STRONGROOM_ROOT/mvnw" "$@"
}

# Builds the jars when a source is newer than the last build.
build_if_needed() {
  local stamp="$STRONGROOM_ROOT/cli/target/.built"
  if [ -f "$stamp" ] && [ -z "$(find "$STRONGROOM_ROOT" -path "$STRONGROOM_ROOT/data" -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$stamp" -print -quit)" ]; then
    return 0
  fi
  ensure_maven
  echo "Building Strongroom ..." >&2
  # The launchers put every jar of target/lib on the class path: start from an empty one, so that no
  # jar left by an older build (or another tool) can shadow a dependency's current version.
  rm -rf "$STRONGROOM_ROOT"/{api,server,cli}/target/lib
  (cd "$STRONGROOM_ROOT" && maven -q -B -DskipTests -pl server,cli -am package dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory=target/lib >&2) || { echo "The build failed; see the output above." >&2; exit 1; }
  touch "$stamp"
}

# Points SoftHSM2 at a token store of the data directory unless SOFTHSM2_CONF is set already.
softhsm_config() {
  local home=$1
  if [ -z "${SOFTHSM2_CONF:-}" ]; then
    export SOFTHSM2_CONF="$home/softhsm/softhsm2.conf"
  fi
  if [ ! -f "$SOFTHSM2_CONF" ]; then
    local tokens
    tokens="$(dirname "$SOFTHSM2_CONF")/tokens"
    mkdir -p "$tokens"
    chmod 700 "$(dirname "$SOFTHSM2_CONF")" "$tokens"
    printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n' "$tokens" > "$SOFTHSM2_CONF"
  fi
}
