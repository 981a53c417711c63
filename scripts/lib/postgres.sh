# A throw-away PostgreSQL server for the tests: its own data directory and socket in a temporary
# directory, a free port on 127.0.0.1 only, a random password, run by an unprivileged user, and
# stopped and deleted when the calling script exits.

start_throwaway_postgres() {
  local bindir port pw owner
  bindir=$(_pg_bindir) || { echo "error: PostgreSQL is not installed" >&2; return 1; }
  PG_TMP=$(mktemp -d /tmp/praxis-pg.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  pw=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  printf '%s\n' "$pw" > "$PG_TMP/pw"

  # PostgreSQL refuses to run as root: use an unprivileged system user then.
  _pg_run=()
  if [ "$(id -u)" = 0 ]; then
    owner=praxis-test-pg
    id "$owner" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
    chown -R "$owner" "$PG_TMP"
    _pg_run=(runuser -u "$owner" --)
  fi

  "${_pg_run[@]}" "$bindir/initdb" -D "$PG_TMP/data" -U praxis --pwfile="$PG_TMP/pw" \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PG_TMP/initdb.log" 2>&1 \
    || { cat "$PG_TMP/initdb.log" >&2; return 1; }
  # fsync off: the data is thrown away; durability is SQLite's and PostgreSQL's own business.
  "${_pg_run[@]}" "$bindir/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 start \
      -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" >/dev/null \
    || { cat "$PG_TMP/server.log" >&2; return 1; }
  _PG_BINDIR=$bindir
  trap stop_throwaway_postgres EXIT
  export PRAXIS_TEST_PG_URL="postgres://praxis:$pw@127.0.0.1:$port/postgres"
  echo "== throw-away PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

stop_throwaway_postgres() {
  [ -n "${PG_TMP:-}" ] || return 0
  "${_pg_run[@]}" "$_PG_BINDIR/pg_ctl" -D "$PG_TMP/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_TMP"
  PG_TMP=
}
