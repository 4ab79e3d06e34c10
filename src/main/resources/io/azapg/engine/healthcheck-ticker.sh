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
# Cost (docs/BENCHMARKS.md, "Healthcheck ticker cost"): with the API socket, no podman process
# is started at all, and an idle ticker does nothing between two checks. It follows the API's
# event stream (one curl that stays open) and lists the containers with a health status when a
# container starts, every LIST_EVERY seconds while one is still "starting", and otherwise only
# every SETTLED_LIST_EVERY seconds as a safety net. Each container's interval is read once and
# each check is one request through the socket; a podman process costs about 0.1 s of CPU to
# start, a curl a few milliseconds. Between two due checks it sleeps in bash's own read (on the
# event stream, so a new container wakes it at once), not in a sleep process. Without the event
# stream it lists every LIST_EVERY seconds; without the socket it falls back to the podman CLI.
PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
socket="${AZA_PG_TICKER_SOCKET:-/run/podman/podman.sock}"
start_cadence="${AZA_PG_TICKER_START_CADENCE:-2}"
list_every="${AZA_PG_TICKER_LIST_EVERY:-4}"
settled_list_every="${AZA_PG_TICKER_SETTLED_LIST_EVERY:-60}"
api='http://d/v4.0.0/libpod'

declare -A interval_of=() last_run=() state_of=() pid_of=()

# Go durations as the podman CLI prints them (10s, 1m0s, 1m30s, 500ms, 1h0m0s) in whole seconds
# (>= 1).
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

api_get() { # PATH: the response body on stdout; fails on a transport or HTTP error
	curl -sf --max-time 10 --unix-socket "$socket" "$api/$1"
}

# "ID STATE" lines for the running containers with a health status, STATE starting or settled.
list() {
	local body re='"Id":"([0-9a-f]{64})"(.*)$'
	if [ -S "$socket" ]; then
		# The API's own health filter (URL-encoded {"health":["starting"]} and the settled ones):
		# the ids are the only thing read from the JSON, so no JSON parser is needed.
		body="$(api_get 'containers/json?filters=%7B%22health%22%3A%5B%22starting%22%5D%7D')" || return 1
		while [[ "$body" =~ $re ]]; do
			echo "${BASH_REMATCH[1]} starting"
			body="${BASH_REMATCH[2]}"
		done
		body="$(api_get 'containers/json?filters=%7B%22health%22%3A%5B%22healthy%22%2C%22unhealthy%22%5D%7D')" || return 1
		while [[ "$body" =~ $re ]]; do
			echo "${BASH_REMATCH[1]} settled"
			body="${BASH_REMATCH[2]}"
		done
	else
		podman ps --format '{{.ID}} {{.Status}}' 2>/dev/null | while read -r id status; do
			case "$status" in
				*"(starting)"*) echo "$id starting" ;;
				*"(healthy)"* | *"(unhealthy)"*) echo "$id settled" ;;
			esac
		done
	fi
}

# A container's healthcheck interval in whole seconds; fails when it has none (or is gone).
interval() {
	local body
	if [ -S "$socket" ]; then
		# Config.Healthcheck.Interval in nanoseconds, absent for podman's default of 30 s. Strings in
		# the JSON cannot hold an unescaped quote, so the only "Interval": followed by a number is it.
		body="$(api_get "containers/$1/json")" || return 1
		[[ "$body" == *'"Healthcheck":{'* ]] || return 1
		if [[ "$body" =~ \"Interval\":([0-9]+) ]]; then
			local s=$((BASH_REMATCH[1] / 1000000000))
			echo $((s < 1 ? 1 : s))
		else
			echo 30
		fi
	else
		seconds "$(podman inspect --format '{{.Config.Healthcheck.Interval}}' "$1" 2>/dev/null)"
	fi
}

# Starts one check in the background; its pid in $!.
run_check() {
	if [ -S "$socket" ]; then
		curl -s -o /dev/null --max-time 120 --unix-socket "$socket" "$api/containers/$1/healthcheck" &
	else
		podman healthcheck run "$1" >/dev/null 2>&1 &
	fi
}

# The API's event stream, filtered to containers that start (URL-encoded
# {"type":["container"],"event":["start"]}): one JSON line per event on file descriptor $events.
events='' events_pid='' next_stream_try=0
open_events() {
	[ -S "$socket" ] || return 1
	exec {events}< <(exec curl -sN --unix-socket "$socket" \
		"$api/events?stream=true&filters=%7B%22type%22%3A%5B%22container%22%5D%2C%22event%22%3A%5B%22start%22%5D%7D" 2>/dev/null)
	events_pid=$!
}
close_events() {
	if [ -n "$events_pid" ]; then kill "$events_pid" 2>/dev/null; fi
	if [ -n "$events" ]; then exec {events}<&-; fi
	events='' events_pid=''
}
trap close_events EXIT
trap 'exit 143' TERM INT

# Waits without a process: a read with a timeout on the event stream (a line means a container
# started: list again now), or on a pipe nobody writes to.
exec {never}<> <(:)
relist=1
pause() {
	local rc
	if [ -z "$events" ]; then
		read -r -t "$1" -u "$never" _ || true
		return
	fi
	read -r -t "$1" -u "$events" _
	rc=$?
	if ((rc == 0)); then
		relist=1
		# containers of one compose up start together: one list for the burst
		while read -r -t 0.2 -u "$events" _; do :; done
	elif ((rc <= 128)); then # the stream ended: poll until it can be opened again
		close_events
		next_stream_try=$((EPOCHSECONDS + settled_list_every))
	fi
}

next_list=0
while :; do
	now=$EPOCHSECONDS
	if [ -z "$events" ] && ((now >= next_stream_try)); then
		open_events || next_stream_try=$((now + settled_list_every))
	fi
	if { ((relist)) || ((now >= next_list)); } && listed="$(list)"; then
		relist=0
		declare -A seen=()
		any_starting=0
		while read -r id state; do
			[ -n "$id" ] || continue
			if [ -z "${interval_of[$id]:-}" ]; then
				every="$(interval "$id")" || continue
				interval_of[$id]="$every"
			fi
			state_of[$id]="$state"
			seen[$id]=1
			if [ "$state" = starting ]; then any_starting=1; fi
		done <<<"$listed"
		for id in "${!state_of[@]}"; do
			if [ -z "${seen[$id]:-}" ]; then
				unset "state_of[$id]" "interval_of[$id]" "last_run[$id]" "pid_of[$id]"
			fi
		done
		unset seen
		if [ -n "$events" ] && ((!any_starting)); then
			next_list=$((now + settled_list_every))
		else
			next_list=$((now + list_every))
		fi
	fi
	wake=$next_list
	for id in "${!state_of[@]}"; do
		every="${interval_of[$id]}"
		if [ "${state_of[$id]}" = starting ] && ((start_cadence < every)); then
			every="$start_cadence"
		fi
		if [ -n "${pid_of[$id]:-}" ] && kill -0 "${pid_of[$id]}" 2>/dev/null; then
			due=$((now + 1)) # the previous check is still running: never stack them up
		elif ((now - ${last_run[$id]:-0} >= every)); then
			last_run[$id]=$now
			run_check "$id"
			pid_of[$id]=$!
			due=$((now + every))
		else
			due=$((${last_run[$id]} + every))
		fi
		if ((due < wake)); then wake=$due; fi
	done
	wait_for=$((wake - EPOCHSECONDS))
	pause $((wait_for < 1 ? 1 : wait_for))
done
