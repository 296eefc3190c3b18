#!/usr/bin/env bash
# A private Docker engine for tests (see shared/TESTBED.md): Debian's dockerd, run as root with no
# bridge and no iptables, its socket, data and pidfile all in one folder. Installs nothing.
#
#   scripts/testbed/dockerd.sh start [DIR]   starts it (or finds it running), prints DOCKER_HOST=unix://DIR/docker.sock
#   scripts/testbed/dockerd.sh stop  [DIR]   stops it by its pidfile and unmounts its network namespace
#
# DIR defaults to $FAASLAB_DOCKERD_DIR, else /tmp/faaslab-dockerd. Use it as
#   eval "$(scripts/testbed/dockerd.sh start)"; export DOCKER_HOST
set -euo pipefail

cmd=${1:-}
dir=${2:-${FAASLAB_DOCKERD_DIR:-/tmp/faaslab-dockerd}}
sock="$dir/docker.sock"
pidfile="$dir/dockerd.pid"

running() {
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

answers() {
  [ -S "$sock" ] || return 1
  # The engine's _ping over the socket; the docker CLI where curl is missing.
  if command -v curl >/dev/null; then
    curl -fsS --max-time 2 --unix-socket "$sock" http://docker/_ping >/dev/null 2>&1
  else
    DOCKER_HOST="unix://$sock" timeout 5 docker version >/dev/null 2>&1
  fi
}

start() {
  if ! command -v dockerd >/dev/null; then
    echo "dockerd is not installed: apt-get install -y docker.io (Debian) or install Docker Engine" >&2
    exit 1
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "this testbed engine runs as root (it mounts overlay filesystems and cgroups): run as root" >&2
    exit 1
  fi
  mkdir -p "$dir"
  if running && answers; then
    echo "DOCKER_HOST=unix://$sock"
    return
  fi
  # A previous engine that died leaves its netns mount and pidfile behind.
  stop_quietly
  dockerd --host "unix://$sock" --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$pidfile" \
    --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false --bridge=none \
    --storage-driver=overlay2 --host-gateway-ip=127.0.0.1 \
    --default-ulimit nofile=20000:20000 --default-ulimit nproc=4096:4096 \
    >"$dir/dockerd.log" 2>&1 &
  for _ in $(seq 1 300); do
    if answers; then
      echo "DOCKER_HOST=unix://$sock"
      return
    fi
    sleep 0.1
  done
  echo "dockerd did not answer on $sock within 30 s; its log ($dir/dockerd.log) ends with:" >&2
  tail -n 20 "$dir/dockerd.log" >&2 || true
  exit 1
}

stop_quietly() {
  if [ -f "$pidfile" ]; then
    local pid
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$pidfile"
  fi
  if mountpoint -q "$dir/exec/netns/default" 2>/dev/null; then umount "$dir/exec/netns/default" || true; fi
  rm -f "$sock"
}

case "$cmd" in
  start) start ;;
  stop) stop_quietly ;;
  *)
    echo "usage: $0 start|stop [DIR]" >&2
    exit 2
    ;;
esac
