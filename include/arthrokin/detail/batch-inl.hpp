/// @file batch-inl.hpp
/// @brief Definitions of batch.hpp (the ±∞ scan, the thread split, the batch
///        checker around the kernels of detail/batch_kernels.hpp, the batch
///        angle functions): compiled once into the library (src/core/batch.cpp,
///        where the kernel's inner loop is inlined into `BatchChecker::run`), or
///        included by the header in header-only mode (config.hpp).
#pragma once

#include <arthrokin/batch.hpp>
#include <arthrokin/detail/batch_kernels.hpp>
#include <arthrokin/detail/rotation_angles_kernel.hpp>
#include <arthrokin/error.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <latch>
#include <limits>
#include <optional>
#include <string>
#include <thread>

namespace arthrokin {

ARTHROKIN_FUNC std::optional<BatchInfinity> find_infinity(std::span<const double> rows,
                                                          std::span<const double> thoracolumbar) noexcept {
  const std::size_t r = detail::batch_first_infinite(rows.data(), rows.size());
  const std::size_t r_row = r < rows.size() ? r / dof_count : rows.size() / dof_count + 1;
  // totals: only the rows up to the first bad pose row
  const std::size_t t_len = std::min(thoracolumbar.size(), r_row * 3);
  const std::size_t t = detail::batch_first_infinite(thoracolumbar.data(), t_len);
  if (t < t_len) return BatchInfinity{t / 3, t % 3, true};
  if (r < rows.size()) return BatchInfinity{r_row, r % dof_count, false};
  return std::nullopt;
}

ARTHROKIN_FUNC std::string describe(const BatchInfinity& w, bool single_pose) {
  std::string s = single_pose ? std::string() : "pose " + std::to_string(w.pose) + ", ";
  if (w.thoracolumbar) {
    constexpr Axis axes[3] = {Axis::flexion_extension, Axis::lateral_flexion, Axis::axial_rotation};
    s.append("thoracolumbar ").append(to_string(axes[w.column % 3])).append(" is infinite (NaN means not set)");
  } else {
    s.append(to_string(static_cast<DofId>(w.column))).append(" is infinite (NaN means unknown)");
  }
  return s;
}

ARTHROKIN_FUNC BatchChecker::BatchChecker(const Limits& limits) noexcept : BatchChecker(limits, Uncertainty{}) {}

ARTHROKIN_FUNC BatchChecker::BatchChecker(const Limits& limits, const Uncertainty& uncertainty) noexcept {
  const double tol = limits.tolerance_radians();
  constexpr double inf = std::numeric_limits<double>::infinity();
  t_.lo_t.fill(-inf);  // padding lanes (dof_count..padded) are always within and known
  t_.hi_t.fill(inf);
  t_.lo_u.fill(-inf);
  t_.hi_u.fill(inf);
  t_.lo.fill(-inf);
  t_.hi.fill(inf);
  t_.coverage = uncertainty.coverage();
  for (std::size_t i = 0; i < n; ++i) {
    const auto d = static_cast<DofId>(i);
    const auto& l = limits[d];
    const bool has_lo = l.lower.has_value(), has_hi = l.upper.has_value();
    active_[i] = limits.active(d);
    limited_[i] = active_[i] && (has_lo || has_hi);
    // the same arithmetic as detail::classify: v > hi + tol, v < lo - tol
    t_.lo_t[i] = active_[i] && has_lo ? l.lower.radians - tol : -inf;
    t_.hi_t[i] = active_[i] && has_hi ? l.upper.radians + tol : inf;
    // and of detail::classify's clear excursion: v > hi + U, v < lo - U
    t_.u[i] = uncertainty.expanded_radians(d);
    t_.lo[i] = active_[i] && has_lo ? l.lower.radians : -inf;
    t_.hi[i] = active_[i] && has_hi ? l.upper.radians : inf;
    t_.lo_u[i] = t_.lo[i] - t_.u[i];
    t_.hi_u[i] = t_.hi[i] + t_.u[i];
    t_.limited_mask[i] = limited_[i] ? std::bit_cast<double>(~std::uint64_t{0}) : 0.0;
    t_.active_mask[i] = active_[i] ? std::bit_cast<double>(~std::uint64_t{0}) : 0.0;
    t_.any_limited = t_.any_limited || limited_[i];
  }
  // the shoulder regions (region.hpp): their DoFs leave the SIMD passes and are decided per pose
  region_slot_.fill(-1);
  for (Side side : {Side::left, Side::right}) {
    const ShoulderRegion& g = limits.shoulder_region(side);
    if (!g.defined() || !limits.active(g.flexion) || !limits.active(g.adduction) || !limits.active(g.horizontal))
      continue;
    auto& rg = t_.region[t_.n_region];
    rg.g = g;
    rg.tol = tol;
    const DofId ds[3] = {g.flexion, g.adduction, g.horizontal};
    for (std::size_t k = 0; k < 3; ++k) {
      const std::size_t i = index(ds[k]);
      rg.idx[k] = static_cast<std::uint8_t>(i);
      rg.lo_t[k] = t_.lo_t[i];
      rg.hi_t[k] = t_.hi_t[i];
      rg.lo[k] = t_.lo[i];
      rg.hi[k] = t_.hi[i];
      rg.u[k] = t_.u[i];
      rg.limited[k] = limited_[i];
      region_slot_[i] = static_cast<std::int8_t>(t_.n_region * 3 + k);
      // out of the SIMD passes (never beyond there; still active, so that unknown makes a pose partial)
      t_.lo_t[i] = t_.lo[i] = t_.lo_u[i] = -inf;
      t_.hi_t[i] = t_.hi[i] = t_.hi_u[i] = inf;
      t_.limited_mask[i] = 0.0;
    }
    ++t_.n_region;
  }
  // the two-joint limits (two_joint.hpp): their checked DoFs leave the SIMD passes and are decided per pose
  if (limits.uses_two_joint_limits()) {
    for (Side side : {Side::left, Side::right}) {
      for (std::size_t k = 0; k < two_joint_count; ++k) {
        const TwoJointLimit tj = two_joint_limit(limits, side, k);
        if (!tj.defined() || !limits.active(tj.checked) || !limits.active(tj.controlling)) continue;
        const std::size_t i = index(tj.checked);
        auto& b = t_.two_joint[t_.n_two_joint];
        b.t = tj;
        b.checked = static_cast<std::uint8_t>(i);
        b.controlling = static_cast<std::uint8_t>(index(tj.controlling));
        b.lo_t = t_.lo_t[i], b.hi_t = t_.hi_t[i], b.lo = t_.lo[i], b.hi = t_.hi[i];
        b.u_checked = t_.u[i];
        b.u_controlling = t_.u[index(tj.controlling)];
        b.tol = tol;
        region_slot_[i] = static_cast<std::int8_t>(6 + t_.n_two_joint);
        t_.lo_t[i] = t_.lo[i] = t_.lo_u[i] = -inf;
        t_.hi_t[i] = t_.hi[i] = t_.hi_u[i] = inf;
        t_.limited_mask[i] = 0.0;
        ++t_.n_two_joint;
      }
    }
  }
  t_.any_limited = false;
  for (std::size_t i = 0; i < n; ++i) t_.any_limited = t_.any_limited || (limited_[i] && region_slot_[i] < 0);
  n_comp_ = limits.composite_count();
  for (std::size_t k = 0; k < n_comp_; ++k) {
    const auto& c = limits.composite(k);
    auto& cc = t_.comp[k];
    const bool has_lo = c.lower.has_value(), has_hi = c.upper.has_value();
    cc.limited = has_lo || has_hi;
    cc.lo_t = has_lo ? c.lower.radians - tol : -inf;
    cc.hi_t = has_hi ? c.upper.radians + tol : inf;
    if (!limits.composite_active(k) || c.kind == CompositeKind::full_arc) {
      cc.fixed = Status::not_checked;
      continue;
    }
    // thoracic + lumbar pair: the pose's thoracolumbar total (split sum, else the set total)
    if (c.term_count == 2 && c.terms[0].joint == Joint::thoracic && c.terms[1].joint == Joint::lumbar &&
        c.terms[0].axis == c.terms[1].axis && c.terms[0].coefficient == 1.0 && c.terms[1].coefficient == 1.0) {
      const auto t = find_dof(Joint::thoracic, c.terms[0].axis, Side::none);
      const auto l = find_dof(Joint::lumbar, c.terms[0].axis, Side::none);
      const int slot = c.terms[0].axis == Axis::flexion_extension ? 0
                       : c.terms[0].axis == Axis::lateral_flexion ? 1
                       : c.terms[0].axis == Axis::axial_rotation  ? 2
                                                                  : -1;
      if (!t || !l || slot < 0) {
        cc.fixed = Status::unknown;
        continue;
      }
      cc.tl_slot = slot;
      cc.terms = 2;
      cc.idx[0] = static_cast<std::uint8_t>(index(*t));
      cc.idx[1] = static_cast<std::uint8_t>(index(*l));
      continue;
    }
    for (std::size_t t = 0; t < c.term_count; ++t) {
      const auto d = find_dof(c.terms[t].joint, c.terms[t].axis, is_spinal(c.terms[t].joint) ? Side::none : c.side);
      if (!d) {
        cc.fixed = Status::unknown;
        break;
      }
      cc.idx[t] = static_cast<std::uint8_t>(index(*d));
      cc.coef[t] = c.terms[t].coefficient;
    }
    cc.terms = c.term_count;
  }
  for (std::size_t k = 0; k < n_comp_; ++k)
    if (t_.comp[k].fixed == Status::within) t_.eval[t_.n_eval++] = static_cast<std::uint8_t>(k);
  // per-pose statuses (BatchStatuses): the same decisions as check()
  for (std::size_t i = 0; i < n; ++i) {
    const Status known = !active_[i] ? Status::not_checked : limited_[i] ? Status::within : Status::no_limit;
    st_.known[i] = static_cast<std::int64_t>(known);
    st_.unknown[i] = static_cast<std::int64_t>(active_[i] ? Status::unknown : Status::not_checked);
    st_.clean[i] = static_cast<std::uint8_t>(known);
  }
  st_.composites = n_comp_;
  for (std::size_t k = 0; k < n_comp_; ++k) {
    st_.composite[k] = static_cast<std::uint8_t>(t_.comp[k].fixed);
    if (t_.comp[k].fixed != Status::within) st_.fixed[st_.n_fixed++] = static_cast<std::uint8_t>(k);
  }
}

ARTHROKIN_FUNC void BatchChecker::run(std::span<const double> rows, std::span<std::uint8_t> verdicts,
                                      const BatchStatuses& statuses, BatchCounts& counts,
                                      std::span<const double> thoracolumbar, const BatchOptions& options) const {
  const std::size_t count = validate(rows, verdicts, thoracolumbar, statuses, options.row_uncertainty);
  const bool with_tl = !thoracolumbar.empty();
  const bool with_u = !options.row_uncertainty.empty();
  // rows [b, e): the kernel, with the statuses of those rows
  const auto check_rows = [&](std::size_t b, std::size_t e, BatchCounts& c) noexcept {
    const detail::BatchStatusOut so{&st_, statuses.dof.empty() ? nullptr : statuses.dof.data() + b * n,
                                    statuses.composite.empty() ? nullptr : statuses.composite.data() + b * n_comp_};
    run_block(rows.data() + b * n, with_tl ? thoracolumbar.data() + b * 3 : nullptr,
              with_u ? options.row_uncertainty.data() + b * n : nullptr, verdicts.data() + b, e - b, c, options.isa,
              so);
  };
  // rows [b, e): the first ±∞, as a pose index of the whole batch
  const auto scan = [&](std::size_t b, std::size_t e) noexcept {
    auto bad = find_infinity(rows.subspan(b * n, (e - b) * n),
                             with_tl ? thoracolumbar.subspan(b * 3, (e - b) * 3) : std::span<const double>{});
    if (bad) bad->pose += b;
    return bad;
  };
  unsigned t = options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads;
  const std::size_t min_rows = std::max<std::size_t>(1, options.min_rows_per_thread);
  t = static_cast<unsigned>(std::min<std::size_t>(t, std::max<std::size_t>(1, count / min_rows)));
  if (t <= 1) {
    if (const auto bad = scan(0, count)) throw infinite_value("BatchChecker::run", *bad);
    check_rows(0, count, counts);
    return;
  }
  constexpr unsigned max_threads = 16;
  t = std::min(t, max_threads);
  std::array<BatchCounts, max_threads> part{};
  std::array<std::optional<BatchInfinity>, max_threads> bad{};
  std::array<std::thread, max_threads> workers;
  std::latch scanned(static_cast<std::ptrdiff_t>(t));
  const std::size_t per = (count + t - 1) / t;
  const auto work = [&](unsigned w) noexcept {
    const std::size_t b = std::min(count, w * per), e = std::min(count, b + per);
    bad[w] = scan(b, e);
    scanned.arrive_and_wait();  // no thread writes before every row is scanned
    for (unsigned i = 0; i < t; ++i)
      if (bad[i]) return;
    check_rows(b, e, part[w]);
  };
  for (unsigned w = 1; w < t; ++w) workers[w] = std::thread(work, w);
  work(0);
  for (unsigned w = 1; w < t; ++w) workers[w].join();
  for (unsigned w = 0; w < t; ++w)  // blocks are in row order: the first is the batch's first
    if (bad[w]) throw infinite_value("BatchChecker::run", *bad[w]);
  for (unsigned w = 0; w < t; ++w) counts += part[w];
}

namespace detail {
ARTHROKIN_FUNC int batch_verdict_or_infinite(const BatchTables& t, const double* pose, const double* tl,
                                             const double* u, BatchIsa isa) noexcept {
  return batch_verdict_if_finite(t, pose, tl, u, isa);  // a tail call of the kernel
}
ARTHROKIN_FUNC void throw_infinite_pose(const double* pose, const double* tl) {
  // the scan of the batch names the first ±∞, as run() does
  const auto bad = find_infinity({pose, dof_count}, tl ? std::span<const double>(tl, 3) : std::span<const double>{});
  throw infinite_value("BatchChecker::verdict", bad.value_or(BatchInfinity{}), true);
}
}  // namespace detail

ARTHROKIN_FUNC std::string_view BatchChecker::kernel_name(BatchIsa isa) noexcept {
  return detail::batch_use_avx2(isa) ? "avx2" : ARTHROKIN_BATCH_BASELINE_NAME;
}

inline std::size_t BatchChecker::validate(std::span<const double> rows, std::span<std::uint8_t> verdicts,
                                          std::span<const double> thoracolumbar, const BatchStatuses& statuses,
                                          std::span<const double> row_uncertainty) const {
  if (rows.size() % n != 0)
    detail::raise("BatchChecker::run: rows must hold a multiple of " + std::to_string(n) + " doubles, got " +
                  std::to_string(rows.size()));
  const std::size_t count = rows.size() / n;
  if (verdicts.size() != count)
    detail::raise("BatchChecker::run: expected " + std::to_string(count) + " verdicts, got " +
                  std::to_string(verdicts.size()));
  if (!thoracolumbar.empty() && thoracolumbar.size() != 3 * count)
    detail::raise("BatchChecker::run: expected " + std::to_string(3 * count) + " thoracolumbar totals, got " +
                  std::to_string(thoracolumbar.size()));
  if (!statuses.dof.empty() && statuses.dof.size() != n * count)
    detail::raise("BatchChecker::run: expected " + std::to_string(n * count) + " DoF statuses, got " +
                  std::to_string(statuses.dof.size()));
  if (!statuses.composite.empty() && statuses.composite.size() != n_comp_ * count)
    detail::raise("BatchChecker::run: expected " + std::to_string(n_comp_ * count) + " composite statuses, got " +
                  std::to_string(statuses.composite.size()));
  if (!row_uncertainty.empty()) {
    if (row_uncertainty.size() != n * count)
      detail::raise("BatchChecker::run: expected " + std::to_string(n * count) + " row uncertainties, got " +
                    std::to_string(row_uncertainty.size()));
    // SIMD scan of the whole array (as the ±∞ scan of the poses), before anything is written
    const std::size_t i = detail::batch_first_bad_uncertainty(row_uncertainty.data(), row_uncertainty.size());
    if (i < row_uncertainty.size())
      detail::raise("BatchChecker::run: pose " + std::to_string(i / n) + ", " +
                    std::string(to_string(static_cast<DofId>(i % n))) +
                    ": an uncertainty must be finite and >= 0 (NaN means the per-DoF value)");
  }
  return count;
}

inline void BatchChecker::run_block(const double* rows, const double* tl, const double* u, std::uint8_t* verdicts,
                                    std::size_t count, BatchCounts& counts, BatchIsa isa,
                                    const detail::BatchStatusOut& so) const noexcept {
  detail::BatchBlockResult r;
  if (so.dof || so.composite)
    detail::batch_run_block_statuses(t_, rows, tl, u, verdicts, count, r, isa, so);
  else
    detail::batch_run_block(t_, rows, tl, u, verdicts, count, r, isa);
  for (std::size_t j = 0; j < n; ++j) {
    auto& d = counts.dof[j];
    const std::uint64_t above = r.above[j], below = r.below[j], unknown = r.unknown[j];
    const std::uint64_t p_above = r.possibly_above[j], p_below = r.possibly_below[j];
    if (region_slot_[j] >= 0) {  // decided per pose: the statuses row() counted
      for (std::size_t s = 0; s < BatchCounts::status_count; ++s)
        d[s] += r.region[static_cast<std::size_t>(region_slot_[j])][s];
    } else if (!active_[j]) {
      d[static_cast<std::size_t>(Status::not_checked)] += count;
    } else if (!limited_[j]) {
      d[static_cast<std::size_t>(Status::unknown)] += unknown;
      d[static_cast<std::size_t>(Status::no_limit)] += count - unknown;
    } else {
      d[static_cast<std::size_t>(Status::unknown)] += unknown;
      d[static_cast<std::size_t>(Status::above)] += above;
      d[static_cast<std::size_t>(Status::below)] += below;
      d[static_cast<std::size_t>(Status::possibly_above)] += p_above;
      d[static_cast<std::size_t>(Status::possibly_below)] += p_below;
      d[static_cast<std::size_t>(Status::within)] += count - unknown - above - below - p_above - p_below;
    }
  }
  for (std::size_t k = 0; k < n_comp_; ++k) {
    auto& d = counts.composite[k];
    const auto& cc = t_.comp[k];
    if (cc.fixed != Status::within) {
      d[static_cast<std::size_t>(cc.fixed)] += count;
      continue;
    }
    d[static_cast<std::size_t>(Status::unknown)] += r.c_unknown[k];
    d[static_cast<std::size_t>(Status::above)] += r.c_above[k];
    d[static_cast<std::size_t>(Status::below)] += r.c_below[k];
    d[static_cast<std::size_t>(cc.limited ? Status::within : Status::no_limit)] +=
        count - r.c_unknown[k] - r.c_above[k] - r.c_below[k];
  }
  for (std::size_t v = 0; v < verdict_count; ++v) counts.verdict[v] += r.verdicts[v];
  counts.poses += count;
}

ARTHROKIN_FUNC void check_batch(const Limits& limits, const Eigen::Ref<const PoseBatch>& poses,
                                std::span<std::uint8_t> verdicts, BatchCounts& counts, const BatchOptions& options) {
  check_batch(limits, std::span<const double>(poses.data(), static_cast<std::size_t>(poses.size())), verdicts, counts,
              {}, options);
}

ARTHROKIN_FUNC void keypoint_angles_batch(Layout layout, std::span<const double> xyz,
                                          std::span<const double> visibility, std::span<double> out,
                                          std::span<double> thoracolumbar, const KeypointOptions& options) {
  const std::size_t k = keypoint_count(layout);
  const std::size_t frames = xyz.size() / (3 * k);
  if (xyz.size() != frames * 3 * k)
    detail::raise("keypoint_angles_batch: xyz size " + std::to_string(xyz.size()) + " is not a multiple of " +
                  std::to_string(3 * k));
  if (!visibility.empty() && visibility.size() != frames * k)
    detail::raise("keypoint_angles_batch: expected " + std::to_string(frames * k) + " visibilities");
  if (out.size() != frames * dof_count)
    detail::raise("keypoint_angles_batch: expected " + std::to_string(frames * dof_count) + " outputs");
  if (!thoracolumbar.empty() && thoracolumbar.size() != frames * 3)
    detail::raise("keypoint_angles_batch: expected " + std::to_string(frames * 3) + " thoracolumbar totals");
  for (std::size_t f = 0; f < frames; ++f) {
    const KeypointView view{layout, xyz.subspan(f * 3 * k, 3 * k),
                            visibility.empty() ? std::span<const double>{} : visibility.subspan(f * k, k)};
    const JointAngles a = keypoint_angles(view, options);
    Eigen::Map<PoseVector>(out.data() + f * dof_count) = a.pose.as_radians();
    if (!thoracolumbar.empty())
      Eigen::Map<Eigen::Vector3d>(thoracolumbar.data() + f * 3) = a.pose.thoracolumbar_radians();
  }
}

ARTHROKIN_FUNC void joint_angles_batch(std::span<const double> quaternions, std::span<double> out,
                                       std::span<double> thoracolumbar, const JointAngleOptions& options) {
  constexpr std::size_t per = segment_count * 4;
  const std::size_t frames = quaternions.size() / per;
  if (quaternions.size() != frames * per)
    detail::raise("joint_angles_batch: quaternions size " + std::to_string(quaternions.size()) +
                  " is not a multiple of " + std::to_string(per));
  if (out.size() != frames * dof_count)
    detail::raise("joint_angles_batch: expected " + std::to_string(frames * dof_count) + " outputs");
  if (!thoracolumbar.empty() && thoracolumbar.size() != frames * 3)
    detail::raise("joint_angles_batch: expected " + std::to_string(frames * 3) + " thoracolumbar totals");
  const detail::JointPlan& plan = detail::joint_plan(options.hip);
  SegmentOrientations seg;
  // a frame that a block path handed back: the solver (a segment that is not a rotation)
  const auto solve = [&](std::size_t f) {
    const double* q = quaternions.data() + f * per;
    for (std::size_t s = 0; s < segment_count; ++s) {
      seg.q_global_segment[s].coeffs() = Eigen::Map<const Eigen::Vector4d>(q + 4 * s);
      seg.known.set(s, !seg.q_global_segment[s].coeffs().hasNaN());
    }
    const JointAngles a = joint_angles(seg, options);
    double* row = out.data() + f * dof_count;
    Eigen::Map<PoseVector>{row} = a.pose.as_radians();
    if (!thoracolumbar.empty())
      Eigen::Map<Eigen::Vector3d>(thoracolumbar.data() + f * 3) = a.pose.thoracolumbar_radians();
  };
  // blocks of four frames: the straight-line kernels where every segment is a rotation (the
  // thoracolumbar totals are then unknown: no thorax–pelvis chain was walked), else the solver
  for (std::size_t f0 = 0; f0 < frames; f0 += detail::rotation_block) {
    const std::size_t n = std::min(detail::rotation_block, frames - f0);
    const double* q = quaternions.data() + f0 * per;
    double* rows = out.data() + f0 * dof_count;
    unsigned done = options.fast_trig ? detail::fast_block_angles(q, n, plan, options, rows)
                                      : detail::clean_block_angles(q, n, plan, options, rows);
    // the frames the fast kernel handed back: libm (recomputing the block, a rare case)
    if (const unsigned rest = ((1u << n) - 1u) & ~done; options.fast_trig && rest != 0) {
      double tmp[detail::rotation_block * dof_count];
      const unsigned clean = detail::clean_block_angles(q, n, plan, options, tmp);
      for (std::size_t k = 0; k < n; ++k)
        if ((rest >> k & 1u) && (clean >> k & 1u)) {
          std::copy_n(tmp + k * dof_count, dof_count, rows + k * dof_count);
          done |= 1u << k;
        }
    }
    for (std::size_t k = 0; k < n; ++k) {
      if (!(done >> k & 1u))
        solve(f0 + k);
      else if (!thoracolumbar.empty())
        std::fill_n(thoracolumbar.data() + (f0 + k) * 3, 3, detail::quiet_nan);
    }
  }
}

}  // namespace arthrokin
