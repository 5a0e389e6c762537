#!/usr/bin/env python3
"""Writes the seed corpus for one fuzz target from captures/ (and tests/fuzz-regressions/) into a folder.

capture: the capture files themselves, cut to 16 KB; decoder: frames, prefixed by the link type's index as
WireLens.Fuzz reads it; tls: TCP payloads starting with a TLS handshake record; http: HTTP/1.x and h2c client
streams; tcp: a few segment tables (24-byte records) made up here.
"""
import glob, gzip, os, random, struct, sys

target, root, out = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(out, exist_ok=True)
LINK_TYPES = [0, 1, 101, 108, 113, 228, 229, 276]  # Enum.GetValues<LinkType>() order (by value)


def records(path):
    data = open(path, "rb").read()
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    if len(data) < 24 or data[:4] not in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        return
    linktype = struct.unpack_from("<I", data, 20)[0]
    at = 24
    while at + 16 <= len(data):
        incl = struct.unpack_from("<I", data, at + 8)[0]
        yield linktype, data[at + 16:at + 16 + incl]
        at += 16 + incl


def tcp_payload(linktype, frame):
    if linktype == 1:
        ethertype, ip = frame[12:14], frame[14:]
    elif linktype == 276:
        ethertype, ip = frame[0:2], frame[20:]
    else:
        return b""
    if ethertype == b"\x08\x00" and len(ip) >= 20 and ip[9] == 6:
        ihl, total = (ip[0] & 15) * 4, struct.unpack_from(">H", ip, 2)[0]
        tcp = ip[ihl:total or len(ip)]
    elif ethertype == b"\x86\xdd" and len(ip) >= 40 and ip[6] == 6:
        tcp = ip[40:40 + struct.unpack_from(">H", ip, 4)[0]]
    else:
        return b""
    return tcp[(tcp[12] >> 4) * 4:] if len(tcp) >= 20 else b""


captures = sorted(glob.glob(f"{root}/captures/*.pcap*")) + sorted(glob.glob(f"{root}/captures/fingerprints/*.pcap"))
n = 0


def write(data):
    global n
    if data:
        open(f"{out}/seed-{n:04d}", "wb").write(data)
        n += 1


if target == "capture":
    for path in captures:
        write(open(path, "rb").read()[:16384])
elif target == "decoder":
    for path in captures:
        for linktype, frame in list(records(path))[:8]:
            if linktype in LINK_TYPES:
                write(bytes([LINK_TYPES.index(linktype)]) + frame)
elif target in ("tls", "http"):
    for path in captures:
        for linktype, frame in records(path):
            p = tcp_payload(linktype, frame)
            if target == "tls" and p[:1] == b"\x16":
                write(p)
            if target == "http" and (p[:4] in (b"GET ", b"POST", b"HTTP") or p.startswith(b"PRI * HTTP/2.0")):
                write(p[:4096])
elif target == "tcp":
    rng = random.Random(1)
    for _ in range(8):
        write(bytes(rng.randrange(256) for _ in range(24 * rng.randrange(2, 20))))
for path in sorted(glob.glob(f"{root}/tests/fuzz-regressions/{target}/*.bin")):
    write(open(path, "rb").read())
print(f"seeds.py: {n} seeds for {target} in {out}")
