// The shared output writers of the `arthrokin` tool: how a check (Report), a per-DoF or
// per-composite result over many frames (Tally), a bound and the muscle tables are written as
// JSON, as CSV rows and as text. Subcommands read their input, call the library and hand the
// result to these writers; no format is written inline in a command.
#pragma once

#include "cli.hpp"

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace arthrokin::cli {

/// printf-style formatting of one string, e.g. padded("%-46s", name).
[[nodiscard]] std::string padded(const char* f, std::string_view v);

/// One CSV cell: quoted (RFC 4180) if it holds a comma, a quote or a newline.
[[nodiscard]] std::string csv_cell(std::string_view s);

// --- one check (a Report) ---

/// The sentences of the DoFs and composites out of range in `r` (JSON array).
[[nodiscard]] nlohmann::json out_of_range_json(const Report& r);
/// The same as text lines, each indented by two spaces.
void write_out_of_range_text(std::ostream& os, const Report& r);

// --- a bound ---

/// {"deg", "source", "tag", "origin", "citation"} and "reason" for an override, or null without a
/// bound: the fields of the JSON reports (io::bound_to_json_value).
[[nodiscard]] nlohmann::json bound_json(const Bound& b);
/// The bound in degrees ("%g"), or empty without a bound (a CSV cell).
[[nodiscard]] std::string bound_csv(const Bound& b);

// --- per-DoF and per-composite results over many frames (Tally) ---

/// One row of a tally: a DoF or a composite limit.
struct TallyRow {
  std::string id;  ///< DoF identifier, or "composite:<side>_<name>"
  const DofTally* t = nullptr;
  bool checked = false;             ///< the limit is active
  bool has_limit = false;           ///< a lower or an upper bound (composites: always)
  const DofLimit* limit = nullptr;  ///< the DoF's limit (composites: none)
  std::optional<DofRange> range{};  ///< the DoF's range over the frames (scan; composites: none)
};
/// The rows of `t`: every DoF, then every composite limit of `limits`. `ranges`: the DoFs' ranges, or null.
[[nodiscard]] std::vector<TallyRow> tally_rows(const Limits& limits, const Tally& t,
                                               const RangeAccumulator* ranges = nullptr);
/// out_of_range, possibly_out_of_range, not_checked, no_limit, unknown or within_range.
[[nodiscard]] std::string row_verdict(const TallyRow& r);
/// JSON of a DoF row (with its limits and verdict) or of a composite row.
[[nodiscard]] nlohmann::json tally_row_json(const TallyRow& r);
/// CSV header of tally rows, and one row (min_deg and max_deg: the DoF's range, empty when never observed).
[[nodiscard]] std::string tally_csv_header();
void write_tally_csv_row(std::ostream& os, const TallyRow& r);
/// Text table header of tally rows, and one row.
void write_tally_text_header(std::ostream& os);
void write_tally_text_row(std::ostream& os, const TallyRow& r);

// --- muscles ---

/// A mover (`muscles movers`): {"muscle", "side", "role", "action", "source", "tag", "unverified",
/// "notes"} (the fields of Python's `movers`), a CSV row, a text row.
[[nodiscard]] nlohmann::json mover_json(const Mover& mv);
[[nodiscard]] std::string mover_csv_header();
void write_mover_csv_row(std::ostream& os, const Mover& mv);
void write_mover_text_row(std::ostream& os, const Mover& mv);

/// A muscle lengthened or shortened by a pose (`muscles stretched`): {"muscle", "side",
/// "score_rad", "unverified", "secondary", "claim", "uncertain", "partial"}, a CSV row, a text row.
[[nodiscard]] nlohmann::json muscle_length_json(const MuscleLoad& l);
[[nodiscard]] std::string muscle_length_csv_header();
void write_muscle_length_csv_row(std::ostream& os, const MuscleLoad& l);
void write_muscle_length_text_row(std::ostream& os, const MuscleLoad& l);

// --- exercise monitor ---

/// One band's statistics on one side: {"in_s", "out_s", "unknown_s", "frames", "max_deg",
/// "min_deg", "visits_below_target"}.
[[nodiscard]] nlohmann::json band_side_json(const BandSideStats& st);
/// An out-of-band interval: {"band", "side", "excursion", "start_s", "end_s", "extreme_deg"}, a
/// CSV row, a text line (indented by two spaces).
[[nodiscard]] nlohmann::json interval_json(const Exercise& ex, const OutOfBandInterval& iv);
[[nodiscard]] std::string interval_csv_header();
void write_interval_csv_row(std::ostream& os, const Exercise& ex, const OutOfBandInterval& iv);
[[nodiscard]] std::string interval_text(const Exercise& ex, const OutOfBandInterval& iv);

}  // namespace arthrokin::cli
