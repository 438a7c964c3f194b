#!/usr/bin/env bash
# Sets care's figures beside the reference points, each pair measured in the same run on the
# same generated data (the machines are shared and noisy, so only ratios in one run compare):
#
#   - loading the caseload          vs  sqlite3 reading the same rows the app reads at open
#   - one filter keystroke          vs  grep -iF and fzf --filter over the same searchable fields,
#                                       as whole processes (grep writes to a regular file: on
#                                       /dev/null it stops at the first match)
#   - bytes per navigation key      vs  the UTF-8 bytes of the cells that changed (care bench's
#                                       buffer diff), from tmux pipe-pane, 100 single presses of j
#   - write() calls per key, and the frames a burst of 50 keys draws (strace of the real binary)
#   - the first frame after the KDF  vs  the physical floor: ../shared/tools/perf-floor, built here
#                                       (installing libssl-dev and libsqlite3-dev when missing),
#                                       reading the same summaries with the SQLite C API and
#                                       AES-GCM-opening blobs of the same sizes on both cores
#
# Usage: scripts/bench-compare.sh [SIZE]        (default 5000 children)
#        CARE_BIN=path/to/care scripts/bench-compare.sh 5000   (another build, e.g. an older one)
# It builds nothing: run `swift build -c release` first. It installs fzf and hyperfine with
# apt-get when they are missing. Generated stores are kept in $CARE_BENCH_DIR (default
# /tmp/care-bench) and reused. All data is synthetic.
set -euo pipefail
cd "$(dirname "$0")/.."

size=${1:-5000}
care=${CARE_BIN:-$PWD/.build/release/care}
dir=${CARE_BENCH_DIR:-/tmp/care-bench}
runs=${RUNS:-30}
socket=care-bench-compare

if [ ! -x "$care" ]; then
  echo "No release build at .build/release/care. Build it first: swift build -c release" >&2
  exit 1
fi
need=()
command -v fzf >/dev/null 2>&1 || need+=(fzf)
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
command -v strace >/dev/null 2>&1 || need+=(strace)
command -v tmux >/dev/null 2>&1 || need+=(tmux)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v cc >/dev/null 2>&1 || need+=(gcc)
[ -f /usr/include/openssl/evp.h ] || need+=(libssl-dev)
[ -f /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

mkdir -p "$dir/state"
chmod 700 "$dir"
store=$dir/bench-$size.care
fields=$dir/fields-$size.txt
work=$(mktemp -d "$dir/compare.XXXXXX")
trap 'tmux -L $socket kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

# A new store is generated, and signed in to for the first time, by a short run of its own: the
# first sign-in's one-time work would set the measured run's peak memory (a fresh directory once
# printed 164.7 MB for the everyday 89.8 MB).
if [ ! -f "$store" ]; then
  echo "generating the $size-child store (once) …" >&2
  "$care" bench --sizes "$size" --samples 1 --directory "$dir" > /dev/null
fi
# What care itself measures.
echo "care bench --sizes $size (store: $store) …" >&2
"$care" bench --sizes "$size" --samples 100 --directory "$dir" --search-fields "$dir" --json > "$work/care.json"

# The physical floor of opening: the same rows read with the SQLite C API and AES-GCM-opened,
# no objects (../shared/tools/perf-floor; PERF_FLOOR to use another copy of floor.c).
floor_src=${PERF_FLOOR:-$PWD/../shared/tools/perf-floor/floor.c}
floor_bin=$dir/perf-floor
if [ ! -f "$floor_src" ]; then
  echo "No perf-floor source at $floor_src (set PERF_FLOOR)" >&2
  exit 1
fi
if [ ! -x "$floor_bin" ] || [ "$floor_src" -nt "$floor_bin" ]; then
  cc -O2 -o "$floor_bin" "$floor_src" -lsqlite3 -lcrypto -lpthread
fi
"$floor_bin" "$store" 9 > "$work/floor.txt"

json() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["sizes"][0]; print(eval(sys.argv[2], {}, d))' "$work/care.json" "$1"; }
# Where the timings and the pane's bytes go; nothing a person typed is in them (synthetic data).
# Median of one command as a whole process, in ms (hyperfine subtracts the shell's own start).
median_of() {
  local name=$1; shift
  hyperfine --runs "$runs" --warmup 3 --style none --export-json "$work/$name.json" "$@" >/dev/null 2>&1
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.3f" % (r["median"]*1000))' "$work/$name.json"
}

# sqlite3 reading the rows the app reads at open (care bench names them), output discarded.
json '"\n".join(openReads) if "openReads" in dir() else ""' > "$work/open.sql"
sqlite_ms=0
if grep -q SELECT "$work/open.sql"; then
  sqlite_ms=$(median_of sqlite "sqlite3 -readonly $store < $work/open.sql > $work/sqlite.out")
else
  echo "this build of care does not name the rows it reads at open: no sqlite3 comparison" >&2
fi

letter=a
name=$(head -n 1 "$fields" | cut -f 1)
grep_letter=$(median_of grep-letter "grep -iF $letter $fields > $work/grep.out")
grep_name=$(median_of grep-name "grep -iF '$name' $fields > $work/grep.out")
fzf_letter=$(median_of fzf-letter "fzf --filter $letter < $fields > $work/fzf.out")
fzf_name=$(median_of fzf-name "fzf --filter '$name' < $fields > $work/fzf.out")

# The real binary in tmux at 120×32 under strace: the bytes tmux received (pipe-pane) and the
# write() calls per single j, then a burst of 50 k in one send.
printf 'bench-passphrase\n' > "$work/pass"
chmod 600 "$work/pass"
tmux -L $socket -f /dev/null new-session -d -x 120 -y 32 \
  "XDG_STATE_HOME=$dir/state TERM=tmux-256color strace -qq -s 0 -e trace=read,write -o $work/strace.txt $care --store $store --user demo-cp --passphrase-fd 3 3<$work/pass"
size_of() { stat -c %s "$1" 2>/dev/null || echo 0; }
# Waits (with a deadline) until the file stops growing for about 50 ms, after it first grew past
# $2: well under the 300 ms after which a resting selection draws its preview, which would be
# counted as part of the next press.
settle() {
  local file=$1 from=$2 deadline=$((SECONDS + 60)) last stable=0
  while [ "$(size_of "$file")" -le "$from" ]; do
    [ $SECONDS -lt $deadline ] || { echo "timed out waiting for a frame" >&2; exit 1; }
    sleep 0.005
  done
  last=$(size_of "$file")
  while [ $stable -lt 10 ]; do
    sleep 0.005
    local now; now=$(size_of "$file")
    if [ "$now" -eq "$last" ]; then stable=$((stable + 1)); else stable=0; last=$now; fi
  done
}
deadline=$((SECONDS + 120))
until tmux -L $socket capture-pane -p | grep -q "CARE ·"; do
  [ $SECONDS -lt $deadline ] || { echo "care did not show the caseload in tmux" >&2; tmux -L $socket capture-pane -p >&2; exit 1; }
  sleep 0.05
done
sleep 1  # let the preview of the first child (300 ms rest) and its frame pass before counting
tmux -L $socket pipe-pane -o "cat >> $work/pane.bytes"
touch "$work/pane.bytes"
writes_of() { grep -c '^write(1,' "$work/strace.txt" || true; }
bytes_before=$(size_of "$work/pane.bytes")
writes_before=$(writes_of)
for _ in $(seq 100); do
  from=$(size_of "$work/pane.bytes")
  tmux -L $socket send-keys j
  settle "$work/pane.bytes" "$from"
done
bytes_j=$(( $(size_of "$work/pane.bytes") - bytes_before ))
writes_j=$(( $(writes_of) - writes_before ))
lines_before=$(wc -l < "$work/strace.txt")
from=$(size_of "$work/pane.bytes")
tmux -L $socket send-keys "$(printf 'k%.0s' $(seq 50))"
settle "$work/pane.bytes" "$from"
# A frame is a run of write() calls with no read() between them.
burst_frames=$(tail -n +"$((lines_before + 1))" "$work/strace.txt" | awk '/^write\(1,/ { if (!inframe) frames++; inframe=1; next } /^read\(/ { inframe=0 } END { print frames+0 }')
tmux -L $socket send-keys q
cp "$work/strace.txt" "$dir/strace-$size.txt"   # kept for a closer look (-s 0: no text of the screen in it)

python3 - "$care" "$work/floor.txt" "$work/care.json" "$size" "$sqlite_ms" "$grep_letter" "$grep_name" "$fzf_letter" "$fzf_name" "$bytes_j" "$writes_j" "$burst_frames" "$name" <<'EOF'
import json, re, subprocess, sys
binary = sys.argv.pop(1)
floor_text = open(sys.argv.pop(1)).read()
def floor_median(label):
    match = re.search(re.escape(label) + r"\s+median\s+([0-9.]+)", floor_text)
    return float(match.group(1)) if match else float("nan")
d = json.load(open(sys.argv[1]))["sizes"][0]
size, sqlite_ms, grep_l, grep_n, fzf_l, fzf_n = sys.argv[2], *map(float, sys.argv[3:8])
bytes_j, writes_j, burst, name = int(sys.argv[8]), int(sys.argv[9]), int(sys.argv[10]), sys.argv[11]
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
load = d["load"]["median"]
print(f"care vs the reference points at {size} children ({d['contacts']} contacts), medians")
print(f"binary: {binary} (work tree at commit {commit})")
print(f"{'measure':66} {'care':>10} {'reference':>10} {'ratio':>7}")
def row(label, ours, theirs, unit="ms"):
    print(f"{label:66} {ours:>8.2f}{unit:2} {theirs:>8.2f}{unit:2} {ours / theirs if theirs else float('nan'):>6.2f}x")
if sqlite_ms:
    row("loading the caseload vs sqlite3 reading the same rows", load, sqlite_ms)
row("filter: one letter vs grep -iF (whole process)", d["filterLetter"]["median"], grep_l)
row(f"filter: a key of a whole name vs grep -iF '{name}'", d["filterName"]["median"], grep_n)
row("filter: one letter vs fzf --filter", d["filterLetter"]["median"], fzf_l)
row("filter: a key of a whole name vs fzf --filter", d["filterName"]["median"], fzf_n)
row("bytes per j (tmux pipe-pane) vs the changed cells' bytes", bytes_j / 100, d["changedCellBytesPerDown"], "B")
print(f"{'write() calls per j (target 1)':66} {writes_j / 100:>10.2f}")
print(f"{'frames drawn for a burst of 50 keys (target 1)':66} {burst:>10d}")
print(f"{'filter keystroke p99 (letter / name / backspace)':66} {d['filterLetter']['p99']:.2f} / {d['filterName']['p99']:.2f} / {d['filterBackspace']['p99']:.2f} ms")
# The floor: the read, then the opening on both cores with the key set up per blob, as
# swift-crypto does per call.
floor_read = floor_median("sqlite C API read (all columns, payload copied)")
floor_open = floor_median("AES-GCM open, key per blob, 2 threads")
floor = floor_read + floor_open
print(f"{'the floor: SQLite C API read + AES-GCM open on 2 threads (perf-floor)':66} {floor:>8.2f}ms   ({floor_read:.2f} + {floor_open:.2f})")
row("first frame after the KDF (median) vs the floor (target at most 3x)", d["openAfterKDF"]["median"], floor)
row("first frame after the KDF (best) vs the floor", min(d["openAfterKDF"]["milliseconds"]), floor)
if "wholeAfterKDF" in d:
    # The alert times and the referral queue are built at the turn after the first frame.
    row("the whole dashboard after the KDF (first frame + next turn) vs the floor", d["wholeAfterKDF"]["median"], floor)
def p50_p99(key):
    return f"{d[key]['median']:.2f} / {d[key]['p99']:.2f} ms" if key in d else "not measured by this build"
print(f"{'Ctrl-S on a contact note -> next frame, median / p99':66} {p50_p99('saveFrame')}")
print(f"{'  the store call alone, median / p99':66} {p50_p99('save')}")
print(f"{'Enter on a child -> its record frame, median / p99':66} {p50_p99('openRecordFrame')}")
print(f"{'  the store call alone, median / p99':66} {p50_p99('openRecord')}")
print(f"{'peak resident memory of the app':66} {d['peakResidentMegabytes']:>8.1f}MB")
EOF
