#!/usr/bin/env bash
# CLI start (#20): a read-only `plan` of N control planes on the sandbox, JVM included, against one aws CLI call.
#
#   mvn -B -q -pl distribution -am package -DskipTests && benchmarks/cli-start.sh [control planes] [runs]
#
# Starts the sandbox (its own JVM, C2 and G1, as bin/billing-identity starts it) with N control planes (default 40),
# then, interleaved, RUNS times each (default 5; one warm-up round first, not counted):
#   aws       aws eks list-clusters against the sandbox (the aws CLI v1 on PATH)
#   java-jar  java -jar lib/billing-identity.jar plan ...       (no flags: what a user types)
#   launcher  bin/billing-identity plan ...                      (the archive, C1, serial GC)
# and prints the median and range of wall time, the median CPU (user + sys), and the classes each JVM loaded (one more
# run with -Xlog:class+load; "shared": those the archive gave), and the CPU time the host took from this VM meanwhile
# (steal, from /proc/stat). MODE=irsa|pod-identity (default pod-identity).
# Needs GNU time (/usr/bin/time). Loopback only: nothing leaves the machine.
set -euo pipefail

planes=${1:-40}
runs=${2:-5}
mode=${MODE:-pod-identity}
root=$(cd "$(dirname "$0")/.." && pwd)
dist=$root/distribution/target/billing-identity
if [ ! -x "$dist/bin/billing-identity" ]; then
  echo "no distribution: mvn -B -q -pl distribution -am package -DskipTests" >&2
  exit 1
fi
for tool in aws /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "$tool not found" >&2; exit 1; }
done
launcher=$dist/bin/billing-identity
jar=$dist/lib/billing-identity.jar
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

. "$root/benchmarks/sandbox.sh"
start_sandbox "$launcher" --control-planes "$planes"

plan=(plan --mode "$mode" --cluster spaces-sandbox --role-name spaces-billing --bucket acme-billing
  --region us-east-1 --discover --trust-policy-quota 8192 --aws-endpoint "$endpoint"
  --kubeconfig "$kubeconfig" --progress never)

run() {   # name, command...: one timed run, "wall cpu" appended to $work/<name>
  local name=$1; shift
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >"$work/out" 2>"$work/err" \
    || { echo "$name failed:" >&2; cat "$work/err" >&2; exit 1; }
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$work/time" >>"$work/$name"
}
round() {
  run aws aws eks list-clusters --endpoint-url "$endpoint"
  run java-jar "$java" -jar "$jar" "${plan[@]}"
  run launcher "$launcher" "${plan[@]}"
}
round
rm -f "$work/aws" "$work/java-jar" "$work/launcher"
# The time the host took from this VM during the counted rounds (steal, in /proc/stat's clock ticks), when Linux says.
steal() { awk '/^cpu / { print $9 }' /proc/stat 2>/dev/null || echo 0; }
steal_before=$(steal)
for _ in $(seq 1 "$runs"); do round; done
steal_after=$(steal)

classes() {   # the classes one run loads, and how many came from the archive
  local log=$work/classes.log
  rm -f "$log"
  "$@" >/dev/null 2>&1
  printf '%s (%s shared)' "$(wc -l <"$log" | tr -d ' ')" "$(grep -c 'shared objects file' "$log" || true)"
}
jar_classes=$(classes "$java" -Xlog:class+load:file="$work/classes.log" -jar "$jar" "${plan[@]}")
launcher_classes=$(BILLING_IDENTITY_OPTS="-Xlog:class+load:file=$work/classes.log" classes "$launcher" "${plan[@]}")

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
aws_median=$(cut -d' ' -f1 "$work/aws" | median)
echo "plan --mode $mode of $planes control planes on the sandbox; $runs runs each, interleaved; $(nproc) CPUs"
echo "java: $("$java" -version 2>&1 | head -1)"
echo "steal during the counted rounds: $(awk -v a="$steal_before" -v b="$steal_after" -v hz="$(getconf CLK_TCK)" \
  'BEGIN { printf "%.1f", (b - a) / hz }') s (time the host took from this machine; it slows every run)"
printf '%-9s %12s %14s %10s %10s  %s\n' "" "wall median" "wall range" "CPU median" "x aws" "classes"
for name in aws java-jar launcher; do
  wall=$(cut -d' ' -f1 "$work/$name" | median)
  range="$(cut -d' ' -f1 "$work/$name" | sort -n | head -1)-$(cut -d' ' -f1 "$work/$name" | sort -n | tail -1)"
  cpu=$(cut -d' ' -f2 "$work/$name" | median)
  case $name in
    java-jar) cls=$jar_classes ;;
    launcher) cls=$launcher_classes ;;
    *) cls=- ;;
  esac
  printf '%-9s %10s s %12s s %8s s %9.2fx  %s\n' "$name" "$wall" "$range" "$cpu" \
    "$(awk -v a="$wall" -v b="$aws_median" 'BEGIN { print a / b }')" "$cls"
done
