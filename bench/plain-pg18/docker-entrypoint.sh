#!/usr/bin/env bash
# Minimal entrypoint in the style of the official postgres image: as root, own the data
# directory and drop to postgres; on an empty data directory, initdb with POSTGRES_PASSWORD,
# start a socket-only temporary server (where the official image runs its init files) and stop
# it; then exec the server listening on every interface.
set -Eeo pipefail

if [ "$1" = 'postgres' ] && [ "$(id -u)" = '0' ]; then
	mkdir -p "$PGDATA"
	chmod 00700 "$PGDATA"
	find "$PGDATA" /var/run/postgresql \! -user postgres -exec chown postgres:postgres '{}' +
	exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

if [ "$1" = 'postgres' ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
	if [ -z "$POSTGRES_PASSWORD" ]; then
		echo 'error: POSTGRES_PASSWORD is not set' >&2
		exit 1
	fi
	initdb --username=postgres --auth-local=trust --auth-host=scram-sha-256 \
		--pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") -D "$PGDATA"
	printf '\nhost all all all scram-sha-256\n' >> "$PGDATA/pg_hba.conf"
	pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start
	pg_ctl -D "$PGDATA" -m fast -w stop
	echo
	echo 'PostgreSQL init process complete; ready for start up.'
	echo
fi

if [ "$1" = 'postgres' ]; then
	exec "$@" -c listen_addresses='*'
fi
exec "$@"
