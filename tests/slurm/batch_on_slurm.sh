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
eval "$(bash "$HERE/single_node.sh" start "$WORK/cluster")"

for i in 0 1 2; do
  "$CLI" make-sample "$WORK/p$i" --size 240 --seed $((30 + i)) >/dev/null 2>&1
done
{
  echo "product,out,method"
  for i in 0 1 2; do echo "$(ls -d "$WORK"/p$i/*.SAFE),out/r$i.tif,telea"; done
} >"$WORK/jobs.csv"

emitted=$("$CLI" batch "$WORK/jobs.csv" --emit-slurm --cpus 1 --limit 2 --partition debug)
echo "$emitted"
submit=$(echo "$emitted" | tail -1)
(cd "$WORK" && eval "$submit")

for _ in $(seq 1 300); do
  [ -z "$(squeue -h 2>/dev/null)" ] && break
  sleep 1
done
if [ -n "$(squeue -h)" ]; then
  echo "FAIL: jobs still queued after 300 s"; squeue; exit 1
fi

fail=0
for i in 0 1 2; do
  if [ ! -s "$WORK/out/r$i.tif" ] || [ ! -s "$WORK/out/r$i.mask.tif" ]; then
    echo "FAIL: out/r$i.tif missing"; fail=1
  fi
done
echo "--- summary job output:"
cat "$WORK/jobs.csv.batch/summary.txt" || { echo "FAIL: no summary"; fail=1; }
grep -q "3 jobs: 3 done, 0 failed" "$WORK/jobs.csv.batch/summary.txt" || { echo "FAIL: summary"; fail=1; }
ls "$WORK/jobs.csv.batch"/slurm-*_*.out >/dev/null || { echo "FAIL: no per-task logs"; fail=1; }
if [ "$fail" -ne 0 ]; then
  for f in "$WORK/jobs.csv.batch"/slurm-*.out "$WORK/jobs.csv.batch"/job-*.log; do echo "--- $f"; tail -5 "$f"; done
  exit 1
fi
echo "PASS: 3-task array and the summary job ran on a single-node Slurm"
