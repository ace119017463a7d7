#!/usr/bin/env bash
# Measures production-mode start-up: from launching the published service to its first answered request.
#   bash eng/measure-startup.sh [runs]        (default 5 runs; prints each and the median, in milliseconds)
# Uses a throwaway PostgreSQL cluster (the server binaries under /usr/lib/postgresql/*/bin) whose schema is
# applied once with `db-apply`, as a production deployment does, so start-up itself migrates nothing.
set -euo pipefail
runs=${1:-5}
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
work=$(mktemp -d /tmp/disputes-startup-XXXX)
chmod 755 "$work"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres: "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg "$bin/initdb" -D "$work/pg" -U postgres --auth=trust >/dev/null
as_pg "$bin/pg_ctl" -D "$work/pg" -o "-p $port -k $work -c listen_addresses=127.0.0.1" -l "$work/pg.log" -w start >/dev/null
trap 'as_pg "$bin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
"$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "create database disputes" >/dev/null

dotnet publish src/Disputes.Api -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/app" >/dev/null
export ASPNETCORE_ENVIRONMENT=Production
export ConnectionStrings__Disputes="Host=127.0.0.1;Port=$port;Username=postgres;Database=disputes"
export Disputes__Auth__SigningKey="startup-measurement-signing-key-0123456789"
export Logging__LogLevel__Default=Warning
dotnet "$work/app/Disputes.Api.dll" db-apply >/dev/null

url=http://127.0.0.1:5299
times=()
ready_times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  dotnet "$work/app/Disputes.Api.dll" --urls "$url" >"$work/app.log" 2>&1 &
  pid=$!
  until curl -s -o /dev/null "$url/health/live"; do sleep 0.01; done
  end=$(date +%s%N)
  # Ready: the database answers, the schema is in place and Wolverine's durability agent (the timers) runs somewhere.
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready")" = 200 ]; do sleep 0.01; done
  ready=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  ms=$(( (end - start) / 1000000 ))
  ready_ms=$(( (ready - start) / 1000000 ))
  times+=("$ms")
  ready_times+=("$ready_ms")
  echo "start to first answer: ${ms} ms; to ready: ${ready_ms} ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median: $(median "${times[@]}") ms to the first answer, $(median "${ready_times[@]}") ms to ready, over $runs runs"
