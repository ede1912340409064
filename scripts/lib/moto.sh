# Starts moto server (the AWS API emulator) on a free loopback port for this shell and points the AWS SDK at it.
# It runs one request at a time (moto_one_at_a_time.py): moto's threaded server is not safe for concurrent
# conditional writes, which the service and its tests depend on.
# Source it, then call start_moto; stop_moto (or the EXIT trap the caller sets) stops it.
#   AWS_ENDPOINT_URL              http://127.0.0.1:<port>, read by the SDK for every service
#   AWS_REGION, AWS_DEFAULT_REGION us-east-1 unless set
#   AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY  fixed test credentials (moto checks nothing); any real credentials
#                                 in the shell are replaced, so nothing pointed at the emulator can carry them
#   AWS_SESSION_TOKEN, AWS_PROFILE unset for the same reason
# Needs moto_server (pip install 'moto[server]').

moto_pid=""
moto_log=""

start_moto() {
  command -v moto_server >/dev/null || { echo "moto_server is not installed: pip install 'moto[server]'" >&2; return 1; }
  local port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  moto_log="$(mktemp)"
  python3 "$(dirname "${BASH_SOURCE[0]}")/moto_one_at_a_time.py" 127.0.0.1 "$port" >"$moto_log" 2>&1 &
  moto_pid=$!
  for _ in $(seq 1 100); do
    if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/moto-api/', timeout=1)" 2>/dev/null; then
      export AWS_ENDPOINT_URL="http://127.0.0.1:$port"
      export AWS_REGION="${AWS_REGION:-us-east-1}"
      export AWS_DEFAULT_REGION="$AWS_REGION"
      export AWS_ACCESS_KEY_ID="testing"
      export AWS_SECRET_ACCESS_KEY="testing"
      unset AWS_SESSION_TOKEN AWS_PROFILE
      echo "moto server on $AWS_ENDPOINT_URL (pid $moto_pid)" >&2
      return 0
    fi
    kill -0 "$moto_pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$moto_log" >&2
  echo "moto server did not start" >&2
  return 1
}

stop_moto() {
  if [[ -n "$moto_pid" ]]; then
    kill "$moto_pid" 2>/dev/null || true
    wait "$moto_pid" 2>/dev/null || true
    moto_pid=""
  fi
  if [[ -n "$moto_log" ]]; then
    rm -f "$moto_log"
    moto_log=""
  fi
}
