#!/usr/bin/env bash
# Copies standard input to FILE line by line and rotates it when it reaches MAX_BYTES (FILE.1 is the newest old
# part, FILE.KEEP the oldest; older parts are deleted), so a process that runs for weeks cannot fill the disk.
#   some-process 2>&1 | deploy/rotate-log.sh FILE [MAX_BYTES (default 20 MiB)] [KEEP (default 5)]
# It ignores Ctrl-C and SIGTERM and ends when its input closes, so the last lines of a stopping process are kept.
set -uo pipefail
[[ $# -ge 1 && -n "$1" ]] || { echo "usage: $0 FILE [MAX_BYTES] [KEEP]" >&2; exit 2; }
file="$1"
max="${2:-$((20 * 1024 * 1024))}"
keep="${3:-5}"
[[ "$max" =~ ^[0-9]+$ && "$max" -gt 0 && "$keep" =~ ^[0-9]+$ && "$keep" -gt 0 ]] ||
  { echo "rotate-log.sh: MAX_BYTES and KEEP must be positive whole numbers, got '$max' and '$keep'" >&2; exit 2; }
trap '' INT TERM

rotate() {
  exec 3>&-
  rm -f "$file.$keep"
  for ((i = keep - 1; i >= 1; i--)); do
    if [[ -f "$file.$i" ]]; then mv -f "$file.$i" "$file.$((i + 1))"; fi
  done
  mv -f "$file" "$file.1"
  exec 3>>"$file"
  size=0
}

size=$(stat -c %s "$file" 2>/dev/null || echo 0)
exec 3>>"$file"
export LC_ALL=C # ${#line} then counts bytes, not characters
while IFS= read -r line || [[ -n "$line" ]]; do
  printf '%s\n' "$line" >&3
  size=$((size + ${#line} + 1))
  if ((size >= max)); then rotate; fi
done
