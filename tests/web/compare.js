// Shared by tests/web/equal_test.js and tests/web/page_test.js: run the native driver on a CSV and
// compare its per-frame output buffers with the WebAssembly module's (docs/web.md, "Equality").
'use strict';
const {execFileSync} = require('child_process');

// The tolerance (docs/web.md): angles in degrees and times in seconds of the two builds may differ
// by rounding only. glibc (native) and musl (emscripten) implement atan2, acos, sin, cos, sqrt-free
// paths differently (each within 1-2 ulp), and g++ and clang order some operations differently;
// the Kalman filter, the fitter's finite differences and the monitor's sums carry such differences
// forward. The largest difference measured was 2e-11 (a fitter uncertainty, in degrees; the tests
// print it); 1e-9 (degrees or seconds), relative to max(1, |value|), leaves a margin of 50 and is far
// below any meaningful angle (the cue sentences round to 0.1°). Discrete
// fields (statuses, verdicts, phases, counts, cue kinds) and the cue sentences must be equal.
const TOLERANCE = Number(process.env.ARTHROKIN_WEB_TOLERANCE || 1e-9);

function runNative(driver, csv, opts) {
  const args = ['--csv', csv, '--fit', opts.fit ? '1' : '0'];
  if (opts.times) args.push('--times', opts.times); else args.push('--fps', String(opts.fps));
  if (opts.timeMs) args.push('--time-ms', String(opts.timeMs));
  if (opts.args) args.push(...opts.args);  // the session options (equal_test.js: driverArgs)
  const text = execFileSync(driver, args, {maxBuffer: 1 << 30, encoding: 'utf8'});
  const lines = text.trim().split('\n').map((l) => JSON.parse(l));
  const timing = lines.find((l) => l.timing_us_per_frame !== undefined);
  return {frames: lines.filter((l) => l.frame !== undefined), finish: lines.find((l) => l.finish),
          usPerFrame: timing ? timing.timing_us_per_frame : null};
}

// names: the module's field tables (api.names); wasm: [{ok, out: Float64Array, cues: [text]}].
function compareRuns(names, layout, native, wasm, label) {
  const discrete = new Set(['ok', 'fit_state', 'swap', 'points_measured', 'points_gated', 'verdict',
                            'out_of_range_count', 'possibly_out_of_range_count', 'unknown_count', 'observed_count',
                            'phase', 'repetitions', 'frames', 'cue_count', 'angle_status', 'check_status',
                            'per_side', 'kind', 'band', 'side']);
  const fieldOf = (i) => {
    if (i < layout.dofs) return names.headerFields[i];
    if (i < layout.bands) return names.dofFields[(i - layout.dofs) % names.dofFields.length];
    if (i < layout.cues) return names.bandFields[(i - layout.bands) % names.bandFields.length];
    return names.cueFields[(i - layout.cues) % names.cueFields.length];
  };
  const stats = {values: 0, identical: 0, maxDiff: 0, maxAt: ''};
  const failures = [];
  const check = (a, b, where) => {
    // a: native (number or null), b: wasm (number, NaN = unknown)
    ++stats.values;
    const bn = Number.isNaN(b) ? null : b;
    if (a === null || bn === null) {
      if (a === bn) ++stats.identical; else failures.push(`${where}: native ${a}, wasm ${bn}`);
      return;
    }
    if (Object.is(a, bn)) { ++stats.identical; return; }
    const field = where.split(' ').pop();
    const d = Math.abs(a - bn);
    if (d > stats.maxDiff) { stats.maxDiff = d; stats.maxAt = where; }
    if (discrete.has(field) || d > TOLERANCE * Math.max(1, Math.abs(a)))
      failures.push(`${where}: native ${a}, wasm ${bn} (difference ${d})`);
  };
  if (native.frames.length !== wasm.length) failures.push(`${label}: ${native.frames.length} native frames, ${wasm.length} wasm`);
  const n = Math.min(native.frames.length, wasm.length);
  for (let f = 0; f < n && failures.length < 20; ++f) {
    const a = native.frames[f], b = wasm[f];
    if ((a.ok === 1) !== b.ok) { failures.push(`${label} frame ${f}: ok native ${a.ok}, wasm ${b.ok} (${a.error})`); continue; }
    if (!b.ok) continue;  // both refused the frame (bad input): the outputs are the previous frame's
    for (let i = 0; i < a.out.length; ++i) check(a.out[i], b.out[i], `${label} frame ${f} [${i}] ${fieldOf(i)}`);
    if (JSON.stringify(a.cues) !== JSON.stringify(b.cues))
      failures.push(`${label} frame ${f}: cues native ${JSON.stringify(a.cues)}, wasm ${JSON.stringify(b.cues)}`);
  }
  if (wasm.finish && native.finish)
    for (let i = 0; i < native.finish.out.length; ++i) check(native.finish.out[i], wasm.finish[i], `${label} finish [${i}] ${fieldOf(i)}`);
  return {stats, failures};
}

module.exports = {TOLERANCE, runNative, compareRuns};
