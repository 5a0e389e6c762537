#!/usr/bin/env bash
# Re-creates the sample captures in this folder: real tools against a throw-away nginx on loopback, captured
# with tcpdump. Run as root on Debian 12 with nginx-light, tcpdump, apache2-utils, curl, nghttp2-client, openssl
# installed. The captures are committed; re-running this changes timestamps and ports, so the golden files in
# tests/golden/ must then be rewritten (WIRELENS_UPDATE_GOLDEN=1 ./test.sh) and checked by eye.
# Usage: make-samples.sh [CAPTURE...]: with names (e.g. curl-tls13-resume.pcap) only those are re-created, and the
# files derived from others (the gzip copy, the merged pcapng, damaged/) are left alone.
set -euo pipefail
only=("$@")
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d /tmp/wl-samples.XXXXXX)"
trap 'kill $(cat "$work/nginx.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT

port=18480
h2port=18481
closed=18482
tlsport=18483
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
cat >"$work/nginx.conf" <<CONF
daemon on; worker_processes 1; pid $work/nginx.pid; error_log $work/error.log;
events { worker_connections 1024; }
http {
  access_log off; client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work;
  uwsgi_temp_path $work; scgi_temp_path $work; keepalive_requests 1000000;
  server { listen 127.0.0.1:$port; listen [::1]:$port; location / { return 200 "hello\n"; } }
  server { listen 127.0.0.1:$h2port http2; location / { return 200 "hello\n"; } }
  server { listen 127.0.0.1:$tlsport ssl; ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem;
           ssl_protocols TLSv1.3; ssl_session_tickets on; location / { return 200 "hello\n"; } }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
sleep 0.5

# capture NAME IFACE FILTER COMMAND...: runs COMMAND while tcpdump writes NAME.
capture() {
    local name=$1 iface=$2 filter=$3; shift 3
    if ((${#only[@]} > 0)) && [[ " ${only[*]} " != *" $name "* ]]; then
        return 0
    fi
    rm -f "$work/tcpdump.err"
    tcpdump -i "$iface" -w "$here/$name" -U --immediate-mode -B 65536 -n -Z root ${LINKTYPE:+-y $LINKTYPE} "$filter" 2>"$work/tcpdump.err" &
    local pid=$!
    until grep -q "listening on" "$work/tcpdump.err" 2>/dev/null; do sleep 0.1; done
    "$@" >/dev/null 2>&1 || true
    sleep 0.3
    kill -INT "$pid"
    wait "$pid" || true
    grep -E "captured|dropped" "$work/tcpdump.err" | sed "s/^/$name: /"
}

curl_loop() { for i in $(seq 1 10); do curl -s -o /dev/null "http://127.0.0.1:$port/"; done; }
curl_keepalive() { curl -s -o /dev/null -o /dev/null -o /dev/null -o /dev/null -o /dev/null "http://127.0.0.1:$port/"{1,2,3,4,5}; }
curl_ipv6() { for i in $(seq 1 3); do curl -s -g -o /dev/null "http://[::1]:$port/"; done; }
refused() { for i in $(seq 1 3); do curl -s -o /dev/null "http://127.0.0.1:$closed/"; done; }
# Each URL on its own connection (the server closes after each response); curl resumes its cached session.
curl_tls_resume() {
    for i in 1 2; do
        curl -s -k -H "Connection: close" --resolve "localhost:$tlsport:127.0.0.1" -o /dev/null -o /dev/null -o /dev/null \
            "https://localhost:$tlsport/"{1,2,3}
    done
}

capture ab-no-keepalive.pcap lo "tcp port $port" ab -q -n 100 -c 4 "http://127.0.0.1:$port/"
capture ab-keepalive.pcap lo "tcp port $port" ab -q -k -n 300 -c 4 "http://127.0.0.1:$port/"
capture curl-loop.pcap lo "tcp port $port" curl_loop
capture curl-keepalive.pcap lo "tcp port $port" curl_keepalive
capture curl-ipv6.pcap lo "tcp port $port" curl_ipv6
capture h2load-h2c.pcap lo "tcp port $h2port" h2load -n 60 -c 3 "http://127.0.0.1:$h2port/"
capture refused.pcap lo "tcp port $closed" refused
LINKTYPE=LINUX_SLL2 capture curl-any-sll2.pcap any "tcp port $port" curl_loop
capture curl-tls13-resume.pcap lo "tcp port $tlsport" curl_tls_resume

if ((${#only[@]} == 0)); then
    gzip -9 -k -f "$here/ab-keepalive.pcap" && mv "$here/ab-keepalive.pcap.gz" "$here/ab-keepalive-gzip.pcap.gz"
    mergecap -F pcapng -w "$here/mixed-linktypes.pcapng" "$here/curl-loop.pcap" "$here/curl-any-sll2.pcap"
    mkdir -p "$here/damaged"
    head -c -10 "$here/curl-loop.pcap" >"$here/damaged/cut-mid-record.pcap"
fi
ls -l "$here" "$here/damaged"
