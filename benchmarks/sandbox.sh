# Sourced by the benchmark scripts: start_sandbox LAUNCHER ARGS... starts `LAUNCHER sandbox ARGS...` in its own JVM,
# waits for it (at most 120 s) and sets $work (a temporary directory, removed on exit), $kubeconfig, $endpoint (AWS)
# and $admin (the sandbox's admin endpoint); the sandbox is stopped on exit. Also exports the sandbox's credentials.
work=$(mktemp -d)
sandbox_pid=
cleanup() {
  if [ -n "$sandbox_pid" ]; then kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

start_sandbox() {
  local launcher=$1; shift
  kubeconfig=$work/sandbox.kubeconfig
  "$launcher" sandbox "$@" --kubeconfig-out "$kubeconfig" >"$work/sandbox.out" 2>&1 &
  sandbox_pid=$!
  for _ in $(seq 1 240); do
    grep -q 'sandbox ready' "$work/sandbox.out" && break
    kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.out" >&2; exit 1; }
    sleep 0.5
  done
  grep -q 'sandbox ready' "$work/sandbox.out" || { echo "the sandbox did not start in 120 s" >&2; exit 1; }
  endpoint=$(sed -n 's/^ *aws endpoint: *//p' "$work/sandbox.out")
  admin=$(sed -n 's/^ *admin endpoint: *//p' "$work/sandbox.out")
  export AWS_ACCESS_KEY_ID=AKIASANDBOXEXAMPLE00 AWS_SECRET_ACCESS_KEY=sandbox-secret-not-a-real-key \
    AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
  unset AWS_PROFILE AWS_ENDPOINT_URL JAVA_OPTS BILLING_IDENTITY_OPTS
}
