#!/usr/bin/env bash
# Build benchmark: brief (and Hugo, when it is on PATH) on generated
# briefings of 1k, 10k and 100k articles, plus `brief import` over the
# extraction pages. See README.md beside this script for what it measures
# and the figures it gave.
#
#   bench/build/run.sh                 # 1000 10000 100000
#   bench/build/run.sh 1000 10000      # chosen sizes
#
# With 10000 among the sizes it ends with issue 9's targets as ratios
# measured in this one run: rebuilds after an edit, an added article and
# an added topic (BenchmarkRebuild), brief serve's edit-to-reload
# (BenchmarkReload, median of 10), brief/Hugo, and, with 100000 too, the
# 100k/10k wall-time ratio and 100k peak RSS.
#
# Environment:
#   WORK=/tmp/brief-bench  scratch folder (corpora are kept there between
#                          runs and regenerated when the generator changes)
#   RUNS=3                 runs per measurement; the table shows medians
#   HUGO_MAX=10000         largest size Hugo is run on (its term pages list
#                          every member, so at 100k they grow very large)
#   OUT=disk|shm           where sites are written: the work folder, or
#                          /dev/shm to leave the disk out of the figures
#   TARGETS=1              0 leaves out the closing rebuild and serve
#                          benchmarks (about ten minutes at 10k)
#   CORPUS=brief|other     the corpus: briefcorpus's, or the one
#                          othercorpus.py (beside this script) writes,
#                          made independently of it (needs python3)
#   SEARCH=on|off          off builds the corpus with `search: enabled:
#                          false` in its site.yaml (kept in a folder of its
#                          own), to measure the rest of the build alone
#
# Needs GNU time (/usr/bin/time, Debian package `time`) for peak RSS.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-/tmp/brief-bench}
RUNS=${RUNS:-3}
HUGO_MAX=${HUGO_MAX:-10000}
OUT=${OUT:-disk}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)

if [ ! -x /usr/bin/time ]; then
	echo "run.sh: /usr/bin/time (GNU time) is missing: apt-get install -y time" >&2
	exit 1
fi
mkdir -p "$WORK/bin"
outroot=$WORK/out
[ "$OUT" = shm ] && outroot=/dev/shm/brief-bench-out
mkdir -p "$outroot"

(cd "$repo" && go build -o "$WORK/bin/brief" ./cmd/brief && go build -o "$WORK/bin/briefcorpus" ./cmd/briefcorpus)
brief=$WORK/bin/brief
hugo=$(command -v hugo || true)

# measure LABEL CMD...: runs CMD under GNU time, appends "wall rss_kb cpu_s"
# to $WORK/LABEL.txt and leaves CMD's output in $WORK/last.out.
measure() {
	local label=$1
	shift
	/usr/bin/time -f '%e %M %U %S' -o "$WORK/time.txt" "$@" >"$WORK/last.out" 2>&1 || {
		cat "$WORK/last.out" >&2
		return 1
	}
	awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$WORK/time.txt" >>"$WORK/$label.txt"
}

# median FILE COLUMN
median() {
	awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{v[NR]=$1} END {if (NR) print v[int((NR+1)/2)]}'
}

prefix=corpus
[ "${CORPUS:-brief}" = other ] && prefix=other
rows=()
declare -A wall_of rss_of hwall_of
suffix=
[ "${SEARCH:-on}" = off ] && suffix=-nosearch
for n in "${sizes[@]}"; do
	src=$WORK/$prefix-$n$suffix
	if [ "$prefix" = other ]; then
		gen=$(sha256sum <"$repo"/bench/build/othercorpus.py | cut -c1-16)
	else
		gen=$(cat "$repo"/bench/corpus/*.go | sha256sum | cut -c1-16)
	fi
	if [ "$(cat "$src.gen" 2>/dev/null)" != "$gen" ]; then
		rm -rf "$src"
		echo "generating $n articles…" >&2
		if [ "$prefix" = other ]; then
			python3 "$repo"/bench/build/othercorpus.py "$n" "$src"
		else
			"$WORK/bin/briefcorpus" -n "$n" -dest "$src"
		fi
		[ -n "$suffix" ] && printf '\nsearch:\n  enabled: false\n' >>"$src/site.yaml"
		echo "$gen" >"$src.gen"
	fi
	rm -f "$WORK"/brief-$n.txt "$WORK"/again-$n.txt "$WORK"/hugo-$n.txt "$WORK"/touch-$n.txt
	dest=$outroot/brief-$n
	hdest=$outroot/hugo-$n
	use_hugo=
	if [ -n "$hugo" ] && [ "$n" -le "$HUGO_MAX" ]; then
		use_hugo=1
		cp -r "$repo"/bench/build/hugo/. "$src"/
	fi
	for r in $(seq "$RUNS"); do
		# Full builds into an empty folder, brief and Hugo in turn so
		# that both see the same machine load.
		# sync after removing: with the disk mounted -o discard, freeing
		# the last run's 12,000 files otherwise slows whichever build
		# comes next (seen as 5 to 19 s for the same brief build).
		rm -rf "$dest" "$(dirname "$dest")/.$(basename "$dest")-previous"
		sync
		measure brief-$n "$brief" build --source "$src" --dest "$dest"
		pages=$(sed -n 's/^built \([0-9]*\) pages.*/\1/p' "$WORK/last.out")
		if [ -n "$use_hugo" ]; then
			rm -rf "$hdest"
			sync
			measure hugo-$n "$hugo" --quiet --source "$src" --destination "$hdest"
		fi
	done
	# Second builds with nothing changed.
	for r in $(seq "$RUNS"); do
		measure again-$n "$brief" build --source "$src" --dest "$dest"
	done
	# One article edited, RUNS times (a different article each time): a
	# build that carries unchanged files over. The first such build makes
	# a new staging tree; later ones update the kept previous build in
	# place, as an editor's repeated builds do.
	for r in $(seq "$RUNS"); do
		one=$(find "$src/content/articles" -name '*.md' | sort | sed -n "${r}p")
		cp "$one" "$WORK/one-$r.bak"
		printf '\nOne more line.\n' >>"$one"
		measure touch-$n "$brief" build --source "$src" --dest "$dest"
	done
	for r in $(seq "$RUNS"); do
		one=$(find "$src/content/articles" -name '*.md' | sort | sed -n "${r}p")
		cp "$WORK/one-$r.bak" "$one"
	done
	largest=$(find "$dest" -name '*.html' -printf '%s %P\n' | sort -n | sed -n '$p')
	files=$(find "$dest" -type f | wc -l)

	wall=$(median "$WORK/brief-$n.txt" 1)
	wall_of[$n]=$wall
	rss_of[$n]=$(($(median "$WORK/brief-$n.txt" 2) / 1024))
	row="| $n | $pages | $files | $wall | $(awk -v p="$pages" -v w="$wall" 'BEGIN{printf "%.0f", p/w}') | $(median "$WORK/brief-$n.txt" 3) | $(($(median "$WORK/brief-$n.txt" 2) / 1024)) | $(median "$WORK/again-$n.txt" 1) | $(sed -n 1p "$WORK/touch-$n.txt" | cut -d' ' -f1) / $(median "$WORK/touch-$n.txt" 1) ($(awk -v a="$(median "$WORK/touch-$n.txt" 1)" -v b="$wall" 'BEGIN{printf "%.3f", a/b}')×) | $((${largest%% *} / 1024)) KB ${largest#* }"
	if [ -n "$use_hugo" ]; then
		hwall=$(median "$WORK/hugo-$n.txt" 1)
		hwall_of[$n]=$hwall
		row="$row | $hwall | $(median "$WORK/hugo-$n.txt" 3) | $(($(median "$WORK/hugo-$n.txt" 2) / 1024)) | $(awk -v a="$wall" -v b="$hwall" 'BEGIN{printf "%.2f", a/b}') |"
	else
		row="$row | – | – | – | – |"
	fi
	rows+=("$row")
	echo "$row" >&2
done

echo
echo "Medians of $RUNS runs; times in seconds, RSS in MiB; output on $OUT."
echo
echo "| articles | pages | files | brief wall | pages/s | brief CPU | brief RSS | 2nd build | 1 edited (1st / median, median/wall) | largest HTML | Hugo wall | Hugo CPU | Hugo RSS | brief/Hugo |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"

# Issue 9's targets, as ratios from this run.
if [ -n "${wall_of[10000]:-}" ] && [ "${TARGETS:-1}" != 0 ]; then
	echo "measuring rebuilds and brief serve at 10k…" >&2
	rb=$(cd "$repo" && BRIEF_BENCH_CORPUS=$WORK/$prefix-10000$suffix BRIEF_BENCH_RUNS=$RUNS \
		go test ./bench/build -run '^$' -bench 'Rebuild$' -benchtime 1x -timeout 60m | grep '^BenchmarkRebuild')
	metric() { awk -v m="$1" '{for (i = 2; i <= NF; i++) if ($i == m) print $(i-1)}' <<<"$2"; }
	sv=$(cd "$repo" && go test ./internal/serve -run '^$' -bench 'Reload/10k' -benchtime 10x -timeout 60m | grep 'Reload/10k')
	hugo_ratio=–
	[ -n "${hwall_of[10000]:-}" ] && hugo_ratio=$(awk -v a="${wall_of[10000]}" -v b="${hwall_of[10000]}" 'BEGIN{printf "%.2f×", a/b}')
	big=– bigrss=–
	if [ -n "${wall_of[100000]:-}" ]; then
		big=$(awk -v a="${wall_of[100000]}" -v b="${wall_of[10000]}" 'BEGIN{printf "%.1f×", a/b}')
		bigrss="${rss_of[100000]} MiB"
	fi
	echo
	echo "Issue 9 targets, this run (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)):"
	echo
	echo "| measure | result | target |"
	echo "|---|---:|---:|"
	echo "| one article edited / full build (10k) | $(metric edit/full "$rb")× | ≤ 0.05× |"
	echo "| one article added / full build | $(metric add/full "$rb")× | ≤ 0.10× |"
	echo "| one topic added / full build | $(metric topic/full "$rb")× | ≤ 0.35× |"
	echo "| brief serve edit→reload, median of 10 | $(metric median-ms "$sv") ms | ≤ 150 ms |"
	echo "| full build, brief / Hugo | $hugo_ratio | ≤ 0.25× |"
	echo "| 100k / 10k full build | $big | ≤ 10× |"
	echo "| 100k peak RSS | $bigrss | ≤ 2 GB |"
fi

# Import: pages per second for `brief import` over the extraction pages.
pages_dir=$repo/../shared/bench/extraction/html
if [ -d "$pages_dir" ] && "$brief" import --help >/dev/null 2>&1; then
	rm -f "$WORK/import.txt"
	for r in $(seq "$RUNS"); do
		rm -rf "$WORK/import"
		mkdir -p "$WORK/import/pages"
		for f in "$pages_dir"/*.html.gz; do
			gunzip -c "$f" >"$WORK/import/pages/$(basename "$f" .gz)"
		done
		"$brief" init "$WORK/import/site" >/dev/null
		measure import "$brief" import --source "$WORK/import/site" "$WORK/import/pages"
	done
	count=$(sed -n 's/^imported \([0-9]*\), .*/\1/p' "$WORK/last.out")
	iwall=$(median "$WORK/import.txt" 1)
	echo
	echo "brief import: $count pages in ${iwall}s (median of $RUNS) = $(awk -v p="$count" -v w="$iwall" 'BEGIN{printf "%.0f", p/w}') pages/s"
fi
