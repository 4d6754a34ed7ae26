/// @file batch.hpp
/// @brief Batch range-of-motion checks over many poses at once, and batch
///        keypoints / segment rotations → joint angles, on contiguous raw
///        buffers (radians, NaN = unknown). No allocation per pose.
///
/// Layout of a batch of poses: N rows of `dof_count` (39) doubles, row-major,
/// one pose per row, indexed by `DofId`; NaN means not observed. This is the
/// memory of a C-ordered numpy array of shape (N, dof_count), of an
/// `Eigen::Matrix<double, Dynamic, dof_count, RowMajor>` (`PoseBatch`), or of N consecutive
/// `PoseVector`s. Optionally N × 3 thoracolumbar totals (flexion, lateral
/// flexion, axial rotation; NaN = not set), the totals `Pose::set_thoracolumbar`
/// holds when the split between thoracic and lumbar spine is not known (e.g.
/// from keypoints).
///
/// Results are exactly those of `check()` on the same poses (tests/batch_test.cpp
/// compares them on thousands of random poses with unknowns, tolerance,
/// overrides, restrictions and added composites):
///  - per pose: the `Verdict` as one byte;
///  - per pose, if asked (`BatchStatuses`): the `Status` of each DoF and composite;
///  - per DoF and per composite: how many poses had each `Status`;
///  - per verdict: how many poses had it.
///
/// With uncertainty (docs/uncertainty.md): `BatchChecker(limits, uncertainty)` folds a per-DoF
/// expanded uncertainty U into threshold tables (an excess within U is `possibly_below` /
/// `possibly_above`), and `BatchOptions::row_uncertainty` adds per-pose values (N × dof_count,
/// NaN: the per-DoF value), read in place. Partial poses get `Verdict::within_range_partial`.
///
/// **±∞ rule** (the same in the Python module and the C API, which call `run()`):
/// NaN means unknown (in totals: not set); ±∞ anywhere in the input is an error.
/// `run()` scans the whole input first (SIMD, at memory speed; each thread its
/// own rows) and, if it finds ±∞, throws `infinite_value` naming the first such
/// pose and its DoF or thoracolumbar axis ("pose 12, left_hip_flexion_extension
/// is infinite (NaN means unknown)", the same for any thread count) **before
/// writing anything**: verdicts, statuses and counts are untouched. `verdict()`
/// applies the same rule to its row. `find_infinity()` is the scan.
///
/// The kernel (`BatchChecker`) folds the tolerance into per-DoF bound arrays
/// once (`lower - tol`, `upper + tol`, ±∞ where there is no bound or the DoF is
/// not checked), so a pose costs one pass of branch-free SIMD compares over its
/// `dof_count` values (39: SSE2 20 two-lane blocks, AVX2 10 four-lane blocks, the
/// last one partial: `dof_count % lanes` values are loaded, nothing past the row); only poses
/// with an unknown or out-of-range value take a second pass that counts per DoF
/// (after such a pose the first pass is retried every 16th pose only, so data
/// with a DoF that is never observed costs one pass, not two). Composite limits
/// are evaluated per pose with the same arithmetic as `evaluate()` / `check()`, and so is the
/// shoulder region (region.hpp; its DoFs leave the SIMD passes and are decided per pose).
/// On GCC x86-64 builds below AVX2 an AVX2 copy of the
/// kernel is compiled too and chosen at run time when the CPU has AVX2
/// (`BatchIsa`). docs/performance.md has the figures. Definitions:
/// detail/batch-inl.hpp and detail/batch_kernels.hpp (config.hpp).
///
/// Usage:
/// @code
///   const BatchChecker k(Limits::defaults().with_tolerance(2_deg));  // once
///   std::vector<std::uint8_t> verdict(n);
///   BatchCounts counts;
///   k.run(std::span<const double>(rows, n * dof_count), verdict, counts);  // or check_batch(limits, ...)
///   counts.count(DofId::left_hip_flexion_extension, Status::above);
///   std::vector<std::uint8_t> status(n * dof_count), comp(n * k.composite_count());  // per-pose statuses too
///   k.run(rows_span, verdict, BatchStatuses{status, comp}, counts, {}, BatchOptions{.threads = 2});
/// @endcode
#pragma once

#include <arthrokin/check.hpp>
#include <arthrokin/config.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>
#include <arthrokin/kinematics/keypoints.hpp>

#include <Eigen/Core>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace arthrokin {

/// Counts of a batch check. Indexing: `dof[index(d)][static_cast<int>(Status::x)]`.
struct BatchCounts {
  static constexpr std::size_t status_count = arthrokin::status_count;  ///< every `Status`, possibly_* included
  std::array<std::array<std::uint64_t, status_count>, dof_count> dof{};
  std::array<std::array<std::uint64_t, status_count>, Limits::max_composites> composite{};
  std::array<std::uint64_t, verdict_count> verdict{};  ///< per `Verdict`
  std::uint64_t poses = 0;

  [[nodiscard]] std::uint64_t count(DofId d, Status s) const noexcept {
    return dof[index(d)][static_cast<std::size_t>(s)];
  }
  [[nodiscard]] std::uint64_t count(Verdict v) const noexcept { return verdict[static_cast<std::size_t>(v)]; }
  BatchCounts& operator+=(const BatchCounts& o) noexcept {
    for (std::size_t i = 0; i < dof_count; ++i)
      for (std::size_t s = 0; s < status_count; ++s) dof[i][s] += o.dof[i][s];
    for (std::size_t k = 0; k < Limits::max_composites; ++k)
      for (std::size_t s = 0; s < status_count; ++s) composite[k][s] += o.composite[k][s];
    for (std::size_t v = 0; v < verdict_count; ++v) verdict[v] += o.verdict[v];
    poses += o.poses;
    return *this;
  }
};

/// Instruction set of the batch kernel.
enum class BatchIsa : std::uint8_t {
  best,      ///< AVX2 when the CPU has it (checked once at run time), else the build's baseline
  baseline,  ///< what the build targets: SSE2 on x86-64 unless -mavx2 / -march says more; NEON on AArch64;
             ///< plain C++ elsewhere
};

/// Per-pose statuses a batch check writes besides the verdicts (`BatchChecker::run`).
struct BatchStatuses {
  std::span<std::uint8_t> dof;        ///< empty, or N × dof_count `Status` bytes (row-major, like the poses)
  std::span<std::uint8_t> composite;  ///< empty, or N × `composite_count()` `Status` bytes
};

/// Options of a batch check.
struct BatchOptions {
  /// Worker threads (std::thread over contiguous row blocks); 1 = the calling thread
  /// only (no allocation at all). 0 = std::thread::hardware_concurrency().
  unsigned threads = 1;
  /// Below this many poses per thread the work is not split.
  std::size_t min_rows_per_thread = 16384;
  /// Kernel instruction set (results are identical; tests run both).
  BatchIsa isa = BatchIsa::best;
  /// Per-pose standard uncertainties (e.g. from a fitter): empty, or N × dof_count radians, row-major
  /// like the poses; NaN = the checker's per-DoF value (`BatchChecker(limits, uncertainty)`). The expanded
  /// uncertainty is k·u with the checker's coverage factor k. A negative or infinite value throws
  /// `invalid_argument` before anything is written. Read in place (no copy, no allocation).
  std::span<const double> row_uncertainty{};
};

}  // namespace arthrokin

namespace arthrokin::detail {
/// A composite limit resolved for the batch kernel.
struct BatchComposite {
  Status fixed = Status::within;  ///< within: evaluate per pose; not_checked / unknown: always that status
  int tl_slot = -1;               ///< 0..2: thoracic + lumbar pair, with the totals fallback
  bool limited = false;           ///< has a lower or an upper bound
  std::size_t terms = 0;
  std::array<std::uint8_t, 6> idx{};
  std::array<double, 6> coef{};
  double lo_t = 0, hi_t = 0;  ///< bounds with the tolerance folded in (±∞: none)
};
/// The shoulder region of one side resolved for the batch kernel (region.hpp): its three DoFs are
/// left out of the SIMD passes (±∞ bounds, not limited) and decided per pose by `batch_region_row`.
struct BatchRegion {
  ShoulderRegion g;
  std::array<std::uint8_t, 3> idx{};     ///< flexion, adduction, horizontal DoF indices
  std::array<double, 3> lo_t{}, hi_t{};  ///< their single-axis bounds with the tolerance folded in (±∞: none)
  std::array<double, 3> lo{}, hi{};      ///< the single-axis bounds themselves (±∞: none)
  std::array<double, 3> u{};             ///< their expanded uncertainties U (the table's, radians)
  std::array<bool, 3> limited{};         ///< has a single-axis bound
  double tol = 0;                        ///< `Limits::tolerance_radians()`
};
/// The statuses of a region's three DoFs on one pose (`st`, `Status` bytes), as `check()` decides
/// them: the region when flexion and adduction are known (clear beyond the elevation's expanded
/// uncertainty, `detail::elevation_uncertainty`; possibly within it), else each DoF's own range.
/// `ur`: the pose's standard uncertainties (NaN: the table's U) or nullptr; `coverage`: their k.
/// Returns whether one is clearly out of range; sets `checked` when one is checked against a
/// limit, `possibly` when one is possibly beyond, `partial` when one is unknown.
inline bool batch_region_row(const BatchRegion& rg, const double* x, const double* ur, double coverage,
                             std::uint8_t* st, bool& checked, bool& possibly, bool& partial) noexcept {
  const double f = x[rg.idx[0]], a = x[rg.idx[1]], h = x[rg.idx[2]];
  const double v[3] = {f, a, h};
  double big_u[3];
  for (int k = 0; k < 3; ++k) {
    const double r = ur ? ur[rg.idx[k]] : std::numeric_limits<double>::quiet_NaN();
    big_u[k] = r == r ? coverage * r : rg.u[k];
    partial = partial || v[k] != v[k];
  }
  if (f == f && a == a) {
    const auto res = evaluate_region(rg.g, f, a, h == h, rg.tol);
    const bool maybe = res.carrier >= 0 && !(res.excess > detail::elevation_uncertainty(f, a, big_u[0], big_u[1]));
    for (int k = 0; k < 3; ++k)
      st[k] = static_cast<std::uint8_t>(v[k] != v[k]        ? Status::unknown
                                        : k != res.carrier  ? Status::within
                                        : res.carrier_upper ? (maybe ? Status::possibly_above : Status::above)
                                        : maybe             ? Status::possibly_below
                                                            : Status::below);
    checked = true;
    possibly = possibly || maybe;
    return res.carrier >= 0 && !maybe;
  }
  bool out = false;
  for (int k = 0; k < 3; ++k) {
    // detail::classify with the tolerance folded in: beyond past hi + tol, clearly past hi + U
    const bool above = v[k] > rg.hi_t[k], below = !above && v[k] < rg.lo_t[k], unknown = v[k] != v[k];
    const bool clear = (above && v[k] > rg.hi[k] + big_u[k]) || (below && v[k] < rg.lo[k] - big_u[k]);
    st[k] = static_cast<std::uint8_t>(above           ? (clear ? Status::above : Status::possibly_above)
                                      : below         ? (clear ? Status::below : Status::possibly_below)
                                      : unknown       ? Status::unknown
                                      : rg.limited[k] ? Status::within
                                                      : Status::no_limit);
    out = out || clear;
    possibly = possibly || ((above || below) && !clear);
    checked = checked || (!unknown && rg.limited[k]);
  }
  return out;
}
/// A two-joint limit of one side resolved for the batch kernel (two_joint.hpp): its checked DoF leaves
/// the SIMD passes and is decided per pose by `batch_two_joint_row`, as `check()` decides it.
struct BatchTwoJoint {
  TwoJointLimit t{};
  std::uint8_t checked = 0, controlling = 0;  ///< DoF indices
  double lo_t = 0, hi_t = 0;                ///< the checked DoF's own bounds with the tolerance folded in (±∞: none)
  double lo = 0, hi = 0;                    ///< its own bounds (±∞: none)
  double u_checked = 0, u_controlling = 0;  ///< the table's expanded uncertainties U (radians)
  double tol = 0;                           ///< `Limits::tolerance_radians()`
};
/// The status of a two-joint limit's checked DoF on one pose (`st`), as `check()` decides it: against
/// the two-joint limit at the controlling value where that is known and the checked DoF is in the
/// limited direction (> 0), else against its own range. Same contract as `batch_region_row`.
inline bool batch_two_joint_row(const BatchTwoJoint& tj, const double* x, const double* ur, double coverage,
                                std::uint8_t& st, bool& checked, bool& possibly, bool& partial) noexcept {
  const double h = x[tj.checked], k = x[tj.controlling];
  if (h != h) {
    st = static_cast<std::uint8_t>(Status::unknown);
    partial = true;
    return false;
  }
  const double rh = ur ? ur[tj.checked] : std::numeric_limits<double>::quiet_NaN();
  double u = rh == rh ? coverage * rh : tj.u_checked;
  double hi = tj.hi, hi_t = tj.hi_t;
  if (k == k && h > 0) {
    const double rk = ur ? ur[tj.controlling] : std::numeric_limits<double>::quiet_NaN();
    hi = tj.t.limit_at(k);
    hi_t = hi + tj.tol;
    u = two_joint_uncertainty(tj.t, k, u, rk == rk ? coverage * rk : tj.u_controlling);
  }
  // detail::classify with the tolerance folded in: beyond past hi + tol, clearly past hi + U
  const bool above = h > hi_t, below = !above && h < tj.lo_t;
  const bool clear = (above && h > hi + u) || (below && h < tj.lo - u);
  st = static_cast<std::uint8_t>(above   ? (clear ? Status::above : Status::possibly_above)
                                 : below ? (clear ? Status::below : Status::possibly_below)
                                         : Status::within);
  checked = true;
  possibly = possibly || ((above || below) && !clear);
  return clear;
}
/// Lanes of the widest batch kernel (AVX2: four doubles).
inline constexpr std::size_t batch_max_lanes = 4;
/// What the kernel reads: per-DoF bounds with the tolerance folded in, padded to a
/// whole number of vectors of every kernel (`dof_count` rounded up to `batch_max_lanes`:
/// 39 → 40), so that the bound tables are always read with full-width loads.
struct BatchTables {
  static constexpr std::size_t padded = (dof_count + batch_max_lanes - 1) / batch_max_lanes * batch_max_lanes;
  alignas(64) std::array<double, padded> lo_t{};
  alignas(64) std::array<double, padded> hi_t{};
  alignas(64) std::array<double, padded> limited_mask{};  ///< all bits set where the DoF is checked and has a limit
  alignas(64) std::array<double, padded> active_mask{};   ///< all bits set where the DoF is checked
  /// Clear-excursion thresholds: `lo - U`, `hi + U` with the per-DoF expanded uncertainty U (±∞: none).
  alignas(64) std::array<double, padded> lo_u{};
  alignas(64) std::array<double, padded> hi_u{};
  /// The bounds themselves (±∞: none or not checked) and the per-DoF U, for per-pose uncertainties.
  alignas(64) std::array<double, padded> lo{};
  alignas(64) std::array<double, padded> hi{};
  alignas(64) std::array<double, padded> u{};
  double coverage = 2.0;  ///< k of the per-pose uncertainties
  bool any_limited = false;
  std::size_t n_eval = 0;                                   ///< composites evaluated per pose
  std::array<std::uint8_t, Limits::max_composites> eval{};  ///< their indices
  std::array<BatchComposite, Limits::max_composites> comp{};
  std::size_t n_region = 0;  ///< shoulder regions decided per pose (0 to 2)
  std::array<BatchRegion, 2> region{};
  std::size_t n_two_joint = 0;  ///< two-joint limits decided per pose (0 to 2 × two_joint_count)
  std::array<BatchTwoJoint, 2 * two_joint_count> two_joint{};
};
/// Per-pose status slots: 3 per shoulder region, then one per two-joint limit.
inline constexpr std::size_t batch_pose_slots = 6 + 2 * two_joint_count;
/// Raw counts of one block of poses (converted to `BatchCounts` by the checker).
struct BatchBlockResult {
  std::array<std::uint64_t, BatchTables::padded> above{}, below{}, unknown{}, possibly_above{}, possibly_below{};
  std::array<std::uint64_t, Limits::max_composites> c_above{}, c_below{}, c_unknown{};
  /// per DoF decided per pose (`batch_pose_slots`: the regions' DoFs, then the two-joint limits') and `Status`
  std::array<std::array<std::uint64_t, BatchCounts::status_count>, batch_pose_slots> region{};
  std::array<std::uint64_t, verdict_count> verdicts{};
};
/// What the kernel reads to write each pose's statuses (`BatchChecker::run` with `BatchStatuses`).
struct BatchStatusTables {
  alignas(64) std::array<std::int64_t, BatchTables::padded> known{};    ///< Status of a known value within bounds
  alignas(64) std::array<std::int64_t, BatchTables::padded> unknown{};  ///< Status of NaN: unknown or not_checked
  std::array<std::uint8_t, BatchTables::padded> clean{};                ///< `known` as bytes: a clean pose's statuses
  std::array<std::uint8_t, Limits::max_composites> composite{};         ///< fixed composite statuses (others: per pose)
  std::size_t composites = 0;                                           ///< composite count of the limits
  std::array<std::uint8_t, Limits::max_composites> fixed{};             ///< indices of the fixed ones
  std::size_t n_fixed = 0;
};
/// Where the kernel writes statuses: `dof` count × dof_count bytes, `composite` count × composites bytes; null: not
/// wanted.
struct BatchStatusOut {
  const BatchStatusTables* t = nullptr;
  std::uint8_t* dof = nullptr;
  std::uint8_t* composite = nullptr;
};
/// The kernel's verdict of one pose (`BatchChecker::verdict`), or -1 when the pose or its totals hold a ±∞.
/// `u`: the pose's standard uncertainties (`dof_count`; NaN = the per-DoF value), or nullptr.
[[nodiscard]] int batch_verdict_or_infinite(const BatchTables& t, const double* pose, const double* tl, const double* u,
                                            BatchIsa isa) noexcept;
/// Throws the `infinite_value` of one pose that holds a ±∞.
[[noreturn, gnu::cold]] void throw_infinite_pose(const double* pose, const double* tl);
}  // namespace arthrokin::detail

namespace arthrokin {

// ---- the ±∞ rule (file comment) -----------------------------------------------------

/// Where a batch holds its first ±∞.
struct BatchInfinity {
  std::size_t pose = 0;        ///< row
  std::size_t column = 0;      ///< DoF index, or thoracolumbar axis (0 flexion, 1 lateral flexion, 2 rotation)
  bool thoracolumbar = false;  ///< in the N × 3 totals, not in the poses
};

/// The first ±∞ of `rows` (N × dof_count) and `thoracolumbar` (empty or N × 3) in row order (within a
/// row, its DoFs before its totals); nullopt when every value is finite or NaN. SIMD scan, no allocation.
[[nodiscard]] std::optional<BatchInfinity> find_infinity(std::span<const double> rows,
                                                         std::span<const double> thoracolumbar = {}) noexcept;

/// "pose 12, left_hip_flexion_extension is infinite (NaN means unknown)", or "pose 3,
/// thoracolumbar axial_rotation is infinite (NaN means not set)"; without "pose i, " when
/// `single_pose`.
[[nodiscard]] std::string describe(const BatchInfinity& w, bool single_pose = false);

/// ±∞ in the input of `BatchChecker::run` / `verdict`, thrown before anything is written.
/// what(): "BatchChecker::run: " + describe(where).
class infinite_value : public invalid_argument {
 public:
  infinite_value(std::string_view function, const BatchInfinity& w, bool single_pose = false)
      : invalid_argument(std::string(function) + ": " + describe(w, single_pose)), where(w) {}
  BatchInfinity where;  ///< the first ±∞
};

/// `Limits` compiled for the batch kernel: tolerance folded into bounds, composites
/// resolved to DoF indices. Cheap to build (a few hundred bytes); build once, use for
/// any number of batches. Keeps no reference to the `Limits`.
class BatchChecker {
 public:
  static constexpr std::size_t n = dof_count;

  explicit BatchChecker(const Limits& limits) noexcept;
  /// With the uncertainty of each DoF's value, for every pose (per-pose values: `BatchOptions::row_uncertainty`).
  BatchChecker(const Limits& limits, const Uncertainty& uncertainty) noexcept;

  /// Composite limits of the `Limits` (the width of `BatchStatuses::composite`).
  [[nodiscard]] std::size_t composite_count() const noexcept { return n_comp_; }

  /// Check `rows` (N × dof_count, row-major, radians, NaN unknown) into `verdicts` (N bytes,
  /// `Verdict` values) and add to `counts`. `thoracolumbar`: empty, or N × 3 totals.
  /// Throws `invalid_argument` on mismatched sizes and `infinite_value` on ±∞ (nothing
  /// written). No allocation.
  void run(std::span<const double> rows, std::span<std::uint8_t> verdicts, BatchCounts& counts,
           std::span<const double> thoracolumbar = {}) const {
    run(rows, verdicts, BatchStatuses{}, counts, thoracolumbar, BatchOptions{});
  }

  /// The same, split over `options.threads` std::threads (allocates only the threads).
  void run(std::span<const double> rows, std::span<std::uint8_t> verdicts, BatchCounts& counts,
           std::span<const double> thoracolumbar, const BatchOptions& options) const {
    run(rows, verdicts, BatchStatuses{}, counts, thoracolumbar, options);
  }

  /// The same, also writing each pose's `Status` per DoF and per composite limit into
  /// `statuses` (each span empty or sized N × dof_count / N × composite_count()); they equal the
  /// `Report` of `check()`. Every run() comes here: the ±∞ scan, the thread split and the kernel.
  void run(std::span<const double> rows, std::span<std::uint8_t> verdicts, const BatchStatuses& statuses,
           BatchCounts& counts, std::span<const double> thoracolumbar = {}, const BatchOptions& options = {}) const;

  /// Verdict of one raw pose row (`dof_count` doubles) with optional totals (3 doubles or nullptr).
  /// Throws `infinite_value` on ±∞ (NaN: unknown).
  /// Inline: one call of the kernel per row (the ±∞ scan of the row and the check, in one instruction set).
  /// `u`: nullptr, or the pose's standard uncertainties (`dof_count` radians; NaN = the per-DoF value), not
  /// validated here (run() validates `row_uncertainty`).
  [[nodiscard]] Verdict verdict(const double* pose, const double* tl = nullptr, BatchIsa isa = BatchIsa::best,
                                const double* u = nullptr) const {
    const int v = detail::batch_verdict_or_infinite(t_, pose, tl, u, isa);
    if (v < 0) [[unlikely]]
      detail::throw_infinite_pose(pose, tl);
    return static_cast<Verdict>(v);
  }

  /// The kernel `isa` selects on this CPU: "avx2", "sse2", "neon" (AArch64) or "scalar".
  [[nodiscard]] static std::string_view kernel_name(BatchIsa isa = BatchIsa::best) noexcept;

 private:
  std::size_t validate(std::span<const double> rows, std::span<std::uint8_t> verdicts,
                       std::span<const double> thoracolumbar, const BatchStatuses& statuses,
                       std::span<const double> row_uncertainty) const;

  void run_block(const double* rows, const double* tl, const double* u, std::uint8_t* verdicts, std::size_t count,
                 BatchCounts& counts, BatchIsa isa, const detail::BatchStatusOut& so) const noexcept;

  detail::BatchTables t_;
  detail::BatchStatusTables st_;
  std::array<bool, n> active_{};
  std::array<bool, n> limited_{};
  std::array<std::int8_t, n> region_slot_{};  ///< -1, or 3 × region + k: the DoF's counts come from the region
  std::size_t n_comp_ = 0;
};

/// Check N poses (N × dof_count row-major radians, NaN unknown) against `limits`: one
/// `Verdict` byte per pose into `verdicts`, and the counts added to `counts`.
/// `thoracolumbar`: empty, or N × 3 totals (see the file comment).
inline void check_batch(const Limits& limits, std::span<const double> poses, std::span<std::uint8_t> verdicts,
                        BatchCounts& counts, std::span<const double> thoracolumbar = {},
                        const BatchOptions& options = {}) {
  BatchChecker(limits).run(poses, verdicts, counts, thoracolumbar, options);
}

/// Row-major N × dof_count matrix of poses.
using PoseBatch = Eigen::Matrix<double, Eigen::Dynamic, static_cast<int>(dof_count), Eigen::RowMajor>;

/// The same on an Eigen row-major N × dof_count matrix (a view: no copy).
void check_batch(const Limits& limits, const Eigen::Ref<const PoseBatch>& poses, std::span<std::uint8_t> verdicts,
                 BatchCounts& counts, const BatchOptions& options = {});

// ---- batch keypoints / rotations → angles ------------------------------------

/// Keypoints of N frames → N poses. `xyz`: N × K × 3 (K = keypoint_count(layout)),
/// `visibility`: empty or N × K; `out`: N × dof_count radians (NaN unknown);
/// `thoracolumbar`: empty or N × 3 totals (NaN where not set). The per-frame path
/// (`keypoint_angles`) in a loop; no allocation.
void keypoint_angles_batch(Layout layout, std::span<const double> xyz, std::span<const double> visibility,
                           std::span<double> out, std::span<double> thoracolumbar = {},
                           const KeypointOptions& options = {});

/// Segment rotations of N frames → N poses. `quaternions`: N × 16 × 4 doubles, one
/// quaternion per `Segment` in Eigen's coefficient order (x, y, z, w; SciPy's
/// scalar-last order), R_global_segment, of any norm (see `joint_angles`); a quaternion
/// with a NaN is a missing segment, a zero or infinite one is not a rotation.
/// `out`: N × dof_count; `thoracolumbar`: empty or N × 3. No allocation. A frame whose 16
/// quaternions are all rotations takes a straight-line kernel, four frames at a time
/// (detail/rotation_angles_kernel.hpp; an AVX2 copy chosen at run time on x86-64), whose angles
/// equal `joint_angles`' bit for bit (with `options.fast_trig`: within 1e-13 rad, the same
/// unknowns); any other frame the per-frame solver.
void joint_angles_batch(std::span<const double> quaternions, std::span<double> out,
                        std::span<double> thoracolumbar = {}, const JointAngleOptions& options = {});

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/batch-inl.hpp>
#endif
