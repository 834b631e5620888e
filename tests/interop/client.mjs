// An independent gRPC client (Node, @grpc/grpc-js) that proves the contract works outside .NET:
// unary and streaming translation into ko, ru and ja of a multi-paragraph article, and
// INVALID_ARGUMENT for a bad request. Usage: node client.mjs HOST:PORT. Exits non-zero on failure.
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const address = process.argv[2];
if (!address) {
  console.error('usage: node client.mjs HOST:PORT');
  process.exit(2);
}

const protoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../protos');
const definition = protoLoader.loadSync('translator/v1/translation_service.proto', {
  // google/api/annotations.proto (the HTTP/JSON routes) is imported from the vendored googleapis copy.
  includeDirs: [protoRoot, path.join(protoRoot, 'third_party', 'googleapis')],
  keepCase: true,
  enums: String,
  defaults: true,
  oneofs: true,
});
const { TranslationService } = grpc.loadPackageDefinition(definition).translator.v1;
const client = new TranslationService(address, grpc.credentials.createInsecure());
const deadline = () => new Date(Date.now() + 30_000);

const paragraphs = [
  'Kim Jong Un met Vladimir Putin in Vladivostok on Tuesday. They talked for 3 hours.',
  'The U.S. State Department declined to comment.',
  'Officials said the talks would continue.',
];
const request = {
  article: { id: 'interop-1', title: 'Leaders meet', paragraphs: { items: paragraphs } },
  source_language: 'en',
  target_languages: ['ko', 'ru', 'ja'],
};

const unary = (method, req) =>
  new Promise((resolve, reject) => client[method](req, { deadline: deadline() }, (err, res) => (err ? reject(err) : resolve(res))));

const response = await unary('TranslateArticle', request);
assert.equal(response.article_id, 'interop-1');
assert.deepEqual(response.translations.map((t) => t.target_language), ['ko', 'ru', 'ja']);
for (const translation of response.translations) {
  assert.equal(translation.paragraphs.length, paragraphs.length, `${translation.target_language}: every paragraph`);
  for (const paragraph of translation.paragraphs) {
    assert.ok(paragraph.text.length > 0);
  }
  assert.equal(translation.stats.segments, 5);
}

const completed = await new Promise((resolve, reject) => {
  const done = [];
  let segments = 0;
  const call = client.StreamTranslateArticle(request, { deadline: deadline() });
  call.on('data', (message) => {
    if (message.event === 'segment') {
      segments++;
    } else {
      done.push(message.completed);
    }
  });
  call.on('error', reject);
  call.on('end', () => resolve({ done, segments }));
});
assert.equal(completed.segments, 3 * 5);
assert.deepEqual(completed.done.map((c) => c.target_language).sort(), ['ja', 'ko', 'ru']);
for (const article of completed.done) {
  assert.equal(article.paragraphs.length, paragraphs.length);
}

await assert.rejects(unary('TranslateArticle', { ...request, target_languages: [] }), (err) => err.code === grpc.status.INVALID_ARGUMENT);

client.close();
console.log('interop: ok');
