// arthrokin live page (docs/web.md). Camera or video file → BlazePose (@mediapipe/pose, served from
// node_modules) → poseWorldLandmarks → arthrokin's WebAssembly module (online skeleton fitter,
// check against the default limits or one source's, the Lumbar Spine Rocking Stretch monitor) → the panels.
// Query parameters: module=<dir of arthrokin_web.js/.wasm/_api.js> (default ../../build/wasm/),
// autostart=camera, frames=N (stop after N frames), cpu=1 (BlazePose useCpuInference), fit=0,
// limits=KEY (a source key: the limits of that source, the default set elsewhere).
// window.arthrokinLog holds what the page received and computed; window.arthrokinExport() returns it
// as plain JSON (the landmarks, times, and the module's raw output per frame; NaN as null).
'use strict';
(async function main() {
  const params = new URLSearchParams(location.search);
  const moduleBase = params.get('module') || '../../build/wasm/';
  const maxFrames = Number(params.get('frames') || 0);
  const $ = (id) => document.getElementById(id);
  if (params.get('cpu') === '1') $('cpu').checked = true;
  if (params.get('fit') === '0') $('fit').checked = false;

  const log = window.arthrokinLog = {ready: false, done: false, error: null, fit: null, cpu: null, source: null, limits_source: null,
                                     frames: [], pose_ms: [], arthrokin_us: [], no_pose: 0};
  window.arthrokinExport = () => JSON.parse(JSON.stringify(log, (k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));
  const fail = (e) => { log.error = String(e && e.stack || e); $('figures').textContent = 'error: ' + e; console.error(e); };

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src; s.onload = resolve; s.onerror = () => reject(new Error('cannot load ' + src + ' (build wasm/ first: docs/web.md)'));
      document.head.appendChild(s);
    });
  }

  let api;
  try {
    await loadScript(moduleBase + 'arthrokin_web.js');
    await loadScript(moduleBase + 'arthrokin_web_api.js');
    api = await ArthrokinWeb.load(createArthrokinModule, {locateFile: (f) => moduleBase + f});
  } catch (e) { fail(e); return; }
  const names = api.names;
  // The limits selector: the default set, or one source's limits (the API's `source` option).
  for (const key of names.source) {
    const o = document.createElement('option');
    o.value = o.textContent = key;
    $('limits').appendChild(o);
  }
  if (params.get('limits')) $('limits').value = params.get('limits');
  const sessionOptions = () => ({fit: log.fit, source: log.limits_source || undefined});
  const trunkBand = names.bandId.indexOf('thoracolumbar_rotation');

  // ---- static panels -------------------------------------------------------------------------
  const dofBody = $('dofs').querySelector('tbody');
  const dofRows = names.dof.map((id) => {
    const tr = document.createElement('tr');
    tr.innerHTML = `<td>${id.replace(/_/g, ' ')}</td><td class="num"></td><td class="num"></td><td></td><td></td>`;
    dofBody.appendChild(tr);
    return tr;
  });
  const bandTable = $('bands');
  bandTable.innerHTML = '<tr><th>band</th><th>now</th><th>band</th><th>out of band</th></tr>';
  const bandRows = names.bandLabel.map((label) => {
    const tr = document.createElement('tr');
    tr.innerHTML = `<td>${label}</td><td class="num"></td><td class="num"></td><td class="num"></td>`;
    bandTable.appendChild(tr);
    return tr;
  });
  const fmt = (x, d = 1) => (x === null || x === undefined ? '—' : x.toFixed(d));

  // ---- BlazePose -----------------------------------------------------------------------------
  const pose = new Pose({locateFile: (f) => 'node_modules/@mediapipe/pose/' + f});
  let session = null, running = false, startMs = 0, lastT = -Infinity, sendMs = 0, pendingT = 0;
  const video = $('video'), canvas = $('canvas'), ctx = canvas.getContext('2d');

  function newSession() {
    if (session) session.destroy();
    log.fit = $('fit').checked;
    log.limits_source = $('limits').value || null;
    session = new api.Session(sessionOptions());
    log.cpu = $('cpu').checked;
    lastT = -Infinity;
  }

  function draw(results) {
    const img = results.image;
    if (canvas.width !== img.width || canvas.height !== img.height) { canvas.width = img.width; canvas.height = img.height; }
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    if (!results.poseLandmarks) return;
    ctx.fillStyle = '#4fc3f7';
    const r = Math.max(3, canvas.width / 120);
    for (const p of results.poseLandmarks) {
      if ((p.visibility ?? 1) < 0.5) continue;
      ctx.beginPath(); ctx.arc(p.x * canvas.width, p.y * canvas.height, r, 0, 2 * Math.PI); ctx.fill();
    }
  }

  function render(r, poseMs, akUs) {
    const v = $('verdict');
    v.className = 'verdict ' + (r.verdict || 'unknown');
    v.querySelector('.verdict-name').textContent = (r.verdict || 'unknown').replace(/_/g, ' ');
    v.querySelector('.verdict-summary').textContent = session.summary() +
        (r.fit ? ` · fitter: ${r.fit.state}` + (r.fit.swap !== 'none' ? `, ${r.fit.swap} swap repaired` : '') : '');
    const m = r.monitor;
    $('phase').textContent = m.phase;
    $('reps').textContent = m.repetitions;
    const trunk = m.bands[trunkBand];
    $('outtime').textContent = fmt(trunk.out_left_s + trunk.out_right_s) + ' s';
    // The gauge: the phase signal (−thoracolumbar axial rotation: knees right +) on −90…+90°, the
    // band ±upper (the per-side band mirrored), the needle red when outside it.
    const upper = trunk.upper_deg, scale = (x) => 50 + 50 * Math.max(-1, Math.min(1, x / 90));
    $('gauge-band').style.left = scale(-upper) + '%';
    $('gauge-band').style.width = (scale(upper) - scale(-upper)) + '%';
    const needle = $('gauge-needle');
    if (m.phase_signal_deg === null) { needle.style.display = 'none'; $('gauge-value').textContent = ': unknown'; }
    else {
      needle.style.display = 'block';
      needle.style.left = scale(m.phase_signal_deg) + '%';
      needle.classList.toggle('out', Math.abs(m.phase_signal_deg) > upper);
      $('gauge-value').textContent = ': ' + fmt(m.phase_signal_deg) + '°';
    }
    m.bands.forEach((b, i) => {
      const c = bandRows[i].children;
      c[1].textContent = b.value_deg === null ? '—' : fmt(b.value_deg) + '°';
      c[2].textContent = (b.lower_deg === null ? '' : '≥ ' + b.lower_deg) + (b.lower_deg !== null && b.upper_deg !== null ? ', ' : '') +
                         (b.upper_deg === null ? '' : '≤ ' + b.upper_deg) + (b.per_side ? ' per side' : '');
      c[3].textContent = fmt(b.out_left_s + b.out_right_s + b.out_centre_s, 2) + ' s';
    });
    for (const cue of m.cues) {
      if (cue.kind === 'phase_change') continue;
      const li = document.createElement('li');
      li.textContent = `${cue.t_s.toFixed(2)} s  ${cue.text}`;
      $('cues').prepend(li);
      while ($('cues').children.length > 30) $('cues').lastChild.remove();
    }
    names.dof.forEach((id, i) => {
      const d = r.dofs[id], c = dofRows[i].children;
      dofRows[i].className = d.value_deg === null ? 'unobserved' : '';
      c[1].textContent = d.value_deg === null ? '—' : fmt(d.value_deg) + '°';
      c[2].textContent = d.sigma_deg === null ? '' : fmt(d.sigma_deg);
      c[3].textContent = d.check_status; c[3].className = 'st-' + d.check_status;
      c[4].textContent = d.angle_status.replace(/_/g, ' ');
    });
    const n = log.frames.length, mean = (a) => a.reduce((x, y) => x + y, 0) / Math.max(1, a.length);
    $('figures').textContent = `frames ${n} (no person in ${log.no_pose})\n` +
        `BlazePose ${fmt(mean(log.pose_ms))} ms/frame${log.cpu ? ' (CPU)' : ''}\n` +
        `arthrokin ${fmt(mean(log.arthrokin_us))} µs/frame` + (akUs === null ? '' : ` (this frame ${fmt(akUs)} µs)`);
  }

  pose.onResults((results) => {
    try {
      const poseMs = performance.now() - sendMs;
      draw(results);
      const t = pendingT;
      if (!(t > lastT)) return;  // the fitter needs increasing times
      lastT = t;
      const xyz = new Float64Array(99).fill(NaN), vis = new Float64Array(33);  // no person: every point missing
      const w = results.poseWorldLandmarks;
      if (w && w.length === 33) {
        w.forEach((p, k) => { xyz[3 * k] = p.x; xyz[3 * k + 1] = p.y; xyz[3 * k + 2] = p.z; vis[k] = Math.min(1, Math.max(0, p.visibility ?? 1)); });
      } else {
        ++log.no_pose;
      }
      const a0 = performance.now();
      const r = session.frame(t, xyz, vis);
      const akUs = (performance.now() - a0) * 1000;
      log.pose_ms.push(poseMs);
      log.arthrokin_us.push(akUs);
      log.frames.push({t, xyz: Array.from(xyz), vis: Array.from(vis), out: Array.from(session.raw()),
                       cues: r.monitor.cues.map((c) => c.text), verdict: r.verdict,
                       observed: names.dof.filter((id) => r.dofs[id].value_deg !== null)});
      render(r, poseMs, akUs);
      if (maxFrames && log.frames.length >= maxFrames) stop();
    } catch (e) { fail(e); stop(); }
  });

  async function loop() {
    while (running) {
      if (video.readyState >= 2) {
        sendMs = performance.now();
        pendingT = (sendMs - startMs) / 1000;
        try { await pose.send({image: video}); } catch (e) { fail(e); stop(); }
      }
      // Wait for the next video frame (or a tick) before sending again.
      await new Promise((resolve) => (video.requestVideoFrameCallback ? video.requestVideoFrameCallback(() => resolve())
                                                                        : setTimeout(resolve, 15)));
    }
  }

  async function start(source) {
    try {
      pose.setOptions({modelComplexity: 1, smoothLandmarks: true, enableSegmentation: false,
                       minDetectionConfidence: 0.5, minTrackingConfidence: 0.5, useCpuInference: $('cpu').checked});
      newSession();
      log.source = source;
      await video.play();
      running = true; startMs = performance.now();
      $('stop').disabled = false; $('download').disabled = false; $('camera').disabled = true;
      loop();
    } catch (e) { fail(e); }
  }

  // The per-frame time of the module in this page, measured over many frames (one frame is below
  // the resolution of performance.now(), 100 µs without cross-origin isolation): the frames received
  // replayed through fresh sessions, with the objects built (`frame`) and without (`step`).
  function replayTiming() {
    const frames = log.frames;
    if (!frames.length) return;
    const xyz = frames.map((f) => Float64Array.from(f.xyz)), vis = frames.map((f) => Float64Array.from(f.vis));
    const time = (method) => {
      let n = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < 500) {
        const s = new api.Session(sessionOptions());
        for (let i = 0; i < frames.length; ++i) s[method](frames[i].t, xyz[i], vis[i]);
        s.destroy();
        n += frames.length;
      }
      return (performance.now() - t0) * 1000 / n;
    };
    log.replay = {frames: frames.length, frame_us: time('frame'), step_us: time('step')};
    $('figures').textContent += `\nreplay: ${fmt(log.replay.step_us)} µs/frame (WASM), ${fmt(log.replay.frame_us)} with the objects`;
  }

  function stop() {
    if (!running && log.done) return;
    running = false;
    if (session) { const r = session.finish(); log.final = Array.from(session.raw()); render(r, 0, null); replayTiming(); }
    if (video.srcObject) video.srcObject.getTracks().forEach((t) => t.stop());
    video.pause();
    $('stop').disabled = true; $('camera').disabled = false;
    log.done = true;
  }

  $('camera').onclick = async () => {
    try {
      video.srcObject = await navigator.mediaDevices.getUserMedia({video: true, audio: false});
      await start('camera');
    } catch (e) { fail(e); }
  };
  $('file').onchange = async () => {
    const f = $('file').files[0];
    if (!f) return;
    video.srcObject = null;
    video.src = URL.createObjectURL(f);
    await start('file:' + f.name);
  };
  $('stop').onclick = stop;
  $('download').onclick = () => {
    const blob = new Blob([JSON.stringify(window.arthrokinExport())], {type: 'application/json'});
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob); a.download = 'arthrokin_log.json'; a.click();
  };

  try { await pose.initialize(); } catch (e) { fail(e); return; }
  log.ready = true;
  $('figures').textContent = 'ready: start the camera or choose a video';
  if (params.get('autostart') === 'camera') $('camera').onclick();
})();
