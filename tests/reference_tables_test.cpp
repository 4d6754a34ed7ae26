// The constexpr tables equal the reference CSVs row by row, and every source key resolves.
#include <arthrokin/anatomy/muscles.hpp>
#include <arthrokin/composite.hpp>
#include <arthrokin/detail/age_sex_norms_data.hpp>
#include <arthrokin/detail/composite_limits_data.hpp>
#include <arthrokin/detail/gait_norms_data.hpp>
#include <arthrokin/detail/model_bounds_data.hpp>
#include <arthrokin/detail/muscles_data.hpp>
#include <arthrokin/detail/rom_norms_data.hpp>
#include <arthrokin/norms.hpp>
#include <arthrokin/sources.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "support/csv.hpp"

namespace ts = test_support;
using namespace arthrokin;

namespace {
// A numeric CSV cell read independently of the generator: std::stod, or NaN when empty.
double cell(const std::string& s) { return s.empty() ? std::nan("") : std::stod(s); }
bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

std::set<std::string> source_keys_in_sources_md() {
  const std::string md = ts::read_file(ts::reference("SOURCES.md"));
  std::set<std::string> keys;
  std::istringstream lines(md);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("### ", 0) == 0) keys.insert(line.substr(4, line.find_first_of(" \t\r", 4) - 4));
  return keys;
}

// The reference CSVs the project carries; each has an exact copy of the shared (normative) file in
// data/reference/upstream/.
const char* const reference_csvs[] = {"rom_norms.csv",    "composite_limits.csv", "rom_norms_by_age_sex.csv",
                                      "model_bounds.csv", "muscles.csv",          "gait_norms_schwartz2008.csv"};

std::vector<std::vector<std::string>> raw_csv(const std::string& path) { return ts::parse_csv(ts::read_file(path)); }
}  // namespace

// The project's CSVs may ADD columns (typed meaning: value_kind, population, role, condition,
// library_dof) but every column of the shared file must be there, in the same order, with the same
// text in every row. The only differences allowed are listed one cell at a time in
// upstream/local_amendments.csv (upstream text and project text both spelled out), and every listed
// amendment must still be a difference.
TEST(UpstreamReference, ProjectCsvsKeepEverySharedColumnCellForCell) {
  using Cell = std::tuple<std::string, std::size_t, std::string>;  // file, data row (1-based), column
  std::map<Cell, std::pair<std::string, std::string>> amended;
  // Rows the project adds after the shared rows (column "(added row)"): file -> data row -> source key.
  std::map<std::string, std::map<std::size_t, std::string>> added;
  for (const auto& a : ts::read_csv(ts::reference("upstream/local_amendments.csv"))) {
    if (a.at("column") == "(added row)") {
      EXPECT_EQ(a.at("upstream_value"), "") << "an added row has no upstream text";
      added[a.at("file")][std::stoul(a.at("data_row"))] = a.at("project_value");
      continue;
    }
    amended[{a.at("file"), std::stoul(a.at("data_row")), a.at("column")}] = {a.at("upstream_value"),
                                                                             a.at("project_value")};
  }
  std::set<Cell> used;
  for (const char* file : reference_csvs) {
    SCOPED_TRACE(file);
    const auto up = raw_csv(ts::reference(std::string("upstream/") + file));
    const auto own = raw_csv(ts::reference(file));
    ASSERT_FALSE(up.empty());
    const auto& extra = added[file];
    ASSERT_EQ(own.size(), up.size() + extra.size()) << "the shared rows, then the listed added rows";
    // Every shared column, in order, in the project's header.
    std::vector<std::size_t> at;
    for (const auto& col : up[0]) {
      std::size_t k = 0;
      while (k < own[0].size() && own[0][k] != col) ++k;
      ASSERT_LT(k, own[0].size()) << "shared column '" << col << "' missing";
      if (!at.empty()) {
        EXPECT_GT(k, at.back()) << "shared column '" << col << "' out of order";
      }
      at.push_back(k);
    }
    // The added rows come after every shared row, each listed with its source key.
    std::size_t source_col = own[0].size();
    for (std::size_t k = 0; k < own[0].size(); ++k)
      if (own[0][k] == "source") source_col = k;
    for (std::size_t r = up.size(); r < own.size(); ++r) {
      const auto it = extra.find(r);
      ASSERT_NE(it, extra.end()) << file << " data row " << r << " is not a listed added row";
      ASSERT_LT(source_col, own[r].size());
      EXPECT_EQ(own[r][source_col], it->second) << "added data row " << r;
    }
    for (std::size_t r = 1; r < up.size(); ++r) {
      ASSERT_EQ(up[r].size(), up[0].size());
      ASSERT_EQ(own[r].size(), own[0].size()) << "data row " << r;
      for (std::size_t c = 0; c < up[0].size(); ++c) {
        const std::string& theirs = up[r][c];
        const std::string& ours = own[r][at[c]];
        if (theirs == ours) continue;
        const Cell cell{file, r, up[0][c]};
        const auto it = amended.find(cell);
        if (it == amended.end()) {
          ADD_FAILURE() << file << " data row " << r << " column " << up[0][c] << ": shared '" << theirs
                        << "', project '" << ours << "' (not a listed amendment)";
          continue;
        }
        EXPECT_EQ(it->second.first, theirs) << "amendment of data row " << r << " " << up[0][c];
        EXPECT_EQ(it->second.second, ours) << "amendment of data row " << r << " " << up[0][c];
        used.insert(cell);
      }
    }
  }
  for (const auto& [cell, texts] : amended)
    EXPECT_TRUE(used.count(cell)) << std::get<0>(cell) << " data row " << std::get<1>(cell) << " " << std::get<2>(cell)
                                  << ": listed amendment is no longer a difference";
}

// data/reference/upstream/ holds exact copies of the shared reference folder (the normative data),
// so that the comparison above also runs on a clean clone. Where the shared folder is present
// (../shared/reference next to the repository, or ARTHROKIN_SHARED_REFERENCE), the copies must be
// byte-identical to it.
TEST(UpstreamReference, UpstreamCopiesAreByteIdenticalToTheSharedFolder) {
  namespace fs = std::filesystem;
  const char* env = std::getenv("ARTHROKIN_SHARED_REFERENCE");
  const fs::path shared = env ? fs::path(env) : fs::path(ts::data_dir()) / ".." / ".." / "shared" / "reference";
  if (!fs::is_directory(shared)) GTEST_SKIP() << "no shared reference folder at " << shared;
  for (const char* file : reference_csvs) {
    SCOPED_TRACE(file);
    ASSERT_TRUE(fs::exists(shared / file));
    EXPECT_TRUE(ts::read_file((shared / file).string()) ==
                ts::read_file(ts::reference(std::string("upstream/") + file)))
        << "data/reference/upstream/" << file << " differs from " << (shared / file) << ": copy it again";
  }
}

namespace {
// The CSV words of a direction, written out here from conventions.md (independent of the generator).
std::string direction_word(Axis a, Sense s, bool per_side) {
  static const std::map<std::string, std::pair<std::string, std::string>> words{
      {"flexion_extension", {"flexion", "extension"}},
      {"abduction_adduction", {"adduction", "abduction"}},
      {"internal_external_rotation", {"internal_rotation", "external_rotation"}},
      {"horizontal_abduction_adduction", {"horizontal_adduction", "horizontal_abduction"}},
      {"pronation_supination", {"pronation", "supination"}},
      {"radial_ulnar_deviation", {"ulnar_deviation", "radial_deviation"}},
      {"dorsiflexion_plantarflexion", {"dorsiflexion", "plantarflexion"}},
      {"inversion_eversion", {"inversion", "eversion"}},
  };
  if (per_side) return a == Axis::lateral_flexion ? "lateral_flexion" : a == Axis::axial_rotation ? "rotation" : "?";
  const auto it = words.find(std::string(to_string(a)));
  if (it == words.end()) return "?";
  return s == Sense::positive ? it->second.first : it->second.second;
}
std::string joint_word(const std::optional<Joint>& j) { return j ? std::string(to_string(*j)) : "thoracolumbar"; }
}  // namespace

// gait_norms_schwartz2008.csv: every row, field by field, and every curve found where
// gait_norm_curve_start says it starts (its 51 rows at 0, 2, ..., 100 %).
TEST(ReferenceTables, GaitNormsEqualCsv) {
  const auto csv = ts::read_csv(ts::reference("gait_norms_schwartz2008.csv"));
  ASSERT_EQ(csv.size(), detail::gait_norm_rows.size());
  ASSERT_EQ(csv.size(), gait_speed_count * gait_variable_count * gait_points);
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const auto& r = detail::gait_norm_rows[i];
    SCOPED_TRACE("gait_norms_schwartz2008.csv data row " + std::to_string(i + 1));
    EXPECT_EQ(to_string(r.speed), csv[i].at("speed"));
    EXPECT_EQ(segment_word(r.variable), csv[i].at("segment_or_joint"));
    EXPECT_EQ(positive_word(r.variable), csv[i].at("positive_direction"));
    EXPECT_EQ(r.pig_axis, csv[i].at("pig_axis"));
    EXPECT_EQ(r.pig_output, csv[i].at("pig_output"));
    EXPECT_EQ(r.cycle_pct, std::stoi(csv[i].at("cycle_pct")));
    EXPECT_TRUE(same(r.band_low_deg, cell(csv[i].at("band_low_deg"))));
    EXPECT_TRUE(same(r.band_high_deg, cell(csv[i].at("band_high_deg"))));
    EXPECT_TRUE(same(r.mean_deg, cell(csv[i].at("mean_deg"))));
    EXPECT_TRUE(same(r.sd_deg, cell(csv[i].at("sd_deg"))));
  }
  for (std::size_t s = 0; s < gait_speed_count; ++s)
    for (GaitVariable v : all_gait_variables) {
      const std::size_t first = detail::gait_norm_curve_start[s][static_cast<std::size_t>(v)];
      ASSERT_LE(first + gait_points, csv.size());
      for (std::size_t k = 0; k < gait_points; ++k) {
        const auto& row = csv[first + k];
        EXPECT_EQ(row.at("speed"), to_string(static_cast<GaitSpeed>(s)));
        EXPECT_EQ(row.at("segment_or_joint"), segment_word(v));
        EXPECT_EQ(row.at("positive_direction"), positive_word(v));
        EXPECT_EQ(row.at("cycle_pct"), std::to_string(2 * k));
      }
    }
  EXPECT_TRUE(source_keys_in_sources_md().count(std::string(detail::gait_norms_source)));
}

TEST(ReferenceTables, RomNormsEqualCsv) {
  const auto csv = ts::read_csv(ts::reference("rom_norms.csv"));
  ASSERT_EQ(csv.size(), detail::rom_norm_rows.size());
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const auto& r = detail::rom_norm_rows[i];
    SCOPED_TRACE("rom_norms.csv data row " + std::to_string(i + 1));
    EXPECT_EQ(joint_word(r.joint), csv[i].at("joint"));
    EXPECT_EQ(to_string(r.axis), csv[i].at("dof"));
    EXPECT_EQ(direction_word(r.axis, r.sense, r.both_senses), csv[i].at("direction"));
    if (r.both_senses) {
      EXPECT_EQ(r.sense, Sense::positive);
    }
    EXPECT_TRUE(same(r.value_deg, cell(csv[i].at("value_deg"))));
    EXPECT_EQ(r.source, csv[i].at("source"));
    EXPECT_EQ(to_string(r.tag), csv[i].at("tag"));
    EXPECT_EQ(r.notes, csv[i].at("notes"));
    EXPECT_EQ(to_string(r.value_kind), csv[i].at("value_kind"));
    EXPECT_EQ(to_string(r.population), csv[i].at("population"));
    EXPECT_EQ(to_string(r.context), csv[i].at("context"));
    EXPECT_EQ(to_string(r.derivation), csv[i].at("derivation"));
    EXPECT_TRUE(same(r.mean_deg, cell(csv[i].at("mean_deg"))));
    EXPECT_TRUE(same(r.sd_deg, cell(csv[i].at("sd_deg"))));
  }
}

// A derived limit is a row of its own, computed from figures its source publishes: mean + 2 SD
// (recomputed here from the CSV cells), tagged `derived`; the mean it comes from is kept as a
// `mean` row of the same source, DoF, direction and context.
TEST(ReferenceTables, DerivedLimitsAreMeanPlusTwoSdOfAMeanRowOfTheirSource) {
  const auto csv = ts::read_csv(ts::reference("rom_norms.csv"));
  std::size_t derived = 0;
  for (const auto& r : csv) {
    if (r.at("derivation") == "none") {
      EXPECT_NE(r.at("value_kind"), "derived_limit");
      EXPECT_NE(r.at("tag"), "derived");
      EXPECT_EQ(r.at("mean_deg"), "");
      EXPECT_EQ(r.at("sd_deg"), "");
      continue;
    }
    ++derived;
    SCOPED_TRACE(r.at("source") + " " + r.at("joint") + " " + r.at("direction"));
    ASSERT_EQ(r.at("derivation"), "mean_plus_2sd");
    EXPECT_EQ(r.at("value_kind"), "derived_limit");
    EXPECT_EQ(r.at("tag"), "derived");
    EXPECT_NEAR(std::stod(r.at("value_deg")), std::stod(r.at("mean_deg")) + 2 * std::stod(r.at("sd_deg")), 1e-9);
    bool mean_row = false;
    for (const auto& m : csv)
      mean_row = mean_row || (m.at("value_kind") == "mean" && m.at("source") == r.at("source") &&
                              m.at("joint") == r.at("joint") && m.at("direction") == r.at("direction") &&
                              m.at("context") == r.at("context") && m.at("value_deg") == r.at("mean_deg"));
    EXPECT_TRUE(mean_row);
  }
  EXPECT_GE(derived, 1u);
}

TEST(ReferenceTables, TypedRomNormsKeepEveryJointRowWithItsSignAndTag) {
  const auto csv = ts::read_csv(ts::reference("rom_norms.csv"));
  std::size_t k = 0;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    if (csv[i].at("joint") == "thoracolumbar") continue;
    ASSERT_LT(k, rom_norms.size());
    const auto& n = rom_norms[k++];
    EXPECT_EQ(n.row, i);
    EXPECT_EQ(to_string(n.joint), csv[i].at("joint"));
    EXPECT_EQ(to_string(n.axis), csv[i].at("dof"));
    EXPECT_EQ(to_string(n.tag), csv[i].at("tag"));
    EXPECT_EQ(n.value_deg, cell(csv[i].at("value_deg")));
    EXPECT_EQ(n.source, csv[i].at("source"));
    EXPECT_EQ(n.notes, csv[i].at("notes"));
    EXPECT_EQ(to_string(n.value_kind), csv[i].at("value_kind"));
    EXPECT_EQ(to_string(n.population), csv[i].at("population"));
    // Signs by the conventions table: these directions are the negative ones.
    const std::set<std::string> negative{"extension",  "abduction",        "external_rotation", "horizontal_abduction",
                                         "supination", "radial_deviation", "plantarflexion",    "eversion"};
    EXPECT_EQ(n.both_senses, csv[i].at("direction") == "lateral_flexion" || csv[i].at("direction") == "rotation");
    if (!n.both_senses) {
      EXPECT_EQ(n.sense == Sense::negative, negative.count(csv[i].at("direction")) == 1);
    }
  }
  EXPECT_EQ(k, rom_norms.size());
}

TEST(ReferenceTables, CompositeLimitsEqualCsv) {
  const auto csv = ts::read_csv(ts::reference("composite_limits.csv"));
  ASSERT_EQ(csv.size(), detail::composite_limit_rows.size());
  using D = detail::CompositeDirection;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const auto& r = detail::composite_limit_rows[i];
    SCOPED_TRACE("composite_limits.csv data row " + std::to_string(i + 1));
    EXPECT_EQ(r.name, csv[i].at("name"));
    EXPECT_EQ(to_string(r.context), csv[i].at("context"));
    std::string terms, directions;
    for (std::size_t t = 0; t < r.term_count; ++t) {
      if (t) terms += '+', directions += '+';
      terms.append(to_string(r.terms[t].joint)).append(".").append(to_string(r.terms[t].axis));
      directions += direction_word(r.terms[t].axis, r.terms[t].sense, false);
      if (r.direction != D::per_term) {
        EXPECT_EQ(r.terms[t].sense, Sense::positive);
      }
    }
    EXPECT_EQ(terms, csv[i].at("terms"));
    const Axis a = r.terms[0].axis;
    const std::string direction =
        r.direction == D::full_arc   ? "full_arc"
        : r.direction == D::per_term ? directions
        : r.direction == D::both_senses
            ? direction_word(a, Sense::positive, true)
            : direction_word(a, r.direction == D::positive ? Sense::positive : Sense::negative, false);
    EXPECT_EQ(direction, csv[i].at("direction"));
    EXPECT_TRUE(same(r.value_deg, cell(csv[i].at("value_deg"))));
    EXPECT_EQ(r.source, csv[i].at("source"));
    EXPECT_EQ(to_string(r.tag), csv[i].at("tag"));
    EXPECT_EQ(r.notes, csv[i].at("notes"));
    EXPECT_EQ(to_string(r.role), csv[i].at("role"));
    EXPECT_EQ(to_string(r.value_kind), csv[i].at("value_kind"));
    // Per-term composites carry human labels built from their terms (dof.hpp's direction names).
    if (r.direction == D::per_term) {
      std::string pos, neg;
      for (std::size_t t = 0; t < r.term_count; ++t) {
        const auto& dirs = axis_directions[static_cast<std::size_t>(r.terms[t].axis)];
        const bool p = r.terms[t].sense == Sense::positive;
        if (t) pos += " + ", neg += " + ";
        pos.append(p ? dirs.positive : dirs.negative);
        neg.append(p ? dirs.negative : dirs.positive);
      }
      EXPECT_EQ(r.positive_label, pos);
      EXPECT_EQ(r.negative_label, neg);
      EXPECT_EQ(r.label, std::string(to_string(r.terms[0].joint)) + " " + pos);
    } else {
      EXPECT_TRUE(r.label.empty() && r.positive_label.empty() && r.negative_label.empty());
    }
  }
}

TEST(ReferenceTables, CompositeRolesAreConsistent) {
  using D = detail::CompositeDirection;
  for (const auto& r : detail::composite_limit_rows) {
    SCOPED_TRACE(std::string(r.name) + " " + std::string(r.source));
    for (const auto& q : detail::composite_limit_rows)
      if (q.name == r.name) {
        EXPECT_EQ(q.role, r.role) << "one role per composite name";
      }
    switch (r.role) {
      case CompositeRole::thoracolumbar_limit:
        ASSERT_EQ(r.term_count, 2u);
        EXPECT_EQ(r.terms[0].joint, Joint::thoracic);
        EXPECT_EQ(r.terms[1].joint, Joint::lumbar);
        EXPECT_EQ(r.terms[0].axis, r.terms[1].axis);
        EXPECT_TRUE(r.direction == D::positive || r.direction == D::negative || r.direction == D::both_senses);
        break;
      case CompositeRole::combined_range:
      case CompositeRole::total_arc:
        EXPECT_EQ(r.direction, D::full_arc);
        break;
      case CompositeRole::exercise_band:
        EXPECT_EQ(r.direction, D::per_term);
        EXPECT_TRUE(r.value_kind == ValueKind::range_low || r.value_kind == ValueKind::range_high);
        EXPECT_EQ(r.tag, Tag::claim);
        break;
    }
    EXPECT_EQ(r.direction == D::full_arc,
              r.role == CompositeRole::combined_range || r.role == CompositeRole::total_arc);
  }
}

TEST(ReferenceTables, ThoracolumbarRowsOfRomNormsAgreeWithCompositeLimits) {
  // README: "The two files must agree row for row" (now with their value kinds too).
  const auto rom = ts::read_csv(ts::reference("rom_norms.csv"));
  const auto comp = ts::read_csv(ts::reference("composite_limits.csv"));
  for (const auto& r : rom) {
    if (r.at("joint") != "thoracolumbar") continue;
    const std::string name = r.at("dof") == "flexion_extension" ? "thoracolumbar_" + r.at("direction")
                             : r.at("dof") == "lateral_flexion" ? "thoracolumbar_lateral_flexion"
                                                                : "thoracolumbar_rotation";
    bool found = false;
    for (const auto& c : comp)
      found = found || (c.at("name") == name && c.at("source") == r.at("source") &&
                        c.at("value_deg") == r.at("value_deg") && c.at("tag") == r.at("tag") &&
                        c.at("value_kind") == r.at("value_kind") && c.at("role") == "thoracolumbar_limit");
    EXPECT_TRUE(found) << name << " " << r.at("source") << " " << r.at("value_deg");
  }
}

// The typed columns state what the notes say in prose (data/reference/COLUMNS.md): check that
// they still agree wherever the notes have a fixed wording (README rule 4: "notes begin `range
// low`" / "`range high`"; Merck's return arcs; muscles' "condition: ...").
TEST(ReferenceTables, TypedColumnsAgreeWithTheNotesThatDecidedThem) {
  for (const char* file : {"rom_norms.csv", "composite_limits.csv"})
    for (const auto& r : ts::read_csv(ts::reference(file))) {
      SCOPED_TRACE(std::string(file) + ": " + r.at("notes").substr(0, 60));
      const std::string& notes = r.at("notes");
      EXPECT_EQ(r.at("value_kind") == "range_low", notes.rfind("range low", 0) == 0);
      EXPECT_EQ(r.at("value_kind") == "range_high", notes.rfind("range high", 0) == 0);
      EXPECT_EQ(r.at("value_kind") == "return_arc_end", notes.find("end point of that arc") != std::string::npos);
    }
  // The measurement context is filled only from what the notes (or the source's section) say.
  for (const auto& r : ts::read_csv(ts::reference("rom_norms.csv"))) {
    SCOPED_TRACE(r.at("source") + ": " + r.at("notes").substr(0, 60));
    const std::string& notes = r.at("notes");
    const bool active = notes.find("active ROM") != std::string::npos;
    const bool passive = notes.find("passive ROM") != std::string::npos;
    const bool weight_bearing = notes.find("weight-bearing") != std::string::npos;
    EXPECT_EQ(r.at("context") == "active", active);
    EXPECT_EQ(r.at("context") == "passive", passive);
    EXPECT_EQ(r.at("context") == "weight_bearing", weight_bearing);
  }
  for (const auto& r : ts::read_csv(ts::reference("composite_limits.csv"))) {
    const std::string& notes = r.at("notes");
    const bool stated = notes.find("active") != std::string::npos || notes.find("passive") != std::string::npos ||
                        notes.find("weight-bearing") != std::string::npos;
    EXPECT_FALSE(stated) << notes;
    EXPECT_EQ(r.at("context"), "unspecified");
  }
  for (const auto& r : ts::read_csv(ts::reference("rom_norms_by_age_sex.csv"))) {
    EXPECT_EQ(r.at("context") == "passive", r.at("notes").find("passive goniometry") != std::string::npos);
    EXPECT_TRUE(r.at("context") == "passive" || r.at("context") == "unspecified");
  }
  for (const auto& r : ts::read_csv(ts::reference("muscles.csv"))) {
    SCOPED_TRACE(r.at("muscle") + " " + r.at("action"));
    const std::string& notes = r.at("notes");
    const auto p = notes.find("condition: ");
    if (p == std::string::npos) {
      EXPECT_EQ(r.at("condition"), "none");
      continue;
    }
    std::string words = r.at("condition");
    for (char& c : words) c = c == '_' ? ' ' : c;
    EXPECT_EQ(notes.substr(p + 11, words.size()), words);
  }
}

TEST(ReferenceTables, AgeSexNormsEqualCsv) {
  const auto csv = ts::read_csv(ts::reference("rom_norms_by_age_sex.csv"));
  ASSERT_EQ(csv.size(), detail::age_sex_norm_rows.size());
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const auto& r = detail::age_sex_norm_rows[i];
    SCOPED_TRACE("rom_norms_by_age_sex.csv data row " + std::to_string(i + 1));
    EXPECT_EQ(to_string(r.joint), csv[i].at("joint"));
    EXPECT_EQ(to_string(r.axis), csv[i].at("dof"));
    EXPECT_EQ(direction_word(r.axis, r.sense, false), csv[i].at("direction"));
    EXPECT_EQ(r.age_min, std::stoi(csv[i].at("age_min")));
    EXPECT_EQ(r.age_max, csv[i].at("age_max").empty() ? -1 : std::stoi(csv[i].at("age_max")));
    EXPECT_EQ(to_string(r.sex), csv[i].at("sex"));
    EXPECT_TRUE(same(r.mean_deg, cell(csv[i].at("mean_deg"))));
    EXPECT_TRUE(same(r.ci_low_deg, cell(csv[i].at("ci_low_deg"))));
    EXPECT_TRUE(same(r.ci_high_deg, cell(csv[i].at("ci_high_deg"))));
    EXPECT_EQ(r.source, csv[i].at("source"));
    EXPECT_EQ(to_string(r.tag), csv[i].at("tag"));
    EXPECT_EQ(r.notes, csv[i].at("notes"));
    EXPECT_EQ(to_string(r.context), csv[i].at("context"));
  }
}

TEST(ReferenceTables, ModelBoundsEqualCsv) {
  const auto csv = ts::read_csv(ts::reference("model_bounds.csv"));
  ASSERT_EQ(csv.size(), detail::model_bound_rows.size());
  const std::set<std::string> negative{"extension",  "abduction",        "external_rotation", "horizontal_abduction",
                                       "supination", "radial_deviation", "plantarflexion",    "eversion"};
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const auto& r = detail::model_bound_rows[i];
    SCOPED_TRACE("model_bounds.csv data row " + std::to_string(i + 1));
    EXPECT_EQ(r.model, csv[i].at("model"));
    EXPECT_EQ(r.coordinate, csv[i].at("coordinate"));
    EXPECT_TRUE(same(r.min_deg, cell(csv[i].at("min_deg"))));
    EXPECT_TRUE(same(r.max_deg, cell(csv[i].at("max_deg"))));
    EXPECT_EQ(r.positive_means, csv[i].at("positive_means"));
    EXPECT_EQ(r.source, csv[i].at("source"));
    EXPECT_EQ(to_string(r.tag), csv[i].at("tag"));
    EXPECT_EQ(r.notes, csv[i].at("notes"));
    EXPECT_EQ(r.library_dof
                  ? std::string(to_string(r.library_dof->first)) + "." + std::string(to_string(r.library_dof->second))
                  : std::string("none"),
              csv[i].at("library_dof"));
    EXPECT_EQ(r.sign, negative.count(csv[i].at("positive_means")) ? -1 : 1);
  }
}

TEST(ReferenceTables, MuscleRowsEqualCsv) {
  const auto csv = ts::read_csv(ts::reference("muscles.csv"));
  ASSERT_EQ(csv.size(), detail::muscle_rows.size());
  const std::map<ActionKind, std::string> special{
      {ActionKind::lateral_flexion_ipsilateral, "lateral_flexion_ipsilateral"},
      {ActionKind::rotation_ipsilateral, "rotation_ipsilateral"},
      {ActionKind::rotation_contralateral, "rotation_contralateral"},
      {ActionKind::pelvic_elevation_ipsilateral, "pelvic_elevation_ipsilateral"},
      {ActionKind::abdominal_compression, "abdominal_compression"},
      {ActionKind::stabilisation, "stabilisation"},
      {ActionKind::rib_elevation, "rib_elevation"},
      {ActionKind::rib_depression, "rib_depression"},
      {ActionKind::rib_fixation, "rib_fixation"},
      {ActionKind::shoulder_girdle_depression, "shoulder_girdle_depression"},
  };
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const auto& r = detail::muscle_rows[i];
    SCOPED_TRACE("muscles.csv data row " + std::to_string(i + 1));
    EXPECT_EQ(to_string(r.muscle), csv[i].at("muscle"));
    EXPECT_EQ(to_string(r.region), csv[i].at("region"));
    const std::string site = r.site == ActionSite::joint           ? joint_word(r.joint)
                             : r.site == ActionSite::thoracolumbar ? "thoracolumbar"
                             : r.site == ActionSite::ribs          ? "ribs"
                                                                   : "abdomen";
    EXPECT_EQ(site, csv[i].at("joint"));
    EXPECT_EQ(r.joint.has_value(), r.site == ActionSite::joint);
    EXPECT_EQ(r.axis ? std::string(to_string(*r.axis)) : std::string("none"), csv[i].at("dof"));
    EXPECT_EQ(r.action, csv[i].at("action"));
    if (r.kind == ActionKind::direction) {
      ASSERT_TRUE(r.axis.has_value());
      EXPECT_EQ(direction_word(*r.axis, r.sense, false), csv[i].at("action"));
    } else {
      EXPECT_EQ(special.at(r.kind), csv[i].at("action"));
    }
    EXPECT_EQ(to_string(r.role), csv[i].at("role"));
    EXPECT_EQ(to_string(r.laterality), csv[i].at("laterality"));
    EXPECT_EQ(r.source, csv[i].at("source"));
    EXPECT_EQ(to_string(r.tag), csv[i].at("tag"));
    EXPECT_EQ(r.notes, csv[i].at("notes"));
    EXPECT_EQ(to_string(r.condition), csv[i].at("condition"));
  }
}

TEST(ReferenceTables, EverySourceKeyResolvesToSourcesMd) {
  const auto keys = source_keys_in_sources_md();
  ASSERT_GT(keys.size(), 50u);
  EXPECT_EQ(keys.size(), detail::source_rows.size());
  for (const auto& k : keys) EXPECT_TRUE(find_source(k).has_value()) << k;
  for (const char* file :
       {"rom_norms.csv", "composite_limits.csv", "rom_norms_by_age_sex.csv", "model_bounds.csv", "muscles.csv"})
    for (const auto& row : ts::read_csv(ts::reference(file))) {
      EXPECT_TRUE(keys.count(row.at("source"))) << file << ": " << row.at("source");
      EXPECT_TRUE(find_source(row.at("source")).has_value()) << file << ": " << row.at("source");
    }
  EXPECT_FALSE(find_source("NoSuchKey").has_value());
}

TEST(ReferenceTables, SourceReferencesAreTheReferenceLines) {
  // Spot check against SOURCES.md as read here: the Troke reference line.
  const auto troke = find_source("Troke");
  ASSERT_TRUE(troke);
  EXPECT_NE(troke->reference.find("A normative database of lumbar spine ranges of motion"), std::string_view::npos);
  EXPECT_NE(troke->reference.find("2005"), std::string_view::npos);
}
