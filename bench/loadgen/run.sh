#!/usr/bin/env bash
# Benchmarks the load generator against the status-backend stand-in and writes bench/loadgen.md.
# The load generator runs pinned to one core (taskset -c 0, or LOADGEN_CPUS), the stand-in to the
# other, each in its own JVM; the load generator with the image's JVM flags (loadgen/pom.xml) plus
# LOADGEN_JAVA_OPTS. For each rate in RATES (messages/s sent, one-to-one, every client in a pair)
# with CLIENTS clients, after WARMUP_SECONDS (default 30, the ChatExperiment default) and for
# MEASURE_SECONDS (default 30) of measured window: sends per second achieved, the load generator's
# CPU seconds per wall second, its peak RSS, its latency percentiles against the stand-in's ground
# truth (the stand-in delivers every message after exactly DELAY_MS), and the measurement overhead
# per message: each receipt the load generator wrote (--receipts) minus the stand-in's delivery of
# that message to that receiver. With CONTROL=1 (the default when RECEIPTS=1) a control receiver
# (ControlReceiver: one thread, blocking reads, no allocation, no collection) runs on the load
# generator's cpus and the stand-in writes it every delivery right after the frame: its delay is
# this machine's floor for any receiver there, and the load generator's receipt minus the control's
# receipt of the same message (the excess) is what the load generator adds over a minimal reader.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
CLIENTS=${CLIENTS:-500}
RATES=${RATES:-1000 2000 4000}
SECONDS_MEASURED=${MEASURE_SECONDS:-30}
DELAY_MS=${DELAY_MS:-20}
WARMUP=${WARMUP_SECONDS:-30} # the ChatExperiment default (spec.warmupSeconds)
work=$(mktemp -d /tmp/chatnet-loadgen-bench.XXXXXX)
cd "$repo"
mvn -B -q -DskipTests -Dspotless.check.skip=true -pl loadgen -am install >/dev/null
mvn -B -q -pl loadgen test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >/dev/null
# This worktree's own modules, not their jars in ~/.m2: another build on the machine may install
# its version there during the run (a class missing at the end of a run lost its summary).
cp="loadgen/target/test-classes:loadgen/target/classes:$(sed -E "s#[^:]*/io/chatnet/chatnet-([a-z]+)/[^:]*[.]jar#$repo/\1/target/classes#g" "$work/cp.txt")"
# The image's JVM flags (both images' in pom.xml, then the load generator's in loadgen/pom.xml), with
# -XX:MaxRAM=1g standing in for the load generator pod's default 1Gi memory limit: the heap the
# image's RAM percentages give in that pod.
base_flags=$(sed -n 's:.*<chatnet.image.jvm-flags>\(.*\)</chatnet.image.jvm-flags>.*:\1:p' pom.xml | tr ',' ' ')
# LOADGEN_IMAGE_FLAGS replaces them, to compare flag sets (space-separated).
image_flags=${LOADGEN_IMAGE_FLAGS:-$(sed -n 's:.*<chatnet.loadgen.jvm-flags>\(.*\)</chatnet.loadgen.jvm-flags>.*:\1:p' loadgen/pom.xml | tr ',' ' ')}
# The JDK of the load generator's image (loadgen/pom.xml, chatnet.runtime.jdk); LOADGEN_JDK replaces it.
# The stand-in and the control run on the machine's java.
loadgen_jdk=${LOADGEN_JDK:-$(sed -n 's:.*<chatnet.runtime.jdk>\(.*\)</chatnet.runtime.jdk>.*:\1:p' loadgen/pom.xml)}
[ -x "$loadgen_jdk/bin/java" ] || { echo "run.sh: no JDK at $loadgen_jdk (the load generator image's, loadgen/pom.xml)" >&2; exit 1; }
out="$repo/bench/loadgen.md"
notes=$(sed -n '/^## Notes (by hand, kept by the script)/,$p' "$out")
rows=()
for rate in $RATES; do
  setup=$(( CLIENTS / 20 + 15 ))
  total=$(( setup + WARMUP + SECONDS_MEASURED + 15 ))
  start_epoch=$(( $(date +%s) + setup ))
  start=$(date -u -d "@$start_epoch" +%Y-%m-%dT%H:%M:%SZ)
  window_from=$(( (start_epoch + WARMUP) * 1000 )); window_to=$(( (start_epoch + WARMUP + SECONDS_MEASURED) * 1000 ))
  control_port=()
  if [ "${CONTROL:-${RECEIPTS:-1}}" = 1 ]; then
    # Pinned with the load generator, normal priority, as the load generator runs. The fixed heap,
    # touched at start, holds every record (40 bytes each in its arrays): it never collects
    # during the run (its GC log shows it).
    rm -f "$work/control-port"
    taskset -c ${LOADGEN_CPUS:-0} java -XX:+UseSerialGC -Xms64m -Xmx64m -XX:+AlwaysPreTouch \
      -Xlog:gc:file="$work/control-gc-$rate.log":uptime -cp "$cp" io.chatnet.loadgen.standin.ControlReceiver \
      "$work/control-port" "$work/control-$rate.csv" $(( rate * (total + 10) + 10000 )) 2> "$work/control-$rate.log" &
    control=$!
    until [ -s "$work/control-port" ]; do sleep 0.1; done
    control_port=("$(cat "$work/control-port")")
  else
    control=
    echo "message,receiver,micros" > "$work/control-$rate.csv"
  fi
  # The stand-in's GC log goes to the work directory: a collection pause there holds deliveries
  # back and releases them in a burst, which every receiver then reads late (tail.py).
  taskset -c 1 java -Xlog:gc*,safepoint:file="$work/standin-gc-$rate.log":time,uptime,level,tags ${STANDIN_JAVA_OPTS:-} \
    -cp "$cp" io.chatnet.loadgen.standin.StandInServer "$CLIENTS" "$DELAY_MS" "$total" \
    "$work/urls" "$work/truth-$rate.json" "$window_from" "$window_to" "$work/deliveries-$rate.csv" "${control_port[@]}" &
  standin=$!
  until [ -s "$work/urls" ]; do sleep 0.2; done
  per_minute=$(awk -v r="$rate" -v n="$CLIENTS" 'BEGIN {printf "%.4f", r * 60 / n}')
  python3 - "$work/urls" "$start" "$per_minute" "$SECONDS_MEASURED" "$WARMUP" > "$work/plan.json" <<'PY'
import json, sys
urls = open(sys.argv[1]).read().split()
print(json.dumps({
  "contractVersion": 1, "experiment": "bench", "startAt": sys.argv[2], "warmupSeconds": int(sys.argv[5]),
  "durationSeconds": int(sys.argv[4]), "shards": 1, "seed": "bench",
  "clients": [{"name": f"c{i}", "url": u, "kind": "desktop"} for i, u in enumerate(urls)],
  "traffic": {"oneToOne": {"pairs": len(urls) // 2, "messagesPerMinute": float(sys.argv[3]), "payloadBytes": 256}},
  "clientSettings": {"fleet": "chatnet", "fleetsFile": "/tmp/f.json",
                     "missingMessageVerification": True, "metricsPort": 9100},
  "concurrency": 64}))
PY
  # RECEIPTS=0 leaves out the per-receipt log (kept in memory until the end: about 100 bytes per
  # receipt), to see the load generator's own memory; the overhead columns are then empty.
  receipts=(--receipts "$work/receipts-$rate.csv")
  if [ "${RECEIPTS:-1}" = 0 ]; then
    receipts=()
    echo "message,receiver,micros" > "$work/receipts-$rate.csv"
  fi
  /usr/bin/time -f "%e %U %S %M" -o "$work/time-$rate" taskset -c ${LOADGEN_CPUS:-0} "$loadgen_jdk/bin/java" -XX:MaxRAM=1g $base_flags $image_flags ${LOADGEN_JAVA_OPTS:-} -cp "$cp" io.chatnet.loadgen.Main \
    --plan "$work/plan.json" --metrics-port 0 --summary "$work/summary-$rate.json" \
    --termination-log "$work/term-$rate" --grace-seconds 3 "${receipts[@]}" > "$work/loadgen-$rate.log" 2>&1 &
  timed=$!
  # RSS and PSS of the load generator every RSS_EVERY seconds (default 15): flat over the window
  # means its memory does not grow with the number of messages.
  : > "$work/rss-$rate.tsv"
  sleep 2
  lg=$(pgrep -f -n "io.chatnet.loadgen.Main --plan $work/plan.json" || true)
  # PAUSE_LOADGEN=<stop ms>/<every ms> (a check of the control, off by default): stops the load
  # generator's process alone (SIGSTOP, then SIGCONT) for that long, that often, logging each stop
  # (epoch microseconds) to pauses-<rate>.tsv; a control receiver must not see these pauses.
  pauser=
  if [ -n "${PAUSE_LOADGEN:-}" ] && [ -n "$lg" ]; then
    IFS=/ read -r stop_ms every_ms <<<"$PAUSE_LOADGEN"
    stop_s=$(awk -v m="$stop_ms" 'BEGIN {printf "%.3f", m / 1000}')
    rest_s=$(awk -v m="$every_ms" -v s="$stop_ms" 'BEGIN {printf "%.3f", (m - s) / 1000}')
    (
      while kill -STOP "$lg" 2>/dev/null; do
        from=${EPOCHREALTIME/./}
        sleep "$stop_s"
        kill -CONT "$lg" 2>/dev/null || break
        printf '%s\t%s\n' "$from" "${EPOCHREALTIME/./}"
        sleep "$rest_s"
      done
    ) > "$work/pauses-$rate.tsv" &
    pauser=$!
  fi
  t0=$(date +%s)
  while kill -0 "$timed" 2>/dev/null; do
    if [ -n "$lg" ] && [ -r "/proc/$lg/smaps_rollup" ]; then
      awk -v t=$(( $(date +%s) - t0 )) '/^Rss:/ {r=$2} /^Pss:/ {p=$2} END {if (r) printf "%d\t%d\t%d\n", t, r/1024, p/1024}' \
        "/proc/$lg/smaps_rollup" >> "$work/rss-$rate.tsv" 2>/dev/null || true
    fi
    sleep "${RSS_EVERY:-15}"
  done
  wait "$timed"
  if [ -n "$pauser" ]; then
    kill "$pauser" 2>/dev/null || true
  fi
  echo "rss over time (s, RSS MiB, PSS MiB): $work/rss-$rate.tsv" >&2
  wait "$standin" || true
  if [ -n "$control" ]; then
    wait "$control" || true
    cat "$work/control-$rate.log" >&2
  fi
  rm -f "$work/urls"
  rows+=("$(PYTHONPATH="$repo/bench/loadgen" python3 - "$work" "$rate" "$SECONDS_MEASURED" <<'PY'
import json, math, sys
from receipts import first
work, rate, secs = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = json.load(open(f"{work}/summary-{rate}.json"))
t = json.load(open(f"{work}/truth-{rate}.json"))
elapsed, user, system, rss_kb = open(f"{work}/time-{rate}").read().split()
f = s["traffic"]["oneToOne"]
# Per message: the load generator's receipt minus the stand-in's delivery of the same message to the
# same receiver (the overhead); with the control receiver, also the control's receipt minus the
# delivery (the machine's floor) and the load generator's receipt minus the control's (the excess),
# over the messages present in all three files.
delivered = first(f"{work}/deliveries-{rate}.csv")
received = first(f"{work}/receipts-{rate}.csv")
control = first(f"{work}/control-{rate}.csv")
keys = [k for k in delivered if k in received and (not control or k in control)]
over = sorted(received[k] - delivered[k] for k in keys)
floor = sorted(control[k] - delivered[k] for k in keys) if control else []
excess = sorted(received[k] - control[k] for k in keys) if control else []
def cell(v):
    if not v:
        return "n/a"
    def at(q):
        return v[max(0, math.ceil(q * len(v)) - 1)] / 1000.0
    late = sum(1 for x in v if x > 1000)
    return f"{at(0.5):.2f} / {at(0.99):.2f} / {v[-1] / 1000.0:.2f} ({100.0 * late / len(v):.2f}%)"
lat = f["latencyMillis"]
cpu = (float(user) + float(system)) / float(elapsed)
print(f"| {rate} | {s['clients']['ready']}/{s['clients']['assigned']} | {f['sent'] / secs:.0f} | {f['received'] / secs:.0f} | "
      f"{f['deliveryRatio']:.4f} | {cpu:.2f} | {int(rss_kb) // 1024} MiB | {lat['p50']:.2f} / {t['p50']:.2f} | "
      f"{lat['p99']:.2f} / {t['p99']:.2f} | {cell(over)} | {cell(floor)} | {cell(excess)} | {len(keys)} |")
PY
)")
done
{
  echo "# Load generator: benchmark"
  echo
  echo "Produced by \`make bench-loadgen\` (bench/loadgen/run.sh) on $(date -u +%Y-%m-%d), $(nproc) cores: the load generator"
  echo "pinned to cpu ${LOADGEN_CPUS:-0}, the status-backend stand-in (delivering every message after ${DELAY_MS} ms) to cpu 1."
  echo "$CLIENTS clients in one-to-one pairs, ${SECONDS_MEASURED} s measured after a ${WARMUP} s warm-up, 256-byte messages."
  echo "Load generator JVM: $(. "$loadgen_jdk/release" && echo "${IMPLEMENTOR_VERSION:-$JAVA_RUNTIME_VERSION}") ($loadgen_jdk), the image's flags (\`$base_flags $image_flags\`) with -XX:MaxRAM=1g (the"
  echo "pod's default 1Gi limit)${LOADGEN_JAVA_OPTS:+, plus \`$LOADGEN_JAVA_OPTS\`}."
  echo
  echo "| target msg/s | clients ready | sent/s | received/s | delivery | load generator CPU (cores) | peak RSS | p50 ms: measured / truth | p99 ms: measured / truth | overhead p50 / p99 / max ms (over 1 ms) | control delay p50 / p99 / max ms (over 1 ms) | excess p50 / p99 / max ms (over 1 ms) | receipts joined |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "CPU is the load generator's user+system time over its wall time (login, setup and the wait for"
  echo "the start instant included, so it understates the load during the window). The overhead columns"
  echo "join, message by message, the load generator's receipt (\`--receipts\`) with the stand-in's delivery"
  echo "of the same message to the same receiver: their percentiles are the measurement overhead itself (the"
  echo "loopback hop plus the read path up to the arrival timestamp, taken at the frame's first fragment"
  echo "before any parsing). The stand-in stamps a delivery in its write's completion callback, which can"
  echo "run just after the frame has been read, so a few receipts precede their stamp by tens of"
  echo "microseconds and the overhead is understated by that much. The p99 columns compare whole"
  echo "distributions: a message delayed by a collection pause moves into the top 1%, so measured p99 minus"
  echo "truth p99 is larger than the p99 of the per-message overhead. The control columns (CONTROL=1, the"
  echo "default with receipts) come from a control receiver pinned to the load generator's cpus: one thread"
  echo "reading a loopback socket in blocking reads, no allocation, a fixed heap that never collects, to"
  echo "which the stand-in writes a short record per delivery right after the frame's write completed."
  echo "The control delay (its receipt minus the stand-in's stamp) is this machine's floor, what any"
  echo "receiver on those cpus suffers; the excess (the load generator's receipt minus the control's, per"
  echo "message) is what the load generator adds over that minimal reader. The record leaves a few"
  echo "microseconds after the frame, so the excess understates the load generator's delay by that much."
  echo "The overhead, control and excess columns join the messages present in all three files (\"receipts"
  echo "joined\"); in brackets, the share over 1 ms. Where the truth p99 climbs and"
  echo "sent/s falls short of the target, the stand-in (one core, Vert.x) is saturated first: that row bounds"
  echo "the stand-in, not the load generator."
  echo
  # The hand-written notes are kept from the file this run replaces.
  printf '%s\n' "$notes"
} > "$out"
cat "$out"
