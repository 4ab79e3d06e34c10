#!/bin/bash
# aza-pg healthcheck ticker, installed and started by 'aza-pg engine setup'.
#
# Podman schedules healthchecks with systemd timers. On hosts without systemd nothing runs
# them, and containers stay "(starting)" forever: compose's "condition: service_healthy" and
# "up --wait" hang. This runs each container's healthcheck at that container's own interval
# (HEALTHCHECK --interval), and every START_CADENCE seconds while it is still "starting" (as
# Docker's --start-interval does), so a fresh container turns healthy within seconds without
# idle healthy containers paying for checks they did not ask for.
#
# Cost: checks go through the API socket (curl), not a podman process each; containers are
# listed every LIST_EVERY seconds and a container's interval is read once.
PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
socket="${AZA_PG_TICKER_SOCKET:-/run/podman/podman.sock}"
start_cadence="${AZA_PG_TICKER_START_CADENCE:-2}"
list_every="${AZA_PG_TICKER_LIST_EVERY:-4}"

declare -A interval_of=() last_run=() state_of=() pid_of=()

# Go durations as podman prints them (10s, 1m0s, 1m30s, 500ms, 1h0m0s) in whole seconds (>= 1).
seconds() {
	local d="$1" total=0 n
	while [[ "$d" =~ ^([0-9.]+)(h|ms|m|s|us|µs|ns)(.*)$ ]]; do
		n="${BASH_REMATCH[1]%%.*}"
		case "${BASH_REMATCH[2]}" in
			h) total=$((total + n * 3600)) ;;
			m) total=$((total + n * 60)) ;;
			s) total=$((total + n)) ;;
		esac
		d="${BASH_REMATCH[3]}"
	done
	if ((total < 1)); then total=1; fi
	echo "$total"
}

run_check() {
	if [ -S "$socket" ]; then
		curl -s -o /dev/null --max-time 120 --unix-socket "$socket" \
			"http://d/v4.0.0/libpod/containers/$1/healthcheck" || podman healthcheck run "$1"
	else
		podman healthcheck run "$1"
	fi
}

next_list=0
while :; do
	now=$EPOCHSECONDS
	if ((now >= next_list)); then
		declare -A seen=()
		while read -r id status; do
			case "$status" in
				*"(starting)"*) state_of[$id]=starting ;;
				*"(healthy)"* | *"(unhealthy)"*) state_of[$id]=settled ;;
				*) continue ;;
			esac
			seen[$id]=1
			if [ -z "${interval_of[$id]:-}" ]; then
				interval_of[$id]="$(seconds "$(podman inspect --format '{{.Config.Healthcheck.Interval}}' "$id" 2>/dev/null)")"
			fi
		done < <(podman ps --format '{{.ID}} {{.Status}}' 2>/dev/null)
		for id in "${!state_of[@]}"; do
			if [ -z "${seen[$id]:-}" ]; then
				unset "state_of[$id]" "interval_of[$id]" "last_run[$id]" "pid_of[$id]"
			fi
		done
		unset seen
		next_list=$((now + list_every))
	fi
	for id in "${!state_of[@]}"; do
		every="${interval_of[$id]}"
		if [ "${state_of[$id]}" = starting ] && ((start_cadence < every)); then
			every="$start_cadence"
		fi
		if [ -n "${pid_of[$id]:-}" ] && kill -0 "${pid_of[$id]}" 2>/dev/null; then
			continue # the previous check is still running: never stack them up
		fi
		if ((now - ${last_run[$id]:-0} >= every)); then
			last_run[$id]=$now
			run_check "$id" >/dev/null 2>&1 &
			pid_of[$id]=$!
		fi
	done
	sleep 1
done
