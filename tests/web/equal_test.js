// wasm.equal (tests/web/CMakeLists.txt; docs/web.md): the same BlazePose-33 world landmarks through
// the native build (tests/web/native_driver.cpp: the library's CSV reader, the compiled library) and
// through the WebAssembly module under node (its JavaScript API), frame by frame, with the fitter
// off and on: every number of the output buffers equal, or within compare.js's TOLERANCE.
// Inputs: the real BlazePose trial, and random poses made here (the real frames with noise, points
// missing or below the visibility threshold, wholly random points, a dropped-frame gap, a frame
// whose time does not increase) written to a CSV that the native side reads with its own reader.
// Then the same over session options (docs/web.md, "Options"): sources, a context, a profile JSON,
// tolerances, overrides, uncertainties, the monitor off, the COCO-17 layout (the same frames'
// COCO keypoints), and joint angles given directly (random angles, some unknown or infinite).
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

const fmt = (x) => (Number.isNaN(x) ? 'nan' : String(x));  // shortest round-trip form

function writeCsv(file, header, frames) {
  const n = frames.length ? frames[0].vis.length : 0;
  const rows = frames.map((f, i) => {
    const c = [String(i)];
    for (let k = 0; k < n; ++k) c.push(fmt(f.xyz[3 * k]), fmt(f.xyz[3 * k + 1]), fmt(f.xyz[3 * k + 2]), fmt(f.vis[k]));
    return c.join(',');
  });
  fs.writeFileSync(file, header + '\n' + rows.join('\n') + '\n');
}

// The COCO-17 keypoints of BlazePose frames (layout.hpp: the BlazePose index of each COCO role).
const COCO_FROM_BLAZEPOSE = [0, 2, 5, 7, 8, 11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28];
function toCoco(frames) {
  return frames.map((f) => {
    const xyz = new Float64Array(51), vis = new Float64Array(17);
    COCO_FROM_BLAZEPOSE.forEach((b, k) => {
      for (let a = 0; a < 3; ++a) xyz[3 * k + a] = f.xyz[3 * b + a];
      vis[k] = f.vis[b];
    });
    return {xyz, vis};
  });
}
const cocoHeader = ['frame'].concat(COCO_FROM_BLAZEPOSE.flatMap((_, k) => [`k${k}_x`, `k${k}_y`, `k${k}_z`, `k${k}_vis`])).join(',');

// Random joint angles (radians): a fifth unknown, a few frames with an infinite value (refused).
function randomAngles(n, seed) {
  const r = rng(seed);
  const frames = [];
  for (let i = 0; i < n; ++i) {
    const a = new Float64Array(39);
    for (let d = 0; d < 39; ++d) a[d] = r() < 0.2 ? NaN : (2 * r() - 1) * 2.5;
    if (r() < 0.02) a[Math.floor(r() * 39)] = Infinity;
    frames.push({angles: a});
  }
  return frames;
}

// A session's options as web_native_driver's arguments (fit goes through runNative).
function driverArgs(options, workDir, label) {
  const args = [];
  for (const [k, v] of Object.entries(options)) {
    if (k === 'fit') continue;
    if (k === 'layout') args.push('--layout', v);
    else if (k === 'mirrored') { if (v) args.push('--mirrored'); }
    else if (k === 'profile') {
      const file = path.join(workDir, label.replace(/\W+/g, '_') + '_profile.json');
      fs.writeFileSync(file, v);
      args.push('--profile', file);
    } else if (k === 'overrides') {
      for (const o of v) args.push('--override', [o.dof, String(o.lower_deg), String(o.upper_deg)].concat(o.reason ? [o.reason] : []).join(':'));
    } else if (typeof v === 'string') args.push('--set', `${k}=${v}`);
    else args.push('--number', `${k}=${typeof v === 'boolean' ? (v ? 1 : 0) : String(v)}`);
  }
  return args;
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

  // The COCO-17 keypoints of the same frames, and random joint angles.
  const realCoco = toCoco(real.frames), randomCoco = toCoco(random);
  const realCocoCsv = path.join(workDir, 'real_coco17.csv'), randomCocoCsv = path.join(workDir, 'random_coco17.csv');
  writeCsv(realCocoCsv, cocoHeader, realCoco);
  writeCsv(randomCocoCsv, cocoHeader, randomCoco);
  const angleFrames = randomAngles(300, 23);
  const anglesCsv = path.join(workDir, 'random_angles.csv');
  fs.writeFileSync(anglesCsv, api.names.dof.join(',') + '\n' +
                   angleFrames.map((f) => Array.from(f.angles, fmt).join(',')).join('\n') + '\n');
  const angleTimes = angleFrames.map((_, i) => i / 30);
  const angleTimesFile = path.join(workDir, 'angle_times.txt');
  fs.writeFileSync(angleTimesFile, angleTimes.map(String).join('\n') + '\n');

  // The option sets (docs/web.md, "Options"), each over the real trial and the random frames.
  const optionSets = [
    {label: 'AMA tol 2.5 no monitor', options: {fit: false, source: 'AMA', tolerance_deg: 2.5, monitor: false}},
    {label: 'weight_bearing input_kind override mirrored',
     options: {fit: false, context: 'weight_bearing', input_kind: 'monocular_keypoints', coverage: 1.5, mirrored: true,
               overrides: [{dof: 'left_knee_flexion_extension', lower_deg: -5, upper_deg: 90, reason: 'after knee surgery'}]}},
    {label: 'profile VA fit', options: {fit: true, profile: '{"source": "VA", "tolerance_deg": 1, "restrict_to": ["hip", "knee"]}'}},
    {label: 'uncertainty 4', options: {fit: false, uncertainty_deg: 4, source: 'Merck'}},
    {label: 'coco17 raw', options: {fit: false, layout: 'coco17', context: 'active'}},
    {label: 'coco17 fit', options: {fit: true, layout: 'coco17'}},
  ];
  const cases = [
    {label: 'blazepose raw', csv: realCsv, frames: real.frames, fps: 60, options: {fit: false}},
    {label: 'blazepose fit', csv: realCsv, frames: real.frames, fps: 60, options: {fit: true}},
    {label: 'random raw', csv: randomCsv, frames: random, times, timesFile, options: {fit: false}},
    {label: 'random fit', csv: randomCsv, frames: random, times, timesFile, options: {fit: true}},
  ];
  for (const o of optionSets) {
    const coco = o.options.layout === 'coco17';
    cases.push({label: 'blazepose ' + o.label, csv: coco ? realCocoCsv : realCsv, frames: coco ? realCoco : real.frames,
                fps: 60, options: o.options, optionSet: true});
    cases.push({label: 'random ' + o.label, csv: coco ? randomCocoCsv : randomCsv, frames: coco ? randomCoco : random,
                times, timesFile, options: o.options, optionSet: true});
  }
  cases.push({label: 'angles AMA u 3 monitor', csv: anglesCsv, frames: angleFrames, times: angleTimes,
              timesFile: angleTimesFile, angles: true, options: {fit: false, source: 'AMA', uncertainty_deg: 3}, optionSet: true});
  cases.push({label: 'angles passive imu check()', csv: anglesCsv, frames: angleFrames, times: angleTimes,
              timesFile: angleTimesFile, angles: true, viaCheck: true,
              options: {fit: false, context: 'passive', input_kind: 'imu', monitor: false}, optionSet: true});
  let failed = false;
  const printed = [];
  for (const c of cases) {
    const fit = !!c.options.fit;
    const args = driverArgs(c.options, workDir, c.label).concat(c.angles ? ['--angles'] : []);
    const native = runNative(driver, c.csv, c.times ? {times: c.timesFile, fit, args} : {fps: c.fps, fit, args});
    const s = new api.Session(c.options);
    const wasm = [];
    let checkMismatch = 0;
    const t0 = process.hrtime.bigint();
    c.frames.forEach((f, i) => {
      const t = c.times ? c.times[i] : i / c.fps;
      let ok = true;
      try {
        if (c.angles) s.angles(t, f.angles); else s.frame(t, f.xyz, f.vis);
      } catch (e) { ok = false; }
      const r = ok ? s.result() : null;
      if (c.viaCheck) {  // api.check gives the same object as the session (a stateless check: no monitor, no fitter)
        let viaCheck = null;
        try { viaCheck = api.check(f.angles, c.options); } catch (e) { viaCheck = null; }
        if (JSON.stringify(viaCheck && Object.assign({}, viaCheck, {t_s: null})) !== JSON.stringify(r && Object.assign({}, r, {t_s: null}))) ++checkMismatch;
      }
      wasm.push({ok, out: s.raw(), cues: ok && r.monitor ? r.monitor.cues.map((q) => q.text) : []});
    });
    const perFrameUs = Number(process.hrtime.bigint() - t0) / 1e3 / c.frames.length;
    s.finish();
    wasm.finish = s.raw();
    s.destroy();
    const {stats, failures} = compareRuns(api.names, api.layout, native, wasm, c.label);
    if (checkMismatch) failures.push(`${c.label}: api.check differs from the session's frame in ${checkMismatch} frames`);
    if (c.optionSet && stats.values === 0) failures.push(`${c.label}: nothing compared`);
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
