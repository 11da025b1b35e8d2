// sitegen demo widget: a model from _models/ running live in the page with TensorFlow.js.
// One ES module, no framework. Each <figure class="sitegen-demo"> becomes a widget; widgets of
// the same model share one loaded model. Every tensor lives in tf.tidy or is disposed, and
// every OpenCV Mat is deleted in the step that made it.

const scripts = new Map();   // url → Promise, so each library loads once per page

// `sitegen: {cdn: true}` in _config.yml loads the libraries from jsDelivr instead of the site;
// the versions are those of sitegen/npm/package-lock.json (a test keeps them equal).
const CDN = {
  tf: "https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/",
  wasm: "https://cdn.jsdelivr.net/npm/@tensorflow/tfjs-backend-wasm@4.22.0/dist/",
  opencv: "https://cdn.jsdelivr.net/npm/@techstark/opencv-js@4.12.0-release.1/dist/",
};

/** Where each library comes from: the site's vendored copies, or the CDN. */
function libraries(data) {
  const own = data.vendor;
  const cdn = data.cdn === "true";
  return {
    tf: (cdn ? CDN.tf : own) + "tf.min.js",
    wasmJs: (cdn ? CDN.wasm : own) + "tf-backend-wasm.min.js",
    wasmDir: cdn ? CDN.wasm : own,
    opencv: (cdn ? CDN.opencv : own) + "opencv.js",
  };
}
const models = new Map();    // model.json url → Promise<{model, manifest, loadMs}>

function loadScript(url) {
  if (!scripts.has(url)) {
    scripts.set(url, new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = url;
      s.onload = resolve;
      s.onerror = () => reject(new Error(`could not load ${url}`));
      document.head.appendChild(s);
    }));
  }
  return scripts.get(url);
}

// --- TF.js and the backend ------------------------------------------------------------------

/** Which backend to use when the page does not say: WebGL on a real GPU; WASM when WebGL is
 * missing or software-rendered (SwiftShader is slower than WASM on the CPU). */
function detectBackend() {
  const canvas = document.createElement("canvas");
  const gl = canvas.getContext("webgl2") || canvas.getContext("webgl");
  if (!gl) return { backend: "wasm", note: "WebGL is not available; using WebAssembly" };
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : "";
  if (/swiftshader|llvmpipe|software/i.test(renderer)) {
    return { backend: "wasm", note: `WebGL is software-rendered (${renderer}); using WebAssembly` };
  }
  return { backend: "webgl", note: "" };
}

let tfReady = null;
const FALLBACKS = { webgl: ["webgl", "wasm", "cpu"], wasm: ["wasm", "cpu"], cpu: ["cpu"] };

/** Start one backend (loading the WASM one first); false when it cannot start here. */
async function startBackend(tf, libs, backend) {
  if (backend === "wasm") {
    await loadScript(libs.wasmJs);
    tf.wasm.setWasmPaths(libs.wasmDir);
  }
  return tf.setBackend(backend).catch(() => false);
}

async function ensureTf(libs, wanted) {
  if (!tfReady) {
    tfReady = (async () => {
      await loadScript(libs.tf);
      const tf = window.tf;
      let { backend, note } = wanted ? { backend: wanted, note: "" } : detectBackend();
      for (const candidate of FALLBACKS[backend] || [backend, "cpu"]) {
        if (await startBackend(tf, libs, candidate)) {
          if (candidate !== backend) note = `${backend} failed to start; using ${candidate}`;
          break;
        }
      }
      await tf.ready();
      return { tf, note };
    })();
  }
  return tfReady;
}

let cvReady = null;
function ensureOpenCv(libs) {
  if (!cvReady) {
    cvReady = loadScript(libs.opencv).then(() => new Promise((resolve) => {
      const cv = window.cv;
      if (cv && cv.Mat) return resolve(cv);
      if (cv && typeof cv.then === "function") {
        // The Emscripten module is thenable and resolves to itself: drop `then` to stop there.
        return cv.then((m) => { delete m.then; resolve(m); });
      }
      cv.onRuntimeInitialized = () => resolve(cv);
    }));
  }
  return cvReady;
}

// A site model, loaded once per page and shared by its widgets.
function loadModel(tf, url, manifestUrl) {
  if (!models.has(url)) {
    models.set(url, (async () => {
      const manifest = await fetch(manifestUrl).then((r) => {
        if (!r.ok) throw new Error(`no manifest at ${manifestUrl} (HTTP ${r.status})`);
        return r.json();
      });
      return { manifest, ...await loadTimed(tf, url, manifest.format) };
    })());
  }
  return models.get(url);
}

// `source` is a URL or an IO handler (a reader's own files).
async function loadTimed(tf, source, format) {
  const t0 = performance.now();
  const model = format === "layers-model"
    ? await tf.loadLayersModel(source) : await tf.loadGraphModel(source);
  return { model, loadMs: performance.now() - t0 };
}

// --- drawing a tensor without leaving the GPU (webgl backend) -----------------------------------

const programs = new WeakMap();   // the backend's GL context → our small textured-quad program

function quadProgram(gl) {
  if (programs.has(gl)) return programs.get(gl);
  const shader = (type, source) => { const s = gl.createShader(type); gl.shaderSource(s, source); gl.compileShader(s); return s; };
  const program = gl.createProgram();
  gl.attachShader(program, shader(gl.VERTEX_SHADER, `#version 300 es
    in vec2 pos; out vec2 uv;
    void main() { uv = (pos + 1.0) / 2.0; gl_Position = vec4(pos, 0.0, 1.0); }`));
  gl.attachShader(program, shader(gl.FRAGMENT_SHADER, `#version 300 es
    precision highp float; uniform sampler2D tex; in vec2 uv; out vec4 color;
    void main() { color = vec4(texture(tex, vec2(uv.x, 1.0 - uv.y)).rgb, 1.0); }`));
  gl.linkProgram(program);
  const vao = gl.createVertexArray();
  gl.bindVertexArray(vao);
  const buffer = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
  const pos = gl.getAttribLocation(program, "pos");
  gl.enableVertexAttribArray(pos);
  gl.vertexAttribPointer(pos, 2, gl.FLOAT, false, 0, 0);
  gl.bindVertexArray(null);
  const entry = { program, vao, tex: gl.getUniformLocation(program, "tex") };
  programs.set(gl, entry);
  return entry;
}

/** Draw `pixels` ([h, w, 3] in [0, 1]) from its WebGL texture (tensor.dataToGPU) onto `canvas`,
 * through the backend's own GL context, whose state is put back as TF.js left it. */
function drawFromTexture(tf, pixels, canvas) {
  const [h, w] = pixels.shape;
  const rgba = tf.tidy(() => tf.concat([pixels, tf.ones([h, w, 1])], 2));
  const gpu = rgba.dataToGPU({ customTexShape: [h, w] });
  rgba.dispose();
  const gl = tf.backend().gpgpu.gl;
  const saved = [gl.getParameter(gl.CURRENT_PROGRAM), gl.getParameter(gl.FRAMEBUFFER_BINDING),
    gl.getParameter(gl.VIEWPORT), gl.getParameter(gl.ARRAY_BUFFER_BINDING),
    gl.getParameter(gl.ACTIVE_TEXTURE), gl.getParameter(gl.VERTEX_ARRAY_BINDING)];
  try {
    const quad = quadProgram(gl);
    // TF.js computes in its own framebuffers; only the canvas's default one is drawn here.
    if (gl.canvas.width !== w || gl.canvas.height !== h) { gl.canvas.width = w; gl.canvas.height = h; }
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.viewport(0, 0, w, h);
    gl.useProgram(quad.program);
    gl.bindVertexArray(quad.vao);
    gl.activeTexture(gl.TEXTURE0);
    const before = gl.getParameter(gl.TEXTURE_BINDING_2D);
    gl.bindTexture(gl.TEXTURE_2D, gpu.texture);
    gl.uniform1i(quad.tex, 0);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    gl.bindTexture(gl.TEXTURE_2D, before);
    canvas.getContext("2d").drawImage(gl.canvas, 0, 0, w, h, 0, 0, w, h);
  } finally {
    gl.bindVertexArray(saved[5]);
    gl.activeTexture(saved[4]);
    gl.bindBuffer(gl.ARRAY_BUFFER, saved[3]);
    gl.viewport(...saved[2]);
    gl.bindFramebuffer(gl.FRAMEBUFFER, saved[1]);
    gl.useProgram(saved[0]);
    gpu.tensorRef.dispose();
  }
}

// --- OpenCV.js pre-processing steps ------------------------------------------------------------

/** Each step maps a Mat to a new Mat and deletes nothing it did not make. */
const STEPS = {
  resize: (cv, src, ctx) => { const d = new cv.Mat(); cv.resize(src, d, new cv.Size(ctx.w, ctx.h), 0, 0, cv.INTER_AREA); return d; },
  greyscale: (cv, src) => { const g = new cv.Mat(); const d = new cv.Mat(); cv.cvtColor(src, g, cv.COLOR_RGBA2GRAY); cv.cvtColor(g, d, cv.COLOR_GRAY2RGBA); g.delete(); return d; },
  desaturate: (cv, src) => { const g = new cv.Mat(); const g4 = new cv.Mat(); const d = new cv.Mat(); cv.cvtColor(src, g, cv.COLOR_RGBA2GRAY); cv.cvtColor(g, g4, cv.COLOR_GRAY2RGBA); cv.addWeighted(src, 0.5, g4, 0.5, 0, d); g.delete(); g4.delete(); return d; },
  invert: (cv, src) => { const d = new cv.Mat(); const rgb = new cv.MatVector(); cv.split(src, rgb); for (let i = 0; i < 3; i++) cv.bitwise_not(rgb.get(i), rgb.get(i)); cv.merge(rgb, d); rgb.delete(); return d; },
  brightness: (cv, src) => { const d = new cv.Mat(); src.convertTo(d, -1, 1.0, 40); return d; },
  contrast: (cv, src) => { const d = new cv.Mat(); src.convertTo(d, -1, 1.5, -64); return d; },
  blur: (cv, src) => { const d = new cv.Mat(); cv.GaussianBlur(src, d, new cv.Size(5, 5), 0); return d; },
  canny: (cv, src) => { const g = new cv.Mat(); const e = new cv.Mat(); const d = new cv.Mat(); cv.cvtColor(src, g, cv.COLOR_RGBA2GRAY); cv.Canny(g, e, 60, 140); cv.bitwise_not(e, e); cv.cvtColor(e, d, cv.COLOR_GRAY2RGBA); g.delete(); e.delete(); return d; },
  downup: (cv, src) => { const s = new cv.Mat(); const d = new cv.Mat(); cv.pyrDown(src, s); cv.pyrUp(s, d, new cv.Size(src.cols, src.rows)); s.delete(); return d; },
};

// --- statistics ---------------------------------------------------------------------------------

class Timings {
  constructor(keep = 100) { this.keep = keep; this.samples = {}; }
  add(stage, ms) { (this.samples[stage] ||= []).push(ms); if (this.samples[stage].length > this.keep) this.samples[stage].shift(); }
  summary(stage) {
    const xs = [...(this.samples[stage] || [])].sort((a, b) => a - b);
    if (!xs.length) return null;
    return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, p95: xs[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] };
  }
}

/** Whether an image or video has pixels to draw yet (an image still loading draws nothing). */
const ready = (src) => (src instanceof HTMLImageElement ? src.complete && src.naturalWidth > 0
  : src instanceof HTMLVideoElement ? src.readyState >= 2 : true);

const fmt = (ms) => (ms == null ? "–" : ms < 10 ? ms.toFixed(1) : Math.round(ms).toString());

// --- the widget ---------------------------------------------------------------------------------

class Demo {
  constructor(root) {
    this.root = root;
    this.d = root.dataset;
    this.inputs = (this.d.input || "image").split(",").map((s) => s.trim()).filter(Boolean);
    this.pipeline = (this.d.pipeline || "").split(",").map((s) => s.trim()).filter(Boolean);
    this.enabled = new Set(this.pipeline);
    this.timings = new Timings();
    this.frames = 0;
    this.tensorHistory = [];
    this.running = false;
    this.stats = { state: "loading" };
    root.sitegenDemo = this;
  }

  el(tag, attrs = {}, parent = this.body) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "text") e.textContent = v; else e.setAttribute(k, v);
    }
    if (parent) parent.appendChild(e);
    return e;
  }

  async start() {
    this.body = this.el("div", { class: "sitegen-demo-body" }, null);
    this.root.insertBefore(this.body, this.root.querySelector("figcaption"));
    this.message = this.el("p", { class: "sitegen-demo-message", text: "Loading the model…" });
    try {
      // ?backend=wasm in the page's URL overrides, to compare backends on one page.
      const wanted = new URLSearchParams(location.search).get("backend") || this.d.backend || "";
      const libs = libraries(this.d);
      const { tf, note } = await ensureTf(libs, wanted);
      this.tf = tf;
      this.note = note;
      const loaded = await loadModel(tf, this.d.modelUrl, this.d.manifestUrl);
      this.useModel(loaded);
      if (this.pipeline.length) this.cv = await ensureOpenCv(libs);
      this.build();
      this.message.textContent = note;
      this.setState("ready");
      await this.runOnce();
    } catch (err) {
      this.fail(err);
    }
  }

  useModel({ model, manifest, loadMs }) {
    this.model = model;
    this.manifest = manifest;
    this.loadMs = loadMs;
    const shape = manifest.input.shape;
    this.h = shape[1];
    this.w = shape[2];
    this.channels = shape[3];
    this.outputKind = this.d.output || manifest.output.kind;
  }

  fail(err) {
    this.setState("error");
    this.message.className = "sitegen-demo-message sitegen-demo-error";
    this.message.textContent = `The demo could not start: ${err && err.message ? err.message : err}`;
    console.error(err);
  }

  setState(state) {
    this.stats.state = state;
    this.root.dataset.state = state;
  }

  build() {
    const controls = this.el("div", { class: "sitegen-demo-controls" });
    const stage = this.el("div", { class: "sitegen-demo-stage" });
    this.inputCanvas = this.el("canvas", { class: "sitegen-demo-input", width: this.w, height: this.h }, stage);
    if (this.outputKind === "image") {
      this.outputCanvas = this.el("canvas", { class: "sitegen-demo-output", width: this.manifest.output.shape[2], height: this.manifest.output.shape[1] }, stage);
    } else {
      this.labelList = this.el("ol", { class: "sitegen-demo-labels" }, stage);
    }
    this.source = null;
    for (const kind of this.inputs) this.addInput(kind, controls);
    if (this.pipeline.length) {
      const steps = this.el("fieldset", { class: "sitegen-demo-steps" }, controls);
      this.el("legend", { text: "OpenCV.js steps" }, steps);
      for (const name of this.pipeline) {
        const label = this.el("label", {}, steps);
        const box = this.el("input", { type: "checkbox", checked: "" }, label);
        label.append(" " + name);
        box.addEventListener("change", () => { box.checked ? this.enabled.add(name) : this.enabled.delete(name); this.runOnce(); });
      }
    }
    if (this.outputKind === "image" && this.tf.getBackend() === "webgl") {
      const label = this.el("label", {}, controls);
      this.drawMode = this.el("select", { class: "sitegen-demo-draw" }, label);
      for (const m of ["toPixels", "webgl"]) this.el("option", { value: m, text: m === "webgl" ? "WebGL texture" : "tf.browser.toPixels" }, this.drawMode);
      this.drawMode.addEventListener("change", () => this.runOnce());
      label.prepend("Draw with ");
    }
    this.addOwnModel(controls);
    this.panel = this.el("pre", { class: "sitegen-demo-panel" });
  }

  addInput(kind, controls) {
    if (kind === "image") {
      const base = this.d.siteBase.replace(/\/$/, "");
      const samples = this.d.samples ? this.d.samples.split(",").map((s) => s.trim()) : (this.manifest.options.samples || []);
      const row = this.el("div", { class: "sitegen-demo-samples" }, controls);
      samples.forEach((path, i) => {
        const img = this.el("img", { src: `${base}/${path.replace(/^\//, "")}`, alt: `sample ${i + 1}`, title: path }, row);
        img.addEventListener("click", () => this.setImage(img));
        if (i === 0) this.firstSample = img;
      });
      if (this.firstSample) this.setImage(this.firstSample);
    } else if (kind === "upload") {
      const label = this.el("label", { class: "sitegen-demo-upload" }, controls);
      label.append("Your image: ");
      const file = this.el("input", { type: "file", accept: "image/*" }, label);
      file.addEventListener("change", () => {
        if (!file.files.length) return;
        const img = new Image();
        img.onload = () => { this.setImage(img); URL.revokeObjectURL(img.src); };
        img.src = URL.createObjectURL(file.files[0]);
      });
    } else if (kind === "video" || kind === "webcam") {
      const button = this.el("button", { type: "button", class: `sitegen-demo-play-${kind}`, text: kind === "video" ? "Play video" : "Use webcam" }, controls);
      button.addEventListener("click", () => this.toggleVideo(kind, button));
    } else if (kind === "draw") {
      this.drawInput(controls);
    }
  }

  drawInput(controls) {
    const pad = this.el("canvas", { class: "sitegen-demo-pad", width: 224, height: 224 }, controls);
    const ctx = pad.getContext("2d");
    const clear = () => { ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, 224, 224); };
    clear();
    let last = null;
    const at = (e) => { const r = pad.getBoundingClientRect(); return [(e.clientX - r.left) * 224 / r.width, (e.clientY - r.top) * 224 / r.height]; };
    pad.addEventListener("pointerdown", (e) => { last = at(e); pad.setPointerCapture(e.pointerId); });
    pad.addEventListener("pointermove", (e) => {
      if (!last) return;
      const p = at(e);
      ctx.strokeStyle = "#000"; ctx.lineWidth = 16; ctx.lineCap = "round";
      ctx.beginPath(); ctx.moveTo(...last); ctx.lineTo(...p); ctx.stroke();
      last = p;
      this.setImage(pad);
    });
    pad.addEventListener("pointerup", () => { last = null; });
    const button = this.el("button", { type: "button", text: "Clear" }, controls);
    button.addEventListener("click", () => { clear(); this.setImage(pad); });
  }

  addOwnModel(controls) {
    const label = this.el("label", { class: "sitegen-demo-own" }, controls);
    label.append("Try your own model (model.json + .bin): ");
    const files = this.el("input", { type: "file", multiple: "", accept: ".json,.bin" }, label);
    files.addEventListener("change", async () => {
      const list = [...files.files];
      const json = list.find((f) => f.name.endsWith(".json"));
      if (!json) return this.fail(new Error("choose a model.json and its .bin shards"));
      try {
        const format = JSON.parse(await json.text()).format;
        const handler = this.tf.io.browserFiles([json, ...list.filter((f) => f !== json)]);
        const loaded = await loadTimed(this.tf, handler, format);
        if (this.ownModel) this.ownModel.dispose();   // the site's model stays shared
        this.ownModel = this.model = loaded.model;
        this.loadMs = loaded.loadMs;
        this.message.textContent = `Running your model ${json.name}`;
        await this.runOnce();
      } catch (err) {
        this.fail(err);
      }
    });
  }

  setImage(img) {
    this.source = img;
    if (img.complete === false) img.addEventListener("load", () => this.runOnce(), { once: true });
    else this.runOnce();
  }

  async toggleVideo(kind, button) {
    if (this.running) { this.stopVideo(); button.textContent = kind === "video" ? "Play video" : "Use webcam"; return; }
    const video = this.video || (this.video = this.el("video", { class: "sitegen-demo-video", muted: "", playsinline: "", loop: "" }));
    video.muted = true;
    try {
      if (kind === "webcam") {
        this.stream = await navigator.mediaDevices.getUserMedia({ video: true });
        video.srcObject = this.stream;
      } else {
        const base = this.d.siteBase.replace(/\/$/, "");
        video.src = `${base}/${(this.d.video || this.manifest.options.video || "").replace(/^\//, "")}`;
      }
      await video.play();
    } catch (err) {
      return this.fail(err);
    }
    button.textContent = "Stop";
    this.source = video;
    this.running = true;
    this.frames = 0;
    this.tensorHistory = [];
    const loop = async () => {
      if (!this.running) return;
      await this.runOnce();
      this.frames += 1;
      requestAnimationFrame(loop);
    };
    this.fpsStart = performance.now();
    requestAnimationFrame(loop);
  }

  stopVideo() {
    this.running = false;
    if (this.stream) { this.stream.getTracks().forEach((t) => t.stop()); this.stream = null; }
    if (this.video) this.video.pause();
  }

  /** One frame: source → input canvas (OpenCV steps) → tensor → model → output. */
  async runOnce() {
    if (!this.model || !this.source || this.busy || !ready(this.source)) return;
    this.busy = true;
    const tf = this.tf;
    try {
      let t = performance.now();
      const ctx = this.inputCanvas.getContext("2d", { willReadFrequently: true });
      ctx.drawImage(this.source, 0, 0, this.w, this.h);
      if (this.cv && this.enabled.size) this.applySteps(ctx);
      const x = tf.tidy(() => {
        let img = tf.browser.fromPixels(this.inputCanvas, this.channels === 1 ? 1 : 3).toFloat().div(255);
        if (this.manifest.input.invert) img = tf.sub(1, img);
        const [lo, hi] = this.manifest.input.range;
        return img.mul(hi - lo).add(lo).expandDims(0);
      });
      this.timings.add("preprocess", performance.now() - t);
      t = performance.now();
      const y = tf.tidy(() => { const out = this.model.predict(x); return Array.isArray(out) ? out[0] : out; });
      x.dispose();
      const values = this.outputKind === "image" ? null : await y.data();
      if (this.outputKind === "image") await y.data();  // wait for the backend, for honest timing
      this.timings.add("inference", performance.now() - t);
      t = performance.now();
      if (this.outputKind === "image") {
        const pixels = tf.tidy(() => {
          const [lo, hi] = this.manifest.output.range || [0, 1];
          return y.squeeze([0]).sub(lo).div(hi - lo).clipByValue(0, 1);
        });
        y.dispose();
        this.timings.add("postprocess", performance.now() - t);
        t = performance.now();
        if (this.drawMode && this.drawMode.value === "webgl") drawFromTexture(tf, pixels, this.outputCanvas);
        else await tf.browser.toPixels(pixels, this.outputCanvas);
        pixels.dispose();
      } else {
        y.dispose();
        const labels = this.manifest.output.labels || [...values].map((_, i) => String(i));
        const top = [...values].map((p, i) => [p, i]).sort((a, b) => b[0] - a[0]).slice(0, 3);
        this.timings.add("postprocess", performance.now() - t);
        t = performance.now();
        this.labelList.replaceChildren(...top.map(([p, i]) => {
          const li = document.createElement("li");
          li.textContent = `${labels[i]} — ${(p * 100).toFixed(1)} %`;
          li.dataset.label = labels[i];
          return li;
        }));
      }
      this.timings.add("draw", performance.now() - t);
      this.track();
      this.showPanel();
      this.setState("done");
    } catch (err) {
      this.fail(err);
    } finally {
      this.busy = false;
    }
  }

  applySteps(ctx) {
    const cv = this.cv;
    let mat = cv.imread(this.inputCanvas);
    for (const name of this.pipeline) {
      if (!this.enabled.has(name) || !STEPS[name]) continue;
      const next = STEPS[name](cv, mat, this);
      mat.delete();
      mat = next;
    }
    cv.imshow(this.inputCanvas, mat);
    mat.delete();
  }

  /** Tensor count after each frame; growing for 5 frames in a row means a leak somewhere. */
  track() {
    const n = this.tf.memory().numTensors;
    this.tensorHistory.push(n);
    if (this.tensorHistory.length > 6) this.tensorHistory.shift();
    const h = this.tensorHistory;
    this.leaking = h.length === 6 && h.every((v, i) => i === 0 || v > h[i - 1]);
  }

  showPanel() {
    const mem = this.tf.memory();
    const lines = [`backend     ${this.tf.getBackend()}${this.note ? ` (${this.note})` : ""}`,
      `model load  ${fmt(this.loadMs)} ms`];
    for (const stage of ["preprocess", "inference", "postprocess", "draw"]) {
      const s = this.timings.summary(stage);
      lines.push(`${stage.padEnd(11)} ${s ? `${fmt(s.mean)} ms mean, ${fmt(s.p95)} ms p95` : "–"}`);
    }
    if (this.running) lines.push(`fps         ${(this.frames / ((performance.now() - this.fpsStart) / 1000)).toFixed(1)}`);
    lines.push(`tf.memory() ${mem.numTensors} tensors, ${(mem.numBytes / 1e6).toFixed(2)} MB`);
    if (this.leaking) lines.push("warning     the tensor count grows every frame: a leak");
    this.panel.textContent = lines.join("\n");
    this.panel.classList.toggle("sitegen-demo-leak", !!this.leaking);
    Object.assign(this.stats, {
      backend: this.tf.getBackend(), loadMs: this.loadMs, frames: this.frames,
      numTensors: mem.numTensors, leaking: !!this.leaking,
      inference: this.timings.summary("inference"), preprocess: this.timings.summary("preprocess"),
    });
  }
}

for (const root of document.querySelectorAll("figure.sitegen-demo")) {
  if (!root.sitegenDemo) new Demo(root).start();
}
