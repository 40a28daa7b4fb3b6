#!/usr/bin/env bash
# A/B comparison of operator builds with bench/network/run.sh on a shared, loaded machine: one run
# of each size per build per round, builds interleaved and their order alternated every round, so a
# load that comes and goes hits every build alike. Prints every run and the medians per build and
# size. Environment: VARIANTS ("name=path/to/quarkus-run.jar ..."), ROUNDS (default 3), SIZES
# (default "100 1000"), and run.sh's PORT_OFFSET, FLOOR (default 0 here) and PODMONITOR_CRD.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ROUNDS=${ROUNDS:-3}
SIZES=${SIZES:-100 1000}
export FLOOR=${FLOOR:-0}
read -r -a variants <<< "${VARIANTS:?VARIANTS=\"name=jar name=jar\"}"
work=$(mktemp -d /tmp/chatnet-netbench-ab.XXXXXX)
results="$work/results.txt"
for round in $(seq "$ROUNDS"); do
  order=("${variants[@]}")
  if [ $((round % 2)) = 0 ]; then # reversed every other round
    order=(); for ((i = ${#variants[@]} - 1; i >= 0; i--)); do order+=("${variants[i]}"); done
  fi
  for n in $SIZES; do
    for v in "${order[@]}"; do
      name=${v%%=*}
      RUNS=1 SIZES=$n JAR=${v#*=} OUT="$work/out.md" RAW="$work/raw.txt" "$here/run.sh" >/dev/null
      load=$(cut -d' ' -f1 /proc/loadavg)
      line=$(grep operator-ms "$work/raw.txt")
      echo "round $round variant $name load1 $load $line" | tee -a "$results"
    done
  done
done
echo
echo "medians (operator-ms; writes; peak-rss-mib) per variant and size:"
for n in $SIZES; do
  for v in "${variants[@]}"; do
    name=${v%%=*}
    awk -v n="$n" -v name="$name" '$4 == name && $8 == n {ms[++k] = $12; w[k] = $14; r[k] = $16}
      function med(a, k,   s, i, j, t) { for (i = 1; i <= k; i++) s[i] = a[i]
        for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
        return k % 2 ? s[(k + 1) / 2] : (s[k / 2] + s[k / 2 + 1]) / 2 }
      END { if (k) printf "size %s %s: %d ms; %s writes; %s MiB (%d runs)\n", n, name, med(ms, k), med(w, k), med(r, k), k }' "$results"
  done
done
echo "all runs: $results"
