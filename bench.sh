#!/usr/bin/env bash
# Runs the benchmark suite (not part of ./test.sh): builds the API and the driver in Release, starts its own
# PostgreSQL on port 5435 (REGISTRY_BENCH_PG_PORT, database registry_bench, wiped per dataset size), runs every
# measurement and writes docs/benchmarks.md. Arguments go to the driver, e.g. ./bench.sh --lots 100000,1000000;
# ./bench.sh --only epcis runs only the COPY baseline and the EPCIS sections (capture, queries over 1M SQL-generated events)
# into docs/benchmarks-epcis.md; --only commands the single commands on a fresh registry, printing the API's process id
# to profile (options: benchmarks/Registry.Benchmarks/Setup.cs). Capture needs the GS1 EPCIS JSON Schema:
# Registry__Epcis__JsonSchemaFile, else ../shared/epcis-examples/EPCIS-JSON-Schema.json beside the repository.
set -euo pipefail
cd "$(dirname "$0")"

export REGISTRY_PG_PORT="${REGISTRY_BENCH_PG_PORT:-5435}" REGISTRY_PG_DB=registry_bench
REGISTRY_BENCH_CONNECTION="$(./scripts/postgres.sh start)"
export REGISTRY_BENCH_CONNECTION
trap './scripts/postgres.sh stop' EXIT

dotnet build src/Registry.Api -c Release -nologo -v quiet
dotnet build benchmarks/Registry.Benchmarks -c Release -nologo -v quiet
dotnet benchmarks/Registry.Benchmarks/bin/Release/net10.0/Registry.Benchmarks.dll "$@"
