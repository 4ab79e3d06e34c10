#!/bin/sh
# aza-pg healthcheck ticker, installed and started by 'aza-pg engine setup'.
#
# Podman schedules healthchecks with systemd timers. On hosts without systemd nothing runs
# them, and containers stay "(starting)" forever: compose's "condition: service_healthy" and
# "up --wait" hang. Every few seconds this runs the healthcheck of each container whose
# health is starting, healthy or unhealthy; 'podman healthcheck run' updates its status.
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
interval="${AZA_PG_TICKER_INTERVAL:-2}"
while :; do
  podman ps --format '{{.ID}} {{.Status}}' 2>/dev/null | {
    while read -r id status; do
      case "$status" in
        *"(starting)"* | *"(healthy)"* | *"(unhealthy)"*)
          podman healthcheck run "$id" >/dev/null 2>&1 &
          ;;
      esac
    done
    wait
  }
  sleep "$interval"
done
