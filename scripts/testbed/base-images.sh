#!/usr/bin/env bash
# Base images for the Docker provider and for moto, made offline from this machine's own files
# (no registry is reachable here, see shared/TESTBED.md): each is a root filesystem tarball
# passed to `docker import`.
#
#   faaslab/node:20    this host's node binary + the libraries ldd lists + busybox as /bin/sh
#   faaslab/python:3   this host's python3, its standard library (no site-packages, no tests),
#                      the libraries ldd lists for it and its extension modules + busybox
#   busybox:latest     busybox-static with its applets linked in /bin (moto's Lambda needs it)
#
# Usage: DOCKER_HOST=unix://... scripts/testbed/base-images.sh [--force]
# Idempotent: an image that exists is kept unless --force is given.
set -euo pipefail

force=0
[ "${1:-}" = "--force" ] && force=1

docker_cli=$(command -v docker || true)
if [ -z "$docker_cli" ]; then
  echo "the docker command is missing: apt-get install -y docker.io" >&2
  exit 1
fi
busybox_bin=$(command -v busybox || true)
if [ -z "$busybox_bin" ] || ! file -L "$busybox_bin" 2>/dev/null | grep -q 'statically linked'; then
  busybox_bin=/bin/busybox
fi
if [ ! -x "$busybox_bin" ]; then
  echo "busybox is missing: apt-get install -y busybox-static" >&2
  exit 1
fi

work=$(mktemp -d /tmp/faaslab-rootfs.XXXXXX)
trap 'rm -rf "$work"' EXIT

have_image() {
  [ "$force" = 0 ] && docker image inspect "$1" >/dev/null 2>&1
}

# Copies files to the same absolute paths below $1, following symlinks (merged-/usr hosts
# have /lib -> usr/lib: in the image they become plain folders, where ld.so also looks).
copy_files() {
  local root=$1
  shift
  local f
  for f in "$@"; do
    mkdir -p "$root$(dirname "$f")"
    cp -L "$f" "$root$f"
  done
}

# The shared libraries (and the loader) that the given ELF files need, one per line.
libs_of() {
  ldd "$@" 2>/dev/null | awk '/=> \// { print $3 } /^\t\/[^ ]+ \(0x/ { print $1 }' | sort -u
}

# A minimal filesystem: busybox as /bin/sh and the usual tools, /tmp, users.
skeleton() {
  local root=$1
  mkdir -p "$root/bin" "$root/usr/local/bin" "$root/tmp" "$root/etc" "$root/root"
  chmod 1777 "$root/tmp"
  cp "$busybox_bin" "$root/bin/busybox"
  local applet
  for applet in $("$busybox_bin" --list); do
    [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
}

import_rootfs() {
  local root=$1 name=$2
  shift 2
  tar -C "$root" -c . | docker import "$@" - "$name" >/dev/null
  echo "built $name ($(du -sh "$root" | cut -f1))"
}

build_busybox() {
  have_image busybox:latest && { echo "busybox:latest exists"; return; }
  local root="$work/busybox"
  skeleton "$root"
  import_rootfs "$root" busybox:latest --change 'CMD ["sh"]'
}

build_node() {
  have_image faaslab/node:20 && { echo "faaslab/node:20 exists"; return; }
  local node
  node=$(readlink -f "$(command -v node)")
  local root="$work/node"
  skeleton "$root"
  # shellcheck disable=SC2046
  copy_files "$root" "$node" $(libs_of "$node")
  [ "$node" = /usr/local/bin/node ] || ln -sf "$node" "$root/usr/local/bin/node"
  import_rootfs "$root" faaslab/node:20 \
    --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' --change 'WORKDIR /function' --change 'CMD ["node"]' \
    --change "LABEL faaslab.base=node faaslab.version=$(node -p process.versions.node)"
}

build_python() {
  have_image faaslab/python:3 && { echo "faaslab/python:3 exists"; return; }
  local python stdlib dynload version
  python=$(readlink -f "$(python3 -c 'import sys; print(sys.executable)')")
  stdlib=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
  dynload=$(python3 -c 'import sysconfig, os; print(os.path.join(sysconfig.get_paths()["platstdlib"], "lib-dynload"))')
  version=$(python3 -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
  local root="$work/python"
  skeleton "$root"
  # shellcheck disable=SC2046
  copy_files "$root" "$python" $(libs_of "$python" "$dynload"/*.so)
  # The standard library at its own path: Python finds its prefix from the real executable's path.
  mkdir -p "$root$stdlib"
  tar -C "$stdlib" -c \
    --exclude=./site-packages --exclude=./test --exclude=./idlelib --exclude=./tkinter --exclude=./turtledemo \
    --exclude=./ensurepip --exclude=./lib2to3 --exclude='./config-*' . | tar -C "$root$stdlib" -x
  if [ "$dynload" != "$stdlib/lib-dynload" ]; then
    mkdir -p "$root$dynload"
    cp -L "$dynload"/* "$root$dynload/"
  fi
  mkdir -p "$root$stdlib/site-packages"
  ln -sf "$python" "$root/usr/local/bin/python3"
  ln -sf "$python" "$root/usr/local/bin/python"
  import_rootfs "$root" faaslab/python:3 \
    --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' --change 'ENV PYTHONUNBUFFERED=1' \
    --change 'WORKDIR /function' --change 'CMD ["python3"]' \
    --change "LABEL faaslab.base=python faaslab.version=$version"
}

build_busybox
build_node
build_python
