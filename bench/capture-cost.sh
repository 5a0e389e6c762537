#!/usr/bin/env bash
# What capturing costs a load test, side by side (issue 5):
#
#   1. wrk's requests per second against the embedded target (`wirelens target`) with no capture, with
#      `tcpdump -w FILE` capturing, and under `wirelens run --tool wrk` (capture and analysis), for ROUNDS rounds with
#      the order of the three alternated; medians, cost = 1 - rps_capture/rps_alone, and cost_wirelens/cost_tcpdump.
#   2. The highest loopback packet rate at which `wirelens run` drops nothing: wrk's connections are raised step by
#      step (RAMP) under `wirelens run`; packets/s captured and drops (kernel, interface, queue) per step.
#   3. The demo's packet rates for comparison (`wirelens demo`, every run's capture), unless DEMO=0.
#
# wrk runs exactly as `wirelens run` starts it (`wrk -t min(C, processors) -c C -d Ds --latency URL`, see
# src/WireLens.Load/Tools/WrkTool.cs), so the three modes differ only in the capture. Run as root (capture needs it)
# on Debian 12 with wrk, tcpdump, tshark (for capinfos), jq or python3 and time. Raw results: bench/out/ (git-ignored).
#
# Settings (environment): ROUNDS=5 CONNS=4 DURATION=5 (seconds per wrk run), RAMP="1 2 4 8 16 32" (RAMP="" skips it),
# RAMP_ROUNDS=3, RAMP_DURATION=5, DEMO=1, WIRELENS_ARGS="" (extra `wirelens run` options, e.g. "--immediate" or
# "--buffer-mb 256"), TCPDUMP_ARGS="" (extra tcpdump options, e.g. "-B 65536"), OUT=bench/out/capture-cost-DATE.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
wl="$repo/wirelens"

rounds="${ROUNDS:-5}"
conns="${CONNS:-4}"
duration="${DURATION:-5}"
ramp="${RAMP-1 2 4 8 16 32}"
ramp_rounds="${RAMP_ROUNDS:-3}"
ramp_duration="${RAMP_DURATION:-5}"
demo="${DEMO:-1}"
read -r -a wirelens_args <<<"${WIRELENS_ARGS:-}"
read -r -a tcpdump_args <<<"${TCPDUMP_ARGS:-}"
out="${OUT:-$here/out/capture-cost-$(date +%Y%m%d-%H%M%S)}"

die() { echo "capture-cost: $*" >&2; exit 1; }
note() { echo "capture-cost: $*" >&2; }

for v in rounds conns duration ramp_rounds ramp_duration; do
    [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive whole number, not \"${!v}\""
done
for c in $ramp; do [[ "$c" =~ ^[1-9][0-9]*$ ]] || die "RAMP must list positive whole numbers, not \"$c\""; done
for tool in wrk tcpdump capinfos; do
    command -v "$tool" >/dev/null || die "$tool is missing (apt-get install wrk tcpdump tshark)"
done
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install time)"
if command -v jq >/dev/null; then
    json() { jq -r "$1 // empty" "$2"; }                   # json FILTER FILE (jq syntax, one value)
elif command -v python3 >/dev/null; then
    json() {
        python3 - "$1" "$2" <<'PY'
import json, sys
v = json.load(open(sys.argv[2]))
for part in sys.argv[1].lstrip('.').replace('[', '.[').split('.'):
    if v is None or part == '':
        continue
    v = v[int(part[1:-1])] if part.startswith('[') else v.get(part)
print('' if v is None else v)
PY
    }
else
    die "jq or python3 is needed to read run.json (apt-get install jq)"
fi
[[ $(id -u) -eq 0 ]] || die "run as root: tcpdump and wirelens capture on lo"

mkdir -p "$out"
results="$out/results.tsv"
printf 'phase\tround\tmode\tconns\trps\tpackets\tspan_s\tpkt_per_s\tdropped_kernel\tdropped_interface\tdropped_queue\tcpu_s\tdir\n' >"$results"

# --- cleanup: the target, a tcpdump still running ----------------------------------------------------------------
target_pid=""
tcpdump_pid=""
cleanup() {
    local code=$?
    if [[ -n "$tcpdump_pid" ]] && kill -0 "$tcpdump_pid" 2>/dev/null; then kill -INT "$tcpdump_pid" 2>/dev/null || true; wait "$tcpdump_pid" 2>/dev/null || true; fi
    if [[ -n "$target_pid" ]] && kill -0 "$target_pid" 2>/dev/null; then kill -TERM "$target_pid" 2>/dev/null || true; wait "$target_pid" 2>/dev/null || true; fi
    exec 7>&- 2>/dev/null || true
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

note "building wirelens (Release) if needed"
"$wl" --help >/dev/null || die "the wirelens build failed (see artifacts/cli-build.log)"

# --- the target: started once; its standard input is a FIFO this script holds open, so it also stops when the
# script dies (--exit-on-stdin-eof) -------------------------------------------------------------------------------
rm -f "$out/target.stdin"
mkfifo "$out/target.stdin"
"$wl" target --exit-on-stdin-eof <"$out/target.stdin" >"$out/target.out" 2>"$out/target.err" &
target_pid=$!
exec 7>"$out/target.stdin"
for _ in $(seq 600); do
    grep -q '^wirelens-target ready ' "$out/target.out" 2>/dev/null && break
    kill -0 "$target_pid" 2>/dev/null || die "the target exited: $(head -3 "$out/target.err")"
    sleep 0.1
done
ready="$(sed -n 's/^wirelens-target ready //p' "$out/target.out")"
[[ -n "$ready" ]] || die "the target printed no ready line within 60 s"
printf '%s\n' "$ready" >"$out/target.json"
url="$(json .http "$out/target.json")"
port="${url##*:}"; port="${port%%/*}"
[[ "$port" =~ ^[0-9]+$ ]] || die "no port in the target's URL \"$url\""
note "target at $url (pid $target_pid)"

threads() { local c=$1 n; n=$(nproc); echo $((c < n ? c : n)); }
# wrk's arguments as `wirelens run` gives them: wrk_args CONNS SECONDS (into the array wrk_argv)
wrk_args() { wrk_argv=(-t "$(threads "$1")" -c "$1" -d "$2s" --latency "$url"); }
wrk_cmd() { local wrk_argv; wrk_args "$1" "$2"; echo "wrk ${wrk_argv[*]}"; }

# rps from wrk's output
wrk_rps() { awk '/^Requests\/sec:/{print $2}' "$1"; }
# user+system seconds from /usr/bin/time -v
cpu_of() { awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{printf "%.2f", u+s}' "$1"; }
# packets and time span of a capture: "packets span_s"
cap_stats() {
    capinfos -M -c -u "$1" | awk -F': *' '/Number of packets/{n=$2} /Capture duration/{d=$2+0} END{printf "%d %.3f\n", n, d}'
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN{printf "%.0f", (s > 0 ? n / s : 0)}'; } # packets/s: PACKETS SECONDS
row() { local IFS=$'\t'; echo "$*" >>"$results"; }

note "warming up: $(wrk_cmd "$conns" 2)"
wrk_args "$conns" 2
wrk "${wrk_argv[@]}" >"$out/warmup.txt"

# --- the three modes --------------------------------------------------------------------------------------------
mode_alone() { # ROUND
    local d="$out/alone-r$1"; mkdir -p "$d"
    wrk_args "$conns" "$duration"
    /usr/bin/time -v -o "$d/time.txt" wrk "${wrk_argv[@]}" >"$d/wrk.txt"
    row main "$1" alone "$conns" "$(wrk_rps "$d/wrk.txt")" - - - - - - "$(cpu_of "$d/time.txt")" "$d"
}

mode_tcpdump() { # ROUND
    local d="$out/tcpdump-r$1"; mkdir -p "$d"
    tcpdump -i lo -w "$d/capture.pcap" -s 0 -n -Z root "${tcpdump_args[@]}" "tcp port $port" 2>"$d/tcpdump.err" &
    tcpdump_pid=$!
    local i
    for i in $(seq 100); do
        grep -q 'listening on' "$d/tcpdump.err" 2>/dev/null && break
        kill -0 "$tcpdump_pid" 2>/dev/null || die "tcpdump exited: $(cat "$d/tcpdump.err")"
        sleep 0.1
    done
    ((i < 100)) || die "tcpdump did not start listening within 10 s"
    sleep 0.1 # wirelens run starts wrk 100 ms after its capture, too
    wrk_args "$conns" "$duration"
    wrk "${wrk_argv[@]}" >"$d/wrk.txt"
    sleep 0.3 # and stops capturing 300 ms after wrk
    local cpu # tcpdump's user+system time so far, read just before it is stopped
    cpu="$(awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz}' "/proc/$tcpdump_pid/stat")"
    kill -INT "$tcpdump_pid"
    wait "$tcpdump_pid" || true
    tcpdump_pid=""
    local kernel packets span
    kernel="$(awk '/packets dropped by kernel/{print $1}' "$d/tcpdump.err")"
    read -r packets span < <(cap_stats "$d/capture.pcap")
    row main "$1" tcpdump "$conns" "$(wrk_rps "$d/wrk.txt")" "$packets" "$span" \
        "$(rate "$packets" "$span")" "${kernel:-?}" - - "$cpu" "$d"
}

# wirelens run: PHASE ROUND CONNS DURATION -> a row (rps from run.json's summary, drops from its capture section)
wirelens_run() {
    local phase=$1 round=$2 c=$3 secs=$4 d
    d="$out/wirelens-$phase-c$c-r$round"; rm -rf "$d"; mkdir -p "$d"
    /usr/bin/time -v -o "$d/time.txt" "$wl" run --tool wrk --target "$url" -c "$c" -d "$secs" --out "$d/runs" \
        "${wirelens_args[@]}" >"$d/report.txt" 2>"$d/stderr.txt" || die "wirelens run failed: $(tail -3 "$d/stderr.txt")"
    local manifest; manifest="$(find "$d/runs" -name run.json | head -1)"
    [[ -n "$manifest" ]] || die "wirelens run wrote no run.json under $d/runs"
    local cmd; cmd="$(json '.runs[0].command | join(" ")' "$manifest" 2>/dev/null || true)"
    [[ -z "$cmd" || "$cmd" == *"-t $(threads "$c") -c $c "* ]] || note "warning: wirelens ran wrk as \"$cmd\", not as $(wrk_cmd "$c" "$secs")"
    local packets span
    read -r packets span < <(cap_stats "$(dirname "$manifest")/capture.pcap")
    row "$phase" "$round" wirelens "$c" "$(json .runs[0].summary.requests_per_s "$manifest")" "$packets" "$span" \
        "$(rate "$packets" "$span")" \
        "$(json .capture.dropped_by_kernel "$manifest")" "$(json .capture.dropped_by_interface "$manifest")" \
        "$(json .capture.dropped_by_queue "$manifest")" "$(cpu_of "$d/time.txt")" "$d"
}
mode_wirelens() { wirelens_run main "$1" "$conns" "$duration"; }

orders=("alone tcpdump wirelens" "tcpdump wirelens alone" "wirelens alone tcpdump"
        "alone wirelens tcpdump" "wirelens tcpdump alone" "tcpdump alone wirelens")
note "commit $(git -C "$repo" rev-parse --short HEAD), $(nproc) processors, load average $(cut -d' ' -f1-3 /proc/loadavg)"
note "wrk as run: $(wrk_cmd "$conns" "$duration")"
for r in $(seq "$rounds"); do
    order="${orders[$(((r - 1) % ${#orders[@]}))]}"
    note "round $r/$rounds: $order"
    for m in $order; do "mode_$m" "$r"; done
done

# --- the ramp ---------------------------------------------------------------------------------------------------
for c in $ramp; do
    for r in $(seq "$ramp_rounds"); do
        note "ramp: wirelens run, wrk -c $c ($r/$ramp_rounds)"
        wirelens_run ramp "$r" "$c" "$ramp_duration"
    done
done

# --- the demo's rates -------------------------------------------------------------------------------------------
if [[ "$demo" == 1 ]]; then
    note "the demo (wirelens demo --out $out/demo)"
    "$wl" demo --out "$out/demo" "${wirelens_args[@]}" >"$out/demo-report.txt" 2>"$out/demo-stderr.txt" || note "warning: the demo exited with $?"
    while IFS= read -r manifest; do
        label="$(json .runs[0].label "$manifest")"
        read -r packets span < <(cap_stats "$(dirname "$manifest")/capture.pcap")
        row demo 1 "$label" "$(json .runs[0].concurrency "$manifest")" "$(json .runs[0].summary.requests_per_s "$manifest")" \
            "$packets" "$span" "$(rate "$packets" "$span")" \
            "$(json .capture.dropped_by_kernel "$manifest")" "$(json .capture.dropped_by_interface "$manifest")" \
            "$(json .capture.dropped_by_queue "$manifest")" - "$(dirname "$manifest")"
    done < <(find "$out/demo" -name run.json | sort)
fi

# --- summary ----------------------------------------------------------------------------------------------------
{
    echo "capture-cost: commit $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- src || echo ' (src modified)'), $(date -u +%Y-%m-%d), $(nproc) processors, load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $(tcpdump --version 2>&1 | head -1), wirelens run ${WIRELENS_ARGS:-(defaults)}, tcpdump ${TCPDUMP_ARGS:-(defaults)}"
    echo "wrk: $(wrk_cmd "$conns" "$duration"), $rounds rounds, order alternated; medians (min-max)"
    echo
    awk -F'\t' -v rounds="$rounds" '
        function med(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
                                       return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
        NR > 1 && $1 == "main" { m = $3; n[m]++; rps[m, n[m]] = $5; cpu[m, n[m]] = $12; byround[m, $2] = $5; rounds_seen[$2] = 1
                                 if ($9 != "-" && $9 != "?") drop[m] += $9; if ($11 != "-") drop[m] += $11
                                 if ($10 != "-") drop[m] += $10
                                 if ($8 != "-") { pn[m]++; pps[m, pn[m]] = $8 } }
        END {
            printf "%-9s %5s %10s %19s %8s %10s %8s %10s\n", "mode", "runs", "rps", "(min-max)", "cost", "pkt/s", "drops", "cpu s"
            split("alone tcpdump wirelens", modes, " ")
            for (k = 1; k <= 3; k++) { m = modes[k]; if (!n[m]) continue
                lo = 1e18; hi = 0
                for (i = 1; i <= n[m]; i++) { r[i] = rps[m, i] + 0; c[i] = cpu[m, i] + 0; if (r[i] < lo) lo = r[i]; if (r[i] > hi) hi = r[i] }
                M[m] = med(r, n[m]); C[m] = med(c, n[m])
                for (i = 1; i <= pn[m]; i++) p[i] = pps[m, i] + 0
                P = pn[m] ? sprintf("%.0f", med(p, pn[m])) : "-"
                cost[m] = m == "alone" ? 0 : 1 - M[m] / M["alone"]
                printf "%-9s %5d %10.0f %9.0f-%-9.0f %7.1f%% %10s %8s %10.2f\n", m, n[m], M[m], lo, hi, 100 * cost[m], P,
                       m == "alone" ? "-" : drop[m] + 0, C[m] }
            print ""
            if (cost["tcpdump"] > 0) printf "cost ratio wirelens/tcpdump: %.2f (target <= 2)\n", cost["wirelens"] / cost["tcpdump"]
            else printf "cost ratio wirelens/tcpdump: undefined (tcpdump cost %.1f%% <= 0: noise larger than its cost); wirelens cost %.1f%%\n", 100 * cost["tcpdump"], 100 * cost["wirelens"]
            # paired: each capture against wrk alone in the same round (the load of the machine drifts between rounds)
            for (rd in rounds_seen) if ((("alone", rd) in byround) && byround["alone", rd] > 0) {
                if (("tcpdump", rd) in byround) pt[++npt] = 1 - byround["tcpdump", rd] / byround["alone", rd]
                if (("wirelens", rd) in byround) pw[++npw] = 1 - byround["wirelens", rd] / byround["alone", rd] }
            if (npt && npw) { t = med(pt, npt); w = med(pw, npw)
                printf "paired per round (median of each round'"'"'s 1 - rps/rps_alone): tcpdump %.1f%%, wirelens %.1f%%", 100 * t, 100 * w
                if (t > 0) printf ", ratio %.2f\n", w / t; else printf ", ratio undefined\n" }
            printf "(cpu s: wrk alone; tcpdump alone; wirelens run including the wrk it starts)\n"
        }' "$results"
    if [[ -n "$ramp" ]]; then
        echo
        echo "Ramp: wirelens run --tool wrk -c N -d $ramp_duration, $ramp_rounds runs per step (pkt/s = captured packets / capture span; drops summed over the runs)"
        awk -F'\t' '
            function med(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
                                           return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
            NR > 1 && $1 == "ramp" { c = $4; if (!(c in n)) order[++steps] = c; n[c]++; rps[c, n[c]] = $5; pps[c, n[c]] = $8
                                     k[c] += $9; f[c] += $10; q[c] += $11; if ($8 + 0 > maxp[c]) maxp[c] = $8 + 0 }
            END {
                printf "%6s %5s %10s %12s %12s %8s %8s %8s\n", "conns", "runs", "rps", "pkt/s", "max pkt/s", "kernel", "iface", "queue"
                best = ""
                for (s = 1; s <= steps; s++) { c = order[s]
                    for (i = 1; i <= n[c]; i++) { a[i] = rps[c, i] + 0; b[i] = pps[c, i] + 0 }
                    R = med(a, n[c]); P = med(b, n[c])
                    printf "%6d %5d %10.0f %12.0f %12.0f %8d %8d %8d\n", c, n[c], R, P, maxp[c], k[c], f[c], q[c]
                    if (k[c] + f[c] + q[c] == 0 && (best == "" || P > bestp)) { best = c; bestp = P; bestmax = maxp[c] } }
                if (best == "") print "no step was free of drops"
                else printf "highest drop-free step: -c %d at %.0f packets/s (median; %.0f at most)\n", best, bestp, bestmax
            }' "$results"
    fi
    if [[ "$demo" == 1 ]]; then
        echo
        echo "The demo's runs (wirelens demo, each captured on its own):"
        awk -F'\t' 'NR > 1 && $1 == "demo" { printf "  %-22s %9s packets in %7ss = %8s pkt/s; drops kernel %s, interface %s, queue %s\n", $3, $6, $7, $8, $9, $10, $11 }' "$results"
    fi
} | tee "$out/summary.txt"
note "raw results: $results"
