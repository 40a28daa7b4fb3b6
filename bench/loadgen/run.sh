#!/usr/bin/env bash
# Benchmarks the load generator against the status-backend stand-in and writes bench/loadgen.md.
# The load generator runs pinned to one core (taskset -c 0), the stand-in to the other, each in its
# own JVM. For each rate in RATES (messages/s sent, one-to-one, every client in a pair) with CLIENTS
# clients, for MEASURE_SECONDS (default 30) of measured window: sends per second achieved, the load generator's CPU
# seconds per wall second, its peak RSS, and the latency it measured against the stand-in's ground
# truth (the stand-in delivers every message after exactly DELAY_MS; the difference is the load
# generator's measurement overhead, plus the loopback hop).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
CLIENTS=${CLIENTS:-500}
RATES=${RATES:-1000 2000 4000}
SECONDS_MEASURED=${MEASURE_SECONDS:-30}
DELAY_MS=${DELAY_MS:-20}
work=$(mktemp -d /tmp/chatnet-loadgen-bench.XXXXXX)
cd "$repo"
mvn -B -q -DskipTests -Dspotless.check.skip=true -pl loadgen -am install >/dev/null
mvn -B -q -pl loadgen test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >/dev/null
cp="loadgen/target/test-classes:loadgen/target/classes:$(cat "$work/cp.txt")"
out="$repo/bench/loadgen.md"
rows=()
for rate in $RATES; do
  setup=$(( CLIENTS / 20 + 15 ))
  total=$(( setup + 5 + SECONDS_MEASURED + 15 ))
  start_epoch=$(( $(date +%s) + setup ))
  start=$(date -u -d "@$start_epoch" +%Y-%m-%dT%H:%M:%SZ)
  window_from=$(( (start_epoch + 5) * 1000 )); window_to=$(( (start_epoch + 5 + SECONDS_MEASURED) * 1000 ))
  taskset -c 1 java -cp "$cp" io.chatnet.loadgen.standin.StandInServer "$CLIENTS" "$DELAY_MS" "$total" \
    "$work/urls" "$work/truth-$rate.json" "$window_from" "$window_to" &
  standin=$!
  until [ -s "$work/urls" ]; do sleep 0.2; done
  per_minute=$(awk -v r="$rate" -v n="$CLIENTS" 'BEGIN {printf "%.4f", r * 60 / n}')
  python3 - "$work/urls" "$start" "$per_minute" "$SECONDS_MEASURED" > "$work/plan.json" <<'PY'
import json, sys
urls = open(sys.argv[1]).read().split()
print(json.dumps({
  "experiment": "bench", "startAt": sys.argv[2], "warmupSeconds": 5,
  "durationSeconds": int(sys.argv[4]), "shards": 1, "seed": "bench",
  "clients": [{"name": f"c{i}", "url": u, "kind": "desktop"} for i, u in enumerate(urls)],
  "traffic": {"oneToOne": {"pairs": len(urls) // 2, "messagesPerMinute": float(sys.argv[3]), "payloadBytes": 256}},
  "clientSettings": {"fleet": "chatnet", "fleetsFile": "/tmp/f.json", "storeConfirmation": True,
                     "missingMessageVerification": True, "metricsPort": 9100},
  "concurrency": 64}))
PY
  /usr/bin/time -f "%e %U %S %M" -o "$work/time-$rate" taskset -c 0 java -Xmx1g ${LOADGEN_JAVA_OPTS:-} -cp "$cp" io.chatnet.loadgen.Main \
    --plan "$work/plan.json" --metrics-port 0 --summary "$work/summary-$rate.json" \
    --termination-log "$work/term-$rate" --grace-seconds 3 > "$work/loadgen-$rate.log" 2>&1
  wait "$standin" || true
  rm -f "$work/urls"
  rows+=("$(python3 - "$work" "$rate" "$SECONDS_MEASURED" <<'PY'
import json, sys
work, rate, secs = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = json.load(open(f"{work}/summary-{rate}.json"))
t = json.load(open(f"{work}/truth-{rate}.json"))
elapsed, user, system, rss_kb = open(f"{work}/time-{rate}").read().split()
f = s["traffic"]["oneToOne"]
lat = f["latencyMillis"]
cpu = (float(user) + float(system)) / float(elapsed)
print(f"| {rate} | {s['clients']['ready']}/{s['clients']['assigned']} | {f['sent'] / secs:.0f} | {f['received'] / secs:.0f} | "
      f"{f['deliveryRatio']:.4f} | {cpu:.2f} | {int(rss_kb) // 1024} MiB | {lat['p50']:.2f} / {t['p50']:.2f} | "
      f"{lat['p99']:.2f} / {t['p99']:.2f} | {lat['p99'] - t['p99']:.2f} ms |")
PY
)")
done
{
  echo "# Load generator: benchmark"
  echo
  echo "Produced by \`make bench-loadgen\` (bench/loadgen/run.sh) on $(date -u +%Y-%m-%d), $(nproc) cores: the load generator"
  echo "pinned to one core, the status-backend stand-in (delivering every message after ${DELAY_MS} ms) to the other."
  echo "$CLIENTS clients in one-to-one pairs, ${SECONDS_MEASURED} s measured after a 5 s warm-up, 256-byte messages."
  echo
  echo "| target msg/s | clients ready | sent/s | received/s | delivery | load generator CPU (cores) | peak RSS | p50 ms: measured / truth | p99 ms: measured / truth | p99 overhead |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "CPU is the load generator's user+system time over its wall time (login, setup and the wait for"
  echo "the start instant included, so it understates the load during the window); the overhead column is"
  echo "the measured p99 minus the stand-in's ground-truth p99 for the same messages. Where the truth p99"
  echo "itself climbs and sent/s falls short of the target, the stand-in (one core, Vert.x) is saturated"
  echo "first: that row bounds the stand-in, not the load generator. The stand-in stamps a delivery when its"
  echo "frame's write has completed, so the overhead column is the loopback hop plus the load generator's"
  echo "read path up to its arrival timestamp (the frame's first fragment, before any parsing)."
  echo
  echo "## Notes (by hand, kept by the script)"
  echo
  echo "- The p99 overhead spreads from run to run: earlier runs at 2000 msg/s on 2026-11-26 gave 0.97, 1.08,"
  echo "  1.36 and 1.51 ms (the last with GC logging on), and 1.29 and 1.66 ms before the websocket change below."
  echo "  At 1000 msg/s runs gave 0.87, 1.07 and 1.16 ms. So the overhead is about 1 ms at p99 at both rates:"
  echo "  the goal (under 1 ms) is met in some runs, not reliably."
  echo "- Pinned to one core the JVM picks the serial collector: a young pause of about 4.5 ms every 200 ms at"
  echo "  2000 msg/s (LOADGEN_JAVA_OPTS=-Xlog:gc:file=...). A larger young generation did not lower the p99"
  echo "  overhead (1.49 ms) and ZGC raised it (3.67 ms): on one core its concurrent work competes with the reads."
  echo "- Signals' websockets use their own HTTP client whose callbacks run on its selector thread (no hand-off"
  echo "  to an executor); the stand-in's delivery logs are append-only queues (a copy-on-write list had made the"
  echo "  stand-in, not the load generator, the bottleneck at 4000 msg/s: 2598 msg/s then, 3650 to 3850 now)."
} > "$out"
cat "$out"
