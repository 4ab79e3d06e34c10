#!/usr/bin/env bash
# PgBouncer under load: 1,000 concurrent pgbench clients through the primary stack's PgBouncer
# against PostgreSQL limited to 1 GB and 1 CPU, beside 100 clients connected directly to a
# single stack with the same limits. Prints throughput, latency percentiles (p50/p95/p99, from
# pgbench's per-transaction log) and every client error, per workload (select-only, tpcb-like).
#
#   pooled: `aza-pg up --stack primary --memory 1GB --cpus 1` (PgBouncer in transaction mode, the
#           server tuned for pooling, PgBouncer's pool sizes derived from it); clients log in
#           with SCRAM as an ordinary role, as applications do (superusers bypass PgBouncer).
#   direct: `aza-pg up --stack single --memory 1GB --cpus 1` with max_connections raised to
#           DIRECT_CLIENTS + 10 (the tuner gives fewer at 1 GB; PostgreSQL's default is 100).
# pgbench runs from the same image on the host network, not limited, on the same machine.
# Everything the script creates (two stacks, their volumes and state) is removed when it exits.
#
# Usage: bench/pooler.sh
#   env: CLIENTS=1000 DIRECT_CLIENTS=100 DURATION=60 SCALE=20 THREADS=4 WORKLOADS="select-only tpcb-like"
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
engine="${AZA_PG_ENGINE:-podman}"
clients="${CLIENTS:-1000}"
direct_clients="${DIRECT_CLIENTS:-100}"
duration="${DURATION:-60}"
scale="${SCALE:-20}"
threads="${THREADS:-4}"
workloads="${WORKLOADS:-select-only tpcb-like}"
id="$$-$(date +%s)"
pooled="aza-pg-bench-pooled-$id"
direct="aza-pg-bench-direct-$id"
out="$(mktemp -d)"
chmod 0755 "$out"
password="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

say() { echo "pooler: $*" >&2; }

cleanup() {
	./aza-pg down --stack primary --name "$pooled" --volumes >/dev/null 2>&1 || true
	./aza-pg down --stack single --name "$direct" --volumes >/dev/null 2>&1 || true
	rm -rf "$out"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

image="$(./aza-pg build 2>/dev/null | head -n 1)"
say "image $image; $clients pooled and $direct_clients direct clients, ${duration}s per run, scale $scale"

pg_port="$(free_port)" pgb_port="$(free_port)" single_port="$(free_port)"
say "starting the primary stack (1 GB, 1 CPU, PgBouncer) and the single stack (1 GB, 1 CPU)"
./aza-pg up --stack primary --name "$pooled" --memory 1GB --cpus 1 \
	--set "port=$pg_port" --set "pgbouncer-port=$pgb_port" \
	--set "metrics-port=$(free_port)" --set "pgbouncer-metrics-port=$(free_port)" \
	--set "max-clients=$((clients + 100))" >/dev/null
./aza-pg up --stack single --name "$direct" --memory 1GB --cpus 1 \
	--set "port=$single_port" --set "metrics-port=$(free_port)" \
	--set "pg.max_connections=$((direct_clients + 10))" >/dev/null

# The bench role and its database, created as the superuser over the local socket in each server;
# the password travels on stdin (psql runs in the container), never on an argv.
setup_role() {
	local project="$1" service="$2"
	printf "CREATE ROLE bench LOGIN PASSWORD '%s';\nCREATE DATABASE bench OWNER bench;\n" "$password" |
		docker compose --project-name "$project" --file ".aza-pg/stacks/$project/compose.yaml" \
			exec -T --user postgres "$service" psql -X -q -v ON_ERROR_STOP=1 -d postgres >/dev/null
}
export DOCKER_HOST="${DOCKER_HOST:-unix:///run/podman/podman.sock}"
setup_role "$pooled" postgres
setup_role "$direct" postgres
printf '*:*:*:bench:%s\n' "$password" >"$out/pgpass"
chmod 0600 "$out/pgpass"

# pgbench from the image under test on the host network; its output and logs land in $out.
pgbench() {
	"$engine" run --rm --network host -v "$out:/out" -e PGPASSFILE=/out/pgpass \
		--entrypoint pgbench "$image" "$@"
}

say "initialising pgbench tables (scale $scale) in both servers"
pgbench -i -q -s "$scale" -h 127.0.0.1 -p "$pg_port" -U bench bench >/dev/null 2>&1
pgbench -i -q -s "$scale" -h 127.0.0.1 -p "$single_port" -U bench bench >/dev/null 2>&1

# One run: prints "mode workload clients tps p50 p95 p99 failed errors": failed transactions as
# pgbench counts them, and errors = clients pgbench reported an error for (connection or query).
run() {
	local mode="$1" workload="$2" port="$3" n="$4" prefix log rc=0
	prefix="$mode-$workload"
	say "$mode, $workload: $n clients for ${duration}s"
	pgbench -b "$workload" -c "$n" -j "$threads" -T "$duration" --no-vacuum \
		-l --log-prefix "/out/$prefix" -h 127.0.0.1 -p "$port" -U bench bench \
		>"$out/$prefix.out" 2>"$out/$prefix.err" || rc=$?
	log="$(cat "$out/$prefix".[0-9]* 2>/dev/null | awk '{print $3}' | sort -n)"
	local count tps failed aborted
	count="$(printf '%s\n' "$log" | grep -c . || true)"
	tps="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' "$out/$prefix.out")"
	failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out/$prefix.out")"
	# pgbench's own error lines (the engine's log lines on stderr are not the clients').
	aborted="$(grep -c -E '^pgbench: (error|fatal)' "$out/$prefix.err" || true)"
	if grep -q 'Run was aborted' "$out/$prefix.out"; then aborted="$aborted (run aborted)"; fi
	if ((rc != 0)); then
		say "pgbench exited with $rc:"
		tail -n 5 "$out/$prefix.err" >&2
	fi
	pct() { printf '%s\n' "$log" | awk -v p="$1" -v n="$count" 'NR == int(n * p / 100 + 0.999999) { printf "%.2f", $1 / 1000; exit }'; }
	printf '%-8s %-12s %6s %10s %9s %9s %9s %7s %8s\n' \
		"$mode" "$workload" "$n" "${tps:-n/a}" "$(pct 50)" "$(pct 95)" "$(pct 99)" "${failed:-n/a}" "$aborted"
	rm -f "$out/$prefix".[0-9]*
}

printf '%-8s %-12s %6s %10s %9s %9s %9s %7s %8s\n' \
	mode workload clients tps p50_ms p95_ms p99_ms failed errors
for w in $workloads; do
	run pooled "$w" "$pgb_port" "$clients"
	run direct "$w" "$single_port" "$direct_clients"
done
max_db="$(sed -n 's/^max_db_connections = //p' ".aza-pg/stacks/$pooled/pgbouncer.ini")"
say "PgBouncer served $clients clients with at most $max_db server connections (max_db_connections)"
