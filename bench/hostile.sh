#!/usr/bin/env bash
# Hostile captures (issue "robustness"): throughput and peak memory of `wirelens analyze` on synthetic worst cases.
#
# Generates each capture with bench/hostile (hostile-gen, the generators the end-to-end tests use, in
# tests/WireLens.Testing/Hostile) into $BENCH_DIR (default /tmp/wirelens-hostile), runs `wirelens analyze FILE [options]`
# under /usr/bin/time -v, and prints one line per case: packets, connections, evicted, wall seconds, packets per
# wall second, peak RSS. The last line compares the 10-million-packet churn with the 1-million one: about the same
# packets/s and far less than 10x the memory means no path grows faster than the packets. Files are kept and reused.
# Needs: the .NET SDK, /usr/bin/time (Debian package time).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
dir="${BENCH_DIR:-/tmp/wirelens-hostile}"
mkdir -p "$dir"
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time is missing (apt-get install time)"; exit 1; }

echo "bench: building wirelens and hostile-gen (Release)"
"$repo/wirelens" --help >/dev/null
dotnet build "$here/hostile/WireLens.Bench.Hostile.csproj" -c Release -o "$dir/gen" -nologo -v quiet >"$dir/gen-build.log" 2>&1 \
    || { tail -20 "$dir/gen-build.log"; exit 1; }

gen() { # CASE FILE COUNT
    [[ -s "$dir/$2" ]] || dotnet "$dir/gen/hostile-gen.dll" "$1" "$dir/$2" "$3" >/dev/null
}

gen syn-flood syn-flood-1m.pcap 1000000
gen churn churn-1m.pcap 1000000
gen churn churn-10m.pcap 10000000
gen churn-clock-steps churn-clock-steps-1m.pcap 1000000
gen never-close never-close-200k.pcap 200000
gen wrap wrap-20k.pcap 20000

# Reads the report and /usr/bin/time -v output of one run: "packets connections evicted wall rss_kb".
measure() { # NAME FILE [OPTIONS...]
    local name=$1 file=$2; shift 2
    /usr/bin/time -v "$repo/wirelens" analyze "$dir/$file" "$@" >"$dir/$name.report" 2>"$dir/$name.time" \
        || { echo "bench: $name failed:"; tail -5 "$dir/$name.time"; return 1; }
    awk -F': ' '/Elapsed \(wall clock\)/{split($2,t,":"); w=(length(t)==3)?t[1]*3600+t[2]*60+t[3]:t[1]*60+t[2]}
                /Maximum resident/{m=$2} END{printf "%.2f %d\n", w, m}' "$dir/$name.time" >"$dir/$name.wall"
    awk '/^  Packets read /{p=$3} /^  Total /{c=$2} /^  Released: evicted /{e=$3} END{gsub(",","",p); gsub(",","",c); gsub(",","",e); printf "%s %s %s ", p, c, e}' "$dir/$name.report"
    cat "$dir/$name.wall"
}

printf '\nCommit %s, %s cores, %s\n' "$(git -C "$repo" rev-parse --short HEAD)" "$(nproc)" "$(date -u +%F)"
printf '%-30s %11s %11s %9s %8s %11s %9s\n' case packets connections evicted wall_s packets/s peak_MB
declare -A rate rss
run() { # NAME FILE [OPTIONS...]
    local name=$1
    read -r p c e w m < <(measure "$@")
    rate[$name]=$(awk -v p="$p" -v w="$w" 'BEGIN{printf "%.0f", p/w}')
    rss[$name]=$m
    awk -v n="$name" -v p="$p" -v c="$c" -v e="$e" -v w="$w" -v m="$m" \
        'BEGIN{printf "%-30s %11d %11d %9d %8.2f %11.0f %9.1f\n", n, p, c, e, w, p/w, m/1024}'
}

run syn-flood-1m syn-flood-1m.pcap
run syn-flood-1m-max-100k syn-flood-1m.pcap --max-connections 100000
run churn-1m churn-1m.pcap
run churn-10m churn-10m.pcap
run churn-clock-steps-1m churn-clock-steps-1m.pcap
run never-close-200k-idle never-close-200k.pcap
run never-close-200k-open never-close-200k.pcap --idle-timeout 1000
run never-close-200k-max-10k never-close-200k.pcap --max-connections 10000
run wrap-20k wrap-20k.pcap

awk -v r1="${rate[churn-1m]}" -v r10="${rate[churn-10m]}" -v m1="${rss[churn-1m]}" -v m10="${rss[churn-10m]}" \
    'BEGIN{printf "churn 10M vs 1M: packets/s ratio %.2f, peak RSS ratio %.2f (10x the packets)\n", r10/r1, m10/m1}'
