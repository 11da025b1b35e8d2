// Run a TF.js bundle from disk in Node (pure @tensorflow/tfjs, CPU backend) on one input.
// Usage: node tfjs_run.cjs BUNDLE_DIR INPUT.f32 SHAPE_JSON OUTPUT.f32
// Prints one JSON line: the bundle's format, load and predict times, and the output shape.
// The input and output are raw little-endian float32; the caller owns both ends.
"use strict";
const fs = require("fs");
const path = require("path");
const tf = require(path.join(process.env.SITEGEN_NODE_MODULES, "@tensorflow/tfjs"));

/** An IOHandler that reads model.json and its shards from a folder, as a browser would fetch them. */
function fromFolder(dir) {
  return {
    async load() {
      const json = JSON.parse(fs.readFileSync(path.join(dir, "model.json"), "utf8"));
      const specs = [];
      const buffers = [];
      for (const group of json.weightsManifest || []) {
        specs.push(...group.weights);
        for (const shard of group.paths) buffers.push(fs.readFileSync(path.join(dir, shard)));
      }
      const all = Buffer.concat(buffers);
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        signature: json.signature,
        userDefinedMetadata: json.userDefinedMetadata,
        modelInitializer: json.modelInitializer,
        weightSpecs: specs,
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
      };
    },
  };
}

async function main() {
  const [dir, inputPath, shapeJson, outputPath] = process.argv.slice(2);
  await tf.setBackend("cpu");
  const format = JSON.parse(fs.readFileSync(path.join(dir, "model.json"), "utf8")).format;
  let t0 = performance.now();
  const model = format === "layers-model"
    ? await tf.loadLayersModel(fromFolder(dir))
    : await tf.loadGraphModel(fromFolder(dir));
  const loadMs = performance.now() - t0;
  const shape = JSON.parse(shapeJson);
  const raw = fs.readFileSync(inputPath);
  const input = tf.tensor(new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4), shape);
  t0 = performance.now();
  let output = format === "layers-model" ? model.predict(input) : await model.executeAsync(input);
  if (Array.isArray(output)) {
    if (output.length !== 1) throw new Error(`the model has ${output.length} outputs; sitegen supports one`);
    output = output[0];
  }
  const data = await output.data();
  const predictMs = performance.now() - t0;
  fs.writeFileSync(outputPath, Buffer.from(new Float32Array(data).buffer));
  console.log(JSON.stringify({
    format, backend: tf.getBackend(), tfjs: tf.version.tfjs, load_ms: loadMs,
    predict_ms: predictMs, shape: output.shape,
  }));
}

main().catch((err) => {
  console.error(String(err && err.message ? err.message : err));
  process.exit(1);
});
