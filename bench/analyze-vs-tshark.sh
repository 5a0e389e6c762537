#!/usr/bin/env bash
# Throughput and memory of `wirelens analyze` against `tshark -r FILE -q -z conv,tcp` on the same files.
#
# Builds two loopback captures of about 2 million packets each (unless they exist in $BENCH_DIR):
#   keepalive.pcap  wrk, 100 keep-alive connections, against nginx on 127.0.0.1
#   churn.pcap      ab without -k, ~200,000 short connections
# then times both tools on each file with /usr/bin/time -v and prints packets/s, CPU seconds, peak RSS and the
# ratios. Memory growth: wirelens is also run on the first half of each file; a streaming analyser's peak RSS
# stays about the same. Run as root on Debian 12 (nginx-light, wrk, apache2-utils, tcpdump, tshark, time).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
dir="${BENCH_DIR:-/tmp/wirelens-bench}"
mkdir -p "$dir"
for tool in nginx wrk ab tcpdump tshark editcap capinfos; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install nginx-light wrk apache2-utils tcpdump tshark)"; exit 1; }
done
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time is missing (apt-get install time)"; exit 1; }

port=18580
start_nginx() {
    cat >"$dir/nginx.conf" <<CONF
daemon on; worker_processes 1; pid $dir/nginx.pid; error_log $dir/error.log;
events { worker_connections 4096; }
http { access_log off; client_body_temp_path $dir; proxy_temp_path $dir; fastcgi_temp_path $dir;
  uwsgi_temp_path $dir; scgi_temp_path $dir; keepalive_requests 100000000;
  server { listen 127.0.0.1:$port backlog=4096; location / { return 200 "hello\n"; } } }
CONF
    nginx -c "$dir/nginx.conf" -p "$dir"
    trap 'kill $(cat "$dir/nginx.pid") 2>/dev/null || true' EXIT
    sleep 0.5
}

capture() { # NAME COMMAND...
    local name=$1; shift
    [[ -s "$dir/$name" ]] && return 0
    [[ -f "$dir/nginx.pid" ]] && kill -0 "$(cat "$dir/nginx.pid")" 2>/dev/null || start_nginx
    rm -f "$dir/tcpdump.err"
    tcpdump -i lo -w "$dir/$name" -B 262144 -n -Z root "tcp port $port" 2>"$dir/tcpdump.err" &
    local pid=$!
    until grep -q "listening on" "$dir/tcpdump.err" 2>/dev/null; do sleep 0.1; done
    "$@" >"$dir/$name.load.log" 2>&1 || true
    sleep 1
    kill -INT "$pid"; wait "$pid" || true
    echo "bench: $name: $(grep -E 'captured|dropped by kernel' "$dir/tcpdump.err" | tr '\n' ' ')"
}

capture keepalive.pcap wrk -t 2 -c 100 -d 25s "http://127.0.0.1:$port/"
capture churn.pcap ab -q -n 200000 -c 50 "http://127.0.0.1:$port/"

echo "bench: building wirelens (Release)"
"$repo/wirelens" --help >/dev/null

# Each command runs $BENCH_RUNS times (default 5; the same for both tools), in rounds: wirelens, wirelens with --csv,
# tshark, then again. The figures are those of the run with the median wall time, the peak RSS the largest of the
# runs. A 2-core machine shared with others varies by 15-30 % from one run to the next, in bursts of a few seconds:
# run back to back, all of one command's runs could fall in one burst; in rounds, one burst takes at most one run of
# each, which the median leaves out.
runs="${BENCH_RUNS:-5}"
time_once() { # OUT COMMAND... -> appends "wall user sys maxrss_kb" to OUT.runs
    local out=$1; shift
    /usr/bin/time -v "$@" >/dev/null 2>"$out" || { tail -5 "$out" >&2; return 1; }
    awk -F': ' '/Elapsed \(wall clock\)/{split($2,t,":"); w=(length(t)==3)?t[1]*3600+t[2]*60+t[3]:t[1]*60+t[2]}
                /User time/{u=$2} /System time/{s=$2} /Maximum resident/{m=$2}
                END{printf "%.2f %.2f %.2f %d\n", w, u, s, m}' "$out" >>"$out.runs"
}
median() { # OUT -> prints "wall user sys maxrss_kb": the median-wall run's figures, the largest peak RSS
    sort -n -k1,1 "$1.runs" | awk '{line[NR]=$0; if ($4>m) m=$4}
        END{split(line[int((NR+1)/2)],a," "); printf "%s %s %s %d\n", a[1], a[2], a[3], m}'
}

printf '\nCommit %s, %s, %s cores, median of %s runs each\n' "$(git -C "$repo" rev-parse --short HEAD)" "$(tshark --version | head -1)" "$(nproc)" "$runs"
printf '%-15s %10s | %12s %8s %9s | %12s %8s | %12s %8s %9s | %8s %8s %8s\n' file packets \
    "wl pkt/s" "wl cpu" "wl MB" "wl+csv p/s" "+csv MB" "ts pkt/s" "ts cpu" "ts MB" "speed x" "+csv x" "mem x"
for f in keepalive.pcap churn.pcap; do
    file="$dir/$f"
    packets=$(capinfos -c -M "$file" | awk -F': *' '/Number of packets/{print $2}')
    rm -f "$dir"/{wl,wlc,ts,wl-half}.time.runs
    for ((i = 0; i < runs; i++)); do
        time_once "$dir/wl.time" "$repo/wirelens" analyze "$file"
        time_once "$dir/wlc.time" "$repo/wirelens" analyze "$file" --csv "$dir/out-$f"
        time_once "$dir/ts.time" tshark -r "$file" -q -z conv,tcp
    done
    read -r wl_wall wl_user wl_sys wl_rss < <(median "$dir/wl.time")
    read -r wc_wall _ _ wc_rss < <(median "$dir/wlc.time")
    read -r ts_wall ts_user ts_sys ts_rss < <(median "$dir/ts.time")
    awk -v f="$f" -v n="$packets" -v ww="$wl_wall" -v wu="$wl_user" -v ws="$wl_sys" -v wr="$wl_rss" \
        -v cw="$wc_wall" -v cr="$wc_rss" -v tw="$ts_wall" -v tu="$ts_user" -v ts="$ts_sys" -v tr="$ts_rss" 'BEGIN{
        printf "%-15s %10d | %12.0f %8.2f %9.1f | %12.0f %8.1f | %12.0f %8.2f %9.1f | %8.1f %8.1f %8.3f\n", f, n,
            n/ww, wu+ws, wr/1024, n/cw, cr/1024, n/tw, tu+ts, tr/1024, (n/ww)/(n/tw), (n/cw)/(n/tw), wr/tr }'
    printf '  %s: wall times in run order (s): wirelens %s; with --csv %s; tshark %s\n' "$f" \
        "$(cut -d' ' -f1 "$dir/wl.time.runs" | paste -sd' ')" "$(cut -d' ' -f1 "$dir/wlc.time.runs" | paste -sd' ')" \
        "$(cut -d' ' -f1 "$dir/ts.time.runs" | paste -sd' ')"
    half="$dir/half-$f"
    [[ -s "$half" ]] || editcap -r "$file" "$half" "1-$((packets / 2))"
    for ((i = 0; i < runs; i++)); do time_once "$dir/wl-half.time" "$repo/wirelens" analyze "$half"; done
    read -r _ _ _ half_rss < <(median "$dir/wl-half.time")
    awk -v f="$f" -v a="$half_rss" -v b="$wl_rss" 'BEGIN{printf "  %s: wirelens peak RSS on the first half %.1f MB, on the whole file %.1f MB\n", f, a/1024, b/1024}'
done
