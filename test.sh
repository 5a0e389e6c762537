#!/usr/bin/env bash
# Builds WireLens and runs every test assembly; the last line printed is always "N passed, N failed, N skipped".
# Installs the Debian packages the tests drive (capture, servers, load tools) when run as root.
# Environment: CI=true counts skipped tests as failed; WIRELENS_TEST_TIMEOUT bounds each assembly (seconds, default 1500).
set -uo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" || exit 2
export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

PACKAGES=(clang zlib1g-dev libpcap0.8 libcap2-bin tshark wireshark-common tcpdump nginx-light openssl nftables iproute2 procps curl wrk hey apache2-utils nghttp2-client siege wget tmux python3 chromium time)
TIMEOUT="${WIRELENS_TEST_TIMEOUT:-1500}"
CI_MODE=false
[[ "${CI:-}" == "true" ]] && CI_MODE=true

# The closing line is printed by every exit path, and is the last thing printed.
finish() {
    local passed=$1 failed=$2 skipped=$3 status=$4
    echo "${passed} passed, ${failed} failed, ${skipped} skipped"
    exit "$status"
}

installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

# --- 1. packages -----------------------------------------------------------------------------------------
if command -v dpkg-query >/dev/null 2>&1; then
    missing=()
    for p in "${PACKAGES[@]}"; do
        installed "$p" || missing+=("$p")
    done
    if ((${#missing[@]} > 0)); then
        if [[ $(id -u) -eq 0 ]]; then
            echo "test.sh: installing ${missing[*]}"
            # The tshark package asks whether non-root users may capture; preseed the default answer.
            echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
            if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/tmp/wirelens-apt.log 2>&1; then
                tail -n 30 /tmp/wirelens-apt.log
                echo "test.sh: apt-get install failed (log: /tmp/wirelens-apt.log)"
                finish 0 0 0 1
            fi
        else
            echo "test.sh: not root, cannot install: ${missing[*]} (tests needing them skip; CI fails them)"
        fi
    fi
else
    echo "test.sh: no dpkg here; install by hand: ${PACKAGES[*]}"
fi

if ! command -v dotnet >/dev/null 2>&1; then
    echo "test.sh: error: 'dotnet' (the .NET 10 SDK) is not on PATH"
    finish 0 0 0 1
fi

# --- 2. build ---------------------------------------------------------------------------------------------
results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
echo "test.sh: building WireLens.sln (Release)"
if ! dotnet build WireLens.sln -c Release -nologo -v quiet >"$results/build.log" 2>&1; then
    # Errors as MSBuild prints them, once each; the whole log if none matched (e.g. a restore failure).
    if ! grep -E ': (error|warning) [A-Z]+[0-9]+|error MSB|error NU' "$results/build.log" | sed 's/ \[[^]]*\]$//' | sort -u; then
        tail -n 50 "$results/build.log"
    fi
    echo "test.sh: build failed (full log: $results/build.log)"
    finish 0 0 0 1
fi

# --- 2b. the CLI users run ---------------------------------------------------------------------------------
# The launcher's own build (NativeAOT, with the clang and zlib1g-dev of step 1): the end-to-end tests start it as
# their child process (WIRELENS_TEST_CLI), so they check the binary that ships, not only the test build's dll.
echo "test.sh: building the CLI as ./wirelens does"
if ! ./wirelens --version >"$results/cli-build.log" 2>&1; then
    tail -n 30 "$results/cli-build.log"
    echo "test.sh: ./wirelens could not build the CLI (log: $results/cli-build.log, artifacts/cli-build.log)"
    finish 0 0 0 1
fi
if [[ -x artifacts/cli/wirelens && ! -f artifacts/cli/wirelens.dll ]]; then
    export WIRELENS_TEST_CLI="$(pwd)/artifacts/cli/wirelens"
    echo "test.sh: end-to-end tests run the native CLI $WIRELENS_TEST_CLI"
elif $CI_MODE; then
    echo "test.sh: the launcher built the JIT CLI, not the native one (is clang installed?); CI needs the native one"
    finish 0 0 0 1
else
    echo "test.sh: the launcher built the JIT CLI (no clang); end-to-end tests run the test build's dll"
fi

# --- 3. run every test assembly, one after the other -------------------------------------------------------
# Not side by side: the end-to-end tests capture real traffic with tcpdump, and a CPU-bound unit-test assembly
# beside them makes tcpdump drop packets (seen), which fails the capture's completeness check.
declare -A pids=()
declare -A codes=()
for dir in tests/*Tests*/; do
    name="$(basename "$dir")"
    dll="$dir/bin/Release/net10.0/$name.dll"
    # Test projects are executables (xunit.v3): an executable has a runtimeconfig.json beside its dll.
    [[ -f "$dll" && -f "${dll%.dll}.runtimeconfig.json" ]] || continue
    echo "test.sh: running $name (time bound ${TIMEOUT}s)"
    timeout -k 30 "$TIMEOUT" dotnet "$dll" -result-xml "$results/$name.xml" -noColor >"$results/$name.log" 2>&1 &
    pids[$name]=$!
    wait "${pids[$name]}"
    codes[$name]=$?
done


if ((${#pids[@]} == 0)); then
    echo "test.sh: no test assembly found under tests/*Tests*/"
    finish 0 0 0 1
fi

# --- 4. report --------------------------------------------------------------------------------------------
status_file="$results/assemblies.txt"
: >"$status_file"
for name in "${!codes[@]}"; do
    echo "$name ${codes[$name]} $results/$name.xml $results/$name.log" >>"$status_file"
done

python3 - "$status_file" "$CI_MODE" <<'PY'
import sys, os
import xml.etree.ElementTree as ET

status_file, ci = sys.argv[1], sys.argv[2] == "true"
passed = failed = skipped = 0
failures, skips, problems = [], [], []

def first_lines(text, n=6):
    lines = [l.rstrip() for l in (text or "").strip().splitlines()]
    return lines[:n] + (["..."] if len(lines) > n else [])

for line in open(status_file):
    name, code, xml, log = line.split()
    code = int(code)
    counts = None
    if os.path.exists(xml):
        try:
            root = ET.parse(xml).getroot()
            counts = [0, 0, 0]
            for test in root.iter("test"):
                result = test.get("result")
                if result == "Pass":
                    counts[0] += 1
                elif result == "Fail":
                    counts[1] += 1
                    message = test.findtext("failure/message") or ""
                    failures.append((test.get("name"), first_lines(message)))
                elif result == "Skip":
                    counts[2] += 1
                    skips.append((test.get("name"), (test.findtext("reason") or "").strip()))
            # Assembly-level errors (fixture or class clean-up failures, catastrophic failures).
            for error in root.iter("error"):
                counts[1] += 1
                message = error.findtext("failure/message") or ""
                failures.append((f"{name}: {error.get('type')} error in {error.get('name') or 'assembly'}", first_lines(message)))
        except ET.ParseError as e:
            counts = None
            problems.append(f"{name}: unreadable results {xml}: {e}")
    problem = None
    if code in (124, 137):
        problem = f"{name}: TIMED OUT (killed by timeout, exit {code}); log: {log}"
    elif counts is None:
        problem = f"{name}: CRASHED before writing results (exit {code}); log: {log}"
    elif code != 0 and counts[1] == 0:
        problem = f"{name}: exited with {code} although no test failed (crash?); log: {log}"
    if counts is not None:
        passed += counts[0]
        failed += counts[1]
        skipped += counts[2]
    if problem:
        # A crashed or timed-out assembly counts as one failure, shown with the end of its output.
        failed += 1
        try:
            tail = open(log, errors="replace").read().strip().splitlines()[-15:]
            problem += "\n      " + "\n      ".join(tail)
        except OSError:
            pass
        problems.append(problem)

for test, lines in failures:
    print(f"FAILED  {test}")
    for l in lines:
        print(f"      {l}")
for problem in problems:
    print(f"FAILED  {problem}")
for test, reason in skips:
    print(f"SKIPPED {test}: {reason}")

if ci and skipped:
    print(f"CI=true: the {skipped} skipped test(s) above count as failed (CI must run everything)")
    failed += skipped
    skipped = 0

total = passed + failed + skipped
if total == 0:
    print("no test ran")
status = 1 if failed or total == 0 else 0
with open(status_file + ".summary", "w") as f:
    f.write(f"{passed} {failed} {skipped} {status}\n")
PY
if [[ ! -s "$status_file.summary" ]]; then
    echo "test.sh: could not read the test results"
    finish 0 1 0 1
fi
read -r passed failed skipped status <"$status_file.summary"
finish "$passed" "$failed" "$skipped" "$status"
