#!/usr/bin/env bash
# Segmentation throughput, ours against ICU's sentence break on the same corpus in one run; writes
# bench/results/segmentation.md. Usage: bash bench/segmentation.sh [MEGABYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$(mktemp --suffix=.txt)
trap 'rm -f "$corpus"' EXIT
bench() { dotnet run -c Release --project bench/Translator.Bench -- "$@"; }
bench segment-corpus "$corpus" "${1:-8}" >/dev/null
ours=$(bench segment "$corpus" en 5)
icu=$(node bench/icu-segment.mjs "$corpus" en 5)
ours_rate=$(tail -1 <<<"$ours" | grep -oE '[0-9.]+ MB/s' | cut -d' ' -f1)
icu_rate=$(tail -1 <<<"$icu" | grep -oE '[0-9.]+ MB/s' | cut -d' ' -f1)
ratio=$(awk -v a="$ours_rate" -v b="$icu_rate" 'BEGIN { printf "%.1f", a / b }')
cat > bench/results/segmentation.md <<MD
# Sentence segmentation throughput

Command: \`bash bench/segmentation.sh ${1:-8}\` — generates a deterministic ${1:-8} MB corpus of news
paragraphs (\`Translator.Bench segment-corpus\`), then segments it for 5 s with our segmenter
(\`dotnet run -c Release --project bench/Translator.Bench -- segment FILE en 5\`) and with ICU's sentence
break through Node's \`Intl.Segmenter\` (\`node bench/icu-segment.mjs FILE en 5\`), one after the other on
the same machine ($(nproc) cores, $(date -u +%Y-%m-%d)).

| segmenter | MB/s |
| --- | --- |
| Translator (RuleBasedSentenceSegmenter) | ${ours_rate} |
| ICU (Node $(node --version) Intl.Segmenter) | ${icu_rate} |
| **ratio** | **${ratio}×** |

Raw output:

\`\`\`
${ours}
${icu}
\`\`\`
MD
cat bench/results/segmentation.md
