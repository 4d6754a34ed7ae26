// arthrokin's JavaScript API over the WebAssembly module (docs/web.md): typed arrays in, plain
// objects out. Works as a browser <script> (global `ArthrokinWeb`) and as a CommonJS module (node).
//
//   const api = await ArthrokinWeb.load(createArthrokinModule);   // the emscripten factory
//   const s = new api.Session({fit: true});                       // online skeleton fitter on
//   const r = s.frame(tSeconds, xyz, visibility);                 // 99 + 33 numbers (BlazePose world)
//   r.verdict, r.dofs.left_knee_flexion_extension.value_deg, r.monitor.repetitions, r.monitor.cues
//   s.step(t, xyz, visibility); s.raw()                           // the same without the objects
//
// Unknown values are null, never 0. The field names come from the module (akw_name), not from here.
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.ArthrokinWeb = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';
  const T = {dof: 0, dofStatus: 1, status: 2, verdict: 3, phase: 4, fitState: 5, swap: 6, cueKind: 7,
             headerFields: 8, dofFields: 9, bandFields: 10, cueFields: 11, bandId: 12, bandLabel: 13};
  const N_POINTS = 33;

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

    class Session {
      // options: fit (default true: the online SkeletonFitter), mirrored (selfie input, default false)
      constructor(options) {
        const o = Object.assign({fit: true, mirrored: false}, options || {});
        this.ptr = M._akw_create(o.fit ? 1 : 0, o.mirrored ? 1 : 0);
        if (!this.ptr) throw new Error('arthrokin: ' + str(M._akw_last_error()));
        this.size = M._akw_output_size(this.ptr);
      }
      // The raw output of the last frame (a copy): Float64Array, NaN = unknown.
      raw() {
        const p = M._akw_output(this.ptr) >> 3;
        return M.HEAPF64.slice(p, p + this.size);
      }
      // One frame: t in seconds (increasing), xyz 99 numbers (33 landmarks × x, y, z; NaN = missing),
      // visibility 33 numbers in [0, 1] or null. Returns the frame's object (or throws on bad input).
      frame(t, xyz, visibility) {
        this.step(t, xyz, visibility);
        return this.result();
      }
      // `frame` without building the objects: for callers that read `raw()` or only some frames.
      step(t, xyz, visibility) {
        if (!xyz || xyz.length !== 3 * N_POINTS) throw new Error('arthrokin: xyz must hold 99 numbers');
        if (visibility && visibility.length !== N_POINTS) throw new Error('arthrokin: visibility must hold 33 numbers');
        M.HEAPF64.set(xyz, M._akw_input_xyz(this.ptr) >> 3);
        if (visibility) M.HEAPF64.set(visibility, M._akw_input_visibility(this.ptr) >> 3);
        if (M._akw_frame(this.ptr, t, visibility ? 1 : 0) !== 0) throw new Error('arthrokin: ' + str(M._akw_error(this.ptr)));
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
          monitor: {phase: h.phase, repetitions: h.repetitions, frames: h.frames, phase_signal_deg: h.phase_signal_deg,
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
    return {Session, names, layout, module: M};
  }
  return {load};
});
