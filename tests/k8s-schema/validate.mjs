// Reads a JSON array of Kubernetes objects on stdin and checks each against the OpenAPI schema of its
// apiVersion and kind (kubernetes-models, generated from the Kubernetes API's own OpenAPI document).
// Prints one "invalid <index> <message>" line per failing object, then "checked <n>"; exits 0 unless
// the input itself is unreadable.
import { readFileSync } from "node:fs";

const objects = JSON.parse(readFileSync(0, "utf8"));
for (const [index, object] of objects.entries()) {
  const { apiVersion, kind } = object;
  let models;
  try {
    models = await import(`kubernetes-models/${apiVersion}`);
  } catch {
    console.log(`invalid ${index} unknown apiVersion ${apiVersion}`);
    continue;
  }
  const Model = models[kind];
  if (typeof Model !== "function") {
    console.log(`invalid ${index} unknown kind ${kind} in ${apiVersion}`);
    continue;
  }
  if (kind === "Secret" && object.data) {
    // kustomize wraps long base64 values in lines, which the API server's decoder skips and the schema's
    // "byte" format does not.
    for (const key of Object.keys(object.data)) object.data[key] = object.data[key].replaceAll("\n", "");
  }
  try {
    new Model(object).validate();
  } catch (error) {
    console.log(`invalid ${index} ${error.message.replaceAll("\n", " ")}`);
  }
}
console.log(`checked ${objects.length}`);
