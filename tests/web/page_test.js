// web.page (tests/web/CMakeLists.txt; docs/web.md): the live page in headless Chromium with a fake
// camera fed from the balancing-trial video, and its numbers against the native build's.
//  1. ffmpeg converts the video to .y4m (Chromium's fake-camera format), 360×640, 60 fps;
//  2. a static server on 127.0.0.1 (a free port chosen by the system) serves examples/web at /web/
//     and the WebAssembly module at /wasm/;
//  3. Chromium (playwright-core, --use-fake-device-for-media-stream) opens the page with
//     autostart=camera, BlazePose on the CPU (useCpuInference), until FRAMES frames are processed;
//  4. asserts: frames were processed and checked (a verdict other than unknown), the DoFs reported
//     (the limb DoFs observed, the thoracic/lumbar split never: BlazePose has no point between the
//     pelvis and the thorax, docs/kinematics.md), and every number the page computed equals the
//     native build's (web_native_driver on the landmarks and times the page received) within
//     compare.js's tolerance; prints frames, per-frame times; saves a screenshot.
//   node page_test.js --web DIR --module DIR --driver EXE --video MP4 --chromium EXE --ffmpeg EXE --work DIR
//                     [--frames N] [--screenshot PNG] [--limits KEY]
// --limits: the page's limits selector set to a source key (limits=KEY); the native side gets the
// same source.
// The figures also go to WORK/figures.txt (ctest shows a passing test's output only with -V).
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const {execFileSync} = require('child_process');
const {runNative, compareRuns} = require('./compare.js');

const arg = {};
for (let i = 2; i < process.argv.length; i += 2) arg[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
for (const k of ['web', 'module', 'driver', 'video', 'chromium', 'ffmpeg', 'work'])
  if (!arg[k]) { console.error(`page_test.js: --${k} is required`); process.exit(2); }
const FRAMES = Number(arg.frames || 60);
fs.mkdirSync(arg.work, {recursive: true});
const {chromium} = require(path.join(path.resolve(arg.web), 'node_modules', 'playwright-core'));

const types = {'.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
               '.json': 'application/json'};
function serve(mounts) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!url.startsWith(prefix)) continue;
      const file = path.join(dir, url.slice(prefix.length) || 'index.html');
      if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) break;
      res.writeHead(200, {'Content-Type': types[path.extname(file)] || 'application/octet-stream'});
      fs.createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404); res.end('not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

(async () => {
  const t0 = Date.now();
  // 1. The fake camera's file.
  const y4m = path.join(arg.work, 'cam01.y4m');
  execFileSync(arg.ffmpeg, ['-v', 'error', '-y', '-i', arg.video, '-vf', 'scale=360:640', '-pix_fmt', 'yuv420p', y4m]);
  // 2. The server.
  const server = await serve({'/web/': path.resolve(arg.web), '/wasm/': path.resolve(arg.module)});
  const port = server.address().port;
  const url = `http://127.0.0.1:${port}/web/index.html?module=/wasm/&autostart=camera&cpu=1&frames=${FRAMES}` +
              (arg.limits ? `&limits=${encodeURIComponent(arg.limits)}` : '');
  // 3. Chromium.
  const browser = await chromium.launch({
    executablePath: arg.chromium, headless: true,
    args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`,
           '--enable-unsafe-swiftshader', '--no-sandbox'],
  });
  let log;
  try {
    const page = await browser.newPage({viewport: {width: 1400, height: 900}});
    const consoleLines = [];
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e}`));
    await page.goto(url);
    try {
      await page.waitForFunction(() => window.arthrokinLog && (window.arthrokinLog.done || window.arthrokinLog.error),
                                 null, {timeout: 300000, polling: 500});
    } catch (e) {
      console.log(consoleLines.slice(-20).join('\n'));
      throw e;
    }
    log = await page.evaluate(() => window.arthrokinExport());
    if (log.error) { console.log(consoleLines.slice(-20).join('\n')); throw new Error('page error: ' + log.error); }
    const shot = arg.screenshot || path.join(arg.work, 'web_page.png');
    await page.screenshot({path: shot});
    console.log(`screenshot: ${shot}`);
  } finally {
    await browser.close();
    server.close();
  }

  // 4. Assertions.
  const failures = [];
  const n = log.frames.length;
  if (n < FRAMES) failures.push(`${n} frames processed, expected ${FRAMES}`);
  const checked = log.frames.filter((f) => f.verdict && f.verdict !== 'unknown').length;
  if (checked < n / 2) failures.push(`only ${checked} of ${n} frames had a pose checked`);
  const observedIn = {};
  for (const f of log.frames) for (const id of f.observed) observedIn[id] = (observedIn[id] || 0) + 1;
  const reported = Object.keys(observedIn).sort();
  for (const id of ['left_knee_flexion_extension', 'right_knee_flexion_extension', 'left_hip_flexion_extension',
                    'right_hip_flexion_extension', 'left_elbow_flexion_extension', 'right_elbow_flexion_extension',
                    'left_shoulder_flexion_extension', 'right_shoulder_flexion_extension'])
    if (!(observedIn[id] >= checked / 2)) failures.push(`${id} observed in ${observedIn[id] || 0} of ${checked} checked frames`);
  for (const id of reported)
    if (/^(thoracic|lumbar)_/.test(id)) failures.push(`${id} reported: BlazePose cannot split the thoracolumbar spine`);

  // The page's numbers against the native build's on the same landmarks and times.
  const header = ['frame'];
  const pointNames = ['nose', 'left_eye_inner', 'left_eye', 'left_eye_outer', 'right_eye_inner', 'right_eye', 'right_eye_outer',
    'left_ear', 'right_ear', 'mouth_left', 'mouth_right', 'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow',
    'left_wrist', 'right_wrist', 'left_pinky', 'right_pinky', 'left_index', 'right_index', 'left_thumb', 'right_thumb',
    'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle', 'left_heel', 'right_heel',
    'left_foot_index', 'right_foot_index'];
  for (const p of pointNames) header.push(`${p}_x`, `${p}_y`, `${p}_z`, `${p}_vis`);
  const cell = (x) => (x === null ? 'nan' : String(x));
  const rows = log.frames.map((f, i) => {
    const c = [String(i)];
    for (let k = 0; k < 33; ++k) c.push(cell(f.xyz[3 * k]), cell(f.xyz[3 * k + 1]), cell(f.xyz[3 * k + 2]), cell(f.vis[k]));
    return c.join(',');
  });
  const csv = path.join(arg.work, 'page_landmarks.csv'), times = path.join(arg.work, 'page_times.txt');
  fs.writeFileSync(csv, header.join(',') + '\n' + rows.join('\n') + '\n');
  fs.writeFileSync(times, log.frames.map((f) => String(f.t)).join('\n') + '\n');
  const native = runNative(arg.driver, csv, {times, fit: log.fit, timeMs: 500,
                                             args: log.limits_source ? ['--set', 'source=' + log.limits_source] : []});
  const toNaN = (a) => Float64Array.from(a, (x) => (x === null ? NaN : x));
  const wasm = log.frames.map((f) => ({ok: true, out: toNaN(f.out), cues: f.cues}));
  wasm.finish = log.final ? toNaN(log.final) : null;
  // The module's field names, from the native output's shape and the module itself (loaded under node).
  const ArthrokinWeb = require(path.join(path.resolve(arg.module), 'arthrokin_web_api.js'));
  const create = require(path.join(path.resolve(arg.module), 'arthrokin_web.js'));
  const api = await ArthrokinWeb.load(create, {wasmBinary: fs.readFileSync(path.join(path.resolve(arg.module), 'arthrokin_web.wasm'))});
  const cmp = compareRuns(api.names, api.layout, native, wasm, 'page');
  failures.push(...cmp.failures);

  const printed = [];
  const say = (line) => { printed.push(line); console.log(line); };
  const mean = (a) => a.reduce((x, y) => x + y, 0) / Math.max(1, a.length);
  const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
  const cues = log.frames.reduce((k, f) => k + f.cues.length, 0);
  say(`page: ${n} frames processed (${log.no_pose} without a person), ${checked} with a pose checked; fitter ${log.fit ? 'on' : 'off'}; ` +
      `limits ${log.limits_source || 'default set'}; BlazePose on the CPU`);
  if ((arg.limits || null) !== log.limits_source) failures.push(`the page used limits ${log.limits_source}, asked ${arg.limits}`);
  say(`page: BlazePose ${mean(log.pose_ms).toFixed(1)} ms/frame (median ${median(log.pose_ms).toFixed(1)}); ` +
              `arthrokin (WASM + JS objects) ${mean(log.arthrokin_us).toFixed(1)} µs/frame (median ${median(log.arthrokin_us).toFixed(1)})`);
  if (log.replay) say(`page: replay of the ${log.replay.frames} frames: ${log.replay.step_us.toFixed(1)} µs/frame (WASM: fitter, angles, check, monitor), ` +
                              `${log.replay.frame_us.toFixed(1)} µs/frame with the JS objects; native build ${native.usPerFrame.toFixed(1)} µs/frame on the same frames`);
  say(`page: DoFs reported: ${reported.length} (${reported.join(' ')})`);
  say(`page: ${cues} cues; final repetitions ${log.final ? log.final[api.names.headerFields.indexOf('repetitions')] : '?'}`);
  say(`page vs native: ${cmp.stats.values} values compared, ${cmp.stats.identical} bit-identical, largest difference ` +
              `${cmp.stats.maxDiff.toExponential(2)}${cmp.stats.maxAt ? ' (' + cmp.stats.maxAt + ')' : ''}`);
  say(`web.page took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  fs.writeFileSync(path.join(arg.work, 'figures.txt'), printed.join('\n') + '\n');  // for .ci/run to print
  for (const f of failures) console.log('FAIL ' + f);
  process.exit(failures.length ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(1); });
