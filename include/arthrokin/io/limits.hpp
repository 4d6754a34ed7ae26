/// @file limits.hpp
/// @brief The input limits of every reader of `arthrokin_io`, in one place (docs/bad-input.md, "Limits").
///
/// Every reader refuses input beyond these limits with `arthrokin::parse_error` naming the file
/// and the limit, *before* it allocates in proportion to the input: the size of a file is checked
/// before it is read, a line's length before it is split, a frame count before frames are
/// allocated, a JSON nesting depth before the nested value is built. Within the limits, the peak
/// memory of a reader is a small multiple of the input (docs/bad-input.md gives the measured
/// figures; `tests/io_memory_test.cpp` checks them on the built `arthrokin` tool).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace arthrokin::io::limits {

/// Largest file any reader reads (512 MiB): two hours of 120 Hz motion capture with 96 BVH
/// channels is about 85 MB, an hour of 30 fps BlazePose keypoints as CSV about 150 MB.
/// Peak memory stays within about 4× this plus the per-frame cost (see `max_frames`).
inline constexpr std::uint64_t max_file_bytes = std::uint64_t{512} << 20;

/// Largest pose, profile or exercise JSON document (256 KiB, 40 times the exercise of
/// data/exercises). These hand-written documents are parsed into a DOM, which can take up to about
/// 30 bytes per byte of text (`[],` is a whole JSON array): the cap keeps it under 10 MB. Keypoint
/// JSON, which holds frames, is streamed instead and has `max_file_bytes`.
inline constexpr std::uint64_t max_json_document_bytes = std::uint64_t{256} << 10;

/// Longest line of a CSV, BVH or OpenSim file (1 MiB; a BVH frame of 300 joints × 6 channels is
/// ~20 kB).
inline constexpr std::size_t max_line_bytes = std::size_t{1} << 20;

/// Most frames (rows of an angle or keypoint CSV or of an OpenSim file, BVH frames, keypoint JSON
/// frames): one million, 2.3 hours at 120 Hz. A frame becomes a `Pose` (352 bytes) in the CLI however short its line,
/// so this bounds the per-frame memory (about 360 MB) independently of the file size.
inline constexpr std::size_t max_frames = 1'000'000;

/// Deepest nesting of JSON arrays and objects (64; the deepest valid document, keypoint JSON,
/// needs 4). Checked while parsing, before a deeper value is built.
inline constexpr std::size_t max_json_depth = 64;

/// Most joints (ROOT and JOINT) in a BVH hierarchy (10 000; rich mocap skeletons have ~300).
inline constexpr std::size_t max_bvh_joints = 10'000;
/// Most channels in a BVH hierarchy: at most 6 per joint.
inline constexpr std::size_t max_bvh_channels = 6 * max_bvh_joints;

/// Longest excerpt of a cell, name or key quoted in an error message (80 bytes, then "… (N bytes)").
inline constexpr std::size_t max_excerpt_bytes = 80;
/// Longest excerpt of a file path quoted in an error message (512 bytes).
inline constexpr std::size_t max_path_excerpt_bytes = 512;

}  // namespace arthrokin::io::limits

namespace arthrokin::io {

/// The whole file at `path` as bytes, read into one buffer of its size. Throws `parse_error`
/// naming the file (escaped, see `detail::printable`) when it does not exist, is a directory,
/// cannot be read, or is larger than `max_bytes` (checked before reading).
[[nodiscard]] std::string read_input_file(const std::filesystem::path& path,
                                          std::uint64_t max_bytes = limits::max_file_bytes);

}  // namespace arthrokin::io
