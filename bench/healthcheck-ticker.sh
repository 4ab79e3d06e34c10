#!/usr/bin/env bash
# bench/healthcheck-ticker.sh: what the healthcheck ticker costs per idle healthy container.
#
# Starts N idle aza-pg containers (default 4), waits until they are healthy, then measures the
# whole machine's busy CPU (/proc/stat) in alternating windows with the ticker running and
# stopped, ROUNDS times each. Cost per container = (median busy with - median busy without) / N,
# in percent of one core. The ticker is ours (aza-pg engine setup); it is restarted at the end
# whatever happens. Other load on the machine shows as noise: the load average is printed.
#
# Usage: bench/healthcheck-ticker.sh [CONTAINERS] [WINDOW_SECONDS] [ROUNDS]
# Output: one line per window on stderr, the summary as key=value lines on stdout.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

n="${1:-4}" window="${2:-30}" rounds="${3:-3}"
image="${AZA_PG_REPOSITORY:-localhost/aza-pg}:18"
pidfile=/var/lib/aza-pg/healthcheck-ticker.pid
prefix="aza-pg-bench-hc-$$"
secret="$(mktemp)"
chmod 600 "$secret"
head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$secret"

log() { echo "bench: $*" >&2; }
cleanup() {
	for i in $(seq 1 "$n"); do podman rm -f -v "$prefix-$i" >/dev/null 2>&1 || true; done
	rm -f "$secret"
	./aza-pg engine setup >/dev/null 2>&1 || log "could not restart the ticker: run ./aza-pg engine setup"
}
trap cleanup EXIT

busy_jiffies() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9; exit}' /proc/stat; }
ticks="$(getconf CLK_TCK)"

if ! podman image exists "$image"; then
	log "building $image"
	./aza-pg build >/dev/null
fi
for i in $(seq 1 "$n"); do
	podman run -d --name "$prefix-$i" --memory 512m \
		-v "$secret:/run/secrets/pw:ro" -e POSTGRES_PASSWORD_FILE=/run/secrets/pw "$image" \
		2> >(grep -v 'systemd connection' >&2) >/dev/null
done
log "waiting for $n containers to turn healthy"
for i in $(seq 1 "$n"); do
	for _ in $(seq 1 120); do
		[ "$(podman inspect --format '{{.State.Health.Status}}' "$prefix-$i")" = healthy ] && break
		sleep 1
	done
done
sleep 10

measure() { # prints busy percent of one core over the window
	local a b
	a="$(busy_jiffies)"
	sleep "$window"
	b="$(busy_jiffies)"
	echo $(((b - a) * 100 * 100 / ticks / window)) # hundredths of a percent
}
with=() without=()
for r in $(seq 1 "$rounds"); do
	./aza-pg engine setup >/dev/null 2>&1
	with+=("$(measure)")
	log "round $r: ticker on:  $(printf '%d.%02d' $((with[-1] / 100)) $((with[-1] % 100)))% of a core (load $(cut -d' ' -f1 /proc/loadavg))"
	kill "$(cat "$pidfile")" 2>/dev/null || true
	sleep 2
	without+=("$(measure)")
	log "round $r: ticker off: $(printf '%d.%02d' $((without[-1] / 100)) $((without[-1] % 100)))% of a core (load $(cut -d' ' -f1 /proc/loadavg))"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
on="$(median "${with[@]}")" off="$(median "${without[@]}")"
per=$(((on - off) / n))
echo "containers=$n"
echo "window_seconds=$window"
echo "rounds=$rounds"
echo "busy_with_ticker_pct=$(printf '%d.%02d' $((on / 100)) $((on % 100)))"
echo "busy_without_ticker_pct=$(printf '%d.%02d' $((off / 100)) $((off % 100)))"
if ((per < 0)); then per=0; fi
echo "ticker_cost_per_container_pct=$(printf '%d.%02d' $((per / 100)) $((per % 100)))"
