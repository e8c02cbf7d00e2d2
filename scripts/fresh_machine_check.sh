#!/usr/bin/env bash
# The fresh-machine check: on a brand-new Debian 12 (debootstrap minbase + python3 only), run
# the README's two set-up commands exactly as written, and fail on any failure or traceback.
#
#   sudo bash scripts/fresh_machine_check.sh
#
# The base image is built once and cached in $SACROREF_FRESH_CACHE (default
# /var/cache/sacroref-fresh); each run works on a new copy of it. The image gets a /dev of
# its own (a tmpfs with a few device nodes, never this machine's /dev), /proc, and this
# machine's certificate bundle and name server, so that apt and pip reach the package
# registries as this machine does. Everything is mounted inside a private mount namespace,
# so the mounts end with the check, whatever happens.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=$(cd "$ROOT/.." && pwd)/shared
CACHE=${SACROREF_FRESH_CACHE:-/var/cache/sacroref-fresh}
MIRROR=${SACROREF_DEBIAN_MIRROR:-http://deb.debian.org/debian}
CERTS=${SACROREF_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
BASE="$CACHE/bookworm-minbase-python3"
started=$(date +%s)

say() { echo "fresh-machine check: $*"; }

if [ "$(id -u)" != 0 ]; then
    say "needs root (debootstrap, chroot and mounts); run it with sudo"
    exit 1
fi
if ! command -v debootstrap >/dev/null; then
    say "installing debootstrap"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
fi
if [ ! -f "$BASE/.complete" ]; then
    say "building the base image (Debian 12 minbase with python3) in $BASE"
    rm -rf "$BASE.partial"
    mkdir -p "$CACHE"
    debootstrap --variant=minbase --include=python3 bookworm "$BASE.partial" "$MIRROR" \
        >"$CACHE/debootstrap.log" 2>&1 || { tail -20 "$CACHE/debootstrap.log"; exit 1; }
    touch "$BASE.partial/.complete"
    mv "$BASE.partial" "$BASE"
fi

WORK=$(mktemp -d /var/tmp/sacroref-fresh.XXXXXX)
IMAGE="$WORK/image"
LOG="$WORK/run.log"
cleanup() {
    # The mounts lived in the check's own mount namespace: none is left under $WORK.
    if findmnt -rno TARGET | grep -q "^$WORK"; then
        say "something is still mounted under $WORK; leaving it in place"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

say "copying the base image, a clean checkout and ../shared"
cp -a "$BASE" "$IMAGE"
git clone -q --no-hardlinks "$ROOT" "$IMAGE/work/main"
git -C "$IMAGE/work/main" checkout -q "$(git -C "$ROOT" rev-parse HEAD)"
if [ -d "$SHARED" ]; then cp -rL "$SHARED" "$IMAGE/work/shared"; fi  # a link to it, followed
# A file of its own: installing ca-certificates in the image rewrites the usual bundle.
cp "$CERTS" "$IMAGE/etc/host-ca-certificates.crt"
cp /etc/resolv.conf "$IMAGE/etc/resolv.conf"

# The README's two commands, exactly as written; the run command's window is the self-test.
inside='set -e
cd /work/main
echo "+ python3 scripts/dev.py run --self-test"
python3 scripts/dev.py run --self-test
echo "+ python3 scripts/dev.py test"
python3 scripts/dev.py test'

mounts="set -e
mount --make-rprivate /
# The image's root is a mount point of its own, as a real machine's is (unshare needs it).
mount --bind '$IMAGE' '$IMAGE'
mount -t proc proc '$IMAGE/proc'
mount -t tmpfs -o mode=755,nosuid sacroref-dev '$IMAGE/dev'
mknod -m 666 '$IMAGE/dev/null' c 1 3
mknod -m 666 '$IMAGE/dev/zero' c 1 5
mknod -m 666 '$IMAGE/dev/full' c 1 7
mknod -m 444 '$IMAGE/dev/random' c 1 8
mknod -m 444 '$IMAGE/dev/urandom' c 1 9
mknod -m 666 '$IMAGE/dev/tty' c 5 0
mkdir -p '$IMAGE/dev/shm' '$IMAGE/dev/pts'
mount -t tmpfs -o mode=1777 sacroref-shm '$IMAGE/dev/shm'
ln -s /proc/self/fd '$IMAGE/dev/fd'
ln -s /proc/self/fd/0 '$IMAGE/dev/stdin'
ln -s /proc/self/fd/1 '$IMAGE/dev/stdout'
ln -s /proc/self/fd/2 '$IMAGE/dev/stderr'
mount -t tmpfs -o mode=1777 sacroref-tmp '$IMAGE/tmp'
exec chroot '$IMAGE' /usr/bin/env -i HOME=/root LANG=C.UTF-8 CI=true TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PIP_CERT=/etc/host-ca-certificates.crt \
    SSL_CERT_FILE=/etc/host-ca-certificates.crt \
    PIP_DEFAULT_TIMEOUT=180 \
    /bin/bash -c '$inside'"

say "running the README's commands in the image (log: $LOG)"
status=0
unshare --mount --fork /bin/sh -c "$mounts" </dev/null >"$LOG" 2>&1 || status=$?
elapsed=$(( $(date +%s) - started ))
if [ "$status" != 0 ] || grep -q "Traceback (most recent call last)" "$LOG"; then
    tail -60 "$LOG"
    say "FAILED (exit $status) after ${elapsed} s"
    trap - EXIT
    say "the image and log are kept in $WORK"
    exit 1
fi
grep -E "^(\+ |dev: )|self-test: |passed|failed" "$LOG" | tail -25
say "passed in ${elapsed} s"
