#!/usr/bin/env bash
# bench/healthcheck-ticker.sh: what the healthcheck ticker costs per idle healthy container.
#
# For each variant (an image and a ticker script; by default this checkout's image and the
# installed ticker), N idle containers of that image (default 4) run while the variant's ticker
# runs, then while no ticker runs, in windows of WINDOW seconds. With two or more variants the
# variants take turns, round by round (A on, A off, B on, B off, A on, ...), each with its own N
# containers started (from the second round on, restarted on their data) while the others are
# stopped: the same machine state, alternately, which is what a busy machine needs.
#
# Two figures per window: the whole machine's busy CPU (/proc/stat), and the CPU that the checks
# can be charged to: the ticker and everything it started, the podman API service, the conmon
# cgroup (conmon and runc for every exec) and the variant's containers' cgroups (the check script,
# psql, the server's backends); the latter needs cgroup v1 cpuacct with podman's cgroupfs layout
# and is "n/a" otherwise. Cost per container = (median with - median without) / N, in percent of
# one core. The shared ticker is stopped for the whole run and restarted at the end
# (aza-pg engine setup) whatever happens; other containers with a healthcheck on the machine are
# checked by whichever ticker runs, and counted per window on stderr.
#
# Usage: bench/healthcheck-ticker.sh [CONTAINERS] [WINDOW_SECONDS] [ROUNDS] [IMAGE TICKER_SCRIPT]...
# Output: one line per window on stderr, the summary as key=value lines on stdout (per variant,
# prefixed vK_ when more than one).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

n="${1:-4}" window="${2:-30}" rounds="${3:-3}"
shift $(($# < 3 ? $# : 3))
images=() tickers=()
if (($# == 0)); then
	images=("${AZA_PG_REPOSITORY:-localhost/aza-pg}:18")
	tickers=(/usr/local/libexec/aza-pg/healthcheck-ticker)
fi
while (($# > 0)); do
	if (($# < 2)); then
		echo "bench: variants come as pairs IMAGE TICKER_SCRIPT; got a lone '$1'" >&2
		exit 2
	fi
	if [ ! -r "$2" ]; then
		echo "bench: ticker script $2 is not readable: give the path of a healthcheck ticker script" >&2
		exit 2
	fi
	images+=("$1") tickers+=("$2")
	shift 2
done
variants=${#images[@]}
pidfile=/var/lib/aza-pg/healthcheck-ticker.pid
cgroot=/sys/fs/cgroup/cpuacct/libpod_parent
prefix="aza-pg-bench-hc-$$"
secret="$(mktemp)"
chmod 600 "$secret"
head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$secret"
ticker_pid=''

log() { echo "bench: $*" >&2; }
cleanup() {
	if [ -n "$ticker_pid" ]; then kill "$ticker_pid" 2>/dev/null || true; fi
	for v in $(seq 0 $((variants - 1))); do
		for i in $(seq 1 "$n"); do podman rm -f -v "$prefix-v$v-$i" >/dev/null 2>&1 || true; done
	done
	rm -f "$secret"
	./aza-pg engine setup >/dev/null 2>&1 || log "could not restart the ticker: run ./aza-pg engine setup"
}
trap cleanup EXIT

busy_jiffies() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9; exit}' /proc/stat; }
ticks="$(getconf CLK_TCK)"
tree_jiffies() { # a process and its reaped children, or 0 when there is none
	if [ -n "${1:-}" ] && [ -r "/proc/$1/stat" ]; then
		awk '{sub(/^.*\) /, ""); print $12+$13+$14+$15}' "/proc/$1/stat"
	else
		echo 0
	fi
}
service_pid="$(pgrep -o -f '^podman system service' || true)"
# nanoseconds of CPU in the conmon cgroup and the given containers' cgroups; empty when unknown
cgroup_ns() {
	local total=0 id f
	[ -r "$cgroot/conmon/cpuacct.usage" ] || return 0
	total=$(<"$cgroot/conmon/cpuacct.usage")
	for id in "$@"; do
		f="$cgroot/libpod-$id/cpuacct.usage"
		[ -r "$f" ] || return 0
		total=$((total + $(<"$f")))
	done
	echo "$total"
}
healthchecked() { podman ps --filter health=healthy --filter health=unhealthy --filter health=starting -q 2>/dev/null | wc -l; }

for v in $(seq 0 $((variants - 1))); do
	if ! podman image exists "${images[v]}"; then
		log "image ${images[v]} is missing: build it first (./aza-pg build)"
		exit 2
	fi
done
# The shared ticker is stopped for the whole run: each window has exactly one ticker or none.
kill "$(cat "$pidfile" 2>/dev/null)" 2>/dev/null || true

start_variant() { # v: start (or restart) its containers and its ticker, wait until healthy
	local v="$1" i
	for i in $(seq 1 "$n"); do
		if podman container exists "$prefix-v$v-$i"; then
			podman start "$prefix-v$v-$i" >/dev/null
		else
			podman run -d --name "$prefix-v$v-$i" --memory 512m \
				-v "$secret:/run/secrets/pw:ro" -e POSTGRES_PASSWORD_FILE=/run/secrets/pw "${images[v]}" \
				2> >(grep -v 'systemd connection' >&2) >/dev/null
		fi
	done
	bash "${tickers[v]}" >/dev/null 2>&1 &
	ticker_pid=$!
	for i in $(seq 1 "$n"); do
		for _ in $(seq 1 300); do
			[ "$(podman inspect --format '{{.State.Health.Status}}' "$prefix-v$v-$i")" = healthy ] && break
			sleep 1
		done
	done
	ids=()
	for i in $(seq 1 "$n"); do ids+=("$(podman inspect --format '{{.Id}}' "$prefix-v$v-$i")"); done
	sleep 10
}

shared_ticker() { # the pid of the shared ticker if it runs (anything may restart it: engine setup)
	local pid
	pid="$(cat "$pidfile" 2>/dev/null)" || return 0
	if [ -n "$pid" ] && [ "$pid" != "$ticker_pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}
measure() { # prints "MACHINE CHARGED" in hundredths of a percent of one core (CHARGED may be n/a)
	local a b ta tb sa sb ca cb shared
	shared="$(shared_ticker)"
	if [ -n "$shared" ]; then
		echo "bench: the shared ticker was started again (pid $shared); stopped" >&2
		kill "$shared" 2>/dev/null || true
	fi
	a="$(busy_jiffies)" ta="$(tree_jiffies "$ticker_pid")" sa="$(tree_jiffies "$service_pid")"
	ca="$(cgroup_ns "${ids[@]}")"
	sleep "$window"
	b="$(busy_jiffies)" tb="$(tree_jiffies "$ticker_pid")" sb="$(tree_jiffies "$service_pid")"
	cb="$(cgroup_ns "${ids[@]}")"
	shared="$(shared_ticker)"
	if [ -n "$shared" ]; then
		echo "bench: the shared ticker was started again during this window (pid $shared): its figures include it" >&2
	fi
	local machine=$(((b - a) * 100 * 100 / ticks / window))
	if [ -n "$ca" ] && [ -n "$cb" ]; then
		local jiffies=$(((tb - ta) + (sb - sa)))
		echo "$machine $((jiffies * 100 * 100 / ticks / window + (cb - ca) / 100000 / window))"
	else
		echo "$machine n/a"
	fi
}
pct() { if [ "$1" = n/a ]; then echo n/a; else printf '%d.%02d' $(($1 / 100)) $(($1 % 100)); fi; }
declare -A on_m=() off_m=() on_c=() off_c=()
for r in $(seq 1 "$rounds"); do
	for v in $(seq 0 $((variants - 1))); do
		start_variant "$v"
		read -r m c < <(measure)
		on_m[$v]+="$m " on_c[$v]+="$c "
		log "round $r, ${images[v]} with ${tickers[v]}: ticker on:  machine $(pct "$m")%, charged $(pct "$c")% of a core (load $(cut -d' ' -f1 /proc/loadavg), $(healthchecked) containers with a healthcheck)"
		kill "$ticker_pid" 2>/dev/null || true
		wait "$ticker_pid" 2>/dev/null || true
		sleep 2
		read -r m c < <(measure)
		ticker_pid=''
		off_m[$v]+="$m " off_c[$v]+="$c "
		log "round $r, ${images[v]} with ${tickers[v]}: ticker off: machine $(pct "$m")%, charged $(pct "$c")% of a core (load $(cut -d' ' -f1 /proc/loadavg))"
		if ((variants > 1)); then
			for i in $(seq 1 "$n"); do podman stop -t 10 "$prefix-v$v-$i" >/dev/null 2>&1 || true; done
		fi
	done
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "containers=$n"
echo "window_seconds=$window"
echo "rounds=$rounds"
for v in $(seq 0 $((variants - 1))); do
	p=''
	if ((variants > 1)); then p="v$((v + 1))_"; fi
	# shellcheck disable=SC2086 # the lists are space-separated numbers
	on="$(median ${on_m[$v]})" off="$(median ${off_m[$v]})"
	per=$(((on - off) / n))
	if ((per < 0)); then per=0; fi
	echo "${p}image=${images[v]}"
	echo "${p}ticker=${tickers[v]}"
	echo "${p}busy_with_ticker_pct=$(pct "$on")"
	echo "${p}busy_without_ticker_pct=$(pct "$off")"
	echo "${p}ticker_cost_per_container_pct=$(pct "$per")"
	if [[ "${on_c[$v]}" != *n/a* ]]; then
		# shellcheck disable=SC2086
		con="$(median ${on_c[$v]})" coff="$(median ${off_c[$v]})"
		cper=$(((con - coff) / n))
		if ((cper < 0)); then cper=0; fi
		echo "${p}charged_with_ticker_pct=$(pct "$con")"
		echo "${p}charged_without_ticker_pct=$(pct "$coff")"
		echo "${p}charged_cost_per_container_pct=$(pct "$cper")"
	fi
done
