// REBA score tables, transcribed by hand (not generated) from the text of the worksheets that
// reproduce Hignett & McAtamney 2000 (source key "Hignett00", data/reference/SOURCES.md: where
// each table was read and which cells were not readable). 0 = not transcribed: a posture that
// needs such a cell gets an unknown score, never a filled-in value.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace arthrokin::detail {

inline constexpr std::string_view reba_source = "Hignett00";

/// Table A: [trunk 1-5][neck 1-3][legs 1-4] → posture score A.
inline constexpr std::uint8_t reba_table_a[5][3][4] = {
    // neck 1        neck 2        neck 3
    {{1, 2, 3, 4}, {1, 2, 3, 4}, {3, 3, 5, 6}},  // trunk 1
    {{2, 3, 4, 5}, {3, 4, 5, 6}, {4, 5, 6, 7}},  // trunk 2
    {{2, 4, 5, 6}, {4, 5, 6, 7}, {5, 6, 7, 8}},  // trunk 3
    {{3, 5, 6, 7}, {5, 6, 7, 8}, {6, 7, 8, 9}},  // trunk 4
    {{4, 6, 7, 8}, {6, 7, 8, 9}, {7, 8, 9, 9}},  // trunk 5
};

/// Table B: [upper arm 1-6][lower arm 1-2][wrist 1-3] → posture score B.
inline constexpr std::uint8_t reba_table_b[6][2][3] = {
    // lower arm 1  lower arm 2
    {{1, 2, 2}, {1, 2, 3}},  // upper arm 1
    {{1, 2, 3}, {2, 3, 4}},  // upper arm 2
    {{3, 4, 5}, {4, 5, 5}},  // upper arm 3
    {{4, 5, 5}, {5, 6, 7}},  // upper arm 4
    {{6, 7, 8}, {7, 8, 8}},  // upper arm 5
    {{7, 8, 8}, {8, 9, 9}},  // upper arm 6
};

/// Table C: [score A 1-12][score B 1-12] → score C. Row 11 from column 8 and row 12: not
/// transcribed (0; SOURCES.md `Hignett00`).
inline constexpr std::uint8_t reba_table_c[12][12] = {
    {1, 1, 1, 2, 3, 3, 4, 5, 6, 7, 7, 7},          {1, 2, 2, 3, 4, 4, 5, 6, 6, 7, 7, 8},
    {2, 3, 3, 3, 4, 5, 6, 7, 7, 8, 8, 8},          {3, 4, 4, 4, 5, 6, 7, 8, 8, 9, 9, 9},
    {4, 4, 4, 5, 6, 7, 8, 8, 9, 9, 9, 9},          {6, 6, 6, 7, 8, 8, 9, 9, 10, 10, 10, 10},
    {7, 7, 7, 8, 9, 9, 9, 10, 10, 11, 11, 11},     {8, 8, 8, 9, 10, 10, 10, 10, 10, 11, 11, 11},
    {9, 9, 9, 10, 10, 10, 11, 11, 11, 12, 12, 12}, {10, 10, 10, 11, 11, 11, 11, 12, 12, 12, 12, 12},
    {11, 11, 11, 11, 12, 12, 12, 0, 0, 0, 0, 0},   {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
};

}  // namespace arthrokin::detail
