# shellcheck shell=bash
# Starts a real Keycloak (the authorization server the Keycloak adapter speaks to) on 127.0.0.136 for this shell.
# Source it, then call start_keycloak; stop_keycloak (or the EXIT trap the caller sets) stops it. start_keycloak is
# launch_keycloak (starts the server, returns at once) then await_keycloak (waits until it answers, with a deadline,
# KEYCLOAK_START_TIMEOUT seconds, 180 unless set): scripts/test launches it first and awaits it only before
# `mvn verify`, so its start overlaps the template checks.
# docs/operations/keycloak.md says what is installed and why.
#   - The distribution is org.keycloak:keycloak-quarkus-dist from Maven Central, fetched through Maven
#     (tools/keycloak/pom.xml) so that it is cached in the local repository like any artifact, and unpacked once
#     into .tools/keycloak/<version>/.
#   - `kc.sh start-dev`: development mode, an in-memory H2 database (every start is a clean server), HTTP only,
#     bound to 127.0.0.136 and nothing else. Nothing at start needs the network: it runs in a network namespace
#     with only lo, as scripts/test runs it.
#   - The bootstrap administrator comes from KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD when set,
#     else "admin" and a random password for this start.
# Exports, once the server answers:
#   KEYCLOAK_BASE_URL         http://127.0.0.136:<port> (KEYCLOAK_PORT, 8080 unless set)
#   KEYCLOAK_ADMIN_USERNAME   the bootstrap administrator of the master realm
#   KEYCLOAK_ADMIN_PASSWORD   and its password
# The server's log is .tools/keycloak/keycloak.log; on a failed start it is printed.
# shellcheck source=java.sh
source "$(dirname "${BASH_SOURCE[0]}")/java.sh"

keycloak_version="26.7.3"  # keep in step with tools/keycloak/pom.xml
keycloak_host="127.0.0.136"
keycloak_pid=""

# Unpacks the distribution into .tools/keycloak/<version> unless it is there; prints that directory.
install_keycloak() {
  local root tools home zip
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  tools="$root/.tools/keycloak"
  home="$tools/keycloak-$keycloak_version"
  if [[ ! -x "$home/bin/kc.sh" ]]; then
    zip="$root/tools/keycloak/target/keycloak-quarkus-dist.zip"
    if [[ ! -f "$zip" || "$root/tools/keycloak/pom.xml" -nt "$zip" ]]; then
      echo "keycloak: fetching org.keycloak:keycloak-quarkus-dist:$keycloak_version (tools/keycloak/pom.xml)" >&2
      mvn -q -B -Dstyle.color=never -f "$root/tools/keycloak/pom.xml" package >&2 || return 1
    fi
    echo "keycloak: unpacking into ${home#"$root"/}" >&2
    rm -rf "$home" "$home.partial"
    mkdir -p "$home.partial"
    if command -v unzip >/dev/null; then
      unzip -q "$zip" -d "$home.partial" || return 1
    else  # Python's zipfile drops the file modes: the scripts are made executable again
      python3 -m zipfile -e "$zip" "$home.partial" && chmod +x "$home.partial/keycloak-$keycloak_version"/bin/*.sh \
        || return 1
    fi
    mv "$home.partial/keycloak-$keycloak_version" "$home" || return 1
    rmdir "$home.partial"
  fi
  echo "$home"
}

keycloak_base=""
keycloak_log=""
keycloak_user=""
keycloak_password=""

start_keycloak() {
  launch_keycloak && await_keycloak
}

launch_keycloak() {
  use_java21 || return 1
  local home port
  home="$(install_keycloak)" || { echo "keycloak: could not install the distribution" >&2; return 1; }
  port="${KEYCLOAK_PORT:-8080}"
  keycloak_base="http://$keycloak_host:$port"
  keycloak_log="$(dirname "$home")/keycloak.log"
  keycloak_user="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
  keycloak_password="${KC_BOOTSTRAP_ADMIN_PASSWORD:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')}"
  if keycloak_answers "/realms/master"; then
    echo "keycloak: something already answers on $keycloak_base; stop it first" >&2
    return 1
  fi
  # The management interface (health, metrics) is left off: readiness is the master realm answering.
  KC_BOOTSTRAP_ADMIN_USERNAME="$keycloak_user" KC_BOOTSTRAP_ADMIN_PASSWORD="$keycloak_password" \
    "$home/bin/kc.sh" start-dev --db=dev-mem --http-host="$keycloak_host" --http-port="$port" \
    --hostname-strict=false --health-enabled=false --metrics-enabled=false \
    --log=file --log-file="$keycloak_log" >"$keycloak_log.console" 2>&1 &
  keycloak_pid=$!
}

await_keycloak() {
  [[ -n "$keycloak_pid" ]] || { echo "keycloak: launch_keycloak first" >&2; return 1; }
  local deadline=$((SECONDS + ${KEYCLOAK_START_TIMEOUT:-180}))
  while ((SECONDS < deadline)); do
    if keycloak_answers "/realms/master/.well-known/openid-configuration"; then
      export KEYCLOAK_BASE_URL="$keycloak_base"
      export KEYCLOAK_ADMIN_USERNAME="$keycloak_user"
      export KEYCLOAK_ADMIN_PASSWORD="$keycloak_password"
      echo "keycloak $keycloak_version on $keycloak_base (pid $keycloak_pid, log $keycloak_log)" >&2
      return 0
    fi
    kill -0 "$keycloak_pid" 2>/dev/null || break
    sleep 0.5
  done
  cat "$keycloak_log.console" >&2
  tail -n 50 "$keycloak_log" >&2 2>/dev/null
  echo "keycloak did not start within ${KEYCLOAK_START_TIMEOUT:-180} s" >&2
  stop_keycloak
  return 1
}

keycloak_answers() {  # whether GET <base><path> answers 2xx within two seconds
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
    "$keycloak_base$1" 2>/dev/null
}

stop_keycloak() {
  if [[ -n "$keycloak_pid" ]]; then
    # kc.sh passes TERM on to the server, which shuts down gracefully.
    kill "$keycloak_pid" 2>/dev/null || true
    wait "$keycloak_pid" 2>/dev/null || true
    keycloak_pid=""
  fi
  unset KEYCLOAK_BASE_URL KEYCLOAK_ADMIN_USERNAME KEYCLOAK_ADMIN_PASSWORD
}
