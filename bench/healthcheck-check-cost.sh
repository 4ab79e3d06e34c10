#!/usr/bin/env bash
# bench/healthcheck-check-cost.sh: where the CPU of one healthcheck goes, for running containers.
#
# Runs K checks back to back through the API socket (what the ticker does) on each container in
# turn, ROUNDS times, and charges their CPU to: the podman API service, the conmon cgroup (conmon
# and runc for each exec), the container's cgroup (runc's init in the container, the check script,
# psql and the server's backend) and the client (curl). Then the same for the ticker's list of
# containers: one `podman ps` (the ticker before) against the API list requests (the ticker now).
# The service's and conmon's figures include whatever else uses them meanwhile: on a busy machine
# take the median of several rounds. Needs cgroup v1 cpuacct with podman's cgroupfs layout.
#
# Usage: bench/healthcheck-check-cost.sh K ROUNDS CONTAINER...
# Output: one line per container and round on stderr, medians as key=value lines on stdout
# (milliseconds of CPU per check or per list).
set -euo pipefail

k="${1:?usage: bench/healthcheck-check-cost.sh K ROUNDS CONTAINER...}"
rounds="${2:?usage: bench/healthcheck-check-cost.sh K ROUNDS CONTAINER...}"
shift 2
(($# > 0)) || {
	echo "bench: name at least one running container with a healthcheck" >&2
	exit 2
}
socket=/run/podman/podman.sock
cg=/sys/fs/cgroup/cpuacct/libpod_parent
ticks="$(getconf CLK_TCK)"
svc="$(pgrep -o -f '^podman system service')" || {
	echo "bench: no podman API service runs: run ./aza-pg engine setup" >&2
	exit 2
}
[ -r "$cg/conmon/cpuacct.usage" ] || {
	echo "bench: $cg/conmon/cpuacct.usage is missing: this needs cgroup v1 cpuacct and podman's cgroupfs manager" >&2
	exit 2
}
jiffies() { awk '{sub(/^.*\) /, ""); print $12+$13+$14+$15}' "/proc/$1/stat"; }
ns() { cat "$1/cpuacct.usage"; }
# "SERVICE CONMON CONTAINER CLIENT" in microseconds per run of the command (COUNT runs)
charge() {
	local count="$1" dir="$2" s0 m0 c0 self0 s1 m1 c1 self1
	shift 2
	s0="$(jiffies "$svc")" m0="$(ns "$cg/conmon")" c0="$(ns "$dir")" self0="$(jiffies $BASHPID)"
	for _ in $(seq 1 "$count"); do "$@" >/dev/null 2>&1 || true; done
	s1="$(jiffies "$svc")" m1="$(ns "$cg/conmon")" c1="$(ns "$dir")" self1="$(jiffies $BASHPID)"
	echo "$(((s1 - s0) * 1000000 / ticks / count)) $(((m1 - m0) / 1000 / count)) $(((c1 - c0) / 1000 / count)) $(((self1 - self0) * 1000000 / ticks / count))"
}
check() { curl -s -o /dev/null --max-time 60 --unix-socket "$socket" "http://d/v4.0.0/libpod/containers/$1/healthcheck"; }
api_list() {
	curl -sf --unix-socket "$socket" 'http://d/v4.0.0/libpod/containers/json?filters=%7B%22health%22%3A%5B%22starting%22%5D%7D' >/dev/null
	curl -sf --unix-socket "$socket" 'http://d/v4.0.0/libpod/containers/json?filters=%7B%22health%22%3A%5B%22healthy%22%2C%22unhealthy%22%5D%7D' >/dev/null
}
cli_list() { podman ps --format '{{.ID}} {{.Status}}' >/dev/null; }
ms() { printf '%d.%d' $(($1 / 1000)) $((($1 % 1000) / 100)); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A total=() part=()
ids=()
for c in "$@"; do ids+=("$(podman inspect --format '{{.Id}}' "$c")"); done
for r in $(seq 1 "$rounds"); do
	for i in "${!ids[@]}"; do
		read -r s m c cl < <(charge "$k" "$cg/libpod-${ids[i]}" check "${ids[i]}")
		total[$i]+="$((s + m + c + cl)) " part[$i,s]+="$s " part[$i,m]+="$m " part[$i,c]+="$c " part[$i,cl]+="$cl "
		echo "bench: round $r, $(podman inspect --format '{{.Name}} {{.ImageName}}' "${ids[i]}"): per check service $(ms "$s") ms, conmon+runc $(ms "$m") ms, container $(ms "$c") ms, curl $(ms "$cl") ms = $(ms $((s + m + c + cl))) ms (load $(cut -d' ' -f1 /proc/loadavg))" >&2
	done
	read -r s _ _ cl < <(charge 5 "$cg/conmon" cli_list)
	cli=$((s + cl))
	read -r s _ _ cl < <(charge 5 "$cg/conmon" api_list)
	api=$((s + cl))
	total[cli]+="$cli " total[api]+="$api "
	echo "bench: round $r, listing the containers: podman ps $(ms "$cli") ms, API (two requests) $(ms "$api") ms" >&2
done
for i in "${!ids[@]}"; do
	# shellcheck disable=SC2086 # space-separated numbers
	{
		echo "container_$((i + 1))=$(podman inspect --format '{{.Name}} {{.ImageName}}' "${ids[i]}")"
		echo "container_$((i + 1))_check_ms=$(ms "$(median ${total[$i]})")"
		echo "container_$((i + 1))_service_ms=$(ms "$(median ${part[$i,s]})")"
		echo "container_$((i + 1))_conmon_runc_ms=$(ms "$(median ${part[$i,m]})")"
		echo "container_$((i + 1))_container_ms=$(ms "$(median ${part[$i,c]})")"
		echo "container_$((i + 1))_curl_ms=$(ms "$(median ${part[$i,cl]})")"
	}
done
# shellcheck disable=SC2086
echo "list_podman_ps_ms=$(ms "$(median ${total[cli]})")"
# shellcheck disable=SC2086
echo "list_api_ms=$(ms "$(median ${total[api]})")"
