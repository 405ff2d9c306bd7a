#!/usr/bin/env bash
# Long fuzzing of the core: runs each cargo-fuzz target for N seconds, one at a time, and appends
# the figures (executions, exec/s, coverage, features, crashes) to docs/fuzzing.md.
#
#   scripts/fuzz.sh [seconds-per-target] [target ...]     (default: 600 s; all three targets)
#   FUZZ_ARGS="-max_len=256" scripts/fuzz.sh 600 normalise  (extra libFuzzer flags)
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). One libFuzzer process
# at a time, in-process (the equivalent of -jobs=1 -workers=1 without libFuzzer's fuzz-N.log
# redirection). A crash stops libFuzzer; the script keeps the artifact and restarts the target
# for the rest of its time, so one bug doesn't end the run. Idempotence violations (a known open
# bug class) are logged to crate/fuzz/findings/<target>/ instead of stopping the run; set
# HEADSUP_FUZZ_STRICT=1 to make them crashes again.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
secs="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(normalise scan_message conversation)
doc="$root/docs/fuzzing.md"
fuzz="$root/crate/fuzz"

# HEADSUP_FUZZ_REV=<git revision>: fuzz that commit (exported to a temporary directory) rather
# than the working tree, so a long run is not broken by work in progress in a shared tree.
build_dir="$fuzz"
commit="$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet -- crate/src crate/rules crate/build.rs || echo '+dirty')"
if [ -n "${HEADSUP_FUZZ_REV:-}" ]; then
  commit="$(git -C "$root" rev-parse --short "$HEADSUP_FUZZ_REV")"
  snap="${TMPDIR:-/tmp}/headsup-fuzz-$commit"
  if [ ! -f "$snap/crate/fuzz/Cargo.toml" ]; then
    mkdir -p "$snap"
    git -C "$root" archive "$commit" Cargo.toml Cargo.lock crate | tar -x -C "$snap"
  fi
  build_dir="$snap/crate/fuzz"
fi
# Release (cargo-fuzz's default), debug assertions on; no ASan (the crate forbids unsafe code)
# and no comparison tracing: both cost 5-10x throughput here (see docs/fuzzing.md).
(cd "$build_dir" && cargo +nightly fuzz build -s none --no-trace-compares >&2)
bin="$build_dir/target/x86_64-unknown-linux-gnu/release"
cd "$fuzz"

for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t" "findings/$t"
  log="$fuzz/target/fuzz-$t.log"
  : > "$log"
  before=$(ls "artifacts/$t" | wc -l)
  start=$(date +%s)
  execs=0
  runs=0
  while :; do
    left=$(( secs - ($(date +%s) - start) ))
    [ "$left" -le 0 ] && break
    runs=$((runs + 1))
    set +e
    : > "$log.run"
    if [ -n "${HEADSUP_FUZZ_STRICT:-}" ]; then
      "$bin/$t" "corpus/$t" "seeds/$t" -max_total_time="$left" -print_final_stats=1 -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix="artifacts/$t/" ${FUZZ_ARGS:-} >"$log.run" 2>&1
    else
      HEADSUP_FUZZ_SOFT_IDEMPOTENCE="$fuzz/findings/$t" "$bin/$t" "corpus/$t" "seeds/$t" -max_total_time="$left" \
        -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="artifacts/$t/" ${FUZZ_ARGS:-} >"$log.run" 2>&1
    fi
    rc=$?
    set -e
    cat "$log.run" >>"$log"
    n=$(grep 'stat::number_of_executed_units' "$log.run" | tail -1 | awk '{print $2}')
    execs=$(( execs + ${n:-0} ))
    [ "$rc" -eq 0 ] && break
    echo "fuzz.sh: $t stopped with status $rc (crash kept in crate/fuzz/artifacts/$t), restarting" >&2
    sleep 1
  done
  dur=$(( $(date +%s) - start ))
  last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1)
  cov=$(sed -E 's/.*cov: ([0-9]+).*/\1/' <<<"$last")
  ft=$(sed -E 's/.*ft: ([0-9]+).*/\1/' <<<"$last")
  corp=$(sed -E 's/.*corp: ([0-9]+)\/.*/\1/' <<<"$last")
  rate=$(( dur > 0 ? execs / dur : 0 ))
  crashes=$(( $(ls "artifacts/$t" | wc -l) - before ))
  idem=$(ls "findings/$t" | wc -l)
  row="| $(date -u +%Y-%m-%d) | \`$commit\` | $t${FUZZ_ARGS:+ (${FUZZ_ARGS})} | ${dur} s | ${execs} | ${rate} | ${cov} | ${ft} | ${corp} | ${crashes} | ${idem} |"
  echo "$row"
  echo "$row" >>"$doc"
done
