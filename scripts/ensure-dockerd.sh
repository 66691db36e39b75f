#!/usr/bin/env bash
# Dev/test only: starts dockerd when no Docker socket answers (a fresh machine has none running).
# Production relies on the distribution's service manager instead.
set -euo pipefail

SOCK="${DOCKER_SOCK:-/var/run/docker.sock}"
LOG="${DOCKERD_LOG:-/tmp/rivetr-dockerd.log}"

ping_docker() {
  curl -fsS --max-time 3 --unix-socket "$SOCK" http://docker/_ping >/dev/null 2>&1
}

if ping_docker; then
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# Prefer the service manager when there is one that runs; otherwise start the daemon directly.
if command -v systemctl >/dev/null 2>&1 && systemctl is-system-running >/dev/null 2>&1; then
  $SUDO systemctl start docker || true
fi
if ! ping_docker; then
  echo "ensure-dockerd: starting dockerd (log: $LOG)"
  # setsid: the daemon must outlive this script and the test run's process group.
  $SUDO setsid dockerd >"$LOG" 2>&1 < /dev/null &
fi

for _ in $(seq 1 60); do
  if ping_docker; then
    echo "ensure-dockerd: dockerd is up"
    exit 0
  fi
  sleep 1
done
echo "ensure-dockerd: dockerd did not answer on $SOCK within 60 s; last lines of $LOG:" >&2
tail -n 20 "$LOG" >&2 || true
exit 1
