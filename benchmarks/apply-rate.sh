#!/usr/bin/env bash
# Rate-limited apply (#20): Pod Identity for N control planes on a sandbox whose EKS answers at most RATE requests a
# second (a token bucket, burst = rate, throttling answered as EKS does), through bin/billing-identity, JVM included.
#
#   mvn -B -q -pl distribution -am package -DskipTests && benchmarks/apply-rate.sh [control planes] [EKS rate]
#
# Defaults: 400 control planes, 20 requests/s. Prints the apply's wall time and exit code, the EKS requests the
# sandbox accepted and throttled during the apply (its admin endpoint's /aws-calls), the achieved rate (accepted / wall)
# against the limit, and the associations the aws CLI then lists. LATENCY_MS (default 20) is the sandbox's AWS answer
# latency. Needs GNU time, curl and the aws CLI. Loopback only: nothing leaves the machine.
set -euo pipefail

planes=${1:-400}
rate=${2:-20}
latency=${LATENCY_MS:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
launcher=$root/distribution/target/billing-identity/bin/billing-identity
[ -x "$launcher" ] || { echo "no distribution: mvn -B -q -pl distribution -am package -DskipTests" >&2; exit 1; }
for tool in aws curl /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "$tool not found" >&2; exit 1; }
done

. "$root/benchmarks/sandbox.sh"
start_sandbox "$launcher" --control-planes "$planes" --eks-rate-limit "$rate" --aws-latency-ms "$latency"

sleep 2   # let the token bucket fill after the sandbox's own start
curl -sS -X DELETE "$admin/aws-calls" >/dev/null

set +e
/usr/bin/time -f '%e' -o "$work/time" "$launcher" apply --yes --mode pod-identity --cluster spaces-sandbox \
  --role-name spaces-billing --bucket acme-billing --region us-east-1 --discover --aws-endpoint "$endpoint" \
  --kubeconfig "$kubeconfig" --progress never >"$work/apply.out" 2>"$work/apply.err"
code=$?
set -e
wall=$(cat "$work/time")
calls=$(curl -sS "$admin/aws-calls")
eks=$(printf '%s\n' "$calls" | awk '$1 == "EKS"')
accepted=$(printf '%s\n' "$eks" | sed -n 's/.*accepted=\([0-9]*\).*/\1/p')
throttled=$(printf '%s\n' "$eks" | sed -n 's/.*throttled=\([0-9]*\).*/\1/p')
associations=$(aws eks list-pod-identity-associations --cluster-name spaces-sandbox --endpoint-url "$endpoint" \
  --query 'associations[].associationId' --output text | wc -w | tr -d ' ')   # text output: one line a page

echo "apply of $planes control planes, EKS limited to $rate/s (burst $rate), AWS latency ${latency} ms"
echo "  exit code:          $code"
echo "  wall (JVM incl.):   ${wall} s"
echo "  EKS requests:       ${accepted:-?} accepted, ${throttled:-?} throttled"
awk -v a="${accepted:-0}" -v w="$wall" -v r="$rate" \
  'BEGIN { printf "  achieved rate:      %.1f/s = %.0f%% of the limit\n", a / w, 100 * a / w / r }'
echo "  associations:       $associations listed by the aws CLI"
echo "  all AWS requests during the apply:"
printf '%s\n' "$calls" | sed 's/^/    /'
if [ "$code" -ne 0 ]; then echo "apply failed:" >&2; tail -20 "$work/apply.err" >&2; exit "$code"; fi
