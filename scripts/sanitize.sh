#!/usr/bin/env bash
# Build fastdt with AddressSanitizer + UndefinedBehaviorSanitizer and run the
# test suite plus a bounded differential fuzz against that build.
#
#   bash scripts/sanitize.sh            # bounded: build + <=300 s pytest + 60 s fuzz
#   FUZZ_SECONDS=60 PYTEST_TIMEOUT=300 bash scripts/sanitize.sh
#
#   bash scripts/sanitize.sh --libfuzzer   # coverage-guided: clang build, 60 s of
#                                          # fuzz/fuzz_native.py, no pytest
#
# --libfuzzer builds with clang's -fsanitize=fuzzer-no-link,address,undefined
# (libFuzzer's edge counters too) and runs libFuzzer through atheris
# (pip install the "fuzz" extra, atheris built from source against this clang:
# PIP_NO_BINARY=atheris) from the seeds in fuzz/corpus/, FUZZ_SECONDS split
# over the zones in FUZZ_ZONES.  Any finding fails: a sanitizer report, a
# crash, a timeout, or a difference from dateutil (the input is saved under
# build/libfuzzer/fuzz/findings/).  FUZZ_CORPUS names a directory that keeps
# the inputs libFuzzer adds (default: inside the build tree, lost at the next
# run); FUZZ_FLAGS adds libFuzzer flags.  fuzz/README.md: runs of hours.
#
# The instrumented build goes into a copy of the working tree under
# build/sanitize/ (build/libfuzzer/; git-ignored), so the in-place build of the
# checkout is left alone.  CPython itself is not instrumented, so the
# sanitizer runtime (libasan; with --libfuzzer atheris' asan_with_fuzzer.so,
# ASan and UBSan with libFuzzer linked in) is LD_PRELOADed.
# Settings, and why:
#   ASAN_OPTIONS detect_leaks=0   CPython keeps interned/static objects alive at
#                                 exit and LeakSanitizer reports them as leaks;
#                                 fastdt's own heap paths are checked for growth
#                                 by tests/test_hostile.py instead.
#   SANITIZE_PYTHONMALLOC=malloc  (opt-in) Python objects come from malloc, so
#                                 ASan also sees overruns of str/bytes buffers;
#                                 ~2x slower, too slow for the bounded default.
#                                 fastdt's own token/char buffers are malloc'ed
#                                 and checked either way.
#   log_path                      every report lands in a file; any file = fail.
#   -fno-sanitize-recover=undefined (setup.py)  UBSan aborts on its first report.
# UBSan in a combined build may ignore log_path, so every step's output is
# also kept in reports/output.log and searched for sanitizer reports.
# Exit status: 0 only if the build succeeded, pytest passed and no sanitizer
# report was written.  Fuzz mismatches (semantic differences from dateutil)
# are printed but do not fail this script: fuzz/fuzz_parse.py owns those.
# With --libfuzzer: 0 only if the build succeeded and libFuzzer found nothing
# (a difference from dateutil is a finding there) and no report was written.
set -u
LIBFUZZER=0
case "${1:-}" in
    --libfuzzer) LIBFUZZER=1 ;;
    "") ;;
    *) echo "usage: bash scripts/sanitize.sh [--libfuzzer]" >&2; exit 2 ;;
esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTEST_TIMEOUT="${PYTEST_TIMEOUT:-300}"
FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
PYTHON="${PYTHON:-python}"
FUZZ_ZONES="${FUZZ_ZONES:-UTC America/New_York}"

say() { printf '\n=== sanitize: %s\n' "$*"; }

if [ $LIBFUZZER -eq 1 ]; then
    TREE="$ROOT/build/libfuzzer"
    CC_BIN="${CC:-clang}"
    SANITIZE=fuzzer
    if ! command -v "$CC_BIN" > /dev/null; then
        echo "sanitize: $CC_BIN not found: the libFuzzer build needs clang (apt-get install -y clang)" >&2
        exit 2
    fi
    if ! ATHERIS_DIR="$("$PYTHON" -c 'import atheris; print(atheris.path())')"; then
        echo "sanitize: atheris is not installed: PIP_NO_BINARY=atheris pip install -e '.[fuzz]'" >&2
        exit 2
    fi
    LIBASAN="$ATHERIS_DIR/asan_with_fuzzer.so"
    if [ ! -e "$LIBASAN" ]; then
        echo "sanitize: $LIBASAN missing: atheris made no sanitizer runtime (build it from" \
             "source against clang: PIP_NO_BINARY=atheris pip install --force-reinstall atheris)" >&2
        exit 2
    fi
else
    TREE="$ROOT/build/sanitize"
    CC_BIN="${CC:-gcc}"
    SANITIZE=1
    LIBASAN="$("$CC_BIN" -print-file-name=libasan.so)"
    if [ ! -e "$LIBASAN" ]; then
        echo "sanitize: libasan not found for $CC_BIN (apt-get install gcc)" >&2
        exit 2
    fi
fi
REPORTS="$TREE/reports"

say "copying the working tree to $TREE"
rm -rf "$TREE"
mkdir -p "$TREE" "$REPORTS"
(cd "$ROOT" && tar cf - --exclude=./build --exclude=./.git --exclude=./.nox --exclude=./.venv --exclude='*.so' \
    --exclude='*.c' --exclude=__pycache__ --exclude=.hypothesis \
    --exclude=.pytest_cache --exclude='./fuzz/findings' .) | (cd "$TREE" && tar xf -)
mkdir -p "$TREE/fuzz/findings"

say "building with FASTDT_SANITIZE=$SANITIZE ($CC_BIN)"
build_start=$SECONDS
if ! (cd "$TREE" && CC="$CC_BIN" FASTDT_SANITIZE=$SANITIZE "$PYTHON" setup.py build_ext --inplace \
        > "$TREE/build.log" 2>&1); then
    tail -40 "$TREE/build.log"
    echo "sanitize: FAILED to build" >&2
    exit 1
fi
echo "built in $(( SECONDS - build_start )) s"
for so in "$TREE"/fastdt/*.so; do
    if ! nm -D "$so" | grep -q __asan_; then
        echo "sanitize: $so is not ASan-instrumented" >&2
        exit 1
    fi
    # setup.py builds every other build without it; reports need file:line
    if ! readelf -S "$so" | grep -q '\.debug_info'; then
        echo "sanitize: $so has no debug info (setup.py built it with -g0)" >&2
        exit 1
    fi
    if [ $LIBFUZZER -eq 1 ] && ! nm -D "$so" | grep -q __sanitizer_cov_; then
        echo "sanitize: $so has no libFuzzer coverage instrumentation" >&2
        exit 1
    fi
done

# libstdc++ too: a C++ extension imported by the suite (matplotlib's
# ft2font, via the bench smoke test) throws, and ASan's __cxa_throw
# interceptor needs the real one resolvable when libasan starts.
LIBSTDCXX="$("$CC_BIN" -print-file-name=libstdc++.so)"
[ -e "$LIBSTDCXX" ] && LIBASAN="$LIBASAN:$LIBSTDCXX"
export LD_PRELOAD="$LIBASAN${LD_PRELOAD:+:$LD_PRELOAD}"
# exit codes 97/98 are the sanitizers' (fuzz_parse uses 1 for "mismatches")
export ASAN_OPTIONS="detect_leaks=0:halt_on_error=1:exitcode=98:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:log_path=$REPORTS/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=97:log_path=$REPORTS/ubsan"
[ -n "${SANITIZE_PYTHONMALLOC:-}" ] && export PYTHONMALLOC="$SANITIZE_PYTHONMALLOC"
export FASTDT_SANITIZE_RUN=1      # tests shrink their biggest inputs
export PYTHONFAULTHANDLER=1
export PYTHONDONTWRITEBYTECODE=1

OUT="$REPORTS/output.log"
: > "$OUT"
# run CMD...: output to the terminal and to $OUT; sets rc
run() {
    "$@" 2>&1 | tee -a "$OUT"
    rc=${PIPESTATUS[0]}
}

status=0
cd "$TREE"
run "$PYTHON" -c "import fastdt, sys; print('fastdt from', fastdt.__file__); \
print(fastdt.parse('Thu Sep 25 10:36:28 BRST 2003', tzinfos={'BRST': -10800}))"
[ $rc -eq 0 ] || status=1

if [ $LIBFUZZER -eq 1 ]; then
    # the suite runs in the gcc build (plain sanitize.sh); this one is for libFuzzer
    say "libFuzzer, ${FUZZ_SECONDS}s in all, zones: $FUZZ_ZONES"
    read -ra zones <<< "$FUZZ_ZONES"
    share=$(( FUZZ_SECONDS / ${#zones[@]} ))
    grown="${FUZZ_CORPUS:-$TREE/fuzz/grown}"
    mkdir -p "$grown"
    for zone in "${zones[@]}"; do
        # the grown corpus first: libFuzzer adds new inputs to the first directory
        # (fuzz/corpus/ stays as committed); -timeout is per input, and ASan's
        # own checks (detect_leaks=0, see ASAN_OPTIONS) apply to libFuzzer too
        # shellcheck disable=SC2086  # FUZZ_FLAGS: several flags
        TZ="$zone" run timeout $(( share + 300 )) "$PYTHON" -m fuzz.fuzz_native \
            -max_total_time="$share" -timeout=60 -rss_limit_mb=6144 -detect_leaks=0 \
            -print_final_stats=1 -artifact_prefix="$TREE/fuzz/findings/" ${FUZZ_FLAGS:-} \
            "$grown" fuzz/corpus
        if [ $rc -ne 0 ]; then
            echo "sanitize: libFuzzer (TZ=$zone) exited $rc; the input:"
            ls -l "$TREE"/fuzz/findings/ 2>/dev/null | grep -E 'crash-|timeout-|oom-|leak-'
            status=1
        fi
    done
elif [ -d tests ]; then
    say "pytest (timeout ${PYTEST_TIMEOUT}s)"
    run timeout "$PYTEST_TIMEOUT" "$PYTHON" -m pytest -q -p no:cacheprovider --durations=10 tests
    case $rc in
        0|5) ;;   # 5: no tests collected
        *) echo "sanitize: pytest exited $rc"; status=1 ;;
    esac
fi

if [ $LIBFUZZER -eq 0 ] && [ "$FUZZ_SECONDS" != "0" ]; then
    say "differential fuzz, ${FUZZ_SECONDS}s in all, two zones"
    half=$(( FUZZ_SECONDS / 2 ))
    for zone in UTC America/New_York; do
        TZ="$zone" run timeout $(( half + 60 )) "$PYTHON" -m fuzz.fuzz_parse \
            --seconds "$half" --quiet --findings "$TREE/fuzz/findings"
        if [ $rc -gt 1 ]; then   # 1 = mismatches found; anything else is a crash/hang
            echo "sanitize: fuzz (TZ=$zone) exited $rc; last input:"
            cat "$TREE/fuzz/findings/.current-input" 2>/dev/null
            status=1
        fi
    done
fi

say "sanitizer reports"
PATTERN='runtime error:|ERROR: AddressSanitizer|ERROR: LeakSanitizer|SUMMARY: (Address|Undefined|Leak)'
found=0
for f in "$REPORTS"/asan* "$REPORTS"/ubsan*; do
    [ -e "$f" ] || continue
    echo "--- $f"; cat "$f"; found=1
done
if grep -aEq "$PATTERN" "$OUT"; then
    echo "--- reports in the output ($OUT):"
    grep -aEn -A25 "$PATTERN" "$OUT" | head -200
    found=1
fi
if [ $found -eq 1 ]; then
    echo "sanitize: FAILED: sanitizer reports above"
    status=1
else
    echo "none"
fi
[ $status -eq 0 ] && echo "sanitize: OK" || echo "sanitize: FAILED"
exit $status
