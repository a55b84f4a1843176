#!/usr/bin/env bash
# InfraTrend speed and memory benchmark (bench/README.md says what it measures and why).
#
#   bench/run.sh [DIR]
#
# DIR holds the synthetic monorepo (made there when absent, reused when the generator has not changed);
# without it a temporary folder is used and removed at the end. Environment: REPS (timed repetitions, default 5),
# START_RUNS (runs of each start-up measurement, default 20), BACKFILL_COMMITS (default 100), SKIP_START=1,
# SKIP_BACKFILL=1, GEN_ARGS (passed to gen_monorepo.py, e.g. "--files 2000 --commits 20 --node-modules 1000" for a quick
# check of the script itself).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
project=$(dirname "$here")
reps=${REPS:-5}
start_runs=${START_RUNS:-20}
backfill_commits=${BACKFILL_COMMITS:-100}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/infratrend-bench.XXXXXX")
if [ $# -ge 1 ]; then
    mono=$(realpath -m "$1")
else
    mono=$tmp/monorepo
fi
case "$mono/" in "$project"/*) echo "bench: keep the monorepo out of the project tree ($mono)" >&2; exit 1 ;; esac
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT

bench_dir=$mono   # what the floor reads
# shellcheck source=bench/lib.sh
source "$here/lib.sh"

# --- the synthetic monorepo ---------------------------------------------------------------------------------
generator_hash=$( (sha256sum "$here/gen_monorepo.py"; echo "${GEN_ARGS:-}") | sha256sum | cut -c1-16)
if [ -f "$mono/.git/bench-generator" ] && [ "$(cat "$mono/.git/bench-generator")" = "$generator_hash" ]; then
    say "reusing the monorepo in $mono"
else
    say "generating the monorepo in $mono"
    rm -rf "$mono"
    # shellcheck disable=SC2086 # GEN_ARGS is a list of options
    python3 "$here/gen_monorepo.py" "$mono" ${GEN_ARGS:-}
    echo "$generator_hash" > "$mono/.git/bench-generator"
fi
tracked=$(git -C "$mono" ls-files | wc -l)
commits=$(git -C "$mono" rev-list --count HEAD)
ignored=$(find "$mono/node_modules" -type f | wc -l)
echo "monorepo: $tracked tracked files, $commits commits, $ignored files in the ignored node_modules"

has_no_record=no
"$tool" audit --help | grep -q -- '--no-record' && has_no_record=yes
has_backfill=no
"$tool" backfill --help >/dev/null 2>&1 && has_backfill=yes

audit_plain=("$tool" audit "$mono" --quiet)
[ "$has_no_record" = yes ] && audit_plain+=(--no-record)
audit_record=("$tool" audit "$mono" --quiet --db "$tmp/history.db")

# --- 1. audit against the floor -----------------------------------------------------------------------------
say "warming up (page cache, first run of each)"
bash -c floor
"${audit_plain[@]}" >/dev/null 2>&1 || true
[ "$has_no_record" = yes ] && { "${audit_record[@]}" >/dev/null 2>&1 || true; }
rg_files=$(cd "$mono" && rg --files --hidden --no-messages -g '!.git' | wc -l)
echo "rg walks $rg_files files"

say "timing $reps repetitions, alternating: floor, audit$([ "$has_no_record" = yes ] && echo ' --no-record, audit recording')"
for i in $(seq 1 "$reps"); do
    run_timed floor bash -c floor
    run_timed audit "${audit_plain[@]}"
    [ "$has_no_record" = yes ] && run_timed audit-record "${audit_record[@]}"
    echo "  repetition $i done (load $(load))"
done

# --- 2. peak memory ---------------------------------------------------------------------------------------------
say "peak memory (GNU time -v)"
/usr/bin/time -v "${audit_plain[@]}" >/dev/null 2>"$tmp/time-v.out" || true
peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time-v.out")
echo "audit: Maximum resident set size $peak_kb kB (load $(load))"

# --- 3. backfill --------------------------------------------------------------------------------------------------
backfill_line="backfill: not measured (SKIP_BACKFILL)"
if [ "${SKIP_BACKFILL:-}" != 1 ]; then
    if [ "$has_backfill" = yes ]; then
        # --since takes a day: the day of the 100th commit from the newest (a commit or two of that day may come along).
        since=$(git -C "$mono" log -1 --first-parent --format=%cs "HEAD~$((backfill_commits - 1))")
        say "backfill of the last $backfill_commits commits (--since $since)"
        run_timed backfill "$tool" backfill "$mono" --since "$since" --db "$tmp/backfill.db"
        cat "$tmp/backfill.stdout"
        backfilled=$(sed -n 's/.*Recorded \([0-9]*\) runs.*/\1/p' "$tmp/backfill.stdout" | tail -1)
        backfilled=${backfilled:-$backfill_commits}
        read -r bf_wall bf_cpu bf_rss bf_load _ < <(stats backfill)
        backfill_line=$(python3 -c "
n=$backfilled; w=$bf_wall; c=$bf_cpu
print('backfill: %d commits in %.1f s (cpu %.1f s): %.3f s a commit, peak %s MB, load %s' % (n, w, c, w / n, '$bf_rss', '$bf_load'))")
        echo "$backfill_line"
    else
        backfill_line="backfill: not measured, 'infratrend backfill' is not in this build"
        echo "$backfill_line"
    fi
fi

# --- 4. start cost ------------------------------------------------------------------------------------------------
start_lines=()
if [ "${SKIP_START:-}" != 1 ]; then
    say "start cost: the installed tool's own launcher against a hello-world apphost ($start_runs runs each)"
    export NUGET_PACKAGES=$tmp/nuget-packages   # a private cache: the benchmark's packages never shadow a real install
    mkdir -p "$tmp/hello"
    cat > "$tmp/hello/hello.csproj" <<'EOF'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <InvariantGlobalization>true</InvariantGlobalization>
    <PackAsTool>true</PackAsTool>
    <ToolCommandName>hello</ToolCommandName>
    <PackageId>BenchHello</PackageId>
  </PropertyGroup>
</Project>
EOF
    echo 'System.Console.WriteLine("hello");' > "$tmp/hello/Program.cs"
    dotnet build "$tmp/hello" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
    dotnet pack "$tmp/hello" -c Release -o "$tmp/hello-pkg" -p:Version="$version" -nologo -v q -clp:ErrorsOnly >/dev/null
    (cd "$tmp" && dotnet tool install BenchHello --version "$version" --tool-path "$tmp/hello-tools" --add-source "$tmp/hello-pkg" >/dev/null)
    unset NUGET_PACKAGES
    "$tmp/tools/infratrend" --version
    hyperfine -N --warmup 3 --runs "$start_runs" --export-json "$tmp/start.json" \
        -n "infratrend --version (installed)" "$tmp/tools/infratrend --version" \
        -n "hello (installed the same way)" "$tmp/hello-tools/hello" \
        -n "hello (apphost from the build)" "$tmp/hello/bin/Release/net10.0/hello" >/dev/null
    mapfile -t start_lines < <(python3 - "$tmp/start.json" "$(load)" <<'EOF'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
median = {r["command"]: r["median"] * 1000 for r in results}
names = list(median)
for name in names:
    print("%-36s median %6.1f ms" % (name, median[name]))
print("start ratio: %.2fx the installed hello, %.2fx the hello apphost (target 1.5x; load %s)"
      % (median[names[0]] / median[names[1]], median[names[0]] / median[names[2]], sys.argv[2]))
EOF
)
    printf '%s\n' "${start_lines[@]}"
fi

# --- summary -------------------------------------------------------------------------------------------------------
say "summary ($tracked files, $commits commits; median of $reps; machine: $(nproc) cores)"
read -r f_wall f_cpu f_rss f_load _ < <(stats floor)
read -r a_wall a_cpu a_rss a_load _ < <(stats audit)
printf '%-30s %8s %8s %8s  %s\n' "" "wall s" "cpu s" "peak MB" "load (1 min)"
printf '%-30s %8s %8s %8s  %s\n' "floor (git ls-files + rg)" "$f_wall" "$f_cpu" "$f_rss" "$f_load"
printf '%-30s %8s %8s %8s  %s\n' "audit$([ "$has_no_record" = yes ] && echo ' --no-record')" "$a_wall" "$a_cpu" "$a_rss" "$a_load"
if [ "$has_no_record" = yes ]; then
    read -r r_wall r_cpu r_rss r_load _ < <(stats audit-record)
    printf '%-30s %8s %8s %8s  %s\n' "audit (recording)" "$r_wall" "$r_cpu" "$r_rss" "$r_load"
fi
python3 -c "print('audit / floor: %.1fx wall, %.1fx cpu (target 2x)' % ($a_wall / $f_wall, $a_cpu / $f_cpu))"
echo "peak memory of the audit: $((peak_kb / 1024)) MB (target < 300 MB)"
echo "$backfill_line"
if [ "$has_backfill" = yes ] && [ "${SKIP_BACKFILL:-}" != 1 ]; then
    python3 -c "print('backfilled commit / audit of a checkout: %.2fx (target <= 1x)' % ($bf_wall / $backfilled / $a_wall))"
fi
[ ${#start_lines[@]} -gt 0 ] && echo "${start_lines[-1]}"
echo "load average now: $(load)"
