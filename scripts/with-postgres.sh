#!/usr/bin/env bash
# Run a command with DATABASE_URL pointing at a throwaway PostgreSQL.
#
#   scripts/with-postgres.sh .venv/bin/python -m pytest -m db
#
# The cluster lives in a temporary folder: made with initdb, listening only
# on a unix socket in that folder, stopped and deleted when the command ends,
# whether it passed, failed or was interrupted. Durability is switched off
# (fsync, synchronous commit): the data is thrown away anyway, and it makes
# the run seconds faster. As root (CI) the server runs as the `postgres`
# user, since PostgreSQL refuses to run as root; PostgreSQL itself comes from
# Debian's packages, installed if missing.
set -euo pipefail

find_bindir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

bindir=$(find_bindir)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "with-postgres: PostgreSQL is not installed; run 'sudo apt-get install postgresql' first." >&2
    exit 1
  fi
  echo "Installing Debian's postgresql for the second test run"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  bindir=$(find_bindir)
fi

workdir=$(mktemp -d /tmp/quizapp-pg.XXXXXX)
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$workdir"
  as_owner=(runuser -u postgres --)
fi

stop() {
  status=$?
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
  exit "$status"
}
trap stop EXIT
trap 'exit 130' INT TERM

"${as_owner[@]}" "$bindir/initdb" -D "$workdir/data" -U quizapp -A trust -E UTF8 --locale=C --no-sync >/dev/null
"${as_owner[@]}" "$bindir/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w -s start \
  -o "-k $workdir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  || { cat "$workdir/server.log" >&2; exit 1; }
"${as_owner[@]}" "$bindir/createdb" -h "$workdir" -U quizapp quizapp_test

export DATABASE_URL="postgresql+psycopg://quizapp@/quizapp_test?host=$workdir"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') at $workdir"
"$@"
