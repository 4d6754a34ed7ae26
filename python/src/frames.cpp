// arthrokin._core, part 2: segment rotations → angles, the reason codes of unknown DoFs
// (DofStatus), and the per-row helpers of the pandas functions (python/arthrokin/frames.py).
// module.cpp calls bind_frames(m) from PYBIND11_MODULE; docs/python.md documents the calls.
#include <arthrokin/check.hpp>
#include <arthrokin/dof.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>
#include <arthrokin/limits.hpp>
#include <arthrokin/segment.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace py = pybind11;
namespace ak = arthrokin;

namespace {

constexpr auto n_dofs = static_cast<py::ssize_t>(ak::dof_count);
constexpr auto n_segments = static_cast<py::ssize_t>(ak::segment_count);
constexpr std::size_t dof_status_count = static_cast<std::size_t>(ak::DofStatus::invalid_rotation) + 1;

using Doubles = py::array_t<double, py::array::c_style | py::array::forcecast>;
using Batch = py::array_t<double, py::array::c_style>;

[[noreturn]] void raise(PyObject* type, const std::string& msg) {
  PyErr_SetString(type, msg.c_str());  // our own ASCII text only: no user bytes in these messages
  throw py::error_already_set();
}

// Segment rotations of N frames: (N, 16, 4) quaternions (x, y, z, w: SciPy's scalar-last order,
// R_global_segment, any norm) → (N, 39) radians, NaN unknown. A quaternion with a NaN is a
// missing segment; a zero or infinite one is not a rotation (status invalid_rotation), as in
// ak::joint_angles_batch (batch.hpp), whose per-frame loop this is, with the statuses kept.
py::object angles_from_rotations(const py::object& q_in, bool return_thoracolumbar, bool return_status,
                                 bool fast_trig) {
  const auto q = Doubles::ensure(q_in);
  if (!q) raise(PyExc_TypeError, "angles_from_rotations: quaternions must be a numeric array of shape (N, 16, 4)");
  const bool single = q.ndim() == 2;
  if (!(q.ndim() == 3 || single) || q.shape(q.ndim() - 1) != 4 || q.shape(q.ndim() - 2) != n_segments)
    raise(PyExc_ValueError, "angles_from_rotations: quaternions must have shape (N, " + std::to_string(n_segments) +
                                ", 4) or (" + std::to_string(n_segments) +
                                ", 4): one (x, y, z, w) per segment, in the order of arthrokin.SEGMENTS");
  const py::ssize_t n = single ? 1 : q.shape(0);
  py::array_t<double> out({n, n_dofs});
  py::array_t<double> tl({n, static_cast<py::ssize_t>(3)});
  py::array_t<std::uint8_t> status({n, n_dofs});
  py::array_t<std::uint8_t> tl_status({n, static_cast<py::ssize_t>(3)});
  const double* in = q.data();
  double* o = out.mutable_data();
  double* t = tl.mutable_data();
  std::uint8_t* s = status.mutable_data();
  std::uint8_t* ts = tl_status.mutable_data();
  {
    py::gil_scoped_release release;
    ak::SegmentOrientations seg;
    ak::JointAngleOptions opt;
    opt.fast_trig = fast_trig;
    constexpr std::size_t per = ak::segment_count * 4;
    for (py::ssize_t f = 0; f < n; ++f) {
      const double* qf = in + static_cast<std::size_t>(f) * per;
      for (std::size_t k = 0; k < ak::segment_count; ++k) {  // as joint_angles_batch fills them
        seg.q_global_segment[k].coeffs() = Eigen::Map<const Eigen::Vector4d>(qf + 4 * k);
        seg.known.set(k, !seg.q_global_segment[k].coeffs().hasNaN());
      }
      const ak::JointAngles a = ak::joint_angles(seg, opt);
      Eigen::Map<ak::PoseVector>(o + f * n_dofs) = a.pose.as_radians();
      Eigen::Map<Eigen::Vector3d>(t + f * 3) = a.pose.thoracolumbar_radians();
      for (std::size_t d = 0; d < ak::dof_count; ++d)
        s[f * n_dofs + static_cast<py::ssize_t>(d)] = static_cast<std::uint8_t>(a.status[d]);
      for (std::size_t k = 0; k < 3; ++k)
        ts[f * 3 + static_cast<py::ssize_t>(k)] = static_cast<std::uint8_t>(a.thoracolumbar_status[k]);
    }
  }
  py::object angles = out, totals = tl, st = status, tst = tl_status;
  if (single) {
    angles = out.attr("reshape")(n_dofs);
    totals = tl.attr("reshape")(3);
    st = status.attr("reshape")(n_dofs);
    tst = tl_status.attr("reshape")(3);
  }
  if (return_thoracolumbar && return_status) return py::make_tuple(angles, totals, st, tst);
  if (return_thoracolumbar) return py::make_tuple(angles, totals);
  if (return_status) return py::make_tuple(angles, st);
  return angles;
}

// N poses (N, 39) radians → per row the single-pose ak::check: verdict codes (N,), status codes
// (N, 39) and excess beyond the violated bound (N, 39) in degrees (0 unless (possibly)
// below/above). ±∞ must have been rejected by the caller (check() does). GIL released.
py::tuple check_rows(const Batch& x, const ak::Limits& limits, const std::optional<Batch>& thoracolumbar) {
  if (x.ndim() != 2 || x.shape(1) != n_dofs)
    raise(PyExc_ValueError, "_check_rows: expected shape (N, " + std::to_string(n_dofs) + ")");
  const py::ssize_t n = x.shape(0);
  if (thoracolumbar && (thoracolumbar->ndim() != 2 || thoracolumbar->shape(0) != n || thoracolumbar->shape(1) != 3))
    raise(PyExc_ValueError, "_check_rows: thoracolumbar must have shape (" + std::to_string(n) + ", 3)");
  py::array_t<std::uint8_t> verdict(n);
  py::array_t<std::uint8_t> status({n, n_dofs});
  py::array_t<double> excess({n, n_dofs});
  const double* in = x.data();
  const double* tl = thoracolumbar ? thoracolumbar->data() : nullptr;
  std::uint8_t* v = verdict.mutable_data();
  std::uint8_t* s = status.mutable_data();
  double* e = excess.mutable_data();
  constexpr ak::Axis axes[3] = {ak::Axis::flexion_extension, ak::Axis::lateral_flexion, ak::Axis::axial_rotation};
  {
    py::gil_scoped_release release;
    for (py::ssize_t r = 0; r < n; ++r) {
      ak::Pose p = ak::Pose::from_radians(Eigen::Map<const ak::PoseVector>(in + r * n_dofs));
      if (tl)
        for (int a = 0; a < 3; ++a)
          if (!std::isnan(tl[r * 3 + a])) p.set_thoracolumbar(axes[a], ak::radians(tl[r * 3 + a]));
      const ak::Report rep = ak::check(p, limits);
      v[r] = static_cast<std::uint8_t>(rep.overall);
      for (auto d : ak::all_dofs) {
        const auto i = r * n_dofs + static_cast<py::ssize_t>(ak::index(d));
        s[i] = static_cast<std::uint8_t>(rep[d].status);
        e[i] = ak::rad_to_deg(rep[d].excess);
      }
    }
  }
  return py::make_tuple(verdict, status, excess);
}

// (column, sense) of a DoF name: sense -1 for the name of a negative direction
// ("left hip external rotation"), else +1; None for a name that is not a DoF.
py::object parse_dof(const std::string& name) {
  const auto m = ak::parse_dof(name);
  if (!m) return py::none();
  return py::make_tuple(static_cast<int>(ak::index(m->dof)), static_cast<int>(m->sense));
}

// Degrees <-> radians elementwise with the library's own conversions (angle.hpp: a double-double
// product, so that 52° becomes the same radians as in a dict pose and comes back as 52°).
py::array_t<double> convert(const Doubles& x, bool to_radians) {
  py::array_t<double> out(std::vector<py::ssize_t>(x.shape(), x.shape() + x.ndim()));
  const double* in = x.data();
  double* o = out.mutable_data();
  for (py::ssize_t i = 0; i < x.size(); ++i)
    o[i] = std::isnan(in[i]) ? in[i] : to_radians ? ak::to_radians(ak::degrees(in[i])) : ak::rad_to_deg(in[i]);
  return out;
}

}  // namespace

void bind_frames(py::module_& m) {
  py::tuple reasons(dof_status_count);
  for (std::size_t i = 0; i < dof_status_count; ++i)
    reasons[i] = py::str(std::string(ak::to_string(static_cast<ak::DofStatus>(i))));
  m.attr("DOF_STATUSES") = reasons;
  py::tuple segments(ak::segment_count);
  for (std::size_t i = 0; i < ak::segment_count; ++i) segments[i] = py::str(std::string(ak::segment_names[i]));
  m.attr("SEGMENTS") = segments;

  m.def("angles_from_rotations", &angles_from_rotations, py::arg("quaternions"), py::kw_only(),
        py::arg("return_thoracolumbar") = false, py::arg("return_status") = false, py::arg("fast_trig") = false,
        "Segment rotations (N, 16, 4) quaternions, scalar last (x, y, z, w: SciPy's as_quat()), one per "
        "SEGMENTS entry (R_global_segment; NaN: missing) -> (N, 39) radians, NaN unknown; with return_status the "
        "(N, 39) uint8 DOF_STATUSES codes of why each DoF is (not) known. fast_trig: the solver's atan2, asin and "
        "acos four at a time by a polynomial (C++ JointAngleOptions::fast_trig): each angle within 1e-13 rad of the "
        "default's, every status the same.");
  m.def("_check_rows", &check_rows, py::arg("x"), py::arg("limits"), py::arg("thoracolumbar") = py::none(),
        "Per row: the single-pose check's verdict codes, status codes and excess (degrees). Internal: frames.py.");
  m.def(
      "_deg_to_rad", [](const Doubles& x) { return convert(x, true); }, py::arg("x"),
      "Degrees -> radians as the library converts them. Internal: frames.py.");
  m.def(
      "_rad_to_deg", [](const Doubles& x) { return convert(x, false); }, py::arg("x"),
      "Radians -> degrees as the library converts them. Internal: frames.py.");
  m.def("_parse_dof", &parse_dof, py::arg("name"), "(column, sense) of a DoF name, or None. Internal: frames.py.");
}
