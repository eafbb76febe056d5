#!/usr/bin/env bash
# Starts the registry with demo data: a local PostgreSQL (scripts/postgres.sh), the schema, the demo
# organizations and lots, the web pages (built with Node.js: scripts/web.sh), and the API on http://127.0.0.1:5080 (REGISTRY_URLS to change it). Ctrl+C stops the
# API; `./scripts/postgres.sh stop` stops PostgreSQL.
# With arguments it runs that command of the registry against the same database instead of the API, e.g.
# `./run.sh projections rebuild` rebuilds every projection from the events (stop the API first).
set -euo pipefail
cd "$(dirname "$0")"

ConnectionStrings__Registry="$(./scripts/postgres.sh start)"
export ConnectionStrings__Registry
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
urls="${REGISTRY_URLS:-http://127.0.0.1:5080}"
# GS1's EPCIS JSON Schema, which the capture door validates with, from the shared examples beside the repository.
schema="$(cd .. && pwd)/shared/epcis-examples/EPCIS-JSON-Schema.json"
if [ -z "${Registry__Epcis__JsonSchemaFile:-}" ] && [ -f "$schema" ]; then export Registry__Epcis__JsonSchemaFile="$schema"; fi

./scripts/web.sh
dotnet build src/Registry.Api -c Release -nologo -v quiet
if [ "$#" -gt 0 ]; then
  exec dotnet run --project src/Registry.Api -c Release --no-build --no-launch-profile -- "$@"
fi
cat <<TXT
Registry starting on $urls (PostgreSQL: $ConnectionStrings__Registry)
  dashboard: $urls/   GraphQL (GraphiQL in a browser): $urls/graphql   REST reference: $urls/scalar
  health: $urls/health/live, $urls/health/ready
  demo API keys: demo-admin, demo-maker, demo-recycler, demo-ministry (see README.md)
TXT
exec dotnet run --project src/Registry.Api -c Release --no-build --no-launch-profile -- --urls "$urls"
