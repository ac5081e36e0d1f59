# Sourced by scripts that need a PostgreSQL server for their lifetime: makes $work (a temporary
# folder the postgres user can enter), starts a throw-away server in it, puts its connection
# string in $postgres, and stops the server and removes $work when the script exits.
work="$(mktemp -d /tmp/tracking.XXXXXX)"
chmod 755 "$work"  # the server runs as the postgres user when we are root
_throwaway="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/throwaway-server.sh"
trap '"$_throwaway" stop "$work/pg" || true; rm -rf "$work"' EXIT
postgres="$("$_throwaway" start "$work/pg")"
