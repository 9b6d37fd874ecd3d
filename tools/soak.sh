#!/usr/bin/env bash
# tools/soak.sh — the soak run of issue 11: runs scenarios/soak.yaml (about 30 minutes) and checks
# that LoopBench leaks nothing. While the run goes on it samples the loopbench process every
# SOAK_INTERVAL seconds (RSS, open fds, threads) into samples.csv; at the end it checks:
#   - the run exited 0 and every case passed;
#   - memory is flat: the median RSS of the last quarter of the samples is within
#     SOAK_RSS_GROWTH_PCT (default 20) % of the median of the first quarter (after the first sample);
#   - fds and LoopBench's own threads return to where they started: the lowest count of the last
#     quarter is no higher than the lowest of the first quarter (+2); thread-pool workers (".NET TP
#     Worker") come and go with load, so they only fail the check while still growing at the end:
#     the lowest of the last quarter above the highest of the first half;
#   - no network namespace and no process of this run is left, and no loopbench-* temp file
#     (the run gets a private TMPDIR, so other LoopBench users on the host do not disturb the check).
# Not part of CI. Overrides (environment):
#   SOAK_REPS=N      repetitions per case (the scenario has 16)
#   SOAK_TIME=2s     measured window per repetition (the scenario has 5s)
#   SOAK_SANDBOX=1   every case in its own network namespace (--set mtu=65536; needs root)
#   SOAK_INTERVAL=5  seconds between samples
#   SOAK_OUT=DIR     where results and samples go (default: a new /tmp/soak-results.XXXXXX)
# A 2-minute check of this script: SOAK_REPS=2 SOAK_TIME=2s tools/soak.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
interval=${SOAK_INTERVAL:-5}
growth_pct=${SOAK_RSS_GROWTH_PCT:-20}
out=${SOAK_OUT:-$(mktemp -d /tmp/soak-results.XXXXXX)}
mkdir -p "$out"
dll="$root/src/LoopBench.Cli/bin/Release/net10.0/loopbench.dll"
if [[ ! -f "$dll" ]]; then
  dotnet build -c Release "$root/src/LoopBench.Cli" >/dev/null
fi

args=(run "$root/scenarios/soak.yaml" --out "$out/results" --no-report --label soak --yes)
[[ -n "${SOAK_REPS:-}" ]] && args+=(--reps "$SOAK_REPS")
[[ -n "${SOAK_TIME:-}" ]] && args+=(--set "time=$SOAK_TIME")
[[ "${SOAK_SANDBOX:-0}" == 1 ]] && args+=(--set "mtu=65536")

private_tmp=$(mktemp -d /tmp/soak-tmp.XXXXXX)
namespaces_before=$(lsns -t net -n -o NS | sort -u)
echo "soak: dotnet loopbench.dll ${args[*]}" >&2
echo "soak: results and samples in $out" >&2

TMPDIR="$private_tmp" dotnet "$dll" "${args[@]}" >"$out/stdout.txt" 2>"$out/stderr.txt" &
pid=$!
start=$(date +%s)
echo "seconds,rss_kib,fds,threads,pool_threads" >"$out/samples.csv"
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l || true)
  pool=$(cat "/proc/$pid/task/"*/comm 2>/dev/null | grep -c "TP Worker" || true)
  if [[ -n "$rss" && -n "$threads" && "$fds" -gt 0 ]]; then # fds 0: the process is exiting
    echo "$(( $(date +%s) - start )),$rss,$fds,$threads,$pool" >>"$out/samples.csv"
  fi
  sleep "$interval"
done
set +e
wait "$pid"
rc=$?
set -e

failures=0
fail() { echo "soak: FAIL: $*" >&2; failures=$((failures + 1)); }

[[ $rc -eq 0 ]] || fail "loopbench exited $rc: $(tail -3 "$out/stderr.txt")"

# Quarter statistics from the samples (the first sample is the runtime starting up, so it is skipped).
read -r n rss_first rss_last fds_first fds_last thr_first thr_last pool_half pool_last < <(
  tail -n +3 "$out/samples.csv" | awk -F, '
    { rss[NR] = $2; fds[NR] = $3; thr[NR] = $4 - $5; pool[NR] = $5 }
    function median(a, from, to,   i, k, v, t, j) {
      k = 0; for (i = from; i <= to; i++) v[++k] = a[i]
      for (i = 2; i <= k; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
      return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
    }
    function lowest(a, from, to,   i, m) { m = a[from]; for (i = from; i <= to; i++) if (a[i] < m) m = a[i]; return m }
    function highest(a, from, to,   i, m) { m = a[from]; for (i = from; i <= to; i++) if (a[i] > m) m = a[i]; return m }
    END {
      q = int(NR / 4); if (q < 1) q = 1
      h = int(NR / 2); if (h < 1) h = 1
      printf "%d %d %d %d %d %d %d %d %d\n", NR, median(rss, 1, q), median(rss, NR - q + 1, NR),
        lowest(fds, 1, q), lowest(fds, NR - q + 1, NR), lowest(thr, 1, q), lowest(thr, NR - q + 1, NR),
        highest(pool, 1, h), lowest(pool, NR - q + 1, NR)
    }')

if (( n < 4 )); then
  fail "only $n samples; run longer or lower SOAK_INTERVAL"
else
  limit=$(( rss_first * (100 + growth_pct) / 100 ))
  (( rss_last <= limit )) || fail "memory grew: median RSS ${rss_first} KiB (first quarter) -> ${rss_last} KiB (last quarter), over +${growth_pct}%"
  (( fds_last <= fds_first + 2 )) || fail "file descriptors did not return: lowest ${fds_first} (first quarter) -> ${fds_last} (last quarter)"
  (( thr_last <= thr_first + 2 )) || fail "LoopBench threads did not return: lowest ${thr_first} (first quarter) -> ${thr_last} (last quarter)"
  (( pool_last <= pool_half )) || fail "thread-pool workers still growing: highest ${pool_half} (first half) -> lowest ${pool_last} (last quarter)"
fi

# Leftovers. Every process of this run (sandbox children and unshare too) inherits the private
# TMPDIR; one still alive would keep its network namespace alive, the only way one can outlive a run.
for environ in /proc/[0-9]*/environ; do
  if { tr '\0' '\n' <"$environ"; } 2>/dev/null | grep -qx "TMPDIR=$private_tmp"; then
    p=${environ#/proc/}; p=${p%/environ}
    fail "process $p of this run is still alive: $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)"
  fi
done
new_namespaces=$(comm -13 <(echo "$namespaces_before") <(lsns -t net -n -o NS | sort -u) | wc -l)
echo "soak: network namespaces created on this host during the soak and still alive (any user): $new_namespaces"
temp_left=$(find "$private_tmp" -mindepth 1 -maxdepth 1 2>/dev/null | head -5)
[[ -z "$temp_left" ]] || fail "temporary files left: $temp_left"

run_json=$(find "$out/results" -name run.json | head -1)
if [[ -n "$run_json" ]]; then
  not_passed=$(grep -o '"outcome": *"[^"]*"' "$run_json" | grep -vc '"passed"' || true)
  (( not_passed == 0 )) || fail "$not_passed case(s) did not pass: $(grep -o '"outcome": *"[^"]*"' "$run_json" | sort | uniq -c | tr '\n' ' ')"
else
  fail "no run.json under $out/results"
fi

echo "soak: $(( $(date +%s) - start )) s, $n samples every ${interval} s"
echo "soak: RSS median ${rss_first:-?} KiB (first quarter) -> ${rss_last:-?} KiB (last quarter)"
echo "soak: lowest fds ${fds_first:-?} -> ${fds_last:-?}; lowest LoopBench threads ${thr_first:-?} -> ${thr_last:-?}; pool workers highest ${pool_half:-?} (first half), lowest ${pool_last:-?} (last quarter)"
echo "soak: samples in $out/samples.csv; results in $out/results"
rmdir "$private_tmp" 2>/dev/null || true
if (( failures > 0 )); then
  echo "soak: $failures check(s) failed" >&2
  exit 1
fi
echo "soak: OK"
