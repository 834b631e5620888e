// ICU's sentence break (Node's Intl.Segmenter) over the same file and the same paragraph split as
// `Translator.Bench segment`, so the two MB/s figures are comparable. Usage: node icu-segment.mjs FILE [LANG]
import { readFileSync, statSync } from 'node:fs';

const [file, language = 'en'] = process.argv.slice(2);
const bytes = statSync(file).size;
const paragraphs = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n').split('\n\n').map(p => p.trim()).filter(p => p.length > 0);
const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });

function pass() {
  let count = 0;
  for (const paragraph of paragraphs) {
    for (const segment of segmenter.segment(paragraph)) {
      if (segment.segment.trim().length > 0) count++;
    }
  }
  return count;
}

const sentences = pass();
pass();
let passes = 0;
const started = process.hrtime.bigint();
let seconds = 0;
while (seconds < 5) {
  pass();
  passes++;
  seconds = Number(process.hrtime.bigint() - started) / 1e9;
}
console.log(`file: ${(bytes / 1e6).toFixed(2)} MB, ${paragraphs.length} paragraphs, ${sentences} sentences, ${passes} passes in ${seconds.toFixed(2)} s`);
console.log(`${(bytes * passes / seconds / 1e6).toFixed(1)} MB/s`);
