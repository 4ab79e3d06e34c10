# shellcheck shell=bash
# aza-pg: runs a non-executable /docker-entrypoint-initdb.d/*.sh in a bash child shell.
# The official image sources such files into its entrypoint; this prelude gives them the same
# shell options and the helper they use most. Variables they set do not outlive the file.
set -Eeo pipefail
docker_process_sql() {
	local query_runner=( psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc )
	if [ -n "$POSTGRES_DB" ]; then
		query_runner+=( --dbname "$POSTGRES_DB" )
	fi
	PGHOST='' PGHOSTADDR='' "${query_runner[@]}" "$@"
}
