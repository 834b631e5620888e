#!/usr/bin/env bash
# Side-by-side segmentation throughput: this repo's segmenter vs ICU (Node Intl.Segmenter) on one generated corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-${TMPDIR:-/tmp}/translator-segment-corpus.txt}"
dotnet build -c Release bench/Translator.Bench -v q -nologo >/dev/null
dotnet run -c Release --no-build --project bench/Translator.Bench -- segment-corpus "$corpus" 8 >/dev/null
ours=$(dotnet run -c Release --no-build --project bench/Translator.Bench -- segment "$corpus" | tee /dev/stderr | tail -n 1 | cut -d' ' -f1)
icu=$(node bench/icu-segment.mjs "$corpus" | tee /dev/stderr | tail -n 1 | cut -d' ' -f1)
echo "node $(node --version), ICU $(node -p process.versions.icu)"
echo "Translator: ${ours} MB/s  ICU: ${icu} MB/s  ratio: $(echo "scale=2; ${ours} / ${icu}" | bc)x"
