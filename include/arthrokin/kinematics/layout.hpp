/// @file layout.hpp
/// @brief Keypoint layouts (BlazePose 33, COCO 17, Human3.6M 17, SMPL 24) and the
///        anatomical role of each keypoint.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace arthrokin {

/// A keypoint layout.
enum class Layout : std::uint8_t {
  blazepose33,  ///< MediaPipe PoseLandmark order (0 nose … 32 right_foot_index); use the world landmarks
  coco17,       ///< COCO keypoints (0 nose, 1-2 eyes, 3-4 ears, 5-6 shoulders, … 15-16 ankles)
  h36m17,  ///< Human3.6M 17-joint order (0 hip, 1-3 right leg, 4-6 left leg, 7 spine, 8 thorax, 9 neck/nose, 10 head,
           ///< 11-13 left arm, 14-16 right arm)
  smpl24,  ///< SMPL joint order (0 pelvis, 1 left_hip, 2 right_hip, 3 spine1, … 22 left_hand, 23 right_hand)
};

/// Anatomical role of a keypoint (shared by all layouts and by the forward model).
enum class Role : std::uint8_t {
  root,
  lumbar,
  t12,
  thorax_mid,
  neck_base,
  head_top,
  nose,
  l_ear,
  r_ear,
  l_eye_inner,
  l_eye,
  l_eye_outer,
  r_eye_inner,
  r_eye,
  r_eye_outer,
  l_mouth,
  r_mouth,
  l_collar,
  r_collar,
  l_shoulder,
  r_shoulder,
  l_elbow,
  r_elbow,
  l_wrist,
  r_wrist,
  l_pinky,
  r_pinky,
  l_index,
  r_index,
  l_thumb,
  r_thumb,
  l_hand,
  r_hand,
  l_hip,
  r_hip,
  l_knee,
  r_knee,
  l_ankle,
  r_ankle,
  l_heel,
  r_heel,
  l_toe,
  r_toe,
  l_foot,
  r_foot,
  count
};
inline constexpr std::size_t role_count = static_cast<std::size_t>(Role::count);

/// The same role on the other side (midline roles map to themselves).
[[nodiscard]] constexpr Role mirror(Role r) noexcept {
  const auto i = static_cast<std::size_t>(r);
  if (r < Role::l_ear) return r;
  if (r == Role::l_eye_inner || r == Role::l_eye || r == Role::l_eye_outer) return static_cast<Role>(i + 3);
  if (r == Role::r_eye_inner || r == Role::r_eye || r == Role::r_eye_outer) return static_cast<Role>(i - 3);
  // every other l_/r_ pair is adjacent, l_ first
  const auto first_pair = static_cast<std::size_t>(Role::l_ear);
  const bool is_left =
      r < Role::l_eye_inner ? (i - first_pair) % 2 == 0 : (i - static_cast<std::size_t>(Role::l_mouth)) % 2 == 0;
  return static_cast<Role>(is_left ? i + 1 : i - 1);
}
static_assert(mirror(Role::l_ear) == Role::r_ear && mirror(Role::r_foot) == Role::l_foot);
static_assert(mirror(Role::l_eye_outer) == Role::r_eye_outer && mirror(Role::r_mouth) == Role::l_mouth);
static_assert(mirror(Role::l_shoulder) == Role::r_shoulder && mirror(Role::neck_base) == Role::neck_base);

namespace detail {
using R = Role;
inline constexpr std::array<Role, 33> blazepose_roles{
    R::nose,    R::l_eye_inner, R::l_eye,   R::l_eye_outer, R::r_eye_inner, R::r_eye,      R::r_eye_outer,
    R::l_ear,   R::r_ear,       R::l_mouth, R::r_mouth,     R::l_shoulder,  R::r_shoulder, R::l_elbow,
    R::r_elbow, R::l_wrist,     R::r_wrist, R::l_pinky,     R::r_pinky,     R::l_index,    R::r_index,
    R::l_thumb, R::r_thumb,     R::l_hip,   R::r_hip,       R::l_knee,      R::r_knee,     R::l_ankle,
    R::r_ankle, R::l_heel,      R::r_heel,  R::l_toe,       R::r_toe};
inline constexpr std::array<Role, 17> coco_roles{
    R::nose,    R::l_eye,   R::r_eye, R::l_ear, R::r_ear,  R::l_shoulder, R::r_shoulder, R::l_elbow, R::r_elbow,
    R::l_wrist, R::r_wrist, R::l_hip, R::r_hip, R::l_knee, R::r_knee,     R::l_ankle,    R::r_ankle};
inline constexpr std::array<Role, 17> h36m_roles{
    R::root, R::r_hip,    R::r_knee,     R::r_ankle, R::l_hip,   R::l_knee,     R::l_ankle, R::t12,    R::neck_base,
    R::nose, R::head_top, R::l_shoulder, R::l_elbow, R::l_wrist, R::r_shoulder, R::r_elbow, R::r_wrist};
inline constexpr std::array<Role, 24> smpl_roles{
    R::root,       R::l_hip,      R::r_hip,   R::lumbar,  R::l_knee,    R::r_knee,   R::t12,      R::l_ankle,
    R::r_ankle,    R::thorax_mid, R::l_foot,  R::r_foot,  R::neck_base, R::l_collar, R::r_collar, R::head_top,
    R::l_shoulder, R::r_shoulder, R::l_elbow, R::r_elbow, R::l_wrist,   R::r_wrist,  R::l_hand,   R::r_hand};
}  // namespace detail

/// Roles of the keypoints of `layout`, in the layout's order.
[[nodiscard]] constexpr std::span<const Role> roles(Layout layout) noexcept {
  switch (layout) {
    case Layout::blazepose33:
      return detail::blazepose_roles;
    case Layout::coco17:
      return detail::coco_roles;
    case Layout::h36m17:
      return detail::h36m_roles;
    case Layout::smpl24:
      return detail::smpl_roles;
  }
  return {};
}
[[nodiscard]] constexpr std::size_t keypoint_count(Layout layout) noexcept { return roles(layout).size(); }
[[nodiscard]] constexpr std::string_view to_string(Layout layout) noexcept {
  constexpr std::array<std::string_view, 4> n{"blazepose33", "coco17", "h36m17", "smpl24"};
  return n[static_cast<std::size_t>(layout)];
}
/// Every layout, in the order of `Layout`.
inline constexpr std::array<Layout, 4> all_layouts{Layout::blazepose33, Layout::coco17, Layout::h36m17, Layout::smpl24};
/// The layout named `name` (its `to_string`), or nullopt.
[[nodiscard]] constexpr std::optional<Layout> parse_layout(std::string_view name) noexcept {
  for (Layout l : all_layouts)
    if (name == to_string(l)) return l;
  return std::nullopt;
}
/// "blazepose33, coco17, h36m17, smpl24": the layout names, for messages and help.
[[nodiscard]] inline std::string layout_names() {
  std::string s;
  for (Layout l : all_layouts) s.append(s.empty() ? "" : ", ").append(to_string(l));
  return s;
}

}  // namespace arthrokin
