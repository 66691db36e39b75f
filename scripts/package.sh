#!/usr/bin/env bash
# Builds the release binary and packs dist/rivetr-<version>-linux-<arch>.tar.gz + SHA256SUMS, the files install.sh consumes.
# Usage: scripts/package.sh [--binary PATH] [--out DIR]
#   --binary PATH  package this already-built rivetr instead of running scripts/build.sh release
#   --out DIR      where the tarball, install.sh and SHA256SUMS go (default dist/)
# Tarball layout: rivetr-<version>-linux-<arch>/{bin/rivetr, share/rivetr/{rivetr.example.toml,
# rivetr.service, install.sh, dashboard/ (when frontend/dist is built)}}. The binary is stripped;
# owners, order and timestamps are fixed, so the same binary gives the same tarball.
set -euo pipefail
cd "$(dirname "$0")/.."

binary="" out="dist"
while (($#)); do
  case "$1" in
    --binary) binary="${2:?--binary needs a path}"; shift 2 ;;
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    *) echo "package.sh: unknown option $1 (usage: scripts/package.sh [--binary PATH] [--out DIR])" >&2; exit 2 ;;
  esac
done

version=$(sed -n 's/^project(rivetr VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)
[[ -n "$version" ]] || { echo "package.sh: no version in CMakeLists.txt's project()" >&2; exit 1; }
if [[ -z "$binary" ]]; then
  scripts/build.sh release rivetr
  binary=build/cli/rivetr
fi
reported=$("$binary" --version)
[[ "$reported" == "rivetr $version" ]] || { echo "package.sh: $binary says '$reported', expected 'rivetr $version'" >&2; exit 1; }

name="rivetr-$version-linux-$(uname -m)"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
mkdir -p "$root/bin" "$root/share/rivetr"
install -m 0755 "$binary" "$root/bin/rivetr"
strip --strip-unneeded "$root/bin/rivetr"
install -m 0644 rivetr.example.toml "$root/share/rivetr/rivetr.example.toml"
sh scripts/install.sh --print-unit >"$root/share/rivetr/rivetr.service"
install -m 0755 scripts/install.sh "$root/share/rivetr/install.sh"
if [[ -f frontend/dist/index.html ]]; then
  cp -R frontend/dist "$root/share/rivetr/dashboard"
else
  echo "package.sh: frontend/dist is not built; the tarball has no dashboard (build it: cd frontend && npm run build)" >&2
fi
chmod -R u=rwX,go=rX "$root"

mkdir -p "$out"
epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$stage" -cf - "$name" |
  gzip -9n >"$out/$name.tar.gz.tmp"
mv -f "$out/$name.tar.gz.tmp" "$out/$name.tar.gz"
install -m 0755 scripts/install.sh "$out/install.sh"
(cd "$out" && sha256sum "$name.tar.gz" install.sh >SHA256SUMS)
echo "package.sh: $out/$name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1)), $out/install.sh, $out/SHA256SUMS"
