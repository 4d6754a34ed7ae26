/// @file joint.hpp
/// @brief `Joint`: the joints arthrokin models.
///
/// The thoracolumbar spine is not a joint: its norms are limits on the sum of
/// thoracic and lumbar degrees of freedom (see composite.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace arthrokin {

enum class Joint : std::uint8_t {
  cervical,  ///< cervical spine (head motion is filed here)
  thoracic,  ///< thoracic spine
  lumbar,    ///< lumbar spine
  shoulder,  ///< humerus relative to thorax (clinical shoulder)
  elbow,     ///< humero-ulnar flexion/extension
  forearm,   ///< radio-ulnar pronation/supination
  wrist,
  hip,
  knee,
  ankle,     ///< talocrural dorsi/plantarflexion
  subtalar,  ///< foot inversion/eversion as measured clinically
};

inline constexpr std::size_t joint_count = 11;

inline constexpr std::array<std::string_view, joint_count> joint_names{
    "cervical", "thoracic", "lumbar", "shoulder", "elbow", "forearm", "wrist", "hip", "knee", "ankle", "subtalar"};

[[nodiscard]] constexpr std::string_view to_string(Joint j) noexcept {
  return joint_names[static_cast<std::size_t>(j)];
}

/// Whether the joint is spinal (no side).
[[nodiscard]] constexpr bool is_spinal(Joint j) noexcept {
  return j == Joint::cervical || j == Joint::thoracic || j == Joint::lumbar;
}

[[nodiscard]] constexpr std::optional<Joint> parse_joint(std::string_view s) noexcept {
  for (std::size_t i = 0; i < joint_count; ++i)
    if (joint_names[i] == s) return static_cast<Joint>(i);
  return std::nullopt;
}

}  // namespace arthrokin
