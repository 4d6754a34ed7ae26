// C++ reference for the Python tests: checks the poses of a raw file with the C++ API
// and writes the results as text, so that the tests compare Python with C++.
//
//   arthrokin_py_reference <poses.f64> <source key | defaults> <tolerance_deg> <out.txt>
//
// poses.f64: N x dof_count native doubles (radians, NaN unknown), row-major.
// out.txt: one line per pose: verdict, then dof_count status codes, then dof_count excesses (degrees, %.17g).
#include <arthrokin/check.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  namespace ak = arthrokin;
  if (argc != 5) {
    std::cerr << "usage: arthrokin_py_reference <poses.f64> <source|defaults> <tolerance_deg> <out.txt>\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::vector<double> rows;
  for (double v; in.read(reinterpret_cast<char*>(&v), sizeof v);) rows.push_back(v);
  if (rows.size() % ak::dof_count != 0) {
    std::cerr << "size is not a multiple of " << ak::dof_count << " doubles\n";
    return 2;
  }
  const std::string source = argv[2];
  ak::Limits limits = source == "defaults" ? ak::Limits::defaults() : ak::Limits::from_source(source);
  limits.with_tolerance(ak::degrees(std::stod(argv[3])));
  std::ofstream out(argv[4]);
  char buf[64];
  for (std::size_t i = 0; i < rows.size() / ak::dof_count; ++i) {
    const auto pose = ak::Pose::from_radians(Eigen::Map<const ak::PoseVector>(rows.data() + i * ak::dof_count));
    const auto r = ak::check(pose, limits);
    out << static_cast<int>(r.overall);
    for (const auto& c : r.dofs) out << ' ' << static_cast<int>(c.status);
    for (const auto& c : r.dofs) {
      std::snprintf(buf, sizeof buf, " %.17g", ak::rad_to_deg(c.excess));
      out << buf;
    }
    out << '\n';
  }
  return out ? 0 : 1;
}
