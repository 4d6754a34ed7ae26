// wasm.equal (tests/web/CMakeLists.txt; docs/web.md): the same BlazePose-33 world landmarks through
// the native build (tests/web/native_driver.cpp: the library's CSV reader, the compiled library) and
// through the WebAssembly module under node (its JavaScript API), frame by frame, with the fitter
// off and on: every number of the output buffers equal, or within compare.js's TOLERANCE.
// Inputs: the real BlazePose trial, and random poses made here (the real frames with noise, points
// missing or below the visibility threshold, wholly random points, a dropped-frame gap, a frame
// whose time does not increase) written to a CSV that the native side reads with its own reader.
//   node equal_test.js MODULE_DIR NATIVE_DRIVER BLAZEPOSE_CSV WORK_DIR
'use strict';
const fs = require('fs');
const path = require('path');
const {runNative, compareRuns, TOLERANCE} = require('./compare.js');

const [moduleDir, driver, realCsv, workDir] = process.argv.slice(2).map((p) => path.resolve(p));
if (!workDir) { console.error('usage: node equal_test.js MODULE_DIR NATIVE_DRIVER BLAZEPOSE_CSV WORK_DIR'); process.exit(2); }
fs.mkdirSync(workDir, {recursive: true});

function parseCsv(file) {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  const header = lines[0];
  const frames = lines.slice(1).map((l) => {
    const c = l.split(',').map((x) => (x === 'nan' ? NaN : parseFloat(x)));  // correctly rounded, as the reader
    const xyz = new Float64Array(99), vis = new Float64Array(33);
    for (let k = 0; k < 33; ++k) {
      xyz[3 * k] = c[1 + 4 * k]; xyz[3 * k + 1] = c[2 + 4 * k]; xyz[3 * k + 2] = c[3 + 4 * k]; vis[k] = c[4 + 4 * k];
    }
    return {xyz, vis};
  });
  return {header, frames};
}

// A small deterministic generator (mulberry32), so that a failure can be reproduced.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomPoses(real, n, seed) {
  const r = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const frames = [];
  for (let i = 0; i < n; ++i) {
    const base = real.frames[Math.floor(r() * real.frames.length)];
    const xyz = new Float64Array(99), vis = new Float64Array(33);
    const wild = r() < 0.1;  // wholly random points
    const sigma = 0.01 + 0.1 * r();
    for (let k = 0; k < 33; ++k) {
      for (let a = 0; a < 3; ++a) xyz[3 * k + a] = wild ? 2 * r() - 1 : base.xyz[3 * k + a] + sigma * gauss();
      vis[k] = r() < 0.8 ? 0.5 + 0.5 * r() : r();  // some below the 0.5 threshold
      if (r() < 0.03) { xyz[3 * k] = xyz[3 * k + 1] = xyz[3 * k + 2] = NaN; vis[k] = 0; }  // missing
    }
    frames.push({xyz, vis});
  }
  return frames;
}

function writeCsv(file, header, frames) {
  const fmt = (x) => (Number.isNaN(x) ? 'nan' : String(x));  // shortest round-trip form
  const rows = frames.map((f, i) => {
    const c = [String(i)];
    for (let k = 0; k < 33; ++k) c.push(fmt(f.xyz[3 * k]), fmt(f.xyz[3 * k + 1]), fmt(f.xyz[3 * k + 2]), fmt(f.vis[k]));
    return c.join(',');
  });
  fs.writeFileSync(file, header + '\n' + rows.join('\n') + '\n');
}

(async () => {
  const ArthrokinWeb = require(path.join(moduleDir, 'arthrokin_web_api.js'));
  const create = require(path.join(moduleDir, 'arthrokin_web.js'));
  // wasmBinary: emscripten 3.1.6's loader would fetch() a file path under node 18+.
  const api = await ArthrokinWeb.load(create, {wasmBinary: fs.readFileSync(path.join(moduleDir, 'arthrokin_web.wasm'))});

  const real = parseCsv(realCsv);
  const random = randomPoses(real, 400, 17);
  const randomCsv = path.join(workDir, 'random_poses.csv');
  writeCsv(randomCsv, real.header, random);
  // Times of the random set: 30 fps, a 0.5 s gap after frame 200, frame 300 repeats frame 299's time.
  const times = random.map((_, i) => i / 30 + (i > 200 ? 0.5 : 0));
  times[300] = times[299];
  const timesFile = path.join(workDir, 'random_times.txt');
  fs.writeFileSync(timesFile, times.map(String).join('\n') + '\n');

  const cases = [
    {label: 'blazepose raw', csv: realCsv, frames: real.frames, fps: 60, fit: false},
    {label: 'blazepose fit', csv: realCsv, frames: real.frames, fps: 60, fit: true},
    {label: 'random raw', csv: randomCsv, frames: random, times, fit: false},
    {label: 'random fit', csv: randomCsv, frames: random, times, fit: true},
  ];
  let failed = false;
  const printed = [];
  for (const c of cases) {
    const native = runNative(driver, c.csv, c.times ? {times: timesFile, fit: c.fit} : {fps: c.fps, fit: c.fit});
    const s = new api.Session({fit: c.fit});
    const wasm = [];
    const t0 = process.hrtime.bigint();
    c.frames.forEach((f, i) => {
      const t = c.times ? c.times[i] : i / c.fps;
      let ok = true;
      try { s.frame(t, f.xyz, f.vis); } catch (e) { ok = false; }
      wasm.push({ok, out: s.raw(), cues: ok ? s.result().monitor.cues.map((q) => q.text) : []});
    });
    const perFrameUs = Number(process.hrtime.bigint() - t0) / 1e3 / c.frames.length;
    s.finish();
    wasm.finish = s.raw();
    s.destroy();
    const {stats, failures} = compareRuns(api.names, api.layout, native, wasm, c.label);
    const refused = wasm.filter((w) => !w.ok).length;
    printed.push(`${c.label}: ${c.frames.length} frames (${refused} refused by both), ${stats.values} values compared, ` +
                `${stats.identical} bit-identical, largest difference ${stats.maxDiff.toExponential(2)}` +
                (stats.maxAt ? ` (${stats.maxAt})` : '') + `; wasm ${perFrameUs.toFixed(1)} µs/frame (node, with the JS objects)`);
    console.log(printed[printed.length - 1]);
    for (const f of failures) console.log('  MISMATCH ' + f);
    if (failures.length) failed = true;
  }
  printed.push(`tolerance ${TOLERANCE} (relative to max(1, |value|)); module ${fs.statSync(path.join(moduleDir, 'arthrokin_web.wasm')).size} bytes`);
  console.log(printed[printed.length - 1]);
  fs.writeFileSync(path.join(workDir, 'figures.txt'), printed.join('\n') + '\n');  // for .ci/run to print
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(1); });
