#!/usr/bin/env bash
# The chain benchmark of issue 9: generate a chain (Parquet and CSV) and one station (xlsx),
# run `stoa check` and `stoa report` on each with the release binary, and print a markdown
# table per data set: wall time, rows per second and peak memory per stage, and the
# in-memory size of the accepted tables.
#
#   bench/chain.sh                         # defaults: a quarter-size chain, a few minutes
#   CLIENTS=240000 bench/chain.sh          # the issue's chain set (240 000 clients, 20 stations)
#   CHAIN_DIR=/tmp/chain SETS=parquet bench/chain.sh   # reuse a generated Parquet chain
#   BY_STATION=1 bench/chain.sh            # also time `stoa report --by-station`, and
#                                          # `stoa split` + one station from its folder
#
# Environment (defaults in brackets):
#   CLIENTS [60000]  MONTHS [60]  STATIONS [20]   size of the chain sets
#   XLSX_CLIENTS [12000]                           the one-station xlsx set (same MONTHS)
#   SETS ["parquet csv xlsx"]                      which sets to run
#   CHAIN_DIR                                      an existing Parquet chain: not generated,
#                                                  not modified (reports go to WORK)
#   WORK [/tmp/stoa-bench]                         where sets and reports are written
#   BY_STATION [0]                                 1: also run `report --by-station`,
#                                                  `split` and a station's report from its
#                                                  folder (the chain sets)
#   CPUS                                           core counts, e.g. "1 2 4": also run
#                                                  check and report pinned to the first N
#                                                  cores (taskset) for each N, to see how
#                                                  the report ÷ check ratio moves with cores
#   STOA [target/release/stoa, built if missing]   the binary
set -euo pipefail

CLIENTS=${CLIENTS:-60000}
MONTHS=${MONTHS:-60}
STATIONS=${STATIONS:-20}
XLSX_CLIENTS=${XLSX_CLIENTS:-12000}
SETS=${SETS:-"parquet csv xlsx"}
WORK=${WORK:-/tmp/stoa-bench}
BY_STATION=${BY_STATION:-0}
CPUS=${CPUS:-}
here=$(cd "$(dirname "$0")/.." && pwd)

if [[ -z "${STOA:-}" ]]; then
    STOA="${CARGO_TARGET_DIR:-$here/target}/release/stoa"
    if [[ ! -x "$STOA" ]]; then
        (cd "$here" && cargo build --release)
    fi
fi
command -v python3 >/dev/null || { echo "bench/chain.sh needs python3 (to read manifest.json)" >&2; exit 2; }
TIME=/usr/bin/time
if ! "$TIME" -v true >/dev/null 2>&1; then
    echo "bench/chain.sh needs GNU time for peak memory: apt-get install time" >&2
    exit 2
fi
if [[ -n "$CPUS" ]]; then
    command -v taskset >/dev/null || { echo "CPUS needs taskset (util-linux)" >&2; exit 2; }
    for n in $CPUS; do
        if ! [[ "$n" =~ ^[1-9][0-9]*$ ]] || (( n > $(nproc) )); then
            echo "CPUS: $n is not a core count between 1 and $(nproc)" >&2
            exit 2
        fi
    done
fi
mkdir -p "$WORK"

# run NAME LOG CMD...: run CMD under GNU time; sets WALL (s) and RSS (MB).
run() {
    local name=$1 log=$2
    shift 2
    if ! "$TIME" -v -o "$log.time" "$@" >"$log.out" 2>"$log.err"; then
        echo "$name failed; see $log.err" >&2
        tail -5 "$log.err" >&2
        exit 1
    fi
    WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log.time")
    RSS=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log.time")
}

# bench_set ID TITLE DIR [GENERATE_ARGS...]: one data set, one markdown table; DIR is
# generated first when GENERATE_ARGS are given.
bench_set() {
    local id=$1 name=$2 dir=$3
    shift 3
    local logs="$WORK/logs-$id"
    mkdir -p "$logs"
    local gen_row=""
    if [[ $# -gt 0 ]]; then
        rm -rf "$dir"
        run generate "$logs/generate" "$STOA" generate --out "$dir" "$@"
        gen_row="generate|$WALL|$RSS"
    fi
    run check "$logs/check" "$STOA" check --data "$dir" --json --sizes
    local check_wall=$WALL check_rss=$RSS
    cp "$logs/check.out" "$logs/inputs.json"
    cp "$logs/check.err" "$logs/sizes.txt"
    local out="$WORK/reports-$id"
    rm -rf "$out"
    run report "$logs/report" "$STOA" report --data "$dir" --out "$out" --quiet
    local report_wall=$WALL report_rss=$RSS
    local by_wall="" by_rss=""
    if [[ "$BY_STATION" == 1 ]]; then
        rm -rf "$out-by-station"
        run report-by-station "$logs/by-station" "$STOA" report --data "$dir" --out "$out-by-station" --by-station --quiet
        by_wall=$WALL by_rss=$RSS
    fi
    local split_row="" part_row=""
    if [[ "$BY_STATION" == 1 && "$id" != xlsx ]]; then
        local parts="$WORK/parts-$id"
        rm -rf "$parts"
        run split "$logs/split" "$STOA" split --data "$dir" --out "$parts" --quiet
        split_row="$WALL|$RSS"
        # The first station's folder, reported alone for the chain report's month.
        local folder station month
        IFS=$'\t' read -r folder station < "$parts/stations.tsv"
        month=$(python3 -c 'import glob, json, sys; print(json.load(open(glob.glob(sys.argv[1] + "/*/manifest.json")[0]))["month"])' "$out")
        rm -rf "$out-part"
        run station-from-folder "$logs/part" "$STOA" report --data "$parts/$folder" \
            --station "$station" --month "$month" --out "$out-part" --quiet
        part_row="$station|$WALL|$RSS"
    fi
    # The same check and report pinned to the first N cores: polars sizes its thread pool
    # by the cores the process may run on, so this is the run a machine of N cores makes.
    local cpu_rows=""
    for n in $CPUS; do
        rm -rf "$out-cpus"
        run "check on $n cores" "$logs/check-$n" taskset -c "0-$((n - 1))" "$STOA" check --data "$dir"
        local cw=$WALL cr=$RSS
        run "report on $n cores" "$logs/report-$n" taskset -c "0-$((n - 1))" "$STOA" report --data "$dir" --out "$out-cpus" --quiet
        cpu_rows="$cpu_rows$n|$cw|$cr|$WALL|$RSS;"
    done
    python3 - "$name" "$dir" "$logs" "$out" "$gen_row" "$check_wall" "$check_rss" \
        "$report_wall" "$report_rss" "$by_wall" "$by_rss" "$split_row" "$part_row" "$cpu_rows" <<'PY'
import glob, json, os, sys
name, data, logs, out, gen, cw, cr, rw, rr, bw, br, split, part, cpus = sys.argv[1:]
inputs = json.load(open(os.path.join(logs, "inputs.json")))
rows = sum(i["rows_read"] for i in inputs)
by = {i["table"]: i["rows_read"] for i in inputs}
size = sum(os.path.getsize(p) for p in glob.glob(os.path.join(data, "*")) if os.path.isfile(p))
sizes = {}
for line in open(os.path.join(logs, "sizes.txt")):
    parts = line.split()
    if len(parts) == 4 and parts[2].isdigit():
        sizes[parts[0]] = int(parts[2])
manifest = json.load(open(glob.glob(os.path.join(out, "*", "manifest.json"))[0]))

def rate(n, s):
    s = float(s)
    return f"{n / s:,.0f}".replace(",", " ") if s > 0 else "—"

print(f"\n### {name}: {by.get('visits', 0):,} visits, {by.get('order_lines', 0):,} order lines, "
      f"{by.get('clients', 0):,} clients; {rows:,} input rows, {size / 1e6:.0f} MB on disk, "
      f"{sizes.get('total', 0) / 1e6:.0f} MB in memory once read; month {manifest['month']}\n")
print("| stage | wall s | rows/s (input rows) | peak memory MB |")
print("|---|---:|---:|---:|")
if gen:
    _, w, r = gen.split("|")
    print(f"| `stoa generate` | {float(w):.1f} | {rate(rows, w)} | {r} |")
print(f"| `stoa check` | {float(cw):.1f} | {rate(rows, cw)} | {cr} |")
print(f"| `stoa report` (whole run) | {float(rw):.1f} | {rate(rows, rw)} | {rr} |")
for t in manifest["timings"]:
    s = t["ms"] / 1000
    print(f"| &nbsp;&nbsp;report: {t['stage']} | {s:.1f} | {rate(rows, s)} | |")
if bw:
    n = len(glob.glob(os.path.join(out + "-by-station", "stations", "*", "*", "manifest.json")))
    print(f"| `stoa report --by-station` (chain + {n} stations) | {float(bw):.1f} | {rate(rows, bw)} | {br} |")
if split:
    w, r = split.split("|")
    print(f"| `stoa split` (one data folder per station) | {float(w):.1f} | {rate(rows, w)} | {r} |")
if part:
    st, w, r = part.split("|")
    print(f"| `stoa report --station {st}` from its folder | {float(w):.1f} | | {r} |")
print(f"\nReport ÷ check: {float(rw) / float(cw):.2f}×. In memory once read (polars' estimate): " + ", ".join(
    f"{t} {b / 1e6:.0f} MB" for t, b in sizes.items() if t != "total"))
if cpus:
    print("\n| cores (taskset) | `stoa check` s | `stoa report` s | report ÷ check | peak check / report MB |")
    print("|---:|---:|---:|---:|---:|")
    for row in filter(None, cpus.split(";")):
        n, c_w, c_r, r_w, r_r = row.split("|")
        print(f"| {n} | {float(c_w):.1f} | {float(r_w):.1f} | {float(r_w) / float(c_w):.2f}× | {c_r} / {r_r} |")
PY
}

echo "## stoa chain benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $("$STOA" --version)"
for set in $SETS; do
    case $set in
        parquet)
            if [[ -n "${CHAIN_DIR:-}" ]]; then
                bench_set parquet "Parquet chain ($CHAIN_DIR)" "$CHAIN_DIR"
            else
                bench_set parquet "Parquet chain" "$WORK/chain-parquet" --clients "$CLIENTS" \
                    --months "$MONTHS" --stations "$STATIONS" --format parquet
            fi
            ;;
        csv)
            bench_set csv "CSV chain" "$WORK/chain-csv" --clients "$CLIENTS" \
                --months "$MONTHS" --stations "$STATIONS" --format csv
            ;;
        xlsx)
            bench_set xlsx "xlsx, one station" "$WORK/station-xlsx" --clients "$XLSX_CLIENTS" \
                --months "$MONTHS" --stations 1 --format xlsx
            ;;
        *)
            echo "unknown set $set (parquet, csv, xlsx)" >&2
            exit 2
            ;;
    esac
done
