#!/usr/bin/env bash
# Run once by the postgres image when it creates the primary: lets the standby of the cluster profile stream from it.
echo "host replication registry all scram-sha-256" >> "$PGDATA/pg_hba.conf"
