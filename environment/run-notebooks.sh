#!/usr/bin/env bash
# Runs every notebook of a folder top to bottom with the sedlab kernel, headless, through
# `jupyter nbconvert --execute`; writes the executed copies and an HTML rendering of each.
# A notebook fails on any error output outside cells tagged raises-exception.
#   usage: bash environment/run-notebooks.sh [NOTEBOOK_DIR=notebooks] [OUT_DIR=target/notebooks]
# Results: OUT_DIR/executed/NAME.ipynb and OUT_DIR/html/NAME.html (written whole, then moved in place).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
src=${1:-$root/notebooks}
out=${2:-$root/target/notebooks}
mkdir -p "$out/executed" "$out/html"
# This checkout's kernel, whatever kernel the notebooks' metadata names.
kernel=$(bash "$root/environment/kernelspec.sh" --name)
failed=()
for nb in "$src"/*.ipynb; do
  name=$(basename "$nb" .ipynb)
  work=$(mktemp -d "$out/.run-$name.XXXXXX")
  echo "notebook: $name"
  started=$(date +%s)
  if /usr/bin/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name="$kernel" \
        --ExecutePreprocessor.timeout="${NOTEBOOK_CELL_TIMEOUT:-900}" \
        --output-dir "$work" --output "$name" "$nb" > "$work/nbconvert.log" 2>&1 \
     && /usr/bin/jupyter nbconvert --to html --output-dir "$work" "$work/$name.ipynb" >> "$work/nbconvert.log" 2>&1; then
    mv -f "$work/$name.ipynb" "$out/executed/$name.ipynb"
    mv -f "$work/$name.html" "$out/html/$name.html"
    echo "notebook: $name ok in $(( $(date +%s) - started )) s"
    rm -rf "$work"
  else
    echo "notebook: $name FAILED; log follows (kept in $work)"
    tail -n 60 "$work/nbconvert.log"
    failed+=("$name")
  fi
done
if ((${#failed[@]})); then
  echo "notebooks failed: ${failed[*]}"
  exit 1
fi
