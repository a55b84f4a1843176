# Shared by bench/run.sh (the synthetic monorepo) and bench/real.sh (real repositories at pinned commits): what the
# benchmarks need, the tool as a user gets it, timing helpers and the floor. Sourced with $here, $project and $tmp set.

say() { printf '\n== %s\n' "$*"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# --- what the benchmark needs -------------------------------------------------------------------------------
missing=()
command -v rg >/dev/null || missing+=(ripgrep)
[ -x /usr/bin/time ] || missing+=(time)
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v python3 >/dev/null || missing+=(python3)
command -v git >/dev/null || missing+=(git)
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }
fi

# The tool as a user gets it: packed (ReadyToRun; this machine's platform only, one package instead of seven) with a
# throw-away version, installed with --tool-path from a private cache so that it never shadows a real install. The pack
# restores with the usual cache: its restore takes every platform's runtime pack (about 1.2 GB, once).
rid=$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')
grep -Eq "[>;]$rid[;<]" "$project/src/InfraTrend.Cli/InfraTrend.Cli.csproj" || rid=any
say "packing and installing InfraTrend ($rid)"
version="0.0.0-bench.$(date +%s)"
dotnet pack "$project/src/InfraTrend.Cli" -c Release -o "$tmp/pkg" -p:Version="$version" -p:ToolPackageRuntimeIdentifiers="$rid" \
    -nologo -v q -clp:ErrorsOnly >/dev/null
(cd "$tmp" && NUGET_PACKAGES=$tmp/nuget-packages \
    dotnet tool install InfraTrend --version "$version" --tool-path "$tmp/tools" --add-source "$tmp/pkg" >/dev/null)
tool=$tmp/tools/infratrend
echo "$("$tool" --version) from $(cd "$tmp/pkg" && ls -s --block-size=K -- *.nupkg | tr '\n' ' ')"

# --- helpers --------------------------------------------------------------------------------------------------
# run_timed NAME CMD...: one run under GNU time; appends "wall user sys maxrss_kb load1" to $tmp/NAME.
run_timed() {
    local name=$1
    shift
    local before
    before=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/time.out" "$@" >"$tmp/$name.stdout" 2>"$tmp/$name.stderr" || true
    echo "$(tail -1 "$tmp/time.out") $before" >> "$tmp/$name"
}

# stats NAME: median wall, median cpu (user+sys), max rss (MB), loads seen.
stats() {
    python3 - "$tmp/$1" <<'EOF'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
wall = statistics.median(r[0] for r in rows)
cpu = statistics.median(r[1] + r[2] for r in rows)
rss = max(r[3] for r in rows) / 1024
loads = [r[4] for r in rows]
print("%.3f %.3f %.0f %.1f-%.1f %d" % (wall, cpu, rss, min(loads), max(loads), len(rows)))
EOF
}

patterns=$tmp/patterns.txt
python3 "$here/patterns.py" "$project/src" "$patterns"

floor() {
    git -C "$bench_dir" ls-files -z --cached --others --exclude-standard > "$tmp/ls-files.out"
    # One pass over the same files: rg honours the same .gitignores; --hidden for .github/, the audit's 1 MB limit.
    # Output goes to a file, not /dev/null (where rg would stop at the first match). --no-unicode: with Unicode word
    # boundaries ripgrep leaves its fast engine on any non-ASCII text (bitwarden's translated resource files: 31 s
    # instead of 0.5 s for the same files matched), and a floor is the fastest fair pass.
    (cd "$bench_dir" && rg --no-unicode --hidden --no-messages -g '!.git' --max-filesize 1M --count -f "$patterns" . > "$tmp/rg.out") || true
}
export -f floor
export bench_dir tmp patterns

