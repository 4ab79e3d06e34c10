#!/bin/bash
# Read-write A/B of single settings against aza-pg's own tuning: one container per variant, side
# by side, runs interleaved (each repetition starts with the next variant), CHECKPOINT before each.
# Usage: bench/readwrite-ab.sh IMAGE MEM CPUS SCALE SECONDS REPS      e.g. IMAGE 2g 2 50 60 3
# NAMES picks the variants (default: all below); WORKLOADS is "rw", "so" (select-only) or both.
# The pgtune variant's flags are pgtune's for 2 GB / 2 CPUs (as Contender.pgtune(2048, 2)).
# stdout: one line per run: MEM workload rep variant tps WAL-MB host-load-1min; stderr: settings.
set -euo pipefail
if [ $# -ne 6 ]; then
  echo "usage: $0 IMAGE MEM CPUS SCALE SECONDS REPS (e.g. localhost/aza-pg:18 2g 2 50 60 3)" >&2
  exit 2
fi
IMG=$1 MEM=$2 CPUS=$3 SCALE=$4 SECS=$5 REPS=$6
PW=ab$RANDOM$RANDOM
declare -A ARGS ENVS
ARGS[ours]=""
ARGS[sb256]="-c shared_buffers=256MB"
ARGS[sb512]="-c shared_buffers=512MB"
ARGS[nolz4]="-c wal_compression=off"
ARGS[bgw]="-c bgwriter_delay=20ms -c bgwriter_lru_maxpages=1000 -c bgwriter_lru_multiplier=4"
ARGS[pgtune]="-c shared_buffers=524288kB -c effective_cache_size=1572864kB -c maintenance_work_mem=131072kB -c checkpoint_completion_target=0.9 -c wal_buffers=16384kB -c default_statistics_target=100 -c random_page_cost=1.1 -c effective_io_concurrency=200 -c work_mem=4096kB -c huge_pages=off -c min_wal_size=1GB -c max_wal_size=4GB -c wal_compression=lz4 -c jit=off"
ENVS[pgtune]="-e AZA_PG_TUNE=off"
read -r -a names <<<"${NAMES:-ours sb256 sb512 nolz4 bgw pgtune}"
read -r -a workloads <<<"${WORKLOADS:-rw}"
cleanup() {
  for n in "${names[@]}"; do
    podman rm -f "ab-$n" >/dev/null 2>&1 || true
    podman volume rm -f "ab-$n" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT
cleanup
psql_in() { podman exec -u postgres "ab-$1" psql -XAtq -c "$2"; }
for n in "${names[@]}"; do
  read -r -a args <<<"${ARGS[$n]}"
  read -r -a envs <<<"${ENVS[$n]:-}"
  podman run -d --no-healthcheck --name "ab-$n" --memory "$MEM" --memory-swap "$MEM" \
    --cpus "$CPUS" --shm-size 256m -e "POSTGRES_PASSWORD=$PW" "${envs[@]}" \
    -v "ab-$n:/var/lib/postgresql" "$IMG" postgres "${args[@]}" >/dev/null
done
for n in "${names[@]}"; do
  until podman exec -u postgres "ab-$n" pg_isready -q 2>/dev/null; do sleep 1; done
  sleep 2
  podman exec -u postgres "ab-$n" pgbench -i -q -s "$SCALE" >/dev/null 2>&1
  psql_in "$n" "VACUUM ANALYZE" >/dev/null
  echo "# $n: $(psql_in "$n" "select string_agg(name || '=' || current_setting(name), ' ') from pg_settings where name in ('shared_buffers', 'work_mem', 'wal_compression', 'max_connections', 'wal_buffers', 'bgwriter_lru_maxpages')")" >&2
done
k=${#names[@]}
for rep in $(seq 1 "$REPS"); do
  for i in $(seq 0 $((k - 1))); do
    n=${names[$(((i + rep - 1) % k))]}
    for wl in "${workloads[@]}"; do
      psql_in "$n" CHECKPOINT >/dev/null
      lsn=$(psql_in "$n" "select pg_current_wal_lsn()")
      flags=(-c 8 -j 2 -T "$SECS")
      if [ "$wl" = so ]; then flags+=(-S); fi
      out=$(podman exec -u postgres "ab-$n" pgbench "${flags[@]}" 2>/dev/null)
      tps=$(echo "$out" | sed -n 's/.*tps = \([0-9.]*\) (without.*/\1/p')
      wal=$(psql_in "$n" "select pg_wal_lsn_diff(pg_current_wal_lsn(), '$lsn')::bigint / 1048576")
      echo "$MEM $wl $rep $n $tps $wal $(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done
