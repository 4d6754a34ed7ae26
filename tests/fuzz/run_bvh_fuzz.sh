#!/bin/sh
# Fuzz the BVH parser for [seconds] (default 60). Kept for docs/bvh.md; the general driver is
# tests/fuzz/fuzz.sh (every target, smoke runs, replays; docs/fuzzing.md).
exec "$(dirname "$0")/fuzz.sh" run bvh "${1:-60}"
