#!/usr/bin/env bash
# `unclouded-cli batch` on a real Slurm: a single-node cluster started here (single_node.sh), three
# generator products, the job array and the summary job exactly as `batch --emit-slurm` prints them,
# then every output and the summary checked. Exit 77 (a CTest skip) where slurm-wlm / munge are
# not installed.
set -euo pipefail
CLI=$(readlink -f "${1:?usage: batch_on_slurm.sh UNCLOUDED_CLI}")
HERE=$(cd "$(dirname "$0")" && pwd)
PATH="$PATH:/usr/sbin:/sbin"
for t in slurmctld slurmd sbatch squeue munged; do
  command -v "$t" >/dev/null || { echo "SKIP: slurm-wlm/munge not installed ($t missing)"; exit 77; }
done
WORK=$(mktemp -d /tmp/ucs.XXXXXX) # short: the munge socket path must fit in 107 bytes
cleanup() {
  bash "$HERE/single_node.sh" stop "$WORK/cluster" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# A MaxArraySize of 2: the three jobs go in two arrays (ids 0-1, and 0 for job 2).
eval "$(MAX_ARRAY_SIZE=2 bash "$HERE/single_node.sh" start "$WORK/cluster")"

for i in 0 1 2; do
  "$CLI" make-sample "$WORK/p$i" --size 240 --seed $((30 + i)) >/dev/null 2>&1
done
# The manifest, its outputs and the batch's state in a folder with a space and a % in its name (sbatch
# reads % in --output as a pattern).
TILES="$WORK/my tiles 100%job"
mkdir -p "$TILES"
{
  echo "product,out,method"
  for i in 0 1 2; do echo "$(ls -d "$WORK"/p$i/*.SAFE),out/r$i.tif,telea"; done
} >"$TILES/jobs.csv"

emitted=$("$CLI" batch "$TILES/jobs.csv" --emit-slurm --cpus 1 --limit 2 --partition debug)
echo "$emitted"
submit=$(echo "$emitted" | tail -1)
submitted=$(cd "$WORK" && eval "$submit")
echo "$submitted"
[ "$(echo "$submitted" | grep -c '^array job')" -eq 2 ] || { echo "FAIL: expected two arrays"; exit 1; }

for _ in $(seq 1 300); do
  [ -z "$(squeue -h 2>/dev/null)" ] && break
  sleep 1
done
if [ -n "$(squeue -h)" ]; then
  echo "FAIL: jobs still queued after 300 s"; squeue; exit 1
fi

fail=0
for i in 0 1 2; do
  if [ ! -s "$TILES/out/r$i.tif" ] || [ ! -s "$TILES/out/r$i.mask.tif" ]; then
    echo "FAIL: out/r$i.tif missing"; fail=1
  fi
done
echo "--- summary job output:"
cat "$TILES/jobs.csv.batch/summary.txt" || { echo "FAIL: no summary"; fail=1; }
grep -q "3 jobs: 3 done, 0 failed" "$TILES/jobs.csv.batch/summary.txt" || { echo "FAIL: summary"; fail=1; }
ls "$TILES/jobs.csv.batch"/slurm-*_*.out >/dev/null || { echo "FAIL: no per-task logs"; fail=1; }
if [ "$fail" -ne 0 ]; then
  for f in "$TILES/jobs.csv.batch"/slurm-*.out "$TILES/jobs.csv.batch"/job-*.log; do echo "--- $f"; tail -5 "$f"; done
  exit 1
fi
echo "PASS: 3 jobs in two arrays (MaxArraySize 2) and the summary job ran on a single-node Slurm, in a path with a space and a %"
