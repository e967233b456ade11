#!/usr/bin/env bash
# Run every fuzz target in the module for SECONDS each (default 5), one at a
# time: `go test -fuzz` accepts a single target per invocation. Targets are
# found with `go test -list`, so a new Fuzz function is picked up without
# editing this script. A crasher is saved by go under the package's
# testdata/fuzz/<Target>/ and makes this script exit 1 after all targets ran.
#
#   bash bench/fuzz.sh          # 5 s per target
#   bash bench/fuzz.sh 60       # a longer local run
set -euo pipefail
cd "$(dirname "$0")/.."

secs="${1:-5}"
case "$secs" in
  ''|*[!0-9]*) echo "usage: $0 [seconds per target]" >&2; exit 2 ;;
esac

# `go test -list` prints the matching names of a package, then "ok  <pkg>".
targets=()
names=()
while IFS= read -r line; do
  case "$line" in
    Fuzz*) names+=("$line") ;;
    ok*)
      pkg=$(awk '{print $2}' <<<"$line")
      for n in ${names[@]+"${names[@]}"}; do targets+=("$pkg $n"); done
      names=()
      ;;
  esac
done < <(go test -run '^$' -list '^Fuzz' ./...)

if [ ${#targets[@]} -eq 0 ]; then
  echo "fuzz: no fuzz targets found" >&2
  exit 1
fi

failed=()
for t in "${targets[@]}"; do
  read -r pkg name <<<"$t"
  echo "fuzz: $name in $pkg for ${secs}s"
  if ! go test -run '^$' -fuzz "^${name}\$" -fuzztime "${secs}s" "$pkg"; then
    failed+=("$pkg $name")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  printf 'fuzz: FAILED %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets passed"
