-- Creates one database per department service, for servers where the services' own database user
-- may not CREATE DATABASE. Services create their database themselves when they can, so this is optional.
-- Run once as a superuser:  psql -U postgres -f deploy/postgres/init.sql
-- (docker-compose.yml runs it automatically when the postgres volume is first created.)
-- Safe to re-run: \gexec creates only the databases that are missing.

SELECT format('CREATE DATABASE %I', name)
FROM unnest(ARRAY[
  'district_enrollment',
  'district_transportation',
  'district_food',
  'district_facilities',
  'district_technology',
  'district_labor_relations'
]) AS name
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = name)
\gexec
