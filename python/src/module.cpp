// arthrokin._core: the Python binding (pybind11 + numpy). The package arthrokin
// (python/arthrokin/__init__.py) re-exports it; docs/python.md documents it.
//
// Text rule: every std::string that goes out to Python (values, names, sentences, error
// messages) goes through `text()`, which decodes UTF-8 with errors='backslashreplace', so
// bytes from a file or a truncated buffer can never raise UnicodeDecodeError. User input
// echoed inside our own messages goes through `shown()` (bounded, printable).
#include <arthrokin/anatomy/muscle_length.hpp>
#include <arthrokin/anatomy/muscles.hpp>
#include <arthrokin/batch.hpp>
#include <arthrokin/check.hpp>
#include <arthrokin/deficit.hpp>
#include <arthrokin/detail/text.hpp>
#include <arthrokin/ergonomics.hpp>
#include <arthrokin/exercise/exercise.hpp>
#include <arthrokin/exercise/monitor.hpp>
#include <arthrokin/functional.hpp>
#include <arthrokin/gait.hpp>
#include <arthrokin/grades.hpp>
#include <arthrokin/io/bvh.hpp>
#include <arthrokin/io/bvh_angles.hpp>
#include <arthrokin/kinematics/calibration.hpp>
#include <arthrokin/kinematics/fitter.hpp>
#include <arthrokin/kinematics/inclination.hpp>
#include <arthrokin/kinematics/keypoints.hpp>
#include <arthrokin/kinematics/layout.hpp>
#include <arthrokin/nearest.hpp>
#include <arthrokin/range.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <vector>

namespace py = pybind11;
namespace ak = arthrokin;

void bind_frames(py::module_& m);  // frames.cpp: rotations, DofStatus, the pandas helpers

namespace {

constexpr auto n_dofs = static_cast<py::ssize_t>(ak::dof_count);
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// ---- text in and out ------------------------------------------------------------

// The one way a C++ string becomes a Python str: UTF-8, invalid bytes as \xNN escapes.
py::str text(std::string_view s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "backslashreplace");
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

// User input quoted in an error message: printable, valid UTF-8, bounded.
std::string shown(std::string_view s) { return ak::detail::printable(s); }

// A Python str as UTF-8 bytes; lone surrogates (which have no UTF-8 form) become \uXXXX
// escapes instead of failing, so that a bad name is reported as an unknown name.
std::string utf8(const py::handle& s) {
  const auto b = py::reinterpret_steal<py::object>(PyUnicode_AsEncodedString(s.ptr(), "utf-8", "backslashreplace"));
  if (!b) throw py::error_already_set();
  return std::string(PyBytes_AS_STRING(b.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(b.ptr())));
}

[[noreturn]] void raise(PyObject* type, std::string_view msg) {
  PyErr_SetObject(type, text(msg).ptr());
  throw py::error_already_set();
}
[[noreturn]] void value_error(std::string_view msg) { raise(PyExc_ValueError, msg); }
[[noreturn]] void type_error(std::string_view msg) { raise(PyExc_TypeError, msg); }
[[noreturn]] void index_error(std::string_view msg) { raise(PyExc_IndexError, msg); }

// arthrokin.ParseError; a reference is kept for the life of the process.
PyObject* parse_error_type = nullptr;

// C++ exceptions -> Python, with the same types as pybind11's defaults but messages
// decoded by text() (pybind11 decodes what() strictly: invalid UTF-8 in a message would
// surface as UnicodeDecodeError instead of the error).
void translate(std::exception_ptr p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (const py::error_already_set&) {
    throw;
  } catch (const py::builtin_exception&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const ak::parse_error& e) {
    PyErr_SetObject(parse_error_type, text(e.what()).ptr());
  } catch (const std::out_of_range& e) {
    PyErr_SetObject(PyExc_IndexError, text(e.what()).ptr());
  } catch (const std::overflow_error& e) {
    PyErr_SetObject(PyExc_OverflowError, text(e.what()).ptr());
  } catch (const std::logic_error& e) {  // invalid_argument (ak::invalid_argument), domain_error, length_error
    PyErr_SetObject(PyExc_ValueError, text(e.what()).ptr());
  } catch (const std::range_error& e) {
    PyErr_SetObject(PyExc_ValueError, text(e.what()).ptr());
  } catch (const std::exception& e) {
    PyErr_SetObject(PyExc_RuntimeError, text(e.what()).ptr());
  }
}

double deg_or_nan(double rad) { return std::isnan(rad) ? nan : ak::rad_to_deg(rad); }

ak::DofMotion parse_dof_name(std::string_view name) {
  const auto m = ak::parse_dof(name);
  if (!m) value_error("unknown DoF name '" + shown(name) + "' (arthrokin.dofs() lists the identifiers)");
  return *m;
}

// A DoF given as a name (str) or an index (int or any integer with __index__, not bool).
ak::DofId dof_arg(const py::object& o) {
  if (py::isinstance<py::str>(o)) return parse_dof_name(utf8(o)).dof;
  if (!py::isinstance<py::bool_>(o) && PyIndex_Check(o.ptr())) {
    const auto i = py::reinterpret_steal<py::object>(PyNumber_Index(o.ptr()));
    if (!i) throw py::error_already_set();
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(i.ptr(), &overflow);
    if (overflow == 0 && v >= 0 && v < n_dofs) return static_cast<ak::DofId>(v);
    index_error("DoF index " + shown(py::str(i).cast<std::string>()) + " is not in 0.." + std::to_string(n_dofs - 1));
  }
  type_error("a DoF is a name (str) or an index (int)");
}

ak::Side side_arg(const std::optional<std::string>& s) {
  if (!s || *s == "both" || *s == "none") return ak::Side::none;
  if (*s == "left") return ak::Side::left;
  if (*s == "right") return ak::Side::right;
  value_error("side must be 'left', 'right' or None, got '" + shown(*s) + "'");
}

ak::Layout layout_arg(const std::string& s) {
  if (const auto l = ak::parse_layout(s)) return *l;
  value_error("unknown keypoint layout '" + shown(s) + "' (one of: " + ak::layout_names() + ")");
}

py::str tag_text(ak::Tag t) { return text(ak::to_string(t)); }

// ---- Limits -----------------------------------------------------------------

void restrict_dynamic(ak::Limits& l, const std::vector<ak::Joint>& js) { l.restrict_to(js); }

// Bytes of an override reason that a Bound keeps (its label buffer minus the NUL).
constexpr std::size_t reason_bytes = std::tuple_size_v<decltype(ak::Bound::label)> - 1;

// The fields of a bound are those of the JSON reports (io::report_to_json): deg, source, tag,
// origin, citation, and reason for an override. Without a bound: deg NaN, the strings empty.
py::dict bound_dict(const ak::Bound& b) {
  py::dict d;
  d["deg"] = deg_or_nan(b.radians);
  d["source"] = text(b.has_value() ? b.source : std::string_view());
  d["tag"] = b.has_value() ? tag_text(b.tag) : text("");
  d["origin"] = text(b.has_value() ? ak::to_string(b.origin) : std::string_view());
  d["citation"] = text(b.has_value() ? ak::describe(b) : std::string());
  if (b.has_value() && b.origin == ak::Origin::user) d["reason"] = text(b.user_label());
  return d;
}

// ---- poses --------------------------------------------------------------------

// A number of degrees from a dict value; NaN when None. Booleans and non-numbers are
// TypeErrors; an int too large for a double is a ValueError.
double degrees_value(const py::handle& v, const std::string& key) {
  if (v.is_none()) return nan;
  if (py::isinstance<py::bool_>(v) || !PyNumber_Check(v.ptr()) || PyComplex_Check(v.ptr()))
    type_error("angle of '" + shown(key) + "' must be a number of degrees or None");
  const double d = PyFloat_AsDouble(v.ptr());
  if (d == -1.0 && PyErr_Occurred()) {
    if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
      PyErr_Clear();
      value_error("angle of '" + shown(key) + "' is too large for a double");
    }
    if (PyErr_ExceptionMatches(PyExc_TypeError)) {
      PyErr_Clear();
      type_error("angle of '" + shown(key) + "' must be a number of degrees or None");
    }
    throw py::error_already_set();
  }
  return d;
}

// Each DoF named once per dict (a pose, its uncertainties, nearest_valid_pose's weights): a second
// key for the same DoF (the same name twice cannot happen in a dict, two spellings can) is a
// ValueError naming both keys.
class OncePerDof {
 public:
  explicit OncePerDof(std::string_view what) : what_(what) {}
  void add(ak::DofId d, const std::string& key) {
    auto& first = key_of_[ak::index(d)];
    if (first)
      value_error(std::string(what_) + " names DoF " + std::string(ak::to_string(d)) + " twice: '" + shown(*first) +
                  "' and '" + shown(key) + "'");
    first = key;
  }

 private:
  std::string_view what_;
  std::array<std::optional<std::string>, ak::dof_count> key_of_;
};

ak::Pose pose_from_dict(const py::dict& angles) {
  ak::Pose p;
  std::array<std::optional<std::string>, ak::dof_count> key_of;  // the key that named each DoF
  for (const auto& [k, v] : angles) {
    if (!py::isinstance<py::str>(k)) type_error("pose dict keys must be DoF names (str)");
    const std::string key = utf8(k);
    const auto m = parse_dof_name(key);
    auto& first = key_of[ak::index(m.dof)];
    if (first)
      value_error("pose dict names DoF " + std::string(ak::to_string(m.dof)) + " twice: '" + shown(*first) + "' and '" +
                  shown(key) + "'");
    first = key;
    const double deg = degrees_value(v, key);
    if (std::isnan(deg)) continue;  // None or NaN: not observed
    if (!std::isfinite(deg)) value_error("angle of '" + shown(key) + "' is infinite (NaN means unknown)");
    p.set(m.dof, ak::degrees(static_cast<int>(m.sense) * deg));
  }
  return p;
}

// One pose as 39 radians: the ±∞ rule of the batch (batch.hpp), with its message.
ak::Pose pose_from_row(const double* row) {
  if (const auto bad = ak::find_infinity({row, ak::dof_count})) value_error(ak::describe(*bad, true));
  return ak::Pose::from_radians(Eigen::Map<const ak::PoseVector>(row));
}

constexpr ak::Axis tl_axes[3] = {ak::Axis::flexion_extension, ak::Axis::lateral_flexion, ak::Axis::axial_rotation};

// Sets the finite totals; NaN = not set. Infinities are rejected before (find_infinity).
void apply_thoracolumbar(ak::Pose& p, const double* tl) {
  for (int a = 0; a < 3; ++a)
    if (!std::isnan(tl[a])) p.set_thoracolumbar(tl_axes[a], ak::radians(tl[a]));
}

// Any pose argument: a dict of degrees, or dof_count radians.
ak::Pose pose_arg(const py::object& angles) {
  if (py::isinstance<py::dict>(angles)) return pose_from_dict(angles.cast<py::dict>());
  py::array_t<double, py::array::c_style | py::array::forcecast> a;
  try {
    a = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(angles);
  } catch (const py::error_already_set&) {
    a = {};
  }
  if (!a || a.ndim() != 1 || a.shape(0) != n_dofs)
    value_error("a pose is a dict {dof name: degrees} or a sequence of " + std::to_string(n_dofs) +
                " radians (NaN = unknown)");
  return pose_from_row(a.data());
}

// ---- check --------------------------------------------------------------------

py::dict dof_result(const ak::Report& r, ak::DofId d) {
  const auto& c = r[d];
  const auto& l = (*r.limits)[d];
  const bool beyond = c.out_of_range() || c.possibly_out_of_range();
  const ak::Bound decided = ak::deciding_bound(r, c);
  const ak::Bound* b = beyond ? &decided : l.upper.has_value() ? &l.upper : l.lower.has_value() ? &l.lower : nullptr;
  py::dict o;
  o["status"] = text(ak::to_string(c.status));
  o["value_deg"] = deg_or_nan(c.value);
  o["excess_deg"] = ak::rad_to_deg(c.excess);
  o["decided_by"] = text(ak::to_string(c.decided_by));
  o["limit_deg"] = beyond ? deg_or_nan(b->radians) : nan;
  o["uncertainty_deg"] = ak::rad_to_deg(c.expanded_uncertainty);  // expanded U = k·u, 0: none
  o["lower_deg"] = deg_or_nan(l.lower.radians);
  o["upper_deg"] = deg_or_nan(l.upper.radians);
  o["source"] = text(b ? b->source : std::string_view());
  o["tag"] = b ? tag_text(b->tag) : text("");
  o["sentence"] = text(ak::describe(r, d));
  return o;
}

py::dict report_dict(const ak::Report& r) {
  py::dict out;
  out["verdict"] = text(ak::to_string(r.overall));
  out["out_of_range_count"] = r.out_of_range_count;
  out["possibly_out_of_range_count"] = r.possibly_out_of_range_count;
  out["unknown_count"] = r.unknown_count;
  out["observed_count"] = r.observed_count();
  out["complete"] = r.complete();
  out["summary"] = text(ak::summary(r));
  py::dict dofs;
  for (auto d : ak::all_dofs) dofs[text(ak::to_string(d))] = dof_result(r, d);
  out["dofs"] = dofs;
  py::list comps;
  for (std::size_t k = 0; k < r.composite_count; ++k) {
    const auto& c = r.composites[k];
    const auto& cl = r.limits->composite(k);
    py::dict o;
    o["name"] = text(ak::display_name(cl));
    o["status"] = text(ak::to_string(c.status));
    o["value_deg"] = deg_or_nan(c.value);
    o["excess_deg"] = ak::rad_to_deg(c.excess);
    o["lower_deg"] = deg_or_nan(cl.lower.radians);
    o["upper_deg"] = deg_or_nan(cl.upper.radians);
    o["sentence"] = text(c.status == ak::Status::not_checked ? std::string() : ak::describe(r, c));
    comps.append(o);
  }
  out["composites"] = comps;
  out["text"] = text(ak::describe(r));
  return out;
}

using Batch = py::array_t<double, py::array::c_style>;

// N poses through ak::BatchChecker::run (the C++ batch: kernel, thread split, ±∞ rule), zero
// copy: verdicts, statuses per DoF and per composite, counts. GIL released during the check.
// statuses = false: verdicts and counts only (the same work as the C++ batch without statuses).
py::dict check_batch(const Batch& rows, const ak::Limits& limits, const py::object& thoracolumbar, unsigned threads,
                     bool statuses, const ak::Uncertainty& uncertainty, const py::object& row_uncertainty) {
  const py::ssize_t n = rows.shape(0);
  std::optional<Batch> tl;
  if (!thoracolumbar.is_none()) {
    if (!py::isinstance<Batch>(thoracolumbar))
      type_error("thoracolumbar must be a C-contiguous float64 array of shape (N, 3)");
    tl = thoracolumbar.cast<Batch>();
    if (tl->ndim() != 2 || tl->shape(0) != n || tl->shape(1) != 3)
      value_error("thoracolumbar must have shape (" + std::to_string(n) + ", 3)");
  }
  std::optional<Batch> ru;
  if (!row_uncertainty.is_none()) {
    if (!py::isinstance<Batch>(row_uncertainty))
      type_error("row_uncertainty must be a C-contiguous float64 array of shape (N, " + std::to_string(n_dofs) + ")");
    ru = row_uncertainty.cast<Batch>();
    if (ru->ndim() != 2 || ru->shape(0) != n || ru->shape(1) != n_dofs)
      value_error("row_uncertainty must have shape (" + std::to_string(n) + ", " + std::to_string(n_dofs) + ")");
  }
  const ak::BatchChecker checker(limits, uncertainty);
  const auto nc = static_cast<py::ssize_t>(checker.composite_count());
  py::array_t<std::uint8_t> verdict(n);
  py::array_t<std::uint8_t> status({statuses ? n : 0, n_dofs});
  py::array_t<std::uint8_t> comp_status({statuses ? n : 0, nc});
  py::array_t<std::uint64_t> counts({n_dofs, static_cast<py::ssize_t>(ak::BatchCounts::status_count)});
  const auto un = static_cast<std::size_t>(n);
  const std::span<const double> in(rows.data(), un * ak::dof_count);
  const std::span<const double> tl_in = tl ? std::span<const double>(tl->data(), un * 3) : std::span<const double>{};
  const ak::BatchStatuses out = statuses
                                    ? ak::BatchStatuses{{status.mutable_data(), un * ak::dof_count},
                                                        {comp_status.mutable_data(), un * checker.composite_count()}}
                                    : ak::BatchStatuses{};
  ak::BatchCounts c;
  ak::BatchOptions options;
  options.threads = threads;
  if (ru) options.row_uncertainty = {ru->data(), un * ak::dof_count};
  try {
    py::gil_scoped_release release;
    checker.run(in, {verdict.mutable_data(), un}, out, c, tl_in, options);
  } catch (const ak::infinite_value& e) {  // raised before anything is written; the arrays are dropped
    value_error("check(): " + ak::describe(e.where));
  }
  std::uint64_t* counts_out = counts.mutable_data();
  for (std::size_t k = 0; k < ak::dof_count; ++k)
    std::copy(c.dof[k].begin(), c.dof[k].end(), counts_out + k * ak::BatchCounts::status_count);
  py::dict result;
  result["verdict"] = verdict;
  if (statuses) {
    result["status"] = status;
    result["composite_status"] = comp_status;
  }
  result["counts"] = counts;
  return result;
}

// The `uncertainty` argument of check(): None, a number of degrees (every DoF), a dict {DoF name: degrees},
// or DOF_COUNT radians (NaN: none) -- the units of poses; `input_kind` names a documented default instead.
ak::Uncertainty uncertainty_arg(const py::object& u, const py::object& input_kind, double coverage) {
  if (!input_kind.is_none()) {
    if (!u.is_none()) value_error("check(): give uncertainty or input_kind, not both");
    const std::string k = utf8(input_kind);
    for (auto kind : {ak::InputKind::goniometer, ak::InputKind::marker_mocap, ak::InputKind::imu,
                      ak::InputKind::monocular_keypoints})
      if (k == ak::to_string(kind)) return ak::Uncertainty::for_input(kind, coverage);
    value_error("check(): unknown input_kind '" + shown(k) + "' (goniometer, marker_mocap, imu, monocular_keypoints)");
  }
  if (u.is_none()) return ak::Uncertainty{}.set_coverage(coverage);
  if (py::isinstance<py::float_>(u) || py::isinstance<py::int_>(u))
    return ak::Uncertainty::uniform(ak::degrees(u.cast<double>()), coverage);
  if (py::isinstance<py::dict>(u)) {
    ak::Uncertainty x;
    x.set_coverage(coverage);
    OncePerDof once("uncertainty dict");
    for (const auto& [k, v] : u.cast<py::dict>()) {
      if (!py::isinstance<py::str>(k)) type_error("uncertainty dict keys must be DoF names (str)");
      const std::string key = utf8(k);
      const ak::DofId d = parse_dof_name(key).dof;
      once.add(d, key);
      x.set(d, ak::degrees(v.cast<double>()));
    }
    return x;
  }
  const auto a = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(u);
  if (!a || a.ndim() != 1 || a.shape(0) != n_dofs)
    value_error("uncertainty must be a number of degrees, a dict {DoF name: degrees} or " + std::to_string(n_dofs) +
                " radians");
  return ak::Uncertainty::from_radians({a.data(), ak::dof_count}, coverage);
}

// Gait against the children's normative curves (gait.hpp): cycles from the given contacts, or from the
// knee detector; per cycle the GPS, each variable's GVS, curve and points outside the band, and the
// knee-in-stance finding (radians, NaN unknown; docs/gait.md).
py::dict gait(const py::object& angles, double frame_rate_hz, const py::object& left_contacts,
              const py::object& right_contacts, const std::string& speed, const py::object& lab,
              double stance_end_percent, double knee_sd) {
  if (!py::isinstance<Batch>(angles))
    type_error("gait(): angles must be a C-contiguous float64 array of shape (N, " + std::to_string(n_dofs) +
               "): use np.ascontiguousarray(a, dtype=np.float64)");
  const auto rows = angles.cast<Batch>();
  if (rows.ndim() != 2 || rows.shape(1) != n_dofs)
    value_error("gait(): angles must have shape (N, " + std::to_string(n_dofs) + ")");
  const auto n = static_cast<std::size_t>(rows.shape(0));
  ak::GaitOptions opt;
  const auto sp = ak::parse_gait_speed(speed);
  if (!sp) value_error("gait(): speed must be VerySlow, Slow, Free, Fast or VeryFast, got '" + shown(speed) + "'");
  opt.speed = *sp;
  opt.stance_end_percent = stance_end_percent;
  opt.knee_sd_multiple = knee_sd;
  std::vector<ak::Pose> poses(n);
  for (std::size_t i = 0; i < n; ++i) {
    try {
      poses[i] = ak::Pose::from_radians(Eigen::Map<const ak::PoseVector>(rows.data() + i * ak::dof_count));
    } catch (const ak::invalid_argument& e) {
      value_error("gait(): frame " + std::to_string(i) + ": " + e.what());
    }
  }
  std::vector<ak::GaitLabFrame> lab_frames;
  if (!lab.is_none()) {
    if (!py::isinstance<Batch>(lab)) type_error("gait(): lab must be a C-contiguous float64 array of shape (N, 2, 4)");
    const auto l = lab.cast<Batch>();
    if (l.ndim() != 3 || static_cast<std::size_t>(l.shape(0)) != n || l.shape(1) != 2 || l.shape(2) != 4)
      value_error("gait(): lab must have shape (" + std::to_string(n) +
                  ", 2, 4): [left, right] x [pelvis tilt, "
                  "obliquity, rotation, foot progression] radians");
    lab_frames.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      for (int s = 0; s < 2; ++s) {
        const double* v = l.data() + (i * 2 + static_cast<std::size_t>(s)) * 4;
        ak::GaitLabAngles& a = s == 0 ? lab_frames[i].left : lab_frames[i].right;
        a.pelvis_tilt = v[0];
        a.pelvis_obliquity = v[1];
        a.pelvis_rotation = v[2];
        a.foot_progression = v[3];
      }
  }
  ak::GaitReport rep;
  if (left_contacts.is_none() && right_contacts.is_none()) {
    rep = ak::analyse_gait(poses, frame_rate_hz, opt, lab_frames);  // invalid_argument -> ValueError
  } else {
    ak::GaitContacts c;
    if (!left_contacts.is_none()) c.left = left_contacts.cast<std::vector<std::size_t>>();
    if (!right_contacts.is_none()) c.right = right_contacts.cast<std::vector<std::size_t>>();
    rep = ak::analyse_gait(poses, frame_rate_hz, c, opt, lab_frames);
  }
  py::list cycles;
  for (const auto& c : rep.cycles) {
    py::dict vars;
    for (const auto& v : c.variables) {
      py::array_t<double> curve(ak::gait_points);
      py::array_t<bool> outside(ak::gait_points);
      for (std::size_t k = 0; k < ak::gait_points; ++k) {
        curve.mutable_at(k) = v.curve[k];
        outside.mutable_at(k) = v.outside.test(k);
      }
      py::dict d;
      d["known"] = v.known;
      d["gvs"] = v.gvs;
      d["in_gps"] = v.in_gps;
      d["curve"] = curve;
      d["outside"] = outside;
      vars[py::str(std::string(ak::to_string(v.variable)))] = d;
    }
    py::dict knee;
    knee["known"] = c.knee.known;
    knee["never_extends"] = c.knee.never_extends;
    knee["least_flexion"] = c.knee.least_flexion;
    knee["least_flexion_percent"] = c.knee.least_flexion_percent;
    knee["norm_least_flexion"] = c.knee.norm_least_flexion;
    knee["norm_sd"] = c.knee.norm_sd;
    knee["threshold"] = c.knee.threshold;
    knee["sentence"] = ak::describe(c.knee, c.side, opt);
    py::dict cy;
    cy["side"] = std::string(ak::to_string(c.side));
    cy["first_frame"] = c.first_frame;
    cy["last_frame"] = c.last_frame;
    cy["gps"] = c.gps;
    cy["gps_variables"] = c.gps_variable_count;
    cy["variables"] = vars;
    cy["knee"] = knee;
    cy["sentence"] = ak::describe(c, opt);
    cycles.append(cy);
  }
  py::dict out;
  out["contacts_detected"] = rep.contacts_detected;
  out["contacts"] = py::dict(py::arg("left") = rep.contacts.left, py::arg("right") = rep.contacts.right);
  out["skipped_cycles"] = rep.skipped_cycles;
  out["norms"] = py::dict(py::arg("source") = std::string(ak::gait_norms_source()),
                          py::arg("population") = "typically developing children",
                          py::arg("speed") = std::string(ak::to_string(opt.speed)));
  out["cycles"] = cycles;
  return out;
}

// Which daily activities the range reached over N poses supports (functional.hpp): one dict per side and
// activity, with its requirements (degrees) and the sentence.
py::list functional(const py::object& angles, const std::optional<std::string>& side, bool robust) {
  if (!py::isinstance<Batch>(angles))
    type_error("functional(): angles must be a C-contiguous float64 array of shape (N, " + std::to_string(n_dofs) +
               "): use np.ascontiguousarray(a, dtype=np.float64)");
  const auto rows = angles.cast<Batch>();
  if (rows.ndim() != 2 || rows.shape(1) != n_dofs)
    value_error("functional(): angles must have shape (N, " + std::to_string(n_dofs) + ")");
  std::vector<ak::Side> sides{ak::Side::left, ak::Side::right};
  if (side) {
    if (*side == "left")
      sides = {ak::Side::left};
    else if (*side == "right")
      sides = {ak::Side::right};
    else
      value_error("functional(): side must be 'left' or 'right', got '" + shown(*side) + "'");
  }
  ak::RangeAccumulator acc;
  try {
    py::gil_scoped_release release;
    acc.add_batch({rows.data(), static_cast<std::size_t>(rows.shape(0)) * ak::dof_count});
  } catch (const ak::infinite_value& e) {
    value_error("functional(): " + ak::describe(e.where));
  }
  py::list out;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (ak::Side sd : sides)
    for (const ak::ActivitySupport& a : ak::functional_support(acc, sd, ak::functional_requirements(),
                                                               robust ? ak::RangeEnds::robust : ak::RangeEnds::exact)) {
      py::list reqs;
      for (const ak::RequirementSupport& r : a.requirements) {
        py::dict q;
        q["dof"] = std::string(ak::to_string(r.dof));
        q["sense"] = r.requirement->sense == ak::Sense::positive ? "positive" : "negative";
        q["needed_low_deg"] = r.requirement->low_deg;
        q["needed_high_deg"] = r.requirement->high_deg;
        q["figure"] = std::string(ak::to_string(r.requirement->figure));
        q["reached_deg"] = r.reached_deg == r.reached_deg ? r.reached_deg : nan;
        q["short_by_deg"] = r.short_by_deg;
        q["support"] = std::string(ak::to_string(r.support));
        q["source"] = std::string(r.requirement->source);
        reqs.append(q);
      }
      py::dict d;
      d["activity"] = std::string(a.activity);
      d["side"] = std::string(ak::to_string(a.side));
      d["support"] = std::string(ak::to_string(a.support));
      d["requirements"] = reqs;
      d["sentence"] = ak::describe(a);
      out.append(d);
    }
  return out;
}

// Knee limitation-of-motion grades (grades.hpp) of the range reached over N poses: DC 5260 and 5261 per side.
py::list knee_grades(const py::object& angles, bool robust) {
  if (!py::isinstance<Batch>(angles))
    type_error("knee_grades(): angles must be a C-contiguous float64 array of shape (N, " + std::to_string(n_dofs) +
               "): use np.ascontiguousarray(a, dtype=np.float64)");
  const auto rows = angles.cast<Batch>();
  if (rows.ndim() != 2 || rows.shape(1) != n_dofs)
    value_error("knee_grades(): angles must have shape (N, " + std::to_string(n_dofs) + ")");
  ak::RangeAccumulator acc;
  try {
    py::gil_scoped_release release;
    acc.add_batch({rows.data(), static_cast<std::size_t>(rows.shape(0)) * ak::dof_count});
  } catch (const ak::infinite_value& e) {
    value_error("knee_grades(): " + ak::describe(e.where));
  }
  py::list out;
  for (ak::Side sd : {ak::Side::left, ak::Side::right}) {
    const ak::KneeMotionGrades k =
        ak::knee_motion_ratings(acc, sd, robust ? ak::RangeEnds::robust : ak::RangeEnds::exact);
    for (const ak::MotionGrade* g : {&k.flexion, &k.extension}) {
      py::dict d;
      d["dof"] = std::string(ak::to_string(g->dof));
      d["diagnostic_code"] = g->diagnostic_code;
      d["reached_deg"] = g->reached_deg;
      d["percent"] = g->known() && g->percent >= 0 ? py::object(py::int_(g->percent)) : py::object(py::none());
      d["sentence"] = ak::describe(*g);
      out.append(d);
    }
  }
  return out;
}

// REBA (ergonomics.hpp) of each of N poses: arrays of the scores (0: unknown) and the first sentences.
py::dict reba_scores(const py::object& angles, const std::string& side, const std::string& legs, double load_kg,
                     bool shock, const std::string& coupling, bool shoulder_raised, bool arm_supported,
                     bool wrist_twisted, bool static_posture, bool repeated, bool rapid_changes, double threshold_deg) {
  if (!py::isinstance<Batch>(angles))
    type_error("reba(): angles must be a C-contiguous float64 array of shape (N, " + std::to_string(n_dofs) +
               "): use np.ascontiguousarray(a, dtype=np.float64)");
  const auto rows = angles.cast<Batch>();
  if (rows.ndim() != 2 || rows.shape(1) != n_dofs)
    value_error("reba(): angles must have shape (N, " + std::to_string(n_dofs) + ")");
  ak::RebaOptions o;
  if (side == "left")
    o.side = ak::Side::left;
  else if (side != "right")
    value_error("reba(): side must be 'left' or 'right', got '" + shown(side) + "'");
  if (legs == "sitting")
    o.legs = ak::RebaLegs::sitting;
  else if (legs == "unilateral")
    o.legs = ak::RebaLegs::unilateral;
  else if (legs != "bilateral")
    value_error("reba(): legs must be 'bilateral', 'sitting' or 'unilateral', got '" + shown(legs) + "'");
  if (coupling == "fair")
    o.coupling = ak::RebaCoupling::fair;
  else if (coupling == "poor")
    o.coupling = ak::RebaCoupling::poor;
  else if (coupling == "unacceptable")
    o.coupling = ak::RebaCoupling::unacceptable;
  else if (coupling != "good")
    value_error("reba(): coupling must be 'good', 'fair', 'poor' or 'unacceptable', got '" + shown(coupling) + "'");
  o.load_kg = load_kg;
  o.shock = shock;
  o.shoulder_raised = shoulder_raised;
  o.arm_supported = arm_supported;
  o.wrist_twisted = wrist_twisted;
  o.static_posture = static_posture;
  o.repeated = repeated;
  o.rapid_changes = rapid_changes;
  const ak::Angle th = ak::degrees(threshold_deg);
  o.trunk_upright_tolerance = o.twist_threshold = o.side_bend_threshold = th;
  o.arm_abduction_threshold = o.wrist_deviation_threshold = th;
  const auto n = static_cast<py::ssize_t>(rows.shape(0));
  const auto u8 = [n] { return py::array_t<std::uint8_t>(n); };
  auto score = u8(), trunk = u8(), neck = u8(), legs_s = u8(), ua = u8(), la = u8(), wr = u8(), sa = u8(), sb = u8(),
       tc = u8();
  py::array_t<std::int8_t> level(n);
  py::list sentences;
  for (py::ssize_t i = 0; i < n; ++i) {
    ak::Pose p;
    for (ak::DofId d : ak::all_dofs) {
      const double v = rows.at(i, static_cast<py::ssize_t>(ak::index(d)));
      if (std::isinf(v))
        value_error("reba(): row " + std::to_string(i) + ": " + std::string(ak::to_string(d)) + " is infinite");
      if (v == v) p.set(d, ak::radians(v));
    }
    const ak::RebaScore s = ak::reba(p, o);  // invalid_argument -> ValueError
    score.mutable_at(i) = s.score;
    trunk.mutable_at(i) = s.trunk;
    neck.mutable_at(i) = s.neck;
    legs_s.mutable_at(i) = s.legs;
    ua.mutable_at(i) = s.upper_arm;
    la.mutable_at(i) = s.lower_arm;
    wr.mutable_at(i) = s.wrist;
    sa.mutable_at(i) = s.score_a;
    sb.mutable_at(i) = s.score_b;
    tc.mutable_at(i) = s.table_c;
    level.mutable_at(i) = s.known() ? static_cast<std::int8_t>(ak::reba_action(s.score)->level) : std::int8_t{-1};
    sentences.append(ak::describe(s));
  }
  py::dict r;
  r["score"] = score;
  r["action_level"] = level;
  r["trunk"] = trunk;
  r["neck"] = neck;
  r["legs"] = legs_s;
  r["upper_arm"] = ua;
  r["lower_arm"] = la;
  r["wrist"] = wr;
  r["score_a"] = sa;
  r["score_b"] = sb;
  r["table_c"] = tc;
  r["sentences"] = sentences;
  r["source"] = "Hignett00";
  return r;
}

// The range reached over N poses (range.hpp) and its deficit against the norm and asymmetry (deficit.hpp):
// per-DoF arrays (radians, NaN unknown) and the sentences. The rows are read in place (GIL released).
py::dict assess(const py::object& angles, const std::optional<ak::Limits>& limits_arg, const py::object& times,
                std::uint64_t first_frame, const std::optional<int>& age, const std::optional<std::string>& sex,
                const std::optional<std::string>& involved, bool robust, double p_low, double p_high, double bin_deg) {
  if (!py::isinstance<Batch>(angles))
    type_error("assess(): angles must be a C-contiguous float64 array of shape (N, " + std::to_string(n_dofs) +
               "): use np.ascontiguousarray(a, dtype=np.float64)");
  const auto rows = angles.cast<Batch>();
  if (rows.ndim() != 2 || rows.shape(1) != n_dofs)
    value_error("assess(): angles must have shape (N, " + std::to_string(n_dofs) + ")");
  const auto un = static_cast<std::size_t>(rows.shape(0));
  std::optional<Batch> t;
  if (!times.is_none()) {
    if (!py::isinstance<Batch>(times)) type_error("assess(): times must be a C-contiguous float64 array of N seconds");
    t = times.cast<Batch>();
    if (t->ndim() != 1 || static_cast<std::size_t>(t->shape(0)) != un)
      value_error("assess(): times must have shape (" + std::to_string(un) + ",)");
  }
  const ak::Limits limits = limits_arg ? *limits_arg : ak::Limits::defaults();
  ak::DeficitOptions dopt;
  dopt.ends = robust ? ak::RangeEnds::robust : ak::RangeEnds::exact;
  dopt.age = age;
  if (sex) {
    if (*sex == "F" || *sex == "female")
      dopt.sex = ak::Sex::female;
    else if (*sex == "M" || *sex == "male")
      dopt.sex = ak::Sex::male;
    else if (*sex != "both")
      value_error("assess(): sex must be 'F', 'M' or 'both', got '" + shown(*sex) + "'");
    if (!age) value_error("assess(): sex needs age (the age/sex table is by age group)");
  }
  ak::Side inv = ak::Side::none;
  if (involved) {
    if (*involved == "left")
      inv = ak::Side::left;
    else if (*involved == "right")
      inv = ak::Side::right;
    else
      value_error("assess(): involved must be 'left' or 'right', got '" + shown(*involved) + "'");
  }
  ak::RangeOptions ropt;
  ropt.robust_low_percent = p_low;
  ropt.robust_high_percent = p_high;
  ropt.bin_width = ak::degrees(bin_deg);
  ak::RangeAccumulator acc(ropt);  // throws invalid_argument (ValueError) on bad options
  try {
    py::gil_scoped_release release;
    acc.add_batch({rows.data(), un * ak::dof_count}, first_frame,
                  t ? std::span<const double>(t->data(), un) : std::span<const double>{});
  } catch (const ak::infinite_value& e) {
    value_error("assess(): " + ak::describe(e.where));
  }
  const auto arr = [] { return py::array_t<double>(n_dofs); };
  auto mn = arr(), mx = arr(), arc = arr(), rl = arr(), rh = arr(), frac = arr(), mint = arr(), maxt = arr();
  auto nn = arr(), np_ = arr(), sn = arr(), sp = arr(), pn = arr(), pp = arr(), dn = arr(), dp = arr(), ln = arr(),
       lp = arr(), al = arr();
  py::array_t<std::uint64_t> obs(n_dofs), minf(n_dofs), maxf(n_dofs);
  py::list sentences, asym_sentences;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (ak::DofId d : ak::all_dofs) {
    const auto i = static_cast<py::ssize_t>(ak::index(d));
    const ak::DofRange r = acc[d];
    mn.mutable_at(i) = r.min;
    mx.mutable_at(i) = r.max;
    arc.mutable_at(i) = r.arc();
    rl.mutable_at(i) = r.robust_low;
    rh.mutable_at(i) = r.robust_high;
    frac.mutable_at(i) = r.observed_fraction();
    obs.mutable_at(i) = r.observed;
    minf.mutable_at(i) = r.min_frame;
    maxf.mutable_at(i) = r.max_frame;
    mint.mutable_at(i) = r.min_time_s;
    maxt.mutable_at(i) = r.max_time_s;
    const ak::DofDeficit def = ak::deficit(r, limits, dopt);
    nn.mutable_at(i) = def.negative.normal;
    np_.mutable_at(i) = def.positive.normal;
    sn.mutable_at(i) = def.negative.shortfall;
    sp.mutable_at(i) = def.positive.shortfall;
    pn.mutable_at(i) = def.negative.percent;
    pp.mutable_at(i) = def.positive.percent;
    dn.mutable_at(i) = dp.mutable_at(i) = ln.mutable_at(i) = lp.mutable_at(i) = al.mutable_at(i) = nan;
    if (r.known())
      for (ak::Sense sense : {ak::Sense::negative, ak::Sense::positive}) {
        const ak::EndDeficit& e = def[sense];
        if (e.kind == ak::NormKind::none) continue;
        std::optional<ak::Angle> other;
        if (ak::side_of(d) != ak::Side::none) {
          const double o = ak::reached_end(acc[ak::mirror(d)], sense, dopt.ends);
          if (o == o) other = ak::radians(o);
        }
        sentences.append(text(ak::describe(e, other)));
      }
    if (inv != ak::Side::none && ak::side_of(d) == inv) {
      const ak::DofRange u = acc[ak::mirror(d)];
      const ak::Asymmetry an = ak::asymmetry(r, u, ak::Sense::negative, dopt.ends);
      const ak::Asymmetry ap = ak::asymmetry(r, u, ak::Sense::positive, dopt.ends);
      dn.mutable_at(i) = an.difference;
      dp.mutable_at(i) = ap.difference;
      ln.mutable_at(i) = an.lsi;
      lp.mutable_at(i) = ap.lsi;
      al.mutable_at(i) = ap.arc_lsi;
      if (r.known() && u.known()) {
        asym_sentences.append(text(ak::describe(an)));
        asym_sentences.append(text(ak::describe(ap)));
      }
    }
  }
  py::dict out;
  out["frames"] = acc.frames();
  out["observed"] = obs;
  out["observed_fraction"] = frac;
  out["min"] = mn;
  out["max"] = mx;
  out["arc"] = arc;
  out["robust_low"] = rl;
  out["robust_high"] = rh;
  out["robust_error_bound"] = ak::to_radians(acc.robust_error_bound());
  out["min_frame"] = minf;
  out["max_frame"] = maxf;
  out["min_time_s"] = mint;
  out["max_time_s"] = maxt;
  out["normal_negative"] = nn;
  out["normal_positive"] = np_;
  out["shortfall_negative"] = sn;
  out["shortfall_positive"] = sp;
  out["percent_negative"] = pn;
  out["percent_positive"] = pp;
  out["difference_negative"] = dn;
  out["difference_positive"] = dp;
  out["lsi_negative"] = ln;
  out["lsi_positive"] = lp;
  out["arc_lsi"] = al;
  out["sentences"] = sentences;
  out["asymmetry_sentences"] = asym_sentences;
  return out;
}

py::object check_any(const py::object& angles, const std::optional<ak::Limits>& limits_arg,
                     const py::object& thoracolumbar, unsigned threads, bool statuses, const py::object& uncertainty_in,
                     const py::object& row_uncertainty, const py::object& input_kind, double coverage) {
  const ak::Limits limits = limits_arg ? *limits_arg : ak::Limits::defaults();
  const ak::Uncertainty uncertainty = uncertainty_arg(uncertainty_in, input_kind, coverage);
  if (py::isinstance<py::array>(angles)) {
    const auto a = angles.cast<py::array>();
    if (a.ndim() == 2) {
      if (!py::isinstance<Batch>(angles))
        type_error("check(): a batch must be a C-contiguous float64 array of shape (N, " + std::to_string(n_dofs) +
                   "); got dtype " + utf8(py::str(a.dtype())) +
                   (a.dtype().kind() == 'f' && a.itemsize() == 8 ? " (not C-contiguous)" : "") +
                   ". Batches are never copied implicitly: use np.ascontiguousarray(a, dtype=np.float64)");
      if (a.shape(1) != n_dofs)
        value_error("check(): a batch must have shape (N, " + std::to_string(n_dofs) + "), got (" +
                    std::to_string(a.shape(0)) + ", " + std::to_string(a.shape(1)) + ")");
      return check_batch(angles.cast<Batch>(), limits, thoracolumbar, threads, statuses, uncertainty, row_uncertainty);
    }
    if (a.ndim() != 1)
      value_error("check(): expected a dict, " + std::to_string(n_dofs) + " radians or an (N, " +
                  std::to_string(n_dofs) + ") array; got an array with " + std::to_string(a.ndim()) + " dimensions");
  }
  ak::Pose pose = pose_arg(angles);
  if (!thoracolumbar.is_none()) {
    const auto t = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(thoracolumbar);
    if (!t || t.size() != 3) value_error("thoracolumbar must be 3 radians (flexion, lateral flexion, rotation)");
    if (const auto bad = ak::find_infinity({}, {t.data(), 3})) value_error("check(): " + ak::describe(*bad, true));
    apply_thoracolumbar(pose, t.data());
  }
  if (!row_uncertainty.is_none()) value_error("check(): row_uncertainty is for a batch of poses");
  const ak::Report r = ak::check(pose, limits, uncertainty);  // refers to `limits`, alive until report_dict returns
  return report_dict(r);
}

// ---- nearest valid pose (docs/nearest.md) ------------------------------------------

py::dict nearest_any(const py::object& angles, const std::optional<ak::Limits>& limits_arg, const py::object& weights,
                     const py::object& thoracolumbar, bool within_tolerance, std::size_t max_iterations) {
  const ak::Limits limits = limits_arg ? *limits_arg : ak::Limits::defaults();
  ak::Pose pose = pose_arg(angles);
  if (!thoracolumbar.is_none()) {
    const auto t = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(thoracolumbar);
    if (!t || t.size() != 3) value_error("thoracolumbar must be 3 radians (flexion, lateral flexion, rotation)");
    if (const auto bad = ak::find_infinity({}, {t.data(), 3}))
      value_error("nearest_valid_pose(): " + ak::describe(*bad, true));
    apply_thoracolumbar(pose, t.data());
  }
  ak::NearestOptions o;
  o.within_tolerance = within_tolerance;
  o.max_iterations = max_iterations;
  if (py::isinstance<py::dict>(weights)) {
    OncePerDof once("weights dict");
    for (const auto& [k, v] : weights.cast<py::dict>()) {
      const auto key = py::reinterpret_borrow<py::object>(k);
      const ak::DofId d = dof_arg(key);
      once.add(d, utf8(py::str(key)));
      o.weights[ak::index(d)] = v.cast<double>();
    }
  } else if (!weights.is_none()) {
    const auto w = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(weights);
    if (!w || w.ndim() != 1 || w.shape(0) != n_dofs)
      value_error("weights must be None, a dict {DoF: weight} or " + std::to_string(n_dofs) + " numbers");
    std::copy_n(w.data(), ak::dof_count, o.weights.begin());
  }
  const ak::NearestResult r = ak::nearest_valid_pose(pose, limits, o);  // invalid_argument -> ValueError
  py::array_t<double> x(n_dofs), change(n_dofs), tl(3), tl_change(3);
  const auto& rad = r.pose.as_radians();
  const Eigen::Vector3d t = r.pose.thoracolumbar_radians();
  for (std::size_t i = 0; i < ak::dof_count; ++i) {
    x.mutable_data()[i] = rad[static_cast<Eigen::Index>(i)];
    change.mutable_data()[i] = r.change_radians[i];
  }
  for (int k = 0; k < 3; ++k) {
    tl.mutable_data()[k] = t[k];
    tl_change.mutable_data()[k] = r.thoracolumbar_change_radians[static_cast<std::size_t>(k)];
  }
  py::dict out;
  out["angles"] = x;
  out["status"] = text(ak::to_string(r.status));
  out["valid"] = r.valid();
  out["nearest"] = r.nearest;
  out["iterations"] = r.iterations;
  out["moved_count"] = r.moved_count;
  out["change"] = change;
  out["distance"] = r.distance_radians;
  out["thoracolumbar"] = tl;
  out["thoracolumbar_change"] = tl_change;
  return out;
}

// ---- kinematics -----------------------------------------------------------------

using Doubles = py::array_t<double, py::array::c_style | py::array::forcecast>;

std::string number_text(double v) { return utf8(py::repr(py::float_(v))); }

// Keypoints: NaN coordinates = a missing point; infinities are errors. Visibility: a number
// in [0, 1] per point (None: all 1); anything else (NaN, infinities, 1.5, -0.1) is an error.
py::object angles_from_keypoints(const py::object& xyz_in, const std::string& layout_name,
                                 const py::object& visibility_in, bool mirrored, double min_visibility,
                                 bool return_thoracolumbar, bool return_status, bool fast_trig) {
  const ak::Layout layout = layout_arg(layout_name);
  if (!(min_visibility >= 0 && min_visibility <= 1))
    value_error("angles_from_keypoints: min_visibility must be in [0, 1], got " + number_text(min_visibility));
  const auto k = static_cast<py::ssize_t>(ak::keypoint_count(layout));
  const auto xyz = Doubles::ensure(xyz_in);
  if (!xyz) type_error("angles_from_keypoints: keypoints must be a numeric array of shape (N, K, 3)");
  const bool single = xyz.ndim() == 2;
  if (!(xyz.ndim() == 3 || single) || xyz.shape(xyz.ndim() - 1) != 3 || xyz.shape(xyz.ndim() - 2) != k)
    value_error("angles_from_keypoints: layout " + layout_name + " needs shape (N, " + std::to_string(k) + ", 3) or (" +
                std::to_string(k) + ", 3)");
  const py::ssize_t n = single ? 1 : xyz.shape(0);
  const auto point = [&](py::ssize_t i) {  // "frame f, keypoint j" of flat point index i
    return (single ? std::string() : "frame " + std::to_string(i / k) + ", ") + "keypoint " + std::to_string(i % k);
  };
  const double* in = xyz.data();
  for (py::ssize_t i = 0; i < n * k * 3; ++i)
    if (std::isinf(in[i]))
      value_error("angles_from_keypoints: " + point(i / 3) + ": coordinate " + "xyz"[i % 3] + " is infinite" +
                  " (NaN means a missing point)");

  std::optional<Doubles> vis;  // absent: every point fully visible
  if (!visibility_in.is_none()) {
    vis = Doubles::ensure(visibility_in);
    if (!*vis) type_error("angles_from_keypoints: visibility must be a numeric array");
    const bool shape_ok =
        single ? vis->ndim() == 1 && vis->shape(0) == k : vis->ndim() == 2 && vis->shape(0) == n && vis->shape(1) == k;
    if (!shape_ok)
      value_error("angles_from_keypoints: visibility must have shape " +
                  (single ? "(" + std::to_string(k) + ",)" : "(" + std::to_string(n) + ", " + std::to_string(k) + ")") +
                  ", like the keypoints without their last axis");
    const double* v = vis->data();
    for (py::ssize_t i = 0; i < n * k; ++i)
      if (!(v[i] >= 0 && v[i] <= 1))
        value_error("angles_from_keypoints: " + point(i) + ": visibility " + number_text(v[i]) +
                    " is not in [0, 1] (a missing point has NaN coordinates or visibility 0)");
  }
  ak::KeypointOptions opt;
  opt.mirrored = mirrored;
  opt.min_visibility = min_visibility;
  opt.angles.fast_trig = fast_trig;
  py::array_t<double> out({n, n_dofs});
  py::array_t<double> tl({n, static_cast<py::ssize_t>(3)});
  py::array_t<std::uint8_t> status({n, n_dofs});  // DofStatus codes (arthrokin.DOF_STATUSES)
  py::array_t<std::uint8_t> tl_status({n, static_cast<py::ssize_t>(3)});
  double* o = out.mutable_data();
  double* t = tl.mutable_data();
  std::uint8_t* st = status.mutable_data();
  std::uint8_t* tst = tl_status.mutable_data();
  const double* v = vis ? vis->data() : nullptr;
  {
    py::gil_scoped_release release;
    for (py::ssize_t f = 0; f < n; ++f) {
      const ak::KeypointView view{
          layout, std::span<const double>(in + f * k * 3, static_cast<std::size_t>(k * 3)),
          v ? std::span<const double>(v + f * k, static_cast<std::size_t>(k)) : std::span<const double>{}};
      const ak::JointAngles a = ak::keypoint_angles(view, opt);
      Eigen::Map<ak::PoseVector>(o + f * n_dofs) = a.pose.as_radians();
      Eigen::Map<Eigen::Vector3d>(t + f * 3) = a.pose.thoracolumbar_radians();
      for (py::ssize_t d = 0; d < n_dofs; ++d)
        st[f * n_dofs + d] = static_cast<std::uint8_t>(a.status[static_cast<std::size_t>(d)]);
      for (py::ssize_t j = 0; j < 3; ++j)
        tst[f * 3 + j] = static_cast<std::uint8_t>(a.thoracolumbar_status[static_cast<std::size_t>(j)]);
    }
  }
  py::object angles = out, totals = tl, st_out = status, tst_out = tl_status;
  if (single) {
    angles = out.attr("reshape")(n_dofs);
    totals = tl.attr("reshape")(3);
    st_out = status.attr("reshape")(n_dofs);
    tst_out = tl_status.attr("reshape")(3);
  }
  if (return_thoracolumbar && return_status) return py::make_tuple(angles, totals, st_out, tst_out);
  if (return_thoracolumbar) return py::make_tuple(angles, totals);
  if (return_status) return py::make_tuple(angles, st_out);
  return angles;
}

// ---- inclinations (inclination.hpp) ------------------------------------------------

ak::UpAxis up_arg(const std::string& fn, const std::string& up) {
  if (up == "y_up") return ak::UpAxis::y_up;
  if (up == "y_down") return ak::UpAxis::y_down;
  if (up == "z_up") return ak::UpAxis::z_up;
  value_error(fn + ": up must be 'y_up', 'y_down' or 'z_up', got '" + up + "'");
}

// Points (K, dims) or (N, K, dims): dims 2 → image_inclinations, 3 → gravity_inclinations.
py::array_t<double> inclinations_py(const std::string& fn, std::size_t dims, const py::object& pts_in,
                                    const std::string& layout_name, const py::object& visibility_in,
                                    double aspect_ratio, const std::string& up, bool mirrored, double min_visibility) {
  const ak::Layout layout = layout_arg(layout_name);
  const auto k = static_cast<py::ssize_t>(ak::keypoint_count(layout));
  const auto d = static_cast<py::ssize_t>(dims);
  const auto pts = Doubles::ensure(pts_in);
  if (!pts) type_error(fn + ": points must be a numeric array");
  const bool single = pts.ndim() == 2;
  if (!(pts.ndim() == 3 || single) || pts.shape(pts.ndim() - 1) != d || pts.shape(pts.ndim() - 2) != k)
    value_error(fn + ": layout " + layout_name + " needs shape (N, " + std::to_string(k) + ", " + std::to_string(d) +
                ") or (" + std::to_string(k) + ", " + std::to_string(d) + ")");
  const py::ssize_t n = single ? 1 : pts.shape(0);
  std::optional<Doubles> vis;
  if (!visibility_in.is_none()) {
    vis = Doubles::ensure(visibility_in);
    const bool ok = *vis && (single ? vis->ndim() == 1 && vis->shape(0) == k
                                    : vis->ndim() == 2 && vis->shape(0) == n && vis->shape(1) == k);
    if (!ok) value_error(fn + ": visibility must have the shape of the points without their last axis");
  }
  if (!(min_visibility >= 0 && min_visibility <= 1))
    value_error(fn + ": min_visibility must be in [0, 1], got " + number_text(min_visibility));
  ak::KeypointOptions opt;
  opt.mirrored = mirrored;
  opt.min_visibility = min_visibility;
  opt.up = up_arg(fn, up);
  const auto kk = static_cast<std::size_t>(k);
  py::array_t<double> out = single ? py::array_t<double>(static_cast<py::ssize_t>(ak::inclination_count))
                                   : py::array_t<double>({n, static_cast<py::ssize_t>(ak::inclination_count)});
  double* o = out.mutable_data();
  for (py::ssize_t f = 0; f < n; ++f) {
    const std::span<const double> p(pts.data() + f * k * d, kk * dims);
    const std::span<const double> v =
        vis ? std::span<const double>(vis->data() + f * k, kk) : std::span<const double>{};
    ak::Inclinations r;
    try {
      r = dims == 2 ? ak::image_inclinations({layout, p, v, aspect_ratio}, opt)
                    : ak::gravity_inclinations({layout, p, v}, opt);
    } catch (const ak::invalid_argument& e) {
      value_error(fn + ": " + (single ? std::string() : "frame " + std::to_string(f) + ": ") + e.what());
    }
    std::copy(r.rad.begin(), r.rad.end(), o + f * static_cast<py::ssize_t>(ak::inclination_count));
  }
  return out;
}

py::array_t<double> inclinations_of_results(const std::vector<ak::FitResult>& res) {
  const auto n = static_cast<py::ssize_t>(res.size());
  py::array_t<double> out({n, static_cast<py::ssize_t>(ak::inclination_count)});
  for (std::size_t i = 0; i < res.size(); ++i)
    std::copy(res[i].inclinations.rad.begin(), res[i].inclinations.rad.end(),
              out.mutable_data() + i * ak::inclination_count);
  return out;
}

// ---- the skeleton fitter (docs/fitter.md) ---------------------------------------

ak::FitterOptions fitter_options(const std::string& fn, bool mirrored, double min_visibility, int depth_axis,
                                 double lateral_sigma, double depth_factor, double acceleration_psd,
                                 std::size_t length_frames, const std::string& up = "y_up") {
  if (!(min_visibility >= 0 && min_visibility <= 1))
    value_error(fn + ": min_visibility must be in [0, 1], got " + number_text(min_visibility));
  ak::FitterOptions o;
  o.keypoints.mirrored = mirrored;
  o.keypoints.min_visibility = min_visibility;
  o.keypoints.up = up_arg(fn, up);
  o.depth_axis = depth_axis;
  o.lateral_sigma = lateral_sigma;
  o.depth_factor = depth_factor;
  o.acceleration_psd = acceleration_psd;
  o.length_frames = length_frames;
  return o;
}

void put_result(const ak::FitResult& r, double* angles, double* sigma) {
  Eigen::Map<ak::PoseVector> out(angles);
  out = r.angles.pose.as_radians();
  std::copy(r.sigma_rad.begin(), r.sigma_rad.end(), sigma);
}

// Whole sequence: keypoints (N, K, 3), times (N,) seconds, visibility (N, K) or None.
// The aspect ratio width / height of image_size=(width, height).
double aspect_of(const std::string& fn, const py::object& image_size) {
  if (image_size.is_none()) value_error(fn + ": image landmarks need image_size=(width, height)");
  const auto wh = image_size.cast<std::vector<double>>();
  if (wh.size() != 2 || !(wh[0] > 0 && std::isfinite(wh[0])) || !(wh[1] > 0 && std::isfinite(wh[1])))
    value_error(fn + ": image_size must be (width, height), both positive and finite");
  return wh[0] / wh[1];
}

ak::LengthProjection length_projection_arg(const std::string& fn, const std::string& s) {
  if (s == "radial") return ak::LengthProjection::radial;
  if (s == "weighted") return ak::LengthProjection::weighted;
  value_error(fn + ": length_projection must be 'radial' or 'weighted', got '" + s + "'");
}

py::dict fit_keypoints(const py::object& xyz_in, const py::object& times_in, const std::string& layout_name,
                       const py::object& visibility_in, const std::string& mode, bool mirrored, double min_visibility,
                       int depth_axis, double lateral_sigma, double depth_factor, double acceleration_psd,
                       std::size_t length_frames, const std::string& up, const py::object& image_in,
                       const py::object& image_size, const py::object& image_visibility_in, double image_sigma,
                       const std::string& length_projection) {
  const std::string fn = "fit_keypoints";
  const ak::Layout layout = layout_arg(layout_name);
  if (mode != "online" && mode != "offline")
    value_error(fn + ": mode must be 'online' or 'offline', got '" + mode + "'");
  const auto k = static_cast<py::ssize_t>(ak::keypoint_count(layout));
  const auto xyz = Doubles::ensure(xyz_in);
  if (!xyz || xyz.ndim() != 3 || xyz.shape(1) != k || xyz.shape(2) != 3)
    value_error(fn + ": layout " + layout_name + " needs keypoints of shape (N, " + std::to_string(k) + ", 3)");
  const py::ssize_t n = xyz.shape(0);
  const auto times = Doubles::ensure(times_in);
  if (!times || times.ndim() != 1 || times.shape(0) != n)
    value_error(fn + ": times must have shape (" + std::to_string(n) + ",), one per frame, in seconds");
  std::optional<Doubles> vis;
  if (!visibility_in.is_none()) {
    vis = Doubles::ensure(visibility_in);
    if (!*vis || vis->ndim() != 2 || vis->shape(0) != n || vis->shape(1) != k)
      value_error(fn + ": visibility must have shape (" + std::to_string(n) + ", " + std::to_string(k) + ")");
  }
  ak::FitterOptions o = fitter_options(fn, mirrored, min_visibility, depth_axis, lateral_sigma, depth_factor,
                                       acceleration_psd, length_frames, up);
  o.image_sigma = image_sigma;
  o.length_projection = length_projection_arg(fn, length_projection);
  const auto nn = static_cast<std::size_t>(n), kk = static_cast<std::size_t>(k);
  std::optional<Doubles> img, img_vis;
  double aspect = 1.0;
  if (!image_in.is_none()) {
    img = Doubles::ensure(image_in);
    if (!*img || img->ndim() != 3 || img->shape(0) != n || img->shape(1) != k || img->shape(2) != 2)
      value_error(fn + ": image landmarks must have shape (" + std::to_string(n) + ", " + std::to_string(k) +
                  ", 2), normalised x, y of the image");
    aspect = aspect_of(fn, image_size);
    if (!image_visibility_in.is_none()) {
      img_vis = Doubles::ensure(image_visibility_in);
      if (!*img_vis || img_vis->ndim() != 2 || img_vis->shape(0) != n || img_vis->shape(1) != k)
        value_error(fn + ": image_visibility must have shape (" + std::to_string(n) + ", " + std::to_string(k) + ")");
    }
  } else if (!image_visibility_in.is_none()) {
    value_error(fn + ": image_visibility without image landmarks");
  }
  const std::span<const double> all(xyz.data(), nn * kk * 3), ts(times.data(), nn);
  const std::span<const double> vs = vis ? std::span<const double>(vis->data(), nn * kk) : std::span<const double>{};
  const std::span<const double> is =
      img ? std::span<const double>(img->data(), nn * kk * 2) : std::span<const double>{};
  const std::span<const double> ivs =
      img_vis ? std::span<const double>(img_vis->data(), nn * kk) : std::span<const double>{};
  std::vector<ak::FitResult> res;
  try {
    py::gil_scoped_release release;
    if (mode == "offline") {
      res = ak::fit_sequence(layout, all, vs, ts, o, is, ivs, aspect);
    } else {
      ak::SkeletonFitter f(layout, o);
      res.reserve(nn);
      for (std::size_t i = 0; i < nn; ++i) {
        const ak::KeypointView v{layout, all.subspan(i * kk * 3, kk * 3),
                                 vs.empty() ? std::span<const double>{} : vs.subspan(i * kk, kk)};
        try {
          if (is.empty()) {
            res.push_back(f.update(v, ts[i]));
          } else {
            const ak::ImageKeypointView iv{layout, is.subspan(i * kk * 2, kk * 2),
                                           ivs.empty() ? std::span<const double>{} : ivs.subspan(i * kk, kk), aspect};
            res.push_back(f.update(v, iv, ts[i]));
          }
        } catch (const ak::invalid_argument& e) {
          throw ak::invalid_argument("frame " + std::to_string(i) + ": " + e.what());
        }
      }
    }
  } catch (const ak::invalid_argument& e) {
    value_error(fn + ": " + e.what());
  }
  py::array_t<double> angles({n, n_dofs}), sigma({n, n_dofs}), tl({n, static_cast<py::ssize_t>(3)});
  py::list swap, state;
  for (std::size_t i = 0; i < nn; ++i) {
    put_result(res[i], angles.mutable_data() + i * ak::dof_count, sigma.mutable_data() + i * ak::dof_count);
    Eigen::Map<Eigen::Vector3d>(tl.mutable_data() + i * 3) = res[i].angles.pose.thoracolumbar_radians();
    swap.append(text(ak::to_string(res[i].swap)));
    state.append(text(ak::to_string(res[i].state)));
  }
  py::dict out;
  out["angles"] = angles;
  out["sigma"] = sigma;
  out["thoracolumbar"] = tl;
  out["swap"] = swap;
  out["state"] = state;
  out["inclinations"] = inclinations_of_results(res);
  return out;
}

// Frame by frame.
class PyFitter {
 public:
  PyFitter(const std::string& layout_name, bool mirrored, double min_visibility, int depth_axis, double lateral_sigma,
           double depth_factor, double acceleration_psd, std::size_t length_frames, const std::string& up,
           double image_sigma, const std::string& length_projection)
      : layout_(layout_arg(layout_name)),
        fitter_(layout_,
                with_image_sigma(fitter_options("SkeletonFitter", mirrored, min_visibility, depth_axis, lateral_sigma,
                                                depth_factor, acceleration_psd, length_frames, up),
                                 image_sigma, length_projection)) {}

  static ak::FitterOptions with_image_sigma(ak::FitterOptions o, double image_sigma,
                                            const std::string& length_projection) {
    o.image_sigma = image_sigma;
    o.length_projection = length_projection_arg("SkeletonFitter", length_projection);
    return o;
  }

  // One frame of normalised 2D landmarks (K, 2) with the image's aspect ratio (width / height).
  py::dict update_image(const py::object& xy_in, double t_s, double aspect_ratio, const py::object& visibility_in) {
    const auto k = static_cast<py::ssize_t>(ak::keypoint_count(layout_));
    const auto xy = Doubles::ensure(xy_in);
    if (!xy || xy.ndim() != 2 || xy.shape(0) != k || xy.shape(1) != 2)
      value_error("SkeletonFitter.update_image: landmarks must have shape (" + std::to_string(k) + ", 2)");
    std::optional<Doubles> vis;
    if (!visibility_in.is_none()) {
      vis = Doubles::ensure(visibility_in);
      if (!*vis || vis->ndim() != 1 || vis->shape(0) != k)
        value_error("SkeletonFitter.update_image: visibility must have shape (" + std::to_string(k) + ",)");
    }
    const auto kk = static_cast<std::size_t>(k);
    const ak::ImageKeypointView v{layout_, std::span<const double>(xy.data(), kk * 2),
                                  vis ? std::span<const double>(vis->data(), kk) : std::span<const double>{},
                                  aspect_ratio};
    ak::FitResult r;
    try {
      r = fitter_.update_image(v, t_s);
    } catch (const ak::invalid_argument& e) {
      value_error(std::string("SkeletonFitter.update_image: ") + e.what());
    }
    return result_dict(r);
  }

  py::dict update(const py::object& xyz_in, double t_s, const py::object& visibility_in, const py::object& image_in,
                  const py::object& image_size, const py::object& image_visibility_in) {
    const auto k = static_cast<py::ssize_t>(ak::keypoint_count(layout_));
    const auto xyz = Doubles::ensure(xyz_in);
    if (!xyz || xyz.ndim() != 2 || xyz.shape(0) != k || xyz.shape(1) != 3)
      value_error("SkeletonFitter.update: keypoints must have shape (" + std::to_string(k) + ", 3)");
    std::optional<Doubles> vis;
    if (!visibility_in.is_none()) {
      vis = Doubles::ensure(visibility_in);
      if (!*vis || vis->ndim() != 1 || vis->shape(0) != k)
        value_error("SkeletonFitter.update: visibility must have shape (" + std::to_string(k) + ",)");
    }
    const auto kk = static_cast<std::size_t>(k);
    const ak::KeypointView v{layout_, std::span<const double>(xyz.data(), kk * 3),
                             vis ? std::span<const double>(vis->data(), kk) : std::span<const double>{}};
    std::optional<Doubles> img, img_vis;
    if (!image_in.is_none()) {
      img = Doubles::ensure(image_in);
      if (!*img || img->ndim() != 2 || img->shape(0) != k || img->shape(1) != 2)
        value_error("SkeletonFitter.update: image landmarks must have shape (" + std::to_string(k) + ", 2)");
      if (!image_visibility_in.is_none()) {
        img_vis = Doubles::ensure(image_visibility_in);
        if (!*img_vis || img_vis->ndim() != 1 || img_vis->shape(0) != k)
          value_error("SkeletonFitter.update: image_visibility must have shape (" + std::to_string(k) + ",)");
      }
    } else if (!image_visibility_in.is_none()) {
      value_error("SkeletonFitter.update: image_visibility without image landmarks");
    }
    const double aspect = img ? aspect_of("SkeletonFitter.update", image_size) : 1.0;
    ak::FitResult r;
    try {
      if (img) {
        const ak::ImageKeypointView iv{
            layout_, std::span<const double>(img->data(), kk * 2),
            img_vis ? std::span<const double>(img_vis->data(), kk) : std::span<const double>{}, aspect};
        r = fitter_.update(v, iv, t_s);
      } else {
        r = fitter_.update(v, t_s);
      }
    } catch (const ak::invalid_argument& e) {
      value_error(std::string("SkeletonFitter.update: ") + e.what());
    }
    return result_dict(r);
  }
  static py::dict result_dict(const ak::FitResult& r) {
    py::array_t<double> angles(n_dofs), sigma(n_dofs), incl(static_cast<py::ssize_t>(ak::inclination_count));
    put_result(r, angles.mutable_data(), sigma.mutable_data());
    std::copy(r.inclinations.rad.begin(), r.inclinations.rad.end(), incl.mutable_data());
    py::dict out;
    out["angles"] = angles;
    out["sigma"] = sigma;
    out["swap"] = text(ak::to_string(r.swap));
    out["state"] = text(ak::to_string(r.state));
    out["inclinations"] = incl;
    return out;
  }
  void reset() { fitter_.reset(); }
  std::vector<double> segment_lengths() const {
    const auto l = fitter_.segment_lengths();
    return {l.begin(), l.end()};
  }

 private:
  ak::Layout layout_;
  ak::SkeletonFitter fitter_;
};

// A path as str, bytes or os.PathLike (undecodable file names included, via os.fsencode).
// A NUL byte would end the path early in the C library (another file): rejected, as open() does.
std::string path_arg(const py::object& path, std::string_view function) {
  const py::object b = py::module_::import("os").attr("fsencode")(path);
  std::string s = b.cast<std::string>();
  if (s.find('\0') != std::string::npos)
    value_error(std::string(function) + ": path contains a NUL byte: '" + shown(s) + "'");
  return s;
}

// The calibration of read_bvh's neutral_* arguments (none when neutral_frames is None).
std::optional<ak::NeutralCalibration> bvh_calibration(const ak::io::BvhFile& file, const ak::io::BvhBinding& binding,
                                                      const py::object& neutral_frames, const std::string& neutral,
                                                      const py::object& neutral_segments, double max_offset_deg) {
  if (neutral_frames.is_none()) return std::nullopt;
  const auto posture = ak::parse_neutral(neutral);
  if (!posture)
    value_error("read_bvh: neutral must be 'standing', 'anatomical' or 't-pose', got '" + shown(neutral) + "'");
  std::vector<Eigen::Index> frames;
  if (py::isinstance<py::int_>(neutral_frames)) {
    frames.push_back(neutral_frames.cast<Eigen::Index>());
  } else {
    for (const auto& f : neutral_frames) {
      if (!py::isinstance<py::int_>(f)) value_error("read_bvh: neutral_frames must be an int or a sequence of ints");
      frames.push_back(f.cast<Eigen::Index>());
    }
  }
  if (frames.empty()) value_error("read_bvh: neutral_frames is empty");
  ak::CalibrationOptions o;
  if (!(max_offset_deg >= 0) || !std::isfinite(max_offset_deg))
    value_error("read_bvh: neutral_max_offset must be a non-negative number of degrees");
  o.max_offset_rad = ak::deg_to_rad(max_offset_deg);
  if (!neutral_segments.is_none()) {
    o.segments.reset();
    for (const auto& item : neutral_segments) {
      const std::string name = item.cast<std::string>();
      const auto it = std::find(ak::segment_names.begin(), ak::segment_names.end(), name);
      if (it == ak::segment_names.end())
        value_error("read_bvh: unknown segment '" + shown(name) + "' in neutral_segments");
      o.segments.set(static_cast<std::size_t>(it - ak::segment_names.begin()));
    }
  }
  return ak::io::bvh_calibrate_neutral(file, binding, frames, *posture, o);
}

// The joint-name mapping of read_bvh(mapping=...): None (the built-in names), a path to a mapping
// file, or a dict {"joint name": "segment[:proximal|:distal]"} (io::parse_bvh_mapping_json).
std::optional<ak::io::BvhMappingFile> bvh_mapping_arg(const py::object& mapping) {
  if (mapping.is_none()) return std::nullopt;
  if (py::isinstance<py::dict>(mapping)) {
    for (const auto& kv : mapping.cast<py::dict>())
      if (!py::isinstance<py::str>(kv.first) || !py::isinstance<py::str>(kv.second))
        raise(PyExc_TypeError, "read_bvh: mapping: keys and values must be str (joint name -> segment)");
    const std::string json = py::module_::import("json").attr("dumps")(mapping).cast<std::string>();
    return ak::io::parse_bvh_mapping_json(json, "mapping");
  }
  return ak::io::read_bvh_mapping_json(path_arg(mapping, "read_bvh: mapping"));
}

py::dict read_bvh(const py::object& path_in, const py::object& mapping, const py::object& neutral_frames,
                  const std::string& neutral, const py::object& neutral_segments, double neutral_max_offset) {
  const std::string path = path_arg(path_in, "read_bvh");
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  if (st.type() == std::filesystem::file_type::not_found)
    raise(PyExc_FileNotFoundError, "read_bvh: no such file: '" + shown(path) + "'");
  if (st.type() == std::filesystem::file_type::directory)
    raise(PyExc_IsADirectoryError, "read_bvh: is a directory: '" + shown(path) + "'");
  const std::optional<ak::io::BvhMappingFile> map = bvh_mapping_arg(mapping);
  const ak::io::BvhFile file = ak::io::read_bvh(path);
  const auto n = static_cast<py::ssize_t>(file.frame_count());
  py::array_t<double> angles({n, n_dofs});
  py::array_t<double> tl({n, static_cast<py::ssize_t>(3)});
  const ak::io::BvhBinding binding = ak::io::bind_bvh(file, map ? map->mapping : ak::io::cmu_mapping());
  const std::optional<ak::NeutralCalibration> cal =
      bvh_calibration(file, binding, neutral_frames, neutral, neutral_segments, neutral_max_offset);
  {
    py::gil_scoped_release release;
    ak::io::BvhPoseWorkspace ws(file);
    ak::Pose pose;
    double* o = angles.mutable_data();
    double* t = tl.mutable_data();
    for (py::ssize_t f = 0; f < n; ++f) {
      ak::io::bvh_frame_pose(file, binding, f, ws, pose, {}, cal ? &*cal : nullptr);
      Eigen::Map<ak::PoseVector>(o + f * n_dofs) = pose.as_radians();
      Eigen::Map<Eigen::Vector3d>(t + f * 3) = pose.thoracolumbar_radians();
    }
  }
  py::list joints;
  for (const auto& j : file.joints) joints.append(text(j.name));
  py::dict out;
  out["frame_time"] = file.frame_time;
  out["frame_count"] = n;
  out["joints"] = joints;
  out["angles"] = angles;
  out["thoracolumbar"] = tl;
  if (map) {  // the mapping's joint names that name no joint of this file (a likely typo)
    py::list unmatched;
    for (const auto& j : ak::io::bvh_mapping_unmatched(file, map->joints)) unmatched.append(text(j));
    out["mapping_unmatched"] = unmatched;
  }
  if (cal) {
    py::dict offsets;  // segment → degrees of its correction (calibrated segments only)
    for (std::size_t i = 0; i < ak::segment_count; ++i) {
      const auto sgm = static_cast<ak::Segment>(i);
      if (cal->calibrated(sgm))
        offsets[text(std::string(ak::to_string(sgm)))] = ak::rad_to_deg(cal->offset_angle_rad(sgm));
    }
    out["neutral_offsets_deg"] = offsets;
  }
  return out;
}

// ---- anatomy --------------------------------------------------------------------

// The motions of `arthrokin muscles movers`: a DoF direction or "thoracolumbar <direction>"
// (ak::parse_motion); the fields of its JSON rows.
py::list movers(const std::string& motion, const std::optional<std::string>& side, bool include_claims) {
  const auto parsed = ak::parse_motion(motion);
  const ak::Motion m = parsed ? *parsed : ak::Motion::of(parse_dof_name(motion));  // raises "unknown DoF name"
  ak::MuscleQueryOptions o;
  o.include_claims = include_claims;
  py::list out;
  for (const auto& mv : ak::movers(m, side_arg(side), o)) {
    py::dict d;
    d["muscle"] = text(ak::to_string(mv.muscle.id));
    d["side"] = text(ak::to_string(mv.muscle.side));
    d["role"] = text(ak::to_string(mv.action->role));
    d["action"] = text(mv.action->action_name);
    d["source"] = text(mv.action->source);
    d["tag"] = tag_text(mv.action->provenance);
    d["unverified"] = mv.unverified();
    d["notes"] = text(mv.action->notes);
    out.append(d);
  }
  return out;
}

py::list load_list(const ak::MuscleLoadList& l) {
  py::list out;
  for (const auto& m : l) {
    py::dict d;
    d["muscle"] = text(ak::to_string(m.muscle.id));
    d["side"] = text(ak::to_string(m.muscle.side));
    d["score_rad"] = m.score_rad;                  // as in the CLI's JSON and CSV
    d["score_deg"] = ak::rad_to_deg(m.score_rad);  // documented alias (docs/python.md)
    d["unverified"] = m.unverified;
    d["secondary"] = m.secondary;
    d["claim"] = m.claim;
    d["uncertain"] = m.uncertain;
    d["partial"] = m.partial;
    out.append(d);
  }
  return out;
}

py::dict muscle_lengths(const py::object& angles, const py::object& reference) {
  const ak::Pose pose = pose_arg(angles);
  const ak::MuscleLengthReport r =
      reference.is_none() ? ak::muscle_lengths(pose) : ak::muscle_lengths(pose, pose_arg(reference));
  py::dict out;
  out["lengthened"] = load_list(r.lengthened);
  out["shortened"] = load_list(r.shortened);
  py::list unknown;
  for (auto d : ak::all_dofs)
    if (r.unknown_dofs.test(ak::index(d))) unknown.append(text(ak::to_string(d)));
  out["unknown_dofs"] = unknown;
  return out;
}

// ---- exercise monitor -------------------------------------------------------------

// The exercise is held by pointer so that the monitor's reference stays valid.
class PyMonitor {
 public:
  PyMonitor() : ex_(std::make_unique<ak::Exercise>(ak::lumbar_spine_rocking_stretch())), mon_(*ex_) {}

  py::list update(double t_s, const py::object& angles) {
    const ak::Pose pose = pose_arg(angles);
    py::list out;
    for (const auto& c : mon_.update(t_s, pose)) out.append(cue(c));
    return out;
  }
  void finish() { mon_.finish(); }

  py::dict summary() const {
    py::dict d;
    d["exercise"] = text(ex_->name);
    d["frames"] = mon_.frames();
    d["repetitions"] = mon_.repetitions();
    d["duration_s"] = mon_.duration_s();
    d["gaps"] = mon_.gaps();
    d["phase"] = text(ak::to_string(mon_.phase()));
    py::dict time_in;
    for (auto p : {ak::Phase::unknown, ak::Phase::centre, ak::Phase::left, ak::Phase::right})
      time_in[text(ak::to_string(p))] = mon_.time_in(p);
    d["time_in_phase_s"] = time_in;
    const auto l = mon_.phase_peak_deg(ak::Phase::left), r = mon_.phase_peak_deg(ak::Phase::right);
    d["peak_left_deg"] = l ? py::cast(*l) : py::none();
    d["peak_right_deg"] = r ? py::cast(*r) : py::none();
    py::list bands;
    for (std::size_t b = 0; b < ex_->bands.size(); ++b) {
      py::dict bd;
      bd["id"] = text(ex_->bands[b].id);
      bd["label"] = text(ex_->bands[b].label);
      const auto asym = mon_.asymmetry_deg(b);
      bd["asymmetry_deg"] = asym ? py::cast(*asym) : py::none();
      bands.append(bd);
    }
    d["bands"] = bands;
    d["out_of_band_intervals"] = mon_.intervals().size();
    return d;
  }

 private:
  static py::dict cue(const ak::CueEvent& c) {
    constexpr std::array<const char*, 9> kinds = {"exceeds_upper", "below_lower",  "target_not_reached",
                                                  "back_in_band",  "dofs_unknown", "phase_change",
                                                  "repetition",    "frame_gap",    "frame_ignored"};
    const auto k = static_cast<std::size_t>(c.kind);
    py::dict d;
    d["kind"] = text(k < kinds.size() ? kinds[k] : "unknown");
    d["t_s"] = c.t_s;
    d["side"] = text(ak::to_string(c.side));
    d["value_deg"] = c.value_deg;
    d["limit_deg"] = c.limit_deg;
    d["message"] = text(c.message());
    return d;
  }
  std::unique_ptr<ak::Exercise> ex_;
  ak::Monitor mon_;
};

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "arthrokin: is a pose within the normal range of movement? (C++ core, numpy batches)";
  parse_error_type = py::exception<ak::parse_error>(m, "ParseError", PyExc_ValueError).inc_ref().ptr();
  py::register_local_exception_translator(translate);
  m.attr("__version__") = ARTHROKIN_VERSION_STRING;
  bind_frames(m);

  m.attr("DOF_COUNT") = ak::dof_count;
  m.attr("STATUSES") = py::make_tuple("within", "below", "above", "unknown", "no_limit", "not_checked",
                                      "possibly_below", "possibly_above");
  m.attr("VERDICTS") =
      py::make_tuple("within_range", "out_of_range", "unknown", "possibly_out_of_range", "within_range_partial");
  m.attr("INPUT_KINDS") = py::make_tuple("goniometer", "marker_mocap", "imu", "monocular_keypoints");
  m.attr("LAYOUTS") = py::make_tuple("blazepose33", "coco17", "h36m17", "smpl24");

  m.def(
      "dofs",
      [] {
        py::list v;
        for (auto d : ak::all_dofs) v.append(text(ak::to_string(d)));
        return v;
      },
      "The DOF_COUNT DoF identifiers, in index order (the columns of an (N, DOF_COUNT) batch).");
  m.def(
      "dof_index", [](const std::string& name) { return ak::index(parse_dof_name(name).dof); }, py::arg("name"),
      "Index of a DoF from any of its names.");
  m.def(
      "display_name", [](const std::string& name) { return text(ak::display_name(parse_dof_name(name).dof)); },
      py::arg("name"));

  py::class_<ak::Limits>(m, "Limits", "The limits a pose is checked against (value type: methods return a new Limits).")
      .def_static(
          "defaults",
          [](const std::string& context) {
            const auto c = ak::parse_context(context);
            if (!c)
              value_error("unknown context '" + shown(context) +
                          "' (one of 'unspecified', 'passive', 'active', 'weight_bearing')");
            return ak::Limits::defaults(*c);
          },
          py::arg("context") = "unspecified",
          "The default limits (docs/sources.md); `context` chooses the norms measured in that context "
          "where they exist ('passive', 'active', 'weight_bearing'), the default elsewhere.")
      .def_static(
          "from_source",
          [](const std::string& key) {
            if (!ak::find_source(key))
              value_error("unknown source key '" + shown(key) + "' (data/reference/SOURCES.md)");
            return ak::Limits::from_source(key);
          },
          py::arg("key"), "One source's values where it has them, the defaults elsewhere.")
      .def(
          "override",
          [](const ak::Limits& l, const py::object& dof, double lower_deg, double upper_deg,
             const std::string& reason) {
            if (reason.find('\0') != std::string::npos) value_error("override: reason contains a NUL character");
            ak::Limits c = l;
            // At most reason_bytes are kept: cut at a character boundary here, not inside one.
            c.override_dof(dof_arg(dof), ak::degrees(lower_deg), ak::degrees(upper_deg),
                           ak::detail::truncate_utf8(reason, reason_bytes));
            return c;
          },
          py::arg("dof"), py::arg("lower_deg"), py::arg("upper_deg"), py::arg("reason") = "patient override",
          "A copy with the range of one DoF replaced (degrees, lower < upper).")
      .def(
          "tolerance",
          [](const ak::Limits& l, double deg) {
            ak::Limits c = l;
            c.with_tolerance(ak::degrees(deg));
            return c;
          },
          py::arg("degrees"), "A copy where values beyond a limit by no more than `degrees` count as within.")
      .def(
          "restrict",
          [](const ak::Limits& l, const std::vector<std::string>& joints) {
            std::vector<ak::Joint> js;
            for (const auto& s : joints) {
              const auto j = ak::parse_joint(s);
              if (!j) value_error("unknown joint '" + shown(s) + "'");
              js.push_back(*j);
            }
            ak::Limits c = l;
            restrict_dynamic(c, js);
            return c;
          },
          py::arg("joints"), "A copy that checks only the DoFs of these joints (others: not_checked).")
      .def(
          "shoulder_region",
          [](const ak::Limits& l, bool on) {
            ak::Limits c = l;
            c.with_shoulder_region(on);
            return c;
          },
          py::arg("on"),
          "A copy where the shoulder is checked as a region (True, the default; docs/shoulder-region.md) or each "
          "shoulder DoF against its own range (False).")
      .def(
          "two_joint_limits",
          [](const ak::Limits& l, bool on) {
            ak::Limits c = l;
            c.with_two_joint_limits(on);
            return c;
          },
          py::arg("on"),
          "A copy with the two-joint limits on (True, the default: hip flexion limited by the hamstrings when the "
          "knee is straight; docs/two-joint-limits.md) or off (False: hip flexion against its own range).")
      .def_property_readonly("uses_shoulder_region", &ak::Limits::uses_shoulder_region)
      .def_property_readonly("uses_two_joint_limits", &ak::Limits::uses_two_joint_limits)
      .def_property_readonly("tolerance_deg", [](const ak::Limits& l) { return ak::to_degrees(l.tolerance()); })
      .def_property_readonly(
          "context", [](const ak::Limits& l) { return text(ak::to_string(l.context())); },
          "The measurement context the limits were chosen for ('unspecified' unless Limits.defaults(context=...)).")
      .def(
          "bounds",
          [](const ak::Limits& l, const py::object& dof) {
            const auto d = dof_arg(dof);
            py::dict o;
            o["lower"] = bound_dict(l[d].lower);
            o["upper"] = bound_dict(l[d].upper);
            o["active"] = l.active(d);
            return o;
          },
          py::arg("dof"), "The range of one DoF: lower/upper degrees, source, tag, citation.")
      .def("__repr__", [](const ak::Limits& l) {
        return text("<arthrokin.Limits tolerance=" + ak::format_degrees(ak::to_degrees(l.tolerance())) + ">");
      });

  m.def("check", &check_any, py::arg("angles"), py::arg("limits") = py::none(), py::kw_only(),
        py::arg("thoracolumbar") = py::none(), py::arg("threads") = 1u, py::arg("statuses") = true,
        py::arg("uncertainty") = py::none(), py::arg("row_uncertainty") = py::none(),
        py::arg("input_kind") = py::none(), py::arg("coverage") = ak::Uncertainty::default_coverage,
        "Check one pose (dict of degrees, or DOF_COUNT radians) -> dict; or an (N, DOF_COUNT) float64 C-contiguous "
        "array (radians, NaN unknown; not copied, GIL released) -> dict of numpy arrays: verdict, counts and, unless "
        "statuses=False, status (N, DOF_COUNT) and composite_status. uncertainty: standard uncertainty of each value "
        "(degrees for all DoFs, a dict {DoF: degrees}, or DOF_COUNT radians), or input_kind: a documented default; "
        "row_uncertainty: (N, DOF_COUNT) radians per pose (NaN: the per-DoF value); coverage: k of U = k*u.");
  m.def(
      "assess", &assess, py::arg("angles"), py::arg("limits") = py::none(), py::kw_only(),
      py::arg("times") = py::none(), py::arg("first_frame") = std::uint64_t{0}, py::arg("age") = py::none(),
      py::arg("sex") = py::none(), py::arg("involved") = py::none(), py::arg("robust") = false, py::arg("p_low") = 2.0,
      py::arg("p_high") = 98.0, py::arg("bin_deg") = 0.1,
      "The range reached over an (N, DOF_COUNT) float64 C-contiguous array (radians, NaN unknown; read in place): "
      "dict of DOF_COUNT-long arrays (radians; NaN unknown): min, max, arc, robust_low/high (percentiles p_low/p_high, "
      "within robust_error_bound of the exact ones), min_frame/max_frame, min_time_s/max_time_s (times: N seconds), "
      "observed, observed_fraction; deficit against limits (or, with age [and sex], the age/sex MEANS): "
      "normal_*, shortfall_* (> 0 short, < 0 beyond), percent_*; with involved='left'|'right': difference_*, "
      "lsi_* (involved/uninvolved x 100), arc_lsi; and the sentences (docs/assessment.md).");
  m.def("gait", &gait, py::arg("angles"), py::arg("frame_rate_hz"), py::kw_only(),
        py::arg("left_contacts") = py::none(), py::arg("right_contacts") = py::none(), py::arg("speed") = "Free",
        py::arg("lab") = py::none(), py::arg("stance_end_percent") = 60.0, py::arg("knee_sd") = 1.0,
        "Gait cycles of an (N, DOF_COUNT) float64 array (radians, NaN unknown) sampled at frame_rate_hz, against "
        "the normative curves of typically developing CHILDREN (Schwartz2008; speed class VerySlow..VeryFast). "
        "Contacts: left_contacts/right_contacts (frame lists), else detected from the knee. lab: (N, 2, 4) radians, "
        "[left, right] x [pelvic tilt, obliquity, rotation, foot progression] (NaN unknown), else those variables "
        "are unknown. -> dict(contacts_detected, contacts, skipped_cycles, norms, cycles: [dict(side, first_frame, "
        "last_frame, gps (radians; NaN: none known), gps_variables, variables {name: dict(known, gvs, in_gps, "
        "curve (51,), outside (51,) bool)}, knee dict(never_extends, least_flexion, ..., sentence), sentence)]) "
        "(docs/gait.md).");
  m.def("functional", &functional, py::arg("angles"), py::kw_only(), py::arg("side") = py::none(),
        py::arg("robust") = false,
        "Which daily activities the range reached over an (N, DOF_COUNT) float64 array (radians, NaN unknown) "
        "supports, per side: list of dicts (activity, side, support: supported | within_span | not_supported | "
        "unknown, requirements with the published angle, its source and figure kind, reached_deg, short_by_deg; "
        "sentence). docs/assessment.md.");
  m.def("knee_grades", &knee_grades, py::arg("angles"), py::kw_only(), py::arg("robust") = false,
        "Knee limitation-of-motion grades of 38 CFR 4.71a (DC 5260 flexion, DC 5261 extension; range-of-motion rows "
        "only) from the range reached over an (N, DOF_COUNT) float64 array: list of 4 dicts (left then right; dof, "
        "diagnostic_code, reached_deg, percent or None, sentence). docs/assessment.md.");
  m.def("reba", &reba_scores, py::arg("angles"), py::kw_only(), py::arg("side") = "right",
        py::arg("legs") = "bilateral", py::arg("load_kg") = 0.0, py::arg("shock") = false, py::arg("coupling") = "good",
        py::arg("shoulder_raised") = false, py::arg("arm_supported") = false, py::arg("wrist_twisted") = false,
        py::arg("static_posture") = false, py::arg("repeated") = false, py::arg("rapid_changes") = false,
        py::arg("threshold_deg") = 0.0,
        "REBA (Hignett & McAtamney 2000) of each row of an (N, DOF_COUNT) float64 array (radians, NaN unknown): dict "
        "of N-long arrays score (0: unknown), action_level (-1: unknown), the body-part scores, score_a, score_b, "
        "table_c, and the sentences. What a pose cannot give (load, coupling, activity, legs, ...) are arguments; "
        "threshold_deg: the upright tolerance and the twist/side-bend/abduction/deviation threshold. "
        "docs/ergonomics.md.");
  m.def("nearest_valid_pose", &nearest_any, py::arg("angles"), py::arg("limits") = py::none(),
        py::arg("weights") = py::none(), py::kw_only(), py::arg("thoracolumbar") = py::none(),
        py::arg("within_tolerance") = true, py::arg("max_iterations") = std::size_t{2000},
        "The nearest pose (weighted, radians) that check() finds within every limit; the input is not modified "
        "(docs/nearest.md). angles: DOF_COUNT radians (NaN unknown) or a dict of degrees; weights: None (all 1), "
        "DOF_COUNT numbers or a dict {DoF: weight}, finite and > 0. -> dict(angles (DOF_COUNT,) radians, NaN where "
        "unknown; status 'unchanged'|'moved'|'not_reached'; valid; nearest; iterations; moved_count; change "
        "(DOF_COUNT,) radians, NaN where unknown; distance radians; thoracolumbar (3,) and thoracolumbar_change).");
  m.def("angles_from_keypoints", &angles_from_keypoints, py::arg("keypoints"), py::arg("layout") = "blazepose33",
        py::arg("visibility") = py::none(), py::kw_only(), py::arg("mirrored") = false, py::arg("min_visibility") = 0.5,
        py::arg("return_thoracolumbar") = false, py::arg("return_status") = false, py::arg("fast_trig") = false,
        "Keypoints (N, K, 3) -> joint angles (N, DOF_COUNT) radians, NaN where not observable. visibility: (N, K) in "
        "[0, 1] or None (all visible). return_thoracolumbar adds the (N, 3) totals, return_status the (N, DOF_COUNT) "
        "uint8 DOF_STATUSES codes (and the (N, 3) codes of the totals, with both). fast_trig: the solver's atan2, asin "
        "and acos four at a time by a polynomial (C++ JointAngleOptions::fast_trig): each angle within 1e-13 rad of "
        "the default's, every status the same.");
  m.def(
      "read_bvh", &read_bvh, py::arg("path"), py::kw_only(), py::arg("mapping") = py::none(),
      py::arg("neutral_frames") = py::none(), py::arg("neutral") = "standing", py::arg("neutral_segments") = py::none(),
      py::arg("neutral_max_offset") = 45.0,
      "Read a BVH file (str, bytes or os.PathLike) -> dict(frame_time, frame_count, joints, angles (N, DOF_COUNT) "
      "radians, thoracolumbar (N, 3)). mapping: None (the built-in joint names: CMU, Mixamo, Daz, Biped, ...), a path "
      "to a mapping file or a dict {joint name: segment[:proximal|:distal]} (docs/bvh.md); the dict then has "
      "mapping_unmatched (the mapping's names not in the file). neutral_frames (an int or ints): calibrate segment "
      "offsets from these "
      "frames of a neutral posture (neutral: 'standing', 'anatomical', 't-pose'; neutral_segments: segment names, "
      "default all; neutral_max_offset: degrees); the dict then has neutral_offsets_deg. ValueError when the frames "
      "are not still or not the declared posture.");
  m.def("movers", &movers, py::arg("motion"), py::arg("side") = py::none(), py::arg("include_claims") = false,
        "The muscles that produce a motion, e.g. movers('left hip internal rotation').");
  m.def("muscle_lengths", &muscle_lengths, py::arg("angles"), py::arg("reference") = py::none(),
        "Muscles a pose lengthens and shortens (relative to anatomical zero or a reference pose).");

  {
    py::list names;
    for (ak::Inclination i : ak::all_inclinations) names.append(text(ak::to_string(i)));
    m.attr("INCLINATIONS") = names;
  }
  m.def(
      "image_inclinations",
      [](const py::object& xy, const std::string& layout, double aspect_ratio, const py::object& visibility,
         bool mirrored, double min_visibility) {
        return inclinations_py("image_inclinations", 2, xy, layout, visibility, aspect_ratio, "y_up", mirrored,
                               min_visibility);
      },
      py::arg("landmarks"), py::arg("layout") = "blazepose33", py::arg("aspect_ratio") = 1.0,
      py::arg("visibility") = py::none(), py::kw_only(), py::arg("mirrored") = false, py::arg("min_visibility") = 0.5,
      "Segment angles to the horizontal and trunk inclination (radians, NaN unknown; order: INCLINATIONS) in the image "
      "plane, from normalised 2D landmarks (K, 2) or (N, K, 2), x and y in [0, 1], aspect_ratio = width / height.");
  m.def(
      "gravity_inclinations",
      [](const py::object& xyz, const std::string& layout, const py::object& visibility, const std::string& up,
         bool mirrored, double min_visibility) {
        return inclinations_py("gravity_inclinations", 3, xyz, layout, visibility, 1.0, up, mirrored, min_visibility);
      },
      py::arg("keypoints"), py::arg("layout") = "blazepose33", py::arg("visibility") = py::none(), py::kw_only(),
      py::arg("up") = "y_up", py::arg("mirrored") = false, py::arg("min_visibility") = 0.5,
      "Segment angles to the horizontal and trunk inclination relative to gravity (radians, NaN unknown; order: "
      "INCLINATIONS) from 3D keypoints (K, 3) or (N, K, 3) whose up axis is up ('y_up'|'y_down'|'z_up').");
  m.def(
      "fit_keypoints", &fit_keypoints, py::arg("keypoints"), py::arg("times"), py::arg("layout") = "blazepose33",
      py::arg("visibility") = py::none(), py::kw_only(), py::arg("mode") = "offline", py::arg("mirrored") = false,
      py::arg("min_visibility") = 0.5, py::arg("depth_axis") = 2, py::arg("lateral_sigma") = 0.03,
      py::arg("depth_factor") = 3.0, py::arg("acceleration_psd") = 20.0, py::arg("length_frames") = std::size_t{30},
      py::arg("up") = "y_up", py::arg("image") = py::none(), py::arg("image_size") = py::none(),
      py::arg("image_visibility") = py::none(), py::arg("image_sigma") = 0.01, py::arg("length_projection") = "radial",
      "Fit one skeleton to keypoints (N, K, 3) at times (N,) seconds (docs/fitter.md). mode 'offline' (forwards and "
      "backwards) or 'online' (causal, frame by frame). image: the 2D image landmarks of the same frames (N, K, 2), "
      "normalised x, y, with image_size=(width, height): lateral coordinates from the image, depth from the 3D "
      "keypoints. length_projection 'radial'|'weighted' (the bone's length by weighted least squares). -> dict(angles "
      "(N, DOF_COUNT) radians, NaN unknown; sigma "
      "(N, DOF_COUNT) standard uncertainty, radians; thoracolumbar (N, 3) totals; swap: per frame "
      "'none'|'whole_body'|'arms'|'legs' (the "
      "left/right swap repaired); state: per frame 'acquiring'|'tracking'|'lost'; inclinations (N, len(INCLINATIONS)) "
      "radians relative to gravity, up: the source's up axis 'y_up'|'y_down'|'z_up').");
  py::class_<PyFitter>(m, "SkeletonFitter", "Online skeleton fitter: one keypoint frame in, one fitted pose out.")
      .def(py::init<const std::string&, bool, double, int, double, double, double, std::size_t, const std::string&,
                    double, const std::string&>(),
           py::arg("layout") = "blazepose33", py::kw_only(), py::arg("mirrored") = false,
           py::arg("min_visibility") = 0.5, py::arg("depth_axis") = 2, py::arg("lateral_sigma") = 0.03,
           py::arg("depth_factor") = 3.0, py::arg("acceleration_psd") = 20.0,
           py::arg("length_frames") = std::size_t{30}, py::arg("up") = "y_up", py::arg("image_sigma") = 0.01,
           py::arg("length_projection") = "radial")
      .def("update", &PyFitter::update, py::arg("keypoints"), py::arg("t_s"), py::arg("visibility") = py::none(),
           py::kw_only(), py::arg("image") = py::none(), py::arg("image_size") = py::none(),
           py::arg("image_visibility") = py::none(),
           "Fit one frame (K, 3) at time t_s, optionally with its 2D image landmarks (K, 2) normalised, and "
           "image_size=(width, height) -> dict(angles, sigma (DOF_COUNT,) radians, swap, state, "
           "inclinations (len(INCLINATIONS),) radians).")
      .def("update_image", &PyFitter::update_image, py::arg("landmarks"), py::arg("t_s"), py::arg("aspect_ratio") = 1.0,
           py::arg("visibility") = py::none(),
           "Fit one frame of normalised 2D landmarks (K, 2), x and y in [0, 1] of the image, aspect_ratio = width / "
           "height -> the same dict; inclinations in the image plane, every angle unknown.")
      .def("reset", &PyFitter::reset)
      .def("segment_lengths", &PyFitter::segment_lengths);

  py::class_<PyMonitor>(m, "RockingStretchMonitor", "Monitor of the Lumbar Spine Rocking Stretch over a pose stream.")
      .def(py::init<>())
      .def("update", &PyMonitor::update, py::arg("t_s"), py::arg("angles"), "Feed one frame; returns its cues.")
      .def("finish", &PyMonitor::finish)
      .def("summary", &PyMonitor::summary);
}
