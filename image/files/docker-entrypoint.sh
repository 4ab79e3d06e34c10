#!/usr/bin/env bash
# aza-pg entrypoint: dispatch, preparation in Java, privilege drop, exec postgres.
#
# Shell only where it must be. Everything else (environment contract, directories and ownership,
# initdb, tuning, the temporary init server, init steps and init files) is `aza-pg runtime
# prepare`, which reads the same environment and fails with one line naming what is wrong.
set -Eeuo pipefail

: "${AZA_PG_JAVA:=/opt/aza-pg/jre/bin/java}"
: "${AZA_PG_JAR:=/opt/aza-pg/aza-pg.jar}"

# A small, quick-starting JVM: it runs once per start inside memory-limited containers.
aza_pg() {
	"$AZA_PG_JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xmx64m \
		-XX:SharedArchiveFile=/opt/aza-pg/aza-pg.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
		-XX:-UsePerfData -jar "$AZA_PG_JAR" "$@"
}

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

# exec as postgres: setpriv when root (there is no gosu), as is otherwise.
exec_as_postgres() {
	if [ "$(id -u)" = '0' ]; then
		exec setpriv --reuid postgres --regid postgres --init-groups "$@"
	fi
	exec "$@"
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

	aza_pg runtime prepare -- "$@"

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
