#!/usr/bin/env bash
# Coverage-guided fuzzing of one WireLens decoder with afl++ and SharpFuzz.
# Usage: fuzz/run.sh <capture|decoder|tls|http|tcp> [seconds, default 600]
# Findings land in fuzz/findings/<target>/default/{crashes,hangs}; see fuzz/README.md for turning them into tests.
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
target="${1:?usage: fuzz/run.sh <capture|decoder|tls|http|tcp> [seconds]}"
seconds="${2:-600}"
case "$target" in capture|decoder|tls|http|tcp) ;; *) echo "run.sh: unknown target $target" >&2; exit 2 ;; esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PATH="$PATH:$HOME/.dotnet/tools"

# 1. afl++ (Debian package afl++).
if ! command -v afl-fuzz >/dev/null; then
    if [[ $(id -u) -eq 0 ]]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++
    else
        echo "run.sh: afl-fuzz missing; install the Debian package afl++ (as root)" >&2
        exit 1
    fi
fi

# 2. The sharpfuzz instrumenter (dotnet tool SharpFuzz.CommandLine, same version as the SharpFuzz package).
if ! command -v sharpfuzz >/dev/null; then
    dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0 || {
        echo "run.sh: cannot install the sharpfuzz dotnet tool (no registry?); see fuzz/README.md" >&2
        exit 1
    }
fi

# 3. Build the harness and instrument the WireLens assemblies it exercises (not the harness, not the BCL).
out="$(pwd)/out"
rm -rf "$out"
dotnet publish WireLens.Fuzz/WireLens.Fuzz.csproj -c Release -o "$out" -nologo -v quiet
for dll in WireLens.Wire WireLens.Capture WireLens.Analysis; do
    sharpfuzz "$out/$dll.dll"
done

# 4. Seed corpus from captures/ and the committed regressions.
corpus="$(pwd)/corpus/$target"
rm -rf "$corpus"
python3 seeds.py "$target" .. "$corpus"

# 5. Fuzz. .NET starts slowly and maps lots of memory: generous timeout, no memory limit.
mkdir -p findings
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
afl-fuzz -V "$seconds" -t 5000 -m none -i "$corpus" -o "findings/$target" -- dotnet "$out/WireLens.Fuzz.dll" "$target"
echo "run.sh: crashes: $(find "findings/$target" -path '*crashes/id*' | wc -l), hangs: $(find "findings/$target" -path '*hangs/id*' | wc -l)"
