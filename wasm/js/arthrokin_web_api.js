// arthrokin's JavaScript API over the WebAssembly module (docs/web.md): typed arrays in, plain
// objects out. Works as a browser <script> (global `ArthrokinWeb`) and as a CommonJS module (node).
//
//   const api = await ArthrokinWeb.load(createArthrokinModule);   // the emscripten factory
//   const s = new api.Session({fit: true});                       // online skeleton fitter on
//   const r = s.frame(tSeconds, xyz, visibility);                 // 99 + 33 numbers (BlazePose world)
//   r.verdict, r.dofs.left_knee_flexion_extension.value_deg, r.monitor.repetitions, r.monitor.cues
//   s.step(t, xyz, visibility); s.raw()                           // the same without the objects
//   new api.Session({layout: 'coco17', fit: false, source: 'AAOS94', tolerance_deg: 2,
//                    overrides: [{dof: 'left_hip_flexion_extension', lower_deg: -10, upper_deg: 90}],
//                    uncertainty_deg: 3, monitor: false})            // the options: docs/web.md
//   api.check(anglesRad, options)                                  // 39 joint angles (e.g. IMUs) → the same object
//
// Unknown values are null, never 0. The field names come from the module (akw_name), not from here.
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.ArthrokinWeb = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';
  const T = {dof: 0, dofStatus: 1, status: 2, verdict: 3, phase: 4, fitState: 5, swap: 6, cueKind: 7,
             headerFields: 8, dofFields: 9, bandFields: 10, cueFields: 11, bandId: 12, bandLabel: 13,
             layout: 14, context: 15, inputKind: 16, source: 17};
  const MAX_POINTS = 33;  // the input buffers' room (the largest layout)
  // Session options and their kind: text options go through akw_options_set, numbers through
  // akw_options_set_number (booleans as 0/1), overrides through akw_options_override.
  const TEXT_OPTIONS = ['layout', 'source', 'context', 'profile', 'input_kind'];
  const NUMBER_OPTIONS = ['fit', 'mirrored', 'monitor', 'tolerance_deg', 'uncertainty_deg', 'coverage'];

  async function load(createModule, moduleOptions) {
    const M = await createModule(moduleOptions || {});
    const str = (p) => (p ? M.UTF8ToString(p) : null);
    const table = (t) => {
      const n = M._akw_count(t), a = [];
      for (let i = 0; i < n; ++i) a.push(str(M._akw_name(t, i)));
      return a;
    };
    const names = {};
    for (const k of Object.keys(T)) names[k] = table(T[k]);
    const layout = {dofs: M._akw_offset_dofs(), bands: M._akw_offset_bands(), cues: M._akw_offset_cues(),
                    maxCues: M._akw_max_cues()};
    const num = (x) => (Number.isNaN(x) ? null : x);
    const named = (tableName, x) => (Number.isNaN(x) ? null : names[tableName][x]);
    const enumFields = {fit_state: 'fitState', swap: 'swap', verdict: 'verdict', phase: 'phase',
                        angle_status: 'dofStatus', check_status: 'status', kind: 'cueKind', side: 'phase'};

    function fields(out, offset, fieldNames) {
      const o = {};
      for (let i = 0; i < fieldNames.length; ++i) {
        const f = fieldNames[i], x = out[offset + i];
        o[f] = enumFields[f] ? named(enumFields[f], x) : num(x);
      }
      return o;
    }

    // A JavaScript string as a NUL-terminated UTF-8 copy on the module's heap (the caller frees it).
    function cString(s) {
      const n = M.lengthBytesUTF8(s) + 1, p = M._malloc(n);
      M.stringToUTF8(s, p, n);
      return p;
    }
    function withStrings(strings, f) {
      const ps = strings.map((s) => (s === null || s === undefined ? 0 : cString(String(s))));
      try { return f(...ps); } finally { ps.forEach((p) => p && M._free(p)); }
    }
    const fail = (what) => { throw new Error('arthrokin: ' + what); };

    // The options object → an akw_options; unknown keys and values of the wrong type are refused
    // here, the values themselves by the module (akw_create_with).
    function createSession(options) {
      const o = options || {};
      const opts = M._akw_options_new();
      try {
        for (const k of Object.keys(o)) {
          const v = o[k];
          if (v === undefined) continue;
          let rc;
          if (TEXT_OPTIONS.includes(k)) {
            if (typeof v !== 'string') fail(`option ${k} must be a string, got ${typeof v}`);
            rc = withStrings([k, v], (pk, pv) => M._akw_options_set(opts, pk, pv));
          } else if (NUMBER_OPTIONS.includes(k)) {
            const x = typeof v === 'boolean' ? (v ? 1 : 0) : v;
            if (typeof x !== 'number') fail(`option ${k} must be a number${k === 'fit' || k === 'mirrored' || k === 'monitor' ? ' or a boolean' : ''}, got ${typeof v}`);
            rc = withStrings([k], (pk) => M._akw_options_set_number(opts, pk, x));
          } else if (k === 'overrides') {
            if (!Array.isArray(v)) fail('option overrides must be an array of {dof, lower_deg, upper_deg[, reason]}');
            v.forEach((ov, i) => {
              if (!ov || typeof ov.dof !== 'string' || typeof ov.lower_deg !== 'number' || typeof ov.upper_deg !== 'number')
                fail(`overrides[${i}] must be {dof: string, lower_deg: number, upper_deg: number[, reason: string]}`);
              withStrings([ov.dof, ov.reason === undefined ? null : ov.reason],
                          (pd, pr) => M._akw_options_override(opts, pd, ov.lower_deg, ov.upper_deg, pr));
            });
            rc = 0;
          } else {
            fail(`unknown option '${k}' (${TEXT_OPTIONS.concat(NUMBER_OPTIONS, ['overrides']).join(', ')})`);
          }
          if (rc !== 0) fail(str(M._akw_last_error()));
        }
        const ptr = M._akw_create_with(opts);
        if (!ptr) fail(str(M._akw_last_error()));
        return ptr;
      } finally {
        M._akw_options_free(opts);
      }
    }

    class Session {
      // options (docs/web.md, "Options"): fit (default true: the online SkeletonFitter), mirrored
      // (selfie input), layout ('blazepose33' default, 'coco17', 'h36m17', 'smpl24'), monitor
      // (default true: the exercise monitor), source, context, profile (a JSON string),
      // tolerance_deg, overrides [{dof, lower_deg, upper_deg, reason}], uncertainty_deg or
      // input_kind (fitter off), coverage. Throws an Error naming a bad option.
      constructor(options) {
        this.ptr = createSession(options);
        this.size = M._akw_output_size(this.ptr);
        this.layout = names.layout[M._akw_layout(this.ptr)];
        this.points = M._akw_point_count(this.ptr);
        this.fits = M._akw_fits(this.ptr) === 1;
        this.monitors = M._akw_monitors(this.ptr) === 1;
      }
      // The raw output of the last frame (a copy): Float64Array, NaN = unknown.
      raw() {
        const p = M._akw_output(this.ptr) >> 3;
        return M.HEAPF64.slice(p, p + this.size);
      }
      // One frame: t in seconds (increasing), xyz 3 × this.points numbers (x, y, z per keypoint in
      // the layout's order; NaN = missing), visibility this.points numbers in [0, 1] or null.
      // Returns the frame's object (or throws on bad input, sizes included; the session goes on).
      frame(t, xyz, visibility) {
        this.step(t, xyz, visibility);
        return this.result();
      }
      // `frame` without building the objects: for callers that read `raw()` or only some frames.
      step(t, xyz, visibility) {
        if (!xyz || typeof xyz.length !== 'number') fail('xyz must be an array or typed array of numbers');
        const nx = xyz.length, nv = visibility ? visibility.length : 0;
        // The module checks the sizes against the layout (akw_frame_sized); copy only what fits.
        if (nx <= 3 * MAX_POINTS) M.HEAPF64.set(xyz, M._akw_input_xyz(this.ptr) >> 3);
        if (visibility && nv <= MAX_POINTS) M.HEAPF64.set(visibility, M._akw_input_visibility(this.ptr) >> 3);
        if (M._akw_frame_sized(this.ptr, t, nx, nv) !== 0) fail(str(M._akw_error(this.ptr)));
      }
      // Joint angles given directly (e.g. from IMUs): 39 radians in DoF order (api.names.dof; NaN =
      // unknown), at time t (for the monitor, when on). Needs a session with fit: false.
      angles(t, anglesRad) {
        this.stepAngles(t, anglesRad);
        return this.result();
      }
      stepAngles(t, anglesRad) {
        if (!anglesRad || typeof anglesRad.length !== 'number') fail('angles must be an array or typed array of numbers');
        if (anglesRad.length <= names.dof.length) M.HEAPF64.set(anglesRad, M._akw_input_angles(this.ptr) >> 3);
        if (M._akw_angles(this.ptr, t, anglesRad.length) !== 0) fail(str(M._akw_error(this.ptr)));
      }
      // End of the session (closes open out-of-band intervals); returns the final object.
      finish() {
        M._akw_finish(this.ptr);
        return this.result();
      }
      summary() { return str(M._akw_summary(this.ptr)); }
      result() {
        const out = this.raw();
        const h = fields(out, 0, names.headerFields);
        const dofs = {};
        names.dof.forEach((id, i) => { dofs[id] = fields(out, layout.dofs + i * names.dofFields.length, names.dofFields); });
        const bands = names.bandId.map((id, b) => Object.assign(
            {id, label: names.bandLabel[b]}, fields(out, layout.bands + b * names.bandFields.length, names.bandFields)));
        const cues = [];
        for (let i = 0; i < h.cue_count; ++i) {
          const c = fields(out, layout.cues + i * names.cueFields.length, names.cueFields);
          c.band_id = names.bandId[c.band] || null;
          c.text = str(M._akw_cue_text(this.ptr, i));
          cues.push(c);
        }
        return {
          t_s: h.t_s, ok: h.ok === 1,
          fit: h.fit_state === null ? null :
              {state: h.fit_state, swap: h.swap, points_measured: h.points_measured, points_gated: h.points_gated},
          verdict: h.verdict,
          counts: {out_of_range: h.out_of_range_count, possibly_out_of_range: h.possibly_out_of_range_count,
                   unknown: h.unknown_count, observed: h.observed_count},
          thoracolumbar: {flexion_deg: h.thoracolumbar_flexion_deg, lateral_flexion_deg: h.thoracolumbar_lateral_flexion_deg,
                          axial_rotation_deg: h.thoracolumbar_axial_rotation_deg},
          dofs,
          monitor: !this.monitors ? null : {phase: h.phase, repetitions: h.repetitions, frames: h.frames, phase_signal_deg: h.phase_signal_deg,
                    gap_s: h.gap_s, time_s: {left: h.time_left_s, centre: h.time_centre_s, right: h.time_right_s,
                                             unknown: h.time_unknown_s},
                    bands, cues},
        };
      }
      destroy() {
        if (this.ptr) M._akw_destroy(this.ptr);
        this.ptr = 0;
      }
    }
    // The check of one set of joint angles (39 radians in DoF order, NaN = unknown), with the
    // session options that apply (limits, uncertainty; the monitor off unless asked): the same
    // object as a frame's.
    function check(anglesRad, options) {
      const o = Object.assign({monitor: false}, options || {}, {fit: false});
      const s = new Session(o);
      try { return s.angles(0, anglesRad); } finally { s.destroy(); }
    }
    return {Session, check, names, layout, module: M};
  }
  return {load};
});
