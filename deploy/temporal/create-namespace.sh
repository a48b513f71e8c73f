#!/bin/sh
# The namespace courtflow runs in, registered once the server answers; run by
# the temporal-namespace service (temporalio/admin-tools) on every
# `docker compose up`: a namespace that exists is left as it is.
set -eu
address="${TEMPORAL_ADDRESS:?set TEMPORAL_ADDRESS}"
namespace="${TEMPORAL_NAMESPACE:-default}"
# Closed cases' histories are kept this long: an auditor replays them.
retention="${TEMPORAL_NAMESPACE_RETENTION:-720h}"

tries=0
until temporal operator cluster health --address "$address" >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 60 ] || { echo "Temporal at $address did not become healthy"; exit 1; }
  sleep 2
done

if temporal operator namespace describe --namespace "$namespace" --address "$address" >/dev/null 2>&1; then
  echo "namespace $namespace exists"
else
  temporal operator namespace create --namespace "$namespace" --retention "$retention" --address "$address"
  echo "namespace $namespace created (retention $retention)"
fi
