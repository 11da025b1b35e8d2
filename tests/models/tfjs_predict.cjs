// The tests' own TF.js run of a bundle (independent of sitegen's runner):
// node tfjs_predict.cjs BUNDLE_DIR INPUT.json → prints the output as JSON {shape, data}.
"use strict";
const fs = require("fs");
const path = require("path");
const tf = require(path.join(process.env.SITEGEN_NODE_MODULES, "@tensorflow/tfjs"));

(async () => {
  const [dir, inputFile] = process.argv.slice(2);
  const json = JSON.parse(fs.readFileSync(path.join(dir, "model.json"), "utf8"));
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const data = Buffer.concat(json.weightsManifest.flatMap((g) => g.paths)
    .map((p) => fs.readFileSync(path.join(dir, p))));
  const handler = tf.io.fromMemory({
    modelTopology: json.modelTopology, weightSpecs: specs,
    weightData: new Uint8Array(data).buffer, format: json.format,
  });
  const model = json.format === "layers-model"
    ? await tf.loadLayersModel(handler) : await tf.loadGraphModel(handler);
  const input = JSON.parse(fs.readFileSync(inputFile, "utf8"));
  const x = tf.tensor(input.data, input.shape);
  const y = model.predict(x);
  console.log(JSON.stringify({ shape: y.shape, data: Array.from(await y.data()) }));
})().catch((e) => { console.error(e.message); process.exit(1); });
