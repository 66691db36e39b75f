#!/bin/sh
# Installs Rivetr on a Debian/Ubuntu server as a hardened systemd service: `curl -fsSL URL/install.sh | sh`.
#
#   sh install.sh [--dry-run] [--url BASE] [--tarball FILE --sums FILE] [--from-source DIR]
#                 [--domain NAME --email ADDRESS] [--runtime docker|podman] [--root DIR] [--skip-packages] [--no-start]
#   sh install.sh --uninstall [--purge]
#   curl -fsSL BASE/install.sh | sh -s -- --dry-run
#
# Every command is run from an argument list (no eval, no shell strings built from downloaded data);
# the release tarball is installed only when its SHA-256 matches SHA256SUMS. The control API binds
# 127.0.0.1 only: it is reached through the proxy's dashboard domain or an SSH tunnel, never directly.
# Idempotent: a second run keeps the configuration and its secrets, and changes only what differs.
set -eu

DEFAULT_URL="https://github.com/rivetr/rivetr/releases/latest/download"
# What the binary links against (scripts/setup.sh builds with the -dev packages of these).
RUNTIME_PKGS="docker.io ca-certificates libpistache0 libgit2-1.5 libtomlplusplus3 libspdlog1.10 libfmt9
libarchive13 libcurl4 libssl3 libsqlite3-0 libargon2-1 libsodium23 libjemalloc2 libstdc++6"
PODMAN_PKGS="podman catatonit"

DRY_RUN=0 ROOT="" URL="$DEFAULT_URL" TARBALL="" SUMS="" SOURCE_DIR="" DOMAIN="" EMAIL="" RUNTIME="docker"
UNINSTALL=0 PURGE=0 SKIP_PACKAGES=0 START=1 CHANGED=0 UNITS_CHANGED=0 WORK=""

say() { printf '%s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }
usage() {
  cat >&2 <<'EOF'
usage: install.sh [--dry-run] [--url BASE | --tarball FILE --sums FILE | --from-source DIR]
                  [--domain NAME --email ADDRESS] [--runtime docker|podman] [--root DIR] [--skip-packages] [--no-start]
       install.sh --uninstall [--purge] [--dry-run] [--root DIR]
       install.sh --print-unit
EOF
  exit 2
}

# The command as it would be typed, each argument quoted only when it needs it.
show() {
  out="+"
  for a in "$@"; do
    case "$a" in
      *[!A-Za-z0-9_./:=@%+,-]* | "") out="$out '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'" ;;
      *) out="$out $a" ;;
    esac
  done
  say "$out"
}
# Prints every action; runs it unless --dry-run.
act() {
  show "$@"
  [ "$DRY_RUN" -eq 1 ] || "$@"
}

parse_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --dry-run) DRY_RUN=1 ;;
      --uninstall) UNINSTALL=1 ;;
      --purge) PURGE=1 ;;
      --skip-packages) SKIP_PACKAGES=1 ;;
      --no-start) START=0 ;;
      --root) need_value "$@"; ROOT="$2"; shift ;;
      --url) need_value "$@"; URL="$2"; shift ;;
      --tarball) need_value "$@"; TARBALL="$2"; shift ;;
      --sums) need_value "$@"; SUMS="$2"; shift ;;
      --from-source) need_value "$@"; SOURCE_DIR="$2"; shift ;;
      --domain) need_value "$@"; DOMAIN="$2"; shift ;;
      --email) need_value "$@"; EMAIL="$2"; shift ;;
      --runtime) need_value "$@"; RUNTIME="$2"; shift ;;
      -h | --help) usage ;;
      *) printf 'install.sh: unknown option %s\n' "$1" >&2; usage ;;
    esac
    shift
  done
  [ "$PURGE" -eq 0 ] || [ "$UNINSTALL" -eq 1 ] || die "--purge goes with --uninstall"
  { [ -n "$TARBALL" ] && [ -n "$SUMS" ]; } || { [ -z "$TARBALL" ] && [ -z "$SUMS" ]; } ||
    die "--tarball and --sums go together: the tarball is installed only when SHA256SUMS vouches for it"
  case "$RUNTIME" in docker | podman) ;; *) die "--runtime must be docker or podman" ;; esac
  case "$DOMAIN" in "" | *[!A-Za-z0-9.-]* ) [ -z "$DOMAIN" ] || die "--domain must be a host name" ;; esac
  case "$EMAIL" in *[!A-Za-z0-9.@_+-]*) die "--email must be a plain e-mail address" ;; esac
  [ -z "$DOMAIN" ] || [ -n "$EMAIL" ] || die "--domain needs --email ADDRESS (the ACME account for its certificate)"
  case "$URL" in https://* | http://* | file://*) ;; *) die "--url must be an http(s):// or file:// URL" ;; esac
  if [ -n "$ROOT" ]; then
    [ -d "$ROOT" ] || die "--root $ROOT is not a directory"
    ROOT=$(cd "$ROOT" && pwd)
    case "$ROOT" in *[!A-Za-z0-9_./-]*) die "--root must be a plain path (letters, digits, . _ - /)" ;; esac
    SKIP_PACKAGES=1 START=0  # a throwaway root: no apt, no running services
  fi
}
need_value() { [ $# -ge 2 ] || die "$1 needs a value"; }

# Reads KEY from os-release without executing the file.
os_field() {
  sed -n "s/^$1=//p" "$ROOT/etc/os-release" 2>/dev/null | head -n 1 | tr -d '"' | tr -d "'"
}
check_os() {
  [ -r "$ROOT/etc/os-release" ] || die "cannot read $ROOT/etc/os-release: this installer supports Debian and Ubuntu only"
  id=$(os_field ID)
  like=$(os_field ID_LIKE)
  case " $id $like " in
    *" debian "* | *" ubuntu "*) say "system: $(os_field PRETTY_NAME)" ;;
    *) die "this installer supports Debian and Ubuntu only (found ID=$id). On other systems, build from source (README) and adapt the systemd unit printed by: sh install.sh --print-unit" ;;
  esac
}
check_root() {
  [ -n "$ROOT" ] || [ "$DRY_RUN" -eq 1 ] || [ "$(id -u)" -eq 0 ] || die "run as root (sudo sh install.sh ...), or use --dry-run to see what it would do"
}

install_packages() {
  [ "$SKIP_PACKAGES" -eq 0 ] || { say "skip: distribution packages (--skip-packages or --root)"; return 0; }
  pkgs=$RUNTIME_PKGS
  [ "$RUNTIME" = docker ] || pkgs="$pkgs $PODMAN_PKGS"
  act apt-get update -q
  # shellcheck disable=SC2086 # one package per word, from the fixed list above
  act env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $pkgs
}

make_work_dir() {
  [ -n "$WORK" ] && return 0
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/rivetr-install.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
}

download() {  # URL FILE
  act curl -fsSL --proto '=https,http,file' --retry 3 -o "$2" "$1"
}

# The release tarball's name from SHA256SUMS: checked against a strict pattern before any use.
release_name() {
  arch=$(uname -m)
  name=$(awk -v a="$arch" '{ n = $2; sub(/^\*/, "", n) } n ~ ("^rivetr-[0-9A-Za-z.+~-]+-linux-" a "\\.tar\\.gz$") { print n; exit }' "$1")
  [ -n "$name" ] || die "SHA256SUMS lists no rivetr tarball for linux-$arch"
  printf '%s\n' "$name"
}

verify_checksum() {  # TARBALL SUMS
  name=$(basename "$1")
  expected=$(awk -v f="$name" '{ n = $2; sub(/^\*/, "", n) } n == f { print $1; exit }' "$2")
  [ -n "$expected" ] || die "$2 has no checksum for $name: refusing to install it"
  actual=$(sha256sum "$1" | awk '{ print $1 }')
  [ "$expected" = "$actual" ] || die "checksum mismatch for $name (expected $expected, got $actual): refusing to install it"
  say "verified: $name sha256 $actual"
}

# Leaves the binary at $BINARY and the shared files (example config...) under $SHARE.
fetch_release() {
  if [ -n "$SOURCE_DIR" ]; then
    [ -f "$SOURCE_DIR/CMakeLists.txt" ] || die "--from-source $SOURCE_DIR is not a Rivetr checkout"
    [ "$SKIP_PACKAGES" -eq 1 ] || act "$SOURCE_DIR/scripts/setup.sh"
    act "$SOURCE_DIR/scripts/build.sh" release rivetr
    BINARY="$SOURCE_DIR/build/cli/rivetr" SHARE=""
    return 0
  fi
  if [ -z "$TARBALL" ]; then
    if [ "$DRY_RUN" -eq 1 ]; then
      show curl -fsSL -o SHA256SUMS "$URL/SHA256SUMS"
      show curl -fsSL -o "rivetr-VERSION-linux-$(uname -m).tar.gz" "$URL/rivetr-VERSION-linux-$(uname -m).tar.gz"
      say "verify: sha256 of the tarball against SHA256SUMS"
      BINARY="rivetr-VERSION/bin/rivetr" SHARE="rivetr-VERSION/share/rivetr"
      return 0
    fi
    make_work_dir
    download "$URL/SHA256SUMS" "$WORK/SHA256SUMS"
    SUMS="$WORK/SHA256SUMS"
    TARBALL="$WORK/$(release_name "$SUMS")"
    download "$URL/$(basename "$TARBALL")" "$TARBALL"
  fi
  [ -f "$TARBALL" ] || die "no tarball at $TARBALL"
  [ -f "$SUMS" ] || die "no checksum file at $SUMS"
  verify_checksum "$TARBALL" "$SUMS"
  if [ "$DRY_RUN" -eq 1 ]; then
    show tar -xzf "$TARBALL" --no-same-owner -C WORKDIR
    BINARY="WORKDIR/bin/rivetr" SHARE="WORKDIR/share/rivetr"
    return 0
  fi
  make_work_dir
  mkdir "$WORK/release"
  tar -xzf "$TARBALL" --no-same-owner -C "$WORK/release"
  top=$(find "$WORK/release" -mindepth 1 -maxdepth 1 -type d | head -n 1)
  if [ -z "$top" ] || [ ! -f "$top/bin/rivetr" ]; then die "$TARBALL does not hold bin/rivetr"; fi
  BINARY="$top/bin/rivetr" SHARE="$top/share/rivetr"
}

# Installs FILE at DEST with MODE when the content differs (write beside, then rename).
put_file() {  # SOURCE DEST MODE
  if [ -f "$ROOT$2" ] && cmp -s "$1" "$ROOT$2"; then
    chmod_if_needed "$3" "$ROOT$2"
    say "unchanged: $2"
    return 0
  fi
  act mkdir -p "$(dirname "$ROOT$2")"
  act install -m "$3" "$1" "$ROOT$2.rivetr-new"
  act mv -f "$ROOT$2.rivetr-new" "$ROOT$2"
  CHANGED=1
}
chmod_if_needed() {
  [ "$(stat -c %a "$2")" = "$(printf '%s' "$1" | sed 's/^0*//')" ] || act chmod "$1" "$2"
}
# Writes stdin to DEST via put_file.
put_text() {  # DEST MODE
  if [ "$DRY_RUN" -eq 1 ]; then
    cat >/dev/null
    say "write: $1 (mode $2)"
    CHANGED=1
    return 0
  fi
  make_work_dir
  tmp="$WORK/text.$$"
  cat >"$tmp"
  put_file "$tmp" "$1" "$2"
  rm -f "$tmp"
}

install_files() {
  put_file "$BINARY" /usr/local/bin/rivetr 0755
  if [ -n "$SOURCE_DIR" ]; then
    put_file "$SOURCE_DIR/rivetr.example.toml" /usr/local/share/rivetr/rivetr.example.toml 0644
    return 0
  fi
  if [ "$DRY_RUN" -eq 1 ] || [ -d "$SHARE" ]; then
    if [ -d "$ROOT/usr/local/share/rivetr" ] && diff -r -q "$SHARE" "$ROOT/usr/local/share/rivetr" >/dev/null 2>&1; then
      say "unchanged: /usr/local/share/rivetr"
      return 0
    fi
    act rm -rf "$ROOT/usr/local/share/rivetr"
    act mkdir -p "$ROOT/usr/local/share"
    act cp -R "$SHARE" "$ROOT/usr/local/share/rivetr"
  fi
}

# Users and groups: the host's tools, pointed at --root's /etc when installing into a throwaway root.
user_exists() { grep -q "^$1:" "$ROOT/etc/passwd" 2>/dev/null; }
group_exists() { grep -q "^$1:" "$ROOT/etc/group" 2>/dev/null; }
create_user() {
  if [ -n "$ROOT" ]; then set -- --prefix "$ROOT"; else set --; fi
  group_exists docker || act groupadd "$@" --system docker
  if user_exists rivetr; then
    grep -q "^docker:.*[:,]rivetr\(,\|$\)" "$ROOT/etc/group" || act usermod "$@" -a -G docker rivetr
    say "unchanged: user rivetr"
  else
    act useradd "$@" --system --user-group --groups docker --home-dir /var/lib/rivetr --no-create-home \
      --shell /usr/sbin/nologin --comment "Rivetr PaaS" rivetr
  fi
}
# Numeric ids from the target's /etc/passwd, so ownership is right inside --root too.
owner_ids() {
  uid=$(awk -F: '$1 == "rivetr" { print $3 }' "$ROOT/etc/passwd" 2>/dev/null)
  gid=$(awk -F: '$1 == "rivetr" { print $4 }' "$ROOT/etc/passwd" 2>/dev/null)
  [ -n "$uid" ] || { uid=rivetr; gid=rivetr; }  # dry run: the user is not created yet
  printf '%s:%s\n' "$uid" "$gid"
}

random_hex() {  # BYTES
  od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
}

# A directory with exactly this owner and mode; touched only when it differs.
ensure_dir() {  # PATH OWNER(uid:gid) MODE
  [ -d "$1" ] || act mkdir -p "$1"
  if [ ! -d "$1" ] || [ "$(stat -c %u:%g "$1")" != "$2" ]; then act chown "$2" "$1"; fi
  if [ ! -d "$1" ] || [ "$(stat -c %a "$1")" != "${3#0}" ]; then act chmod "$3" "$1"; fi
}

write_config() {
  owner=$(owner_ids)
  ensure_dir "$ROOT/etc/rivetr" "0:${owner#*:}" 0750
  ensure_dir "$ROOT/var/lib/rivetr" "$owner" 0700
  if [ -f "$ROOT/etc/rivetr/rivetr.toml" ]; then
    say "unchanged: /etc/rivetr/rivetr.toml (kept with its secrets)"
    [ -z "$DOMAIN" ] || say "note: --domain is not applied to an existing configuration; set server.dashboard_domain there"
    return 0
  fi
  # Secrets are generated on this machine and never printed; the file is 0600 before it holds them.
  config_text | put_text /etc/rivetr/rivetr.toml 0600
  act chown "$owner" "$ROOT/etc/rivetr/rivetr.toml"
}
config_text() {
  acme=false
  [ -z "$DOMAIN" ] || acme=true
  cat <<EOF
# Rivetr configuration, written by install.sh. Every key: /usr/local/share/rivetr/rivetr.example.toml
[server]
host = "0.0.0.0"
api_host = "127.0.0.1"   # the control API never listens beyond this machine
api_port = 8080
proxy_port = 80
proxy_https_port = 443
data_dir = "/var/lib/rivetr"
dashboard_domain = "$DOMAIN"

[auth]
admin_token = "rvt_$(random_hex 24)"
encryption_key = "$(random_hex 32)"

[runtime]
runtime_type = "$RUNTIME"

[proxy]
acme_enabled = $acme
acme_email = "$EMAIL"
EOF
}

# Podman in a restricted host cannot raise rlimits itself: fixed ulimits let `podman run` start.
write_podman_conf() {
  [ "$RUNTIME" = podman ] || [ -x "$ROOT/usr/bin/podman" ] || return 0
  printf '%s\n' "# Written by Rivetr's install.sh: containers get fixed rlimits instead of inheriting raised ones." \
    "[containers]" 'default_ulimits = ["nofile=20000:20000","nproc=32768:32768"]' |
    put_text /etc/containers/containers.conf.d/50-rivetr.conf 0644
  [ "$RUNTIME" = podman ] || return 0
  # The rootful Podman API socket, opened to group rivetr (as the docker group opens Docker's).
  put_unit_text /etc/systemd/system/podman.socket.d/50-rivetr.conf <<'EOF'
# Written by Rivetr's install.sh
[Socket]
SocketGroup=rivetr
SocketMode=0660
EOF
}

# put_text for systemd files: remembers that systemd must reload them.
put_unit_text() {  # DEST
  was=$CHANGED
  CHANGED=0
  put_text "$1" 0644
  [ "$CHANGED" -eq 0 ] || UNITS_CHANGED=1
  [ "$was" -eq 0 ] || CHANGED=1
}

unit_text() {
  cat <<'EOF'
[Unit]
Description=Rivetr, a self-hosted git-push PaaS
Documentation=https://github.com/rivetr/rivetr
After=network-online.target docker.service podman.socket
Wants=network-online.target

[Service]
Type=simple
User=rivetr
Group=rivetr
SupplementaryGroups=docker
ExecStart=/usr/local/bin/rivetr serve --config /etc/rivetr/rivetr.toml
WorkingDirectory=/var/lib/rivetr
Environment=HOME=/var/lib/rivetr
StateDirectory=rivetr
StateDirectoryMode=0700
UMask=0077
Restart=on-failure
RestartSec=2s
TimeoutStopSec=45s
LimitNOFILE=65536

# Hardening: read-only system, private /tmp, no new privileges; the one capability binds :80/:443.
NoNewPrivileges=yes
CapabilityBoundingSet=CAP_NET_BIND_SERVICE
AmbientCapabilities=CAP_NET_BIND_SERVICE
ProtectSystem=strict
ReadWritePaths=/var/lib/rivetr
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
ProtectProc=invisible
PrivateMounts=yes
RemoveIPC=yes
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
MemoryDenyWriteExecute=yes
SystemCallArchitectures=native
SystemCallFilter=@system-service
SystemCallErrorNumber=EPERM

[Install]
WantedBy=multi-user.target
EOF
}

install_unit() {
  unit_text | put_unit_text /etc/systemd/system/rivetr.service
  if [ -n "$ROOT" ]; then
    [ "$RUNTIME" = docker ] || act systemctl --root="$ROOT" enable podman.socket
    act systemctl --root="$ROOT" enable rivetr.service
    return 0
  fi
  [ "$UNITS_CHANGED" -eq 0 ] || act systemctl daemon-reload
  [ "$RUNTIME" = docker ] || act systemctl enable --now podman.socket
  act systemctl enable rivetr.service
  [ "$START" -eq 1 ] || return 0
  if [ "$CHANGED" -eq 1 ]; then
    act systemctl restart rivetr.service
  else
    act systemctl start rivetr.service
  fi
}

print_next_steps() {
  say ""
  if [ "$DRY_RUN" -eq 1 ]; then say "Dry run finished: nothing was changed."; return 0; fi
  say "Rivetr is installed."
  if [ -n "$DOMAIN" ]; then
    say "  Dashboard: https://$DOMAIN/  (point its DNS at this server; the certificate is issued on first request)"
  else
    say "  Dashboard: http://127.0.0.1:8080/ on this server only; from your machine: ssh -L 8080:127.0.0.1:8080 root@THIS-SERVER"
    say "             or serve it through the proxy with HTTPS: set server.dashboard_domain, proxy.acme_enabled"
    say "             and proxy.acme_email in /etc/rivetr/rivetr.toml, then systemctl restart rivetr"
  fi
  say "  Admin token: auth.admin_token in /etc/rivetr/rivetr.toml (sudo grep admin_token /etc/rivetr/rivetr.toml)"
  say "  Service: systemctl status rivetr; logs: journalctl -u rivetr"
}

uninstall() {
  if [ -n "$ROOT" ]; then
    [ ! -e "$ROOT/etc/systemd/system/rivetr.service" ] || act systemctl --root="$ROOT" disable rivetr.service
  elif [ -e /etc/systemd/system/rivetr.service ]; then
    act systemctl disable --now rivetr.service
  fi
  for f in /etc/systemd/system/rivetr.service /usr/local/bin/rivetr /etc/containers/containers.conf.d/50-rivetr.conf \
    /etc/systemd/system/podman.socket.d/50-rivetr.conf; do
    [ ! -e "$ROOT$f" ] || act rm -f "$ROOT$f"
  done
  [ ! -d "$ROOT/usr/local/share/rivetr" ] || act rm -rf "$ROOT/usr/local/share/rivetr"
  [ -n "$ROOT" ] || act systemctl daemon-reload
  if [ "$PURGE" -eq 1 ]; then
    for d in /etc/rivetr /var/lib/rivetr; do [ ! -e "$ROOT$d" ] || act rm -rf "$ROOT$d"; done
    if [ -n "$ROOT" ]; then set -- --prefix "$ROOT"; else set --; fi
    ! user_exists rivetr || act userdel "$@" rivetr
    say "Rivetr, its configuration and its data are removed (app containers keep running: docker ps)."
  else
    say "Rivetr is removed; /etc/rivetr and /var/lib/rivetr are kept (--uninstall --purge removes them)."
  fi
}

main() {
  if [ "${1:-}" = "--print-unit" ]; then unit_text; return 0; fi
  parse_args "$@"
  [ "$DRY_RUN" -eq 0 ] || say "dry run: nothing below is executed or written"
  check_root
  check_os
  if [ "$UNINSTALL" -eq 1 ]; then uninstall; return 0; fi
  install_packages
  fetch_release
  install_files
  create_user
  write_config
  write_podman_conf
  install_unit
  print_next_steps
}

main "$@"
