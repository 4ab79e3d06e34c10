#!/usr/bin/env bash
# aza-pg entrypoint: dispatch, preparation in Java, privilege drop, exec postgres.
#
# Shell only where it must be. Everything else (environment contract, directories and ownership,
# initdb, tuning, the temporary init server, init steps and init files) is the runtime's `prepare`
# step (`aza-pg runtime prepare`, entered here through its own light main class), which reads the
# same environment and fails with one line naming what is wrong.
#
# Root does as little as the official image does before its gosu re-exec: `prepare-root`
# validates the environment, reads the *_FILE secrets (often root-only) and creates and hands over
# PGDATA, the WAL and the socket directories, refusing a planted link on the way; it reads nothing
# inside them. The rest runs as postgres, with no_new_privs and postgres's own HOME, and gets the
# secret values on its stdin (never an argv, the environment or a file), so a hostile data
# directory cannot make root read or write anything outside it.
set -Eeuo pipefail

: "${AZA_PG_JAVA:=/opt/aza-pg/jre/bin/java}"
: "${AZA_PG_JAR:=/opt/aza-pg/aza-pg.jar}"

# A small, quick-starting JVM: it runs twice per start inside memory-limited containers. The
# runtime's own main class skips the whole CLI's command model (about 0.4 s of CPU per JVM), and
# the image's ahead-of-time cache holds its classes loaded and linked. An unusable cache (another
# jar in AZA_PG_JAR) is ignored, silently.
aza_pg=("$AZA_PG_JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx64m
	-XX:AOTCache=/opt/aza-pg/aza-pg.aot -Xlog:aot=off -Xlog:cds=off -XX:-UsePerfData
	-cp "$AZA_PG_JAR" io.azapg.cli.RuntimeMain)

# The server user's identity for what runs as postgres: its own HOME, not root's.
postgres_env=(env HOME=/var/lib/postgresql USER=postgres LOGNAME=postgres)

# Help and version queries of postgres run as given, without any init (postgres allows them as
# root); `-C name` (print a setting) reads the data directory, so it runs as postgres.
wants_help() {
	local arg
	for arg; do
		case "$arg" in
			'-?' | --help | --describe-config | -V | --version) return 0 ;;
		esac
	done
	return 1
}

wants_setting() {
	local arg
	for arg; do
		case "$arg" in
			-C | -C*) return 0 ;;
		esac
	done
	return 1
}

# Run as postgres with no_new_privs: setpriv when root (there is no gosu); any other uid
# (--user) only sets no_new_privs, which needs no privilege.
as_postgres() {
	if [ "$(id -u)" = '0' ]; then
		setpriv --reuid postgres --regid postgres --init-groups --no-new-privs -- \
			"${postgres_env[@]}" "$@"
	else
		setpriv --no-new-privs -- "$@"
	fi
}

exec_as_postgres() {
	if [ "$(id -u)" = '0' ]; then
		exec setpriv --reuid postgres --regid postgres --init-groups --no-new-privs -- \
			"${postgres_env[@]}" "$@"
	fi
	exec setpriv --no-new-privs -- "$@"
}

main() {
	if [ "$#" -eq 0 ]; then
		set -- postgres
	fi
	# `docker run image -c shared_buffers=1GB` means `postgres -c shared_buffers=1GB`.
	if [ "${1:0:1}" = '-' ]; then
		set -- postgres "$@"
	fi
	if [ "$1" != 'postgres' ] || wants_help "$@"; then
		exec "$@"
	fi
	if wants_setting "$@"; then
		exec_as_postgres "$@"
	fi

	if [ "$(id -u)" = '0' ]; then
		local handoff
		handoff="$("${aza_pg[@]}" prepare-root -- "$@")"
		as_postgres "${aza_pg[@]}" prepare --secrets-from-stdin -- "$@" <<<"$handoff"
		handoff=''
	else
		"${aza_pg[@]}" prepare -- "$@"
	fi

	# Backends become the kernel's likelier OOM victims than the postmaster: the postmaster keeps
	# its own score (0 by default) and every child writes 500 into /proc/self/oom_score_adj before
	# it does anything else. An OOM kill then takes one backend, the postmaster runs crash recovery
	# and the container stays up; with equal scores the postmaster (largest RSS: it maps shared
	# memory and every preloaded library) is the first victim and the whole container dies.
	# Raising a score needs no privilege, unlike lowering the postmaster's.
	export PG_OOM_ADJUST_FILE=/proc/self/oom_score_adj
	export PG_OOM_ADJUST_VALUE="${PG_OOM_ADJUST_VALUE:-500}"

	exec_as_postgres "$@"
}

main "$@"
