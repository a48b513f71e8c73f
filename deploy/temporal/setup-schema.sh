#!/bin/sh
# Temporal's schema in its PostgreSQL, run once per `docker compose up` by the
# temporal-schema service (temporalio/admin-tools, same version as the server)
# before the server starts. Every step may run again on a set-up database:
#   create-database  refuses a database that exists (its complaint is not a failure here;
#                    a real fault, such as a wrong password, stops the setup-schema after it)
#   setup-schema -v 0.0   only creates the version tables if missing and never lowers the version
#   update-schema    applies the versions newer than the database's, none when current
# The same steps as `courtflow start`'s local engine (cli/stack/temporal-cluster.ts).
set -eu
: "${POSTGRES_SEEDS:?set POSTGRES_SEEDS}"
: "${POSTGRES_USER:?set POSTGRES_USER}"
: "${SQL_PASSWORD:?set SQL_PASSWORD (read by temporal-sql-tool)}"
port="${DB_PORT:-5432}"
schema="${TEMPORAL_SCHEMA_DIR:-/etc/temporal/schema/postgresql/v12}"

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" --port "$port" --user "$POSTGRES_USER" "$@"
}

for pair in temporal:temporal temporal_visibility:visibility; do
  database="${pair%%:*}"
  store="${pair#*:}"
  sql_tool --db "$database" create-database >/dev/null 2>&1 || true
  sql_tool --db "$database" setup-schema -v 0.0
  sql_tool --db "$database" update-schema -d "$schema/$store/versioned"
  echo "$database: schema up to date"
done
