// ICU's sentence break, as Node exposes it (Intl.Segmenter), over the same file and the same paragraphs
// as `Translator.Bench segment`, for a side-by-side throughput comparison.
// Usage: node bench/icu-segment.mjs FILE [LANG] [SECONDS]
import { readFileSync } from 'node:fs';

const [file, language = 'en', seconds = '5'] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const paragraphs = text.split('\n\n').map((p) => p.trim()).filter((p) => p.length > 0);
const megabytes = Buffer.byteLength(text, 'utf8') / 1e6;
const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });

const pass = () => {
  let count = 0;
  for (const paragraph of paragraphs) {
    for (const _ of segmenter.segment(paragraph)) {
      count++;
    }
  }
  return count;
};

const sentences = pass();
let passes = 0;
const started = process.hrtime.bigint();
let elapsed = 0;
while (elapsed < Number(seconds)) {
  pass();
  passes++;
  elapsed = Number(process.hrtime.bigint() - started) / 1e9;
}
console.log(`file: ${file} (${megabytes.toFixed(2)} MB, ${paragraphs.length} paragraphs, ${sentences} sentences), language ${language}`);
console.log(`passes: ${passes} in ${elapsed.toFixed(2)} s`);
console.log(`icu (node ${process.version}, Intl.Segmenter): ${(megabytes * passes / elapsed).toFixed(1)} MB/s`);
