// The "actuals" member of a .roiwb file (format version 4; version 3 had "revenuePerCustomer": N
// where version 4 has "revenue": {"default": N}). Small parts are plain JSON; the
// roll-up is stored as dictionary-encoded columns so that 24 months over 10,000 customers stay
// a file one can e-mail and load in well under a second:
//
//   "actuals": {
//     "allocation": "unallocated" | "tokens" | "requests" | "cost",
//     "revenue": {"default": 40,                    (optional, monthly: customers not listed)
//                 "customers": [{"customer": "acme", "monthly": 120}]},   (by customer, unique)
//     "rates": [{"currency": "EUR", "rate": 1.08}],  (1 EUR = 1.08 of the workbook's currency)
//     "rules": [{"useCase": "Support assistant", "feature": "support-*", "tag": "env=prod"}],
//     "mappings": [{"name": "Gateway export", "date": "day", "model": "model", ...}],
//     "imports": [{"id": 1, "file": "usage.json", "sha256": "...", "format": "openai-usage",
//                  "formatDetail": "...", "mapping": "", "importedAt": "2026-11-30T22:31:05Z",
//                  "providers": ["OpenAI"], "firstDay": "2026-09-01", "lastDay": "2026-09-30",
//                  "rowsRead": 30, "rowsUsed": 30, "rowsRefused": 0, "rowsSkipped": 0,
//                  "rowsUnpriced": 0}],
//     "rollup": {
//       "rows": 3,
//       "dictionaries": {"provider": ["", "OpenAI"], "model": [...], "project": [...],
//                        "team": [...], "customer": [...], "feature": [...],
//                        "tags": [[], [["env", "prod"]]]},
//       "columns": {"import": "1*3", "month": "2026-09*2,2026-10", "provider": "1*3", ...,
//                   "uncachedInput": "1000,250.5,0", ..., "cost": "0.25,0.125,0"},
//       "priceChecks": [{"import": 1, "month": "2026-09", "model": "gpt-4o-2024-08-06",
//                        "priceModel": "gpt-4o", "reportedCost": 0, "priceBookCost": 0,
//                        "estimatedCost": 0.25, "reportedRows": 0, "estimatedRows": 10,
//                        "unpricedRows": 0}]
//     }
//   }
//
// A column is a string of comma-separated values, each optionally followed by "*N" (repeated N
// times): dictionary indexes for keys, "YYYY-MM" for the month, shortest round-trip decimals for
// measures. Every column has "rows" values. Errors name the JSON path and, inside a column, the
// value's position: `/actuals/rollup/columns/cost: value 12: must be a finite number >= 0`.
#pragma once

#include "actuals.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <string>

namespace roi {

struct Workbook;

namespace limits {
inline constexpr std::size_t kMaxImports = 10'000;
inline constexpr std::size_t kMaxRules = 10'000;
inline constexpr std::size_t kMaxMappings = 100;
inline constexpr std::size_t kMaxRates = 200;
inline constexpr std::size_t kMaxCustomerRevenue = 1'000'000;
inline constexpr std::size_t kMaxRollupRows = 2'000'000;
inline constexpr std::size_t kMaxPriceChecks = 200'000;
inline constexpr std::size_t kMaxDictionary = 2'000'000; // entries of one dictionary
} // namespace limits

namespace actuals {

using ActualsError = std::function<void(const std::string &path, const std::string &message)>;

nlohmann::ordered_json actualsToJson(const Actuals &actuals);

/// Reads `j` (at JSON pointer `path`) into `actuals`; problems go to `error`, unknown keys to
/// `unknown`.
void readActuals(const nlohmann::ordered_json &j, const std::string &path, Actuals &actuals,
                 const ActualsError &error,
                 const std::function<void(const std::string &)> &unknown);

/// The checks that need the whole workbook: names and currencies unique, rows name known
/// imports. Paths are under "/actuals".
void validateActuals(const Workbook &workbook, const ActualsError &error);

} // namespace actuals
} // namespace roi
