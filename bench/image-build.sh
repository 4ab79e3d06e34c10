#!/usr/bin/env bash
# Measures the image build: cold (no cache), warm (nothing changed), after a jar-only change,
# and the image's size uncompressed and zstd-compressed. Prints one line per figure on stdout.
# Usage: bench/image-build.sh   (needs a working engine: ./aza-pg engine setup)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
engine="${AZA_PG_ENGINE:-podman}"

seconds() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); awk -v d="$((e - s))" 'BEGIN { printf "%.1f", d / 1e9 }'; }

./aza-pg --version >/dev/null 2>&1   # build the jar first, outside the measurements
echo "cold build (--no-cache) seconds: $(seconds ./aza-pg build --no-cache)"
echo "warm build (no change) seconds: $(seconds ./aza-pg build)"
# A jar-only change: rebuild the jar with a new manifest timestamp, then the image.
touch src/main/java/io/azapg/cli/Main.java
./mvnw -q -B -DskipTests -Dspotless.check.skip -Dforbiddenapis.skip -Dproject.build.outputTimestamp="$(date -u +%Y-%m-%dT%H:%M:%SZ)" package
echo "jar-only rebuild seconds: $(seconds ./aza-pg build)"
tag="$(./aza-pg build 2>/dev/null | head -1)"
size=$("$engine" image inspect --format '{{.Size}}' "$tag")
echo "image: $tag"
echo "uncompressed bytes: $size ($((size / 1000000)) MB)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
"$engine" image save -o "$tmp/image.tar" "$tag" >/dev/null
zstd -q -3 -T0 "$tmp/image.tar" -o "$tmp/image.tar.zst"
z=$(stat -c %s "$tmp/image.tar.zst")
echo "zstd -3 bytes: $z ($((z / 1000000)) MB)"
