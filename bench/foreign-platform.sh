#!/usr/bin/env bash
# Builds the image for another platform under qemu emulation and smoke-tests it: the proof that
# the multi-arch path (its lock section, its own base image, its own Dockerfile) makes an image
# that works, and what it costs on this host. Native runners build each platform in
# .github/workflows/publish.yml; this is the check that needs no such runner.
#
#   1. `aza-pg build --platform P --jobs J`: the base image of P's architecture (debootstrap
#      --foreign, second stage under qemu) when it does not exist yet, then every stage of the
#      image under qemu, into the repository with "-<arch>" appended. J independent stages at once
#      (JOBS, default 3): apt's package set-up under qemu keeps one core busy, so the final
#      stage's packages install while the extensions compile;
#   2. `aza-pg verify-image --only vector` on that image: the server started with every
#      preloadable library preloaded, pgvector created and its smoke SQL run;
#   3. a container of the image: `SELECT version()`, the kernel's machine name, and
#      `CREATE EXTENSION vector` with a distance computed.
#
# Figures go to stdout (seconds, the image, what the server says), progress to stderr. The
# container this script starts is removed when it exits; the image stays (a second run is a cache
# hit). Needs a qemu binfmt handler: Debian's qemu-user-static and binfmt-support, and
# binfmt_misc mounted (`mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc`).
#
# Usage: [JOBS=N] bench/foreign-platform.sh [PLATFORM]    (default linux/arm64, JOBS=3)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
engine="${AZA_PG_ENGINE:-podman}"
platform="${1:-linux/arm64}"
arch="${platform#linux/}"
qemu="qemu-${arch/arm64/aarch64}"
container="aza-pg-foreign-$arch-$$"

say() { echo "foreign-platform: $*" >&2; }

host_arch="$(uname -m)"
host_arch="${host_arch/x86_64/amd64}"
host_arch="${host_arch/aarch64/arm64}"
if [[ "$arch" != "$host_arch" && ! -e "/proc/sys/fs/binfmt_misc/$qemu" ]]; then
	say "error: this host cannot run $platform binaries: no $qemu binfmt handler"
	say "  hint: apt-get install qemu-user-static binfmt-support, and mount binfmt_misc"
	exit 4
fi

cleanup() { "$engine" rm --force "$container" >/dev/null 2>&1 || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s; }

say "building the $platform image under emulation (hours on a small host; progress below)"
start=$(now)
tags="$(./aza-pg build --platform "$platform" --jobs "${JOBS:-3}")"
build_s=$(($(now) - start))
image="$(head -1 <<<"$tags")"
echo "platform: $platform"
echo "image: $image"
echo "image architecture: $("$engine" image inspect --format '{{.Architecture}}' "$image")"
echo "build seconds: $build_s (a cache hit when the image already exists)"

say "verify-image --only vector under emulation"
start=$(now)
./aza-pg verify-image --only vector "$image" >&2
echo "verify-image --only vector seconds: $(($(now) - start))"

say "a container of the image: version, machine, pgvector"
password="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
envfile="$(mktemp)"
chmod 600 "$envfile"
printf 'POSTGRES_PASSWORD=%s\n' "$password" >"$envfile"
start=$(now)
"$engine" run -d --name "$container" --platform "$platform" --env-file "$envfile" "$image" >/dev/null
rm -f "$envfile"
until "$engine" exec "$container" pg_isready -q -h /var/run/postgresql 2>/dev/null &&
	"$engine" exec "$container" psql -X -q -At -U postgres -c 'SELECT 1' >/dev/null 2>&1; do
	if [[ "$("$engine" inspect --format '{{.State.Running}}' "$container")" != "true" ]]; then
		say "error: the container stopped"; "$engine" logs --tail 30 "$container" >&2; exit 1
	fi
	if (($(now) - start > 900)); then
		say "error: not ready after 900 s"; "$engine" logs --tail 30 "$container" >&2; exit 1
	fi
	sleep 1
done
echo "first boot to ready seconds: $(($(now) - start))"
sql() { "$engine" exec "$container" psql -X -q -At -v ON_ERROR_STOP=1 -U postgres -c "$1"; }
echo "uname -m: $("$engine" exec "$container" uname -m)"
echo "version: $(sql 'SELECT version()')"
sql 'SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS vector' >/dev/null
echo "vector: $(sql "SELECT extversion FROM pg_extension WHERE extname = 'vector'")," \
	"'[1,2,3]' <-> '[1,2,5]' = $(sql "SELECT '[1,2,3]'::vector <-> '[1,2,5]'::vector")"
