#!/usr/bin/env bash
# Time-to-ready of aza-pg against a plain PostgreSQL 18 built from the same base image
# (bench/plain-pg18/: only postgresql-18 at the locked version, an official-style entrypoint).
#
# Ready = `SELECT 1` over TCP from the host on the published port succeeds. Both images run
# their init server on the unix socket only, so TCP answers only once the real server is up.
#   first boot: `podman run` on a fresh volume until ready (initdb, init, restart into the server)
#   restart:    after a clean `podman stop`, `podman start` of the same container until ready
# Each is measured RUNS times (default 5) per image; the median is reported. Both run with
# --memory 1g --cpus 1 --shm-size 256m. Figures go to stdout, progress to stderr.
# Every container, volume and image this script creates is removed when it exits.
#
# It also times `./aza-pg tune --memory 1GB --cpus 1` on the host (RUNS times, median; the
# launcher's class-data archive already built) and prints the host's load average before and after.
#
# Usage: bench/time-to-ready.sh    (env: RUNS=5, AZA_PG_IMAGE=<tag> to skip `aza-pg build`)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
engine="${AZA_PG_ENGINE:-podman}"
runs="${RUNS:-5}"
limits=(--memory 1g --cpus 1 --shm-size 256m)
base="localhost/aza-pg-base:forky"
id="ttr-$$-$(date +%s)"
plain="localhost/aza-pg-bench-plain-pg18:$id"
password="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
containers=()
volumes=()
built_plain=false

say() { echo "time-to-ready: $*" >&2; }

cleanup() {
	local c v
	for c in "${containers[@]}"; do "$engine" rm --force --volumes "$c" >/dev/null 2>&1 || true; done
	for v in "${volumes[@]}"; do "$engine" volume rm --force "$v" >/dev/null 2>&1 || true; done
	if $built_plain; then "$engine" rmi --force "$plain" >/dev/null 2>&1 || true; fi
	rm -f "${envfile:-}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The password reaches the containers through a 0600 env file, never a command line.
envfile="$(mktemp)"
chmod 600 "$envfile"
printf 'POSTGRES_PASSWORD=%s\n' "$password" > "$envfile"

now_ns() { date +%s%N; }

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Waits until SELECT 1 answers over TCP on the port; fails after 5 minutes or if the container stops.
wait_ready() {
	local container="$1" port="$2" deadline=$((SECONDS + 300))
	until PGPASSWORD="$password" PGCONNECT_TIMEOUT=2 psql -X -q -At -h 127.0.0.1 -p "$port" \
		-U postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1; do
		if ((SECONDS > deadline)); then
			say "$container not ready after 300 s"; "$engine" logs --tail 30 "$container" >&2; return 1
		fi
		if [[ "$("$engine" inspect --format '{{.State.Running}}' "$container")" != "true" ]]; then
			say "$container stopped"; "$engine" logs --tail 30 "$container" >&2; return 1
		fi
		sleep 0.05
	done
}

seconds_since() { awk -v d="$(($(now_ns) - $1))" 'BEGIN { printf "%.2f", d / 1e9 }'; }

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure LABEL IMAGE: sets first=(seconds ...) and restart=(seconds ...). Not in a subshell,
# so that the EXIT trap knows every container and volume it creates.
measure() {
	local label="$1" image="$2" i c v port start
	first=()
	restart=()
	for ((i = 1; i <= runs; i++)); do
		c="$id-$label-$i"; v="$c-data"; port="$(free_port)"
		containers+=("$c"); volumes+=("$v")
		"$engine" volume create "$v" >/dev/null
		start=$(now_ns)
		"$engine" run --detach --name "$c" --env-file "$envfile" "${limits[@]}" \
			--publish "127.0.0.1:$port:5432" --volume "$v:/var/lib/postgresql" "$image" >/dev/null
		wait_ready "$c" "$port"
		first+=("$(seconds_since "$start")")
		"$engine" stop --time 60 "$c" >/dev/null 2>&1
		start=$(now_ns)
		"$engine" start "$c" >/dev/null 2>&1
		wait_ready "$c" "$port"
		restart+=("$(seconds_since "$start")")
		say "$label run $i/$runs: first boot ${first[-1]} s, restart ${restart[-1]} s"
		"$engine" rm --force --volumes "$c" >/dev/null 2>&1
		"$engine" volume rm --force "$v" >/dev/null 2>&1
	done
}

command -v psql >/dev/null || { say "psql is needed on the host (apt-get install postgresql-client)"; exit 4; }
"$engine" image exists "$base" || { say "no $base: run ./aza-pg base"; exit 4; }

if [[ -n "${AZA_PG_IMAGE:-}" ]]; then
	aza="$AZA_PG_IMAGE"
else
	say "building the aza-pg image (a cache hit when nothing changed) ..."
	aza="$(./aza-pg build 2>/dev/null | head -1)"
fi
pg_version="$(awk '$1 == "postgresql-18" { print $2; exit }' image/packages.lock)"
[[ -n "$pg_version" ]] || { say "postgresql-18 is not in image/packages.lock"; exit 3; }
say "building the plain PostgreSQL 18 image (postgresql-18=$pg_version on $base) ..."
built_plain=true
"$engine" build --format docker --network host --layers=false --build-arg "BASE_IMAGE=$base" \
	--build-arg "PG_VERSION=$pg_version" --tag "$plain" bench/plain-pg18 >&2

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
./aza-pg tune --memory 1GB --cpus 1 >/dev/null
tune=()
for ((i = 1; i <= runs; i++)); do
	start=$(now_ns)
	./aza-pg tune --memory 1GB --cpus 1 >/dev/null
	tune+=("$(seconds_since "$start")")
done
say "measuring $runs first boots and restarts each (--memory 1g --cpus 1) ..."
measure aza "$aza"
aza_first=("${first[@]}"); aza_restart=("${restart[@]}")
measure plain "$plain"
plain_first=("${first[@]}"); plain_restart=("${restart[@]}")

mb() { echo $(($("$engine" image inspect --format '{{.Size}}' "$1") / 1000000)); }
echo "time-to-ready (SELECT 1 over TCP from the host), median of $runs, --memory 1g --cpus 1"
printf '%-11s %-11s %8s  %s\n' image measure median runs
printf '%-11s %-11s %8s  %s\n' aza-pg "first boot" "$(median "${aza_first[@]}") s" "${aza_first[*]}"
printf '%-11s %-11s %8s  %s\n' aza-pg restart "$(median "${aza_restart[@]}") s" "${aza_restart[*]}"
printf '%-11s %-11s %8s  %s\n' plain-pg18 "first boot" "$(median "${plain_first[@]}") s" "${plain_first[*]}"
printf '%-11s %-11s %8s  %s\n' plain-pg18 restart "$(median "${plain_restart[@]}") s" "${plain_restart[*]}"
printf '%-11s %-11s %8s  %s\n' "aza-pg tune" "on the host" "$(median "${tune[@]}") s" "${tune[*]}"
echo "load average (1, 5, 15 min): before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
echo "aza-pg:     $aza ($(mb "$aza") MB)"
echo "plain-pg18: postgresql-18=$pg_version on $base ($(mb "$plain") MB)"
