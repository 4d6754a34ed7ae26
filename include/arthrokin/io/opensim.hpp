/// @file opensim.hpp
/// @brief OpenSim storage files (`.mot`, `.sto`) of coordinates in, joint angles out as `.mot`
/// (compiled in arthrokin_io; docs/formats.md, "OpenSim").
///
///     Coordinates                 <- a name (any text)
///     version=1
///     nRows=2                     <- optional; when given, the number of data rows
///     nColumns=4                  <- optional; when given, the number of columns
///     inDegrees=yes               <- required: yes (degrees) or no (radians)
///     endheader
///     time  hip_flexion_r  knee_angle_r  pelvis_tx
///     0.00  10.0           20.0          0.5
///     0.01  11.0           21.0          0.5
///
/// The header runs up to a line `endheader`; `key=value` lines in it are read (`inDegrees`,
/// `nRows`, `nColumns`, and the older `datarows N` / `datacolumns N`), other lines are text.
/// Then one line of column names, `time` first, and one line per frame. Columns and cells are
/// separated by tabs or spaces (any run of them). A cell `NaN` (or `nan`) is unknown; anything
/// else must be a finite number. `time` strictly increases.
///
/// Each column is an OpenSim coordinate of the models of docs/formats.md (gait2392, Hamner2010,
/// Rajagopal2016, RajagopalLaiUhlrich2023 and the Pose2Sim full-body model), or an arthrokin DoF
/// identifier (`left_knee_flexion_extension`, as `write_opensim_mot` writes) or thoracolumbar
/// total (`thoracolumbar_flexion_extension`, ...). A coordinate maps onto a DoF where
/// `data/reference/model_bounds.csv` maps it (column `library_dof`, with the sign of its
/// `positive_means`: hip flexion, adduction and rotation, knee, ankle, subtalar, elbow flexion and
/// wrist flexion); the model's other coordinates (pelvis translations and rotations, lumbar,
/// shoulder, forearm, wrist deviation, toes, ...) have no one-to-one DoF and are ignored, and
/// listed in `OpenSimMotion::ignored`. A column that is none of these is an error. The DoFs no
/// column gives are unknown.
///
/// `knee_angle` is extension-positive in gait2392 and Hamner2010, flexion-positive in the
/// Rajagopal models and Pose2Sim's, so a file with a `knee_angle` column needs its model: given,
/// or told by a column only the flexion-positive models have (`knee_angle_r_beta`,
/// `knee_angle_l_beta`; `L5_S1_Flex_Ext` for Pose2Sim). Otherwise it is an error naming the
/// choices, never a guess.
///
/// Errors throw `parse_error` "<file>:<line>:<column>: <what>" (column = 1-based field). Limits:
/// <arthrokin/io/limits.hpp> (file size, line length, frames; excerpts in messages are bounded).
#pragma once

#include <arthrokin/error.hpp>
#include <arthrokin/io/angle_csv.hpp>
#include <arthrokin/pose.hpp>

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arthrokin::io {

/// The OpenSim models whose coordinate names and signs the reader knows (docs/formats.md).
enum class OpenSimModel : std::uint8_t {
  automatic,                  ///< told by the file's columns where the signs depend on it (see the file comment)
  gait2392,                   ///< gait2392 / gait2354: knee_angle extension-positive
  hamner2010,                 ///< FullBodyModel_Hamner2010: gait2392's legs, arms
  rajagopal2016,              ///< Rajagopal2015.osim (Rajagopal et al. 2016): knee_angle flexion-positive
  rajagopal_lai_uhlrich2023,  ///< RajagopalLaiUhlrich2023 (and LaiUhlrich2022, Pose2Sim's LSTM model)
  pose2sim,  ///< Pose2Sim full-body models (Model_Pose2Sim_*.osim): Rajagopal's legs, a segmented spine
};

/// "auto", "gait2392", "Hamner2010", "Rajagopal2016", "RajagopalLaiUhlrich2023", "Pose2Sim".
[[nodiscard]] std::string_view to_string(OpenSimModel m) noexcept;
/// The model of a name of `to_string`, or of "Rajagopal2015" (the model file's name),
/// "LaiUhlrich2022", "gait2354"; nullopt for anything else.
[[nodiscard]] std::optional<OpenSimModel> parse_opensim_model(std::string_view name) noexcept;
/// The names `parse_opensim_model` accepts, for messages: "auto, gait2392, ...".
[[nodiscard]] std::string opensim_model_names();

/// What an OpenSim storage file held.
struct OpenSimMotion {
  std::vector<double> time_s;
  std::vector<Pose> poses;  ///< one per row
  bool in_degrees = true;   ///< the header's inDegrees
  /// The model whose signs were used: the one given, or the one the columns told
  /// (`automatic` when no column depends on it).
  OpenSimModel model = OpenSimModel::automatic;
  /// Columns read into a DoF, in file order: "knee_angle_r -> right_knee_flexion_extension (negated)".
  std::vector<std::string> mapped;
  /// Coordinates with no arthrokin DoF, in file order (pelvis_tx, arm_flex_r, ...): read, checked, not used.
  std::vector<std::string> ignored;
  [[nodiscard]] std::size_t size() const noexcept { return poses.size(); }
};

/// Parse OpenSim storage text; `name` is used in error messages.
[[nodiscard]] OpenSimMotion parse_opensim(std::string_view text, std::string_view name = "<mot>",
                                          OpenSimModel model = OpenSimModel::automatic);
/// Read a `.mot` / `.sto` file. Throws `parse_error` naming the file.
[[nodiscard]] OpenSimMotion read_opensim(const std::filesystem::path& path,
                                         OpenSimModel model = OpenSimModel::automatic);

/// Write frames as an OpenSim motion file (`inDegrees=yes`, tab-separated, `nRows`/`nColumns`
/// stated). With `columns = automatic`: one column per DoF observed in some frame, named by its
/// arthrokin identifier, and per thoracolumbar total set in some frame; `parse_opensim` reads
/// them back. With a model: that model's coordinate names, only for the DoFs it maps (knee sign
/// per model), the others left out. An unknown value in a written column is `NaN`. Values in
/// degrees with 12 decimals, times with 17 significant digits. Throws `invalid_argument`, before
/// writing anything, for times and poses of different counts or an angle with no finite value in
/// degrees (beyond about 3.1e306 rad).
void write_opensim_mot(std::ostream& out, const AngleFrames& frames, OpenSimModel columns = OpenSimModel::automatic,
                       std::string_view name = "arthrokin joint angles");

}  // namespace arthrokin::io
