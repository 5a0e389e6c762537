#!/usr/bin/env bash
# Re-creates the TLS fingerprint captures in this folder and the JA4 table built from them,
# src/WireLens.Reporting/Attribution/ja4-tools.tsv: each HTTP client installed here is run once (bounded in count and
# time) over HTTPS against a throw-away nginx on loopback while tcpdump captures, WireLens computes the JA4 of every
# ClientHello in each capture, and every distinct (ja4, tool) pair becomes a row of the table.
#
# Run as root on Debian (made on Debian 12): it installs what it lacks with apt-get and needs the .NET SDK (the
# repository's ./wirelens launcher builds the CLI). Only 127.0.0.1 and [::1] are contacted.
# Usage: captures/fingerprints/make-fingerprints.sh
# Afterwards: read `git diff`, then run the Attribution tests (they fail when the table and the captures disagree).
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
table="$repo/src/WireLens.Reporting/Attribution/ja4-tools.tsv"
export DEBIAN_FRONTEND=noninteractive LC_ALL=C

# Enough packets for the first connection or two (SYN to the first responses): the captures stay a few KB each even
# for wrk, which sends thousands of requests a second on its one connection.
max_packets=40
tool_timeout=20

if [[ $(id -u) -ne 0 ]]; then
    echo "make-fingerprints.sh: run as root (tcpdump, apt-get)" >&2
    exit 1
fi

# --- 1. packages --------------------------------------------------------------------------------------------------
packages=(nginx-light openssl tcpdump iproute2 python3 libpcap0.8 curl apache2-utils wrk hey nghttp2-client siege wget chromium)
missing=()
for p in "${packages[@]}"; do
    [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]} > 0)); then
    echo "make-fingerprints.sh: installing ${missing[*]}"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
command -v dotnet >/dev/null || { echo "make-fingerprints.sh: the .NET 10 SDK ('dotnet') is needed for WireLens" >&2; exit 1; }

# --- 2. a throw-away nginx: TLS 1.2 and 1.3, ALPN h2 and http/1.1, on 127.0.0.1 and [::1] ------------------------
work="$(mktemp -d /tmp/wl-fingerprints.XXXXXX)"
cleanup() {
    [[ -s "$work/nginx.pid" ]] && kill -QUIT "$(cat "$work/nginx.pid")" 2>/dev/null || true
    sleep 0.3
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    local p
    for _ in $(seq 1 200); do
        p=$((20000 + RANDOM % 40000))
        if [[ -z "$(ss -Htln "( sport = :$p )")" ]]; then
            echo "$p"
            return 0
        fi
    done
    echo "make-fingerprints.sh: no free port found" >&2
    return 1
}
port="$(free_port)"
close_port="$(free_port)"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
cat >"$work/nginx.conf" <<CONF
daemon on; worker_processes 1; pid $work/nginx.pid; error_log $work/error.log;
events { worker_connections 1024; }
http {
  access_log off; client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work;
  uwsgi_temp_path $work; scgi_temp_path $work; keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$port ssl http2; listen [::1]:$port ssl http2;
    ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3; ssl_session_tickets on; ssl_session_cache shared:SSL:1m;
    location / { default_type text/plain; return 200 "hello\n"; }
  }
  # One request per connection, for HTTP/1.1 (Connection: close) and HTTP/2 (GOAWAY) alike: a client fetching two
  # URLs has to open a second connection, and shows whether it resumes the first one's session.
  server {
    listen 127.0.0.1:$close_port ssl http2; listen [::1]:$close_port ssl http2; keepalive_requests 1;
    ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3; ssl_session_tickets on; ssl_session_cache shared:SSL:1m;
    location / { default_type text/plain; return 200 "bye\n"; }
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work/"
for _ in $(seq 1 50); do [[ -s "$work/nginx.pid" ]] && break; sleep 0.1; done

host="localhost:$port"   # the name the tools resolve and send as SNI (JA4 'd')
ip="127.0.0.1:$port"     # an address: no SNI (JA4 'i')
closing="localhost:$close_port"

# --- 3. one capture per tool and variant ----------------------------------------------------------------------------
# capture NAME COMMAND...: runs COMMAND (bounded by $tool_timeout) while tcpdump writes the first $max_packets
# packets of the server port to NAME.pcap. The tool must succeed: a capture of a failed run fingerprints nothing.
captures=()
capture() {
    local name=$1; shift
    local pcap="$here/$name.pcap"
    rm -f "$pcap" "$work/tcpdump.err"
    tcpdump -i lo -w "$pcap" -c "$max_packets" -U --immediate-mode -B 65536 -s 0 -n -Z root "tcp port $port or tcp port $close_port" \
        2>"$work/tcpdump.err" &
    local pid=$!
    for _ in $(seq 1 100); do grep -q "listening on" "$work/tcpdump.err" 2>/dev/null && break; sleep 0.1; done
    local status=0
    # Through bash so that COMMAND may be one of the functions below (exported).
    timeout -k 5 "$tool_timeout" bash -c '"$@"' bash "$@" >"$work/$name.out" 2>&1 </dev/null || status=$?
    sleep 0.3
    kill -INT "$pid" 2>/dev/null || true
    wait "$pid" || true
    if ((status != 0)); then
        echo "make-fingerprints.sh: $name: '$*' failed with exit code $status:" >&2
        tail -n 20 "$work/$name.out" >&2
        exit 1
    fi
    echo "$name.pcap: $(grep -E "packets? captured" "$work/tcpdump.err")"
    captures+=("$name")
}

# openssl s_client HOST:PORT [OPTION...] against the closing server: one request on stdin, then nginx closes and
# s_client ends. Without -servername it sends no SNI for "localhost" (OpenSSL only derives SNI from a dotted name).
s_client() {
    local to=$1; shift
    printf 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n' | openssl s_client -connect "$to" -quiet -ign_eof "$@"
}
# A full handshake, then a second connection resuming the session the first one saved (its TLS 1.3 ticket).
s_client_resume() {
    s_client "$closing" -servername localhost -sess_out "$work/session.pem" >/dev/null
    s_client "$closing" -servername localhost -sess_in "$work/session.pem"
}
chromium_run() {
    chromium --headless=new --no-sandbox --ignore-certificate-errors --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-dev-shm-usage \
        --user-data-dir="$work/chromium-profile" --dump-dom "$@"
}
siegerc="$work/siegerc" # siege's own settings file, so that the caller's ~/.siege changes nothing
printf 'verbose = false\nquiet = true\nparser = false\nshow-logfile = false\nlogging = false\n' >"$siegerc"
export work closing
export -f s_client s_client_resume chromium_run

# Keep the list in step with tests/WireLens.EndToEnd.Tests/Attribution/FingerprintRuns.cs: the coverage test runs the
# same invocations live, one for each capture here, and checks that the table lists what they send. Each tool: its usual run against a host name (SNI),
# the same against an address (no SNI, unless the tool sends the address anyway), and the variants that change
# its ClientHello. "-resume" runs reconnect to the closing server: only the tools whose second connection offers
# the first one's session (a pre_shared_key extension, so another JA4) have one; ab, siege, wget, hey and
# h2load were seen to offer none (README.md).
capture curl curl -sS -k --max-time 20 -o /dev/null "https://$host/"
capture curl-http11 curl -sS -k --max-time 20 --http1.1 -o /dev/null "https://$host/"
capture curl-ip curl -sS -k --max-time 20 -o /dev/null "https://$ip/"
capture curl-resume curl -sS -k --max-time 20 --http1.1 -o /dev/null -o /dev/null "https://$closing/" "https://$closing/"
capture ab ab -q -n 3 -c 1 "https://$host/"
capture ab-ip ab -q -n 3 -c 1 "https://$ip/"
capture wrk wrk -c 1 -d 1s -t 1 "https://$host/"
capture wrk-ip wrk -c 1 -d 1s -t 1 "https://$ip/"
capture wrk-resume wrk -c 1 -d 1s -t 1 "https://$closing/"
capture hey hey -n 3 -c 1 "https://$host/"
capture hey-h2 hey -n 3 -c 1 -h2 "https://$host/"
capture hey-ip hey -n 3 -c 1 "https://$ip/"
capture h2load h2load -n 3 -c 1 "https://$host/"
capture h2load-ip h2load -n 3 -c 1 "https://$ip/"
capture siege siege -R "$siegerc" -c 1 -r 2 "https://$host/"
capture siege-ip siege -R "$siegerc" -c 1 -r 2 "https://$ip/"
capture wget wget -q --no-check-certificate --tries 1 --timeout 20 -O /dev/null "https://$host/"
capture wget-ip wget -q --no-check-certificate --tries 1 --timeout 20 -O /dev/null "https://$ip/"
capture openssl s_client "$closing" -servername localhost
capture openssl-ip s_client "127.0.0.1:$close_port"
capture openssl-resume s_client_resume
capture chromium chromium_run "https://$host/"
capture chromium-ip chromium_run "https://$ip/"

# --- 4. the JA4 of every ClientHello, by WireLens ------------------------------------------------------------------
version_of() {
    case "$1" in
        curl) curl --version | head -n 1 | awk '{print $1, $2}' ;;
        ab) ab -V | sed -n 's/^This is ApacheBench, Version \([^ ]*\).*/ApacheBench \1/p' ;;
        wrk) wrk -v 2>&1 | head -n 1 | awk '{print $1, $2}' ;;
        hey) echo "hey $(dpkg-query -W -f='${Version}' hey)" ;; # hey prints no version: its Debian package's
        h2load) h2load --version | head -n 1 ;;
        siege) siege -R "$siegerc" --version 2>&1 | grep -m 1 -E '^SIEGE ' ;;
        wget) wget --version | head -n 1 | awk '{print $1, $2, $3}' ;;
        openssl) openssl version | awk '{print $1, $2}' ;;
        chromium) chromium --version 2>/dev/null | awk '{print $1, $2}' ;;
    esac
}
openssl_lib="OpenSSL $(dpkg-query -W -f='${Version}' libssl3 | sed 's/-.*//')"
library_of() {
    case "$1" in
        curl) curl --version | head -n 1 | grep -Eo 'OpenSSL/[^ ]+' | tr / ' ' ;;
        ab | wrk | h2load | siege | openssl) echo "$openssl_lib" ;;
        hey) echo "Go crypto/tls $(grep -aoE -m 1 'go1\.[0-9]+(\.[0-9]+)?' "$(command -v hey)" | head -n 1 | sed 's/^go//')" ;;
        wget) echo "GnuTLS $(dpkg-query -W -f='${Version}' libgnutls30 | sed 's/-.*//')" ;;
        chromium) echo "BoringSSL (bundled with Chromium)" ;;
    esac
}

"$repo/wirelens" --help >/dev/null # builds the CLI once, before the loop
: >"$work/rows.tsv"
for name in "${captures[@]}"; do
    tool="${name%%-*}"
    rm -rf "$work/csv"
    "$repo/wirelens" analyze "$here/$name.pcap" --csv "$work/csv" >/dev/null
    python3 - "$work/csv/connections.csv" "$tool" "$(version_of "$tool")" "$(library_of "$tool")" "$name.pcap" \
        >>"$work/rows.tsv" <<'PY'
import csv, sys
path, tool, version, library, capture = sys.argv[1:]
ja4s = sorted({row["tls_ja4"] for row in csv.DictReader(open(path, newline="", encoding="utf-8")) if row["tls_ja4"]})
if not ja4s:
    sys.exit(f"{capture}: no TLS ClientHello found")
for ja4 in ja4s:
    print("\t".join([ja4, tool, version, library, capture]))
PY
done

# --- 5. the table: one row per (ja4, tool), the captures that showed it joined by ',' ------------------------------
debian="$(cat /etc/debian_version)"
codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
{
    echo "# JA4 fingerprints of the ClientHellos of HTTP clients, read by WireLens's FingerprintTable to name the load tool"
    echo "# behind a TLS connection. A fingerprint listed under several tools (a TLS library they share) is ambiguous."
    echo "# Generated by captures/fingerprints/make-fingerprints.sh (do not edit by hand) from the captures in"
    echo "# captures/fingerprints/ (see its README.md), with WireLens's own JA4, on $(date -u +%Y-%m-%d),"
    echo "# Debian $debian ($codename), against nginx $(nginx -v 2>&1 | sed 's|.*nginx/||') (TLS 1.2 and 1.3, ALPN h2 and http/1.1) on loopback."
    echo "# Columns: ja4; tool (lowercase name); tool_version as the tool reports it; client_library (its TLS library);"
    echo "# captured: the capture file(s) under captures/fingerprints/ showing the pair, joined by ','. UTF-8, tab-separated."
    printf 'ja4\ttool\ttool_version\tclient_library\tcaptured\n'
    python3 - "$work/rows.tsv" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1], encoding="utf-8"):
    ja4, tool, version, library, capture = line.rstrip("\n").split("\t")
    row = rows.setdefault((ja4, tool), [version, library, []])
    row[2].append(capture)
for (ja4, tool), (version, library, captures) in sorted(rows.items()):
    print("\t".join([ja4, tool, version, library, ",".join(sorted(set(captures)))]))
PY
} >"$table"

echo "wrote $table:"
grep -v '^#' "$table" | column -t -s $'\t'
echo
echo "fingerprints under more than one tool:"
grep -v '^#' "$table" | tail -n +2 | awk -F'\t' '{tools[$1] = tools[$1] (tools[$1] ? " " : "") $2; n[$1]++} END {for (j in n) if (n[j] > 1) print j ": " tools[j]}' | sort
ls -l "$here"/*.pcap
