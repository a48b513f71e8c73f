#!/bin/sh
# Run once by the postgres image on a new data volume (docker-entrypoint-initdb.d):
# the two roles courtflow connects as (README, "Security of the stored record").
# The owner runs migrations; the application connects as courtflow_app, which
# owns nothing and may only append to and read the audit log.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE courtflow_owner LOGIN PASSWORD '${COURTFLOW_OWNER_PASSWORD}' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE ROLE courtflow_app   LOGIN PASSWORD '${COURTFLOW_APP_PASSWORD}'   NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE courtflow OWNER courtflow_owner;
REVOKE ALL ON DATABASE courtflow FROM PUBLIC;
GRANT CONNECT ON DATABASE courtflow TO courtflow_owner, courtflow_app;
SQL
