#!/usr/bin/env bash
# One PostgreSQL role per service, owning its own database; no other role may connect to that database
# (ADR 0024). Idempotent: safe to run again (it also resets the passwords to the current Secret values).
# Used by docker compose (/docker-entrypoint-initdb.d) and by the Kubernetes Job `postgres-init`.
#
# Connection: the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE) of an
# administrator role (compose: the image's POSTGRES_USER on the local socket).
# Passwords: POSTGRES_<SERVICE>_PASSWORD, e.g. POSTGRES_TRANSPORTATION_PASSWORD, POSTGRES_LABOR_RELATIONS_PASSWORD.
# DISTRICT_SERVICES (space separated) chooses the services; DATABASE_PREFIX (default district_) and
# ROLE_PREFIX (default none) exist for tests.
set -euo pipefail

services="${DISTRICT_SERVICES:-enrollment transportation food facilities technology labor-relations gateway}"
db_prefix="${DATABASE_PREFIX:-district_}"
role_prefix="${ROLE_PREFIX:-}"
if [ -n "${POSTGRES_USER:-}" ] && [ -z "${PGUSER:-}" ]; then export PGUSER="$POSTGRES_USER"; fi

for svc in $services; do
  name="${svc//-/_}"
  password_var="POSTGRES_${name^^}_PASSWORD"
  if [ -z "${!password_var:-}" ]; then
    echo "postgres init: $password_var is not set (the password of role ${role_prefix}${name})" >&2
    exit 1
  fi
  # the password travels through the environment (\getenv), never on a command line
  psql -v ON_ERROR_STOP=1 -X -q -d "${PGDATABASE:-postgres}" \
    -v role="${role_prefix}${name}" -v db="${db_prefix}${name}" -v password_var="$password_var" <<'SQL'
\getenv password :password_var
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD %L', :'role', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'role') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', :'db', :'role') \gexec
SQL
  echo "postgres init: role ${role_prefix}${name} owns database ${db_prefix}${name}"
done
