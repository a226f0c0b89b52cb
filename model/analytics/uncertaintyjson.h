// The "uncertainty" member of a .roiwb file (format version 2): the sampling method, the
// uncertain inputs with their distributions and the rank correlations between them.
//
//   "uncertainty": {
//     "sampling": "lhs",
//     "inputs": [{"input": "ramp.steadyAdoption", "useCase": "Support assistant",
//                 "distribution": "pert", "min": 0.5, "mode": 0.7, "max": 0.8}],
//     "correlations": [{"a": 0, "b": 1, "rho": 0.5}],
//     "scenario": "Worst"          (version 4; absent: Base)
//   }
#pragma once

#include "../workbook.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace roi {

namespace limits {
inline constexpr std::size_t kMaxUncertainInputs = 200;
inline constexpr std::size_t kMaxCorrelations = 20'000;
} // namespace limits

/// Called with a JSON pointer and a message for each problem found.
using UncertaintyError = std::function<void(const std::string &path, const std::string &message)>;

nlohmann::json uncertaintyToJson(const UncertaintySetup &setup);

/// Reads `j` (at JSON pointer `path`) into `setup`; syntax and range problems go to `error`,
/// unknown keys to `unknown`.
void readUncertainty(const nlohmann::json &j, const std::string &path, UncertaintySetup &setup,
                     const UncertaintyError &error,
                     const std::function<void(const std::string &)> &unknown);

/// The checks that need the whole workbook: each input names an input of a use case (or of the
/// price book/settings), a named use case exists, each distribution fits the input's legal range,
/// correlation indices name inputs. Paths are under "/uncertainty".
void validateUncertainty(const Workbook &workbook, const UncertaintyError &error);

} // namespace roi
