#!/usr/bin/env bash
# aza-pg-healthcheck: the image's HEALTHCHECK. Shell, not Java: it runs every few seconds.
#
# Healthy means: not initialising; the server accepts TCP connections on 127.0.0.1 (never the
# temporary init server, which listens on the unix socket only); `SELECT 1` works in the
# database created at init (POSTGRES_DB, not a hard-coded one); the init finished as
# `completed` and every extension it expected exists there; the preload list holds what the
# catalog requires (unless POSTGRES_SHARED_PRELOAD_LIBRARIES replaced it); not in recovery
# unless POSTGRES_ROLE=replica.
#
# The facts come from $PGDATA/aza-pg.healthcheck, written by the entrypoint at every start (read
# line by line, never sourced). Over TCP it logs in as the monitoring-only role
# aza_pg_healthcheck with the password in $PGDATA/aza-pg.healthcheck.pgpass (0600, random,
# made at init), so no password is on any argv and 127.0.0.1 needs no trust line.
set -Eeuo pipefail

PGDATA="${PGDATA:-/var/lib/postgresql/18/docker}"

fail() {
	echo "unhealthy: $*"
	exit 1
}

if [ -e "$PGDATA/aza-pg.init-in-progress" ]; then
	fail "initialisation in progress (the temporary init server is not the real one)"
fi
facts="$PGDATA/aza-pg.healthcheck"
if [ ! -r "$facts" ]; then
	fail "$facts is missing: the aza-pg entrypoint has not prepared this start yet"
fi

user='' database='' port='5432' role='primary' init='' check_role='' required_preload=''
while IFS= read -r line || [ -n "$line" ]; do
	case "$line" in
		'' | '#'*) continue ;;
	esac
	key="${line%%=*}"
	value="${line#*=}"
	case "$key" in
		user) user="$value" ;;
		database) database="$value" ;;
		port) port="$value" ;;
		role) role="$value" ;;
		init) init="$value" ;;
		check_role) check_role="$value" ;;
		required_preload) required_preload="$value" ;;
	esac
done <"$facts"

if ! pg_isready -q -h 127.0.0.1 -p "$port" -t 3; then
	fail "not accepting TCP connections on 127.0.0.1:$port"
fi

export PGCONNECT_TIMEOUT=3 PGDATABASE="$database" PGPORT="$port"
unset PGPASSWORD PGSERVICE PGOPTIONS
if [ "$init" = 'aza-pg' ] && [ -n "$check_role" ]; then
	# One round trip: every fact in one row.
	query="SELECT 1, pg_is_in_recovery(), current_setting('shared_preload_libraries'),
		coalesce(s.status, 'missing'),
		coalesce((SELECT string_agg(e, ' ' ORDER BY e) FROM unnest(s.expected_extensions) AS e
			WHERE e NOT IN (SELECT extname FROM pg_extension)), '')
		FROM (SELECT 1) AS one
		LEFT JOIN (SELECT status, expected_extensions FROM aza_pg.init_status
			ORDER BY id DESC LIMIT 1) AS s ON true"
	if ! row="$(PGPASSFILE="$PGDATA/aza-pg.healthcheck.pgpass" PGUSER="$check_role" \
		psql -X -A -t -q --no-password -F '|' -h 127.0.0.1 -c "$query" 2>&1)"; then
		fail "query in database \"$database\" over 127.0.0.1 failed: ${row//$'\n'/ }"
	fi
else
	# A data directory aza-pg did not create: no healthcheck role, so ask over the local socket.
	query="SELECT 1, pg_is_in_recovery(), current_setting('shared_preload_libraries'), 'completed', ''"
	if ! row="$(PGUSER="$user" psql -X -A -t -q --no-password -F '|' -c "$query" 2>&1)"; then
		fail "query in database \"$database\" failed: ${row//$'\n'/ }"
	fi
fi

IFS='|' read -r one in_recovery preload status missing <<<"$row"
if [ "$one" != '1' ]; then
	fail "SELECT 1 in database \"$database\" returned \"$row\""
fi
if [ "$status" != 'completed' ]; then
	fail "init status is $status (SELECT * FROM aza_pg.init_status in database \"$database\")"
fi
if [ -n "$missing" ]; then
	fail "extensions missing from database \"$database\": $missing"
fi
for lib in $required_preload; do
	case ",${preload// /}," in
		*",$lib,"*) ;;
		*) fail "shared_preload_libraries ($preload) lacks $lib, which the catalog requires" ;;
	esac
done
if [ "$in_recovery" = 't' ] && [ "$role" != 'replica' ]; then
	fail "the server is in recovery but POSTGRES_ROLE is $role (set POSTGRES_ROLE=replica for a standby)"
fi
echo "healthy: database \"$database\" answers on 127.0.0.1:$port, init completed"
