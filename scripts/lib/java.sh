# shellcheck shell=bash
# Sourced by the scripts that build or run the functions: finds a JDK 21 or newer (the template's runtime is java21
# and the build compiles with release 21) and puts it first: JAVA_HOME when it is one, else `java` on PATH when it is
# one, else the newest JDK 21+ under /usr/lib/jvm. Exports JAVA_HOME and PATH, so Maven and every `java` started
# afterwards use it; fails with what to install when there is none.

java_feature_version() {  # the feature release of the `java` given ("21", "25"), empty when it does not run
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

use_java21() {
  local candidate home version
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for home in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidates+=("${home%/}")
  done
  for candidate in "${candidates[@]}"; do
    [[ -x "$candidate/bin/java" && -x "$candidate/bin/javac" ]] || continue
    version="$(java_feature_version "$candidate/bin/java")"
    if [[ -n "$version" && "$version" -ge 21 ]]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "no JDK 21 or newer found (JAVA_HOME, java on PATH, /usr/lib/jvm/*): install one, e.g." \
       "'apt-get install openjdk-21-jdk-headless' or Temurin 21+, and set JAVA_HOME to it" >&2
  return 1
}
