// A small RFC 4180 CSV reader for the tests (quoted fields, embedded commas and quotes).
// Independent of the library's own code so that table-vs-CSV tests compare two readings.
#pragma once

#include "files.hpp"

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace test_support {

using Row = std::map<std::string, std::string>;

inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        field += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        field += c;
    } else if (c == '"') {
      quoted = true, any = true;
    } else if (c == ',') {
      row.push_back(field), field.clear(), any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !field.empty()) row.push_back(field), rows.push_back(row);
      row.clear(), field.clear(), any = false;
    } else {
      field += c, any = true;
    }
  }
  if (any || !field.empty()) row.push_back(field), rows.push_back(row);
  return rows;
}

/// Rows of a CSV with a header, as maps from column name to field.
inline std::vector<Row> read_csv(const std::string& path) {
  const auto all = parse_csv(read_file(path));
  std::vector<Row> out;
  for (std::size_t r = 1; r < all.size(); ++r) {
    if (all[r].size() != all[0].size()) throw std::runtime_error(path + ": row " + std::to_string(r) + " width");
    Row m;
    for (std::size_t c = 0; c < all[0].size(); ++c) m[all[0][c]] = all[r][c];
    out.push_back(m);
  }
  return out;
}

inline std::string data_dir() { return ARTHROKIN_DATA_DIR; }
inline std::string reference(const std::string& file) { return data_dir() + "/reference/" + file; }

}  // namespace test_support
