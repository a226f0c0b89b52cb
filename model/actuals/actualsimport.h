// Applying an import to the workbook's actuals: duplicate detection (same SHA-256), overlap with
// earlier imports of the same format and provider, and the caller's choice. Pure functions on
// values: the app runs the importer and the RollupBuilder (on a worker thread), then applies
// the result here as one undoable edit. An import that fails applies nothing.
#pragma once

#include "actuals.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roi::actuals {

/// A finished import waiting to be applied: its audit record and its roll-up.
struct PendingImport
{
    ImportRecord record; // id already assigned (Actuals::nextImportId at build time)
    RollupTable table;
    std::vector<CurrencyRate> newRates; // rates given for this import, stored with it
};

/// What applying `pending` to `current` would meet.
struct ImportConflicts
{
    /// An earlier import of a file with the same SHA-256: applying changes nothing.
    const ImportRecord *duplicateOf = nullptr;
    /// Earlier imports of the same format and a shared provider whose date ranges overlap,
    /// and those of the other kind of the same provider's exports (a usage export against a
    /// cost export: openai-usage and openai-costs, anthropic-usage and anthropic-costs) whose
    /// dates overlap: they describe the same spend, once priced and once billed.
    std::vector<const ImportRecord *> overlapping;
    /// The subset of `overlapping` of the other kind (usage against cost).
    std::vector<const ImportRecord *> crossFormat;
};
/// "usage" for an export of tokens without amounts (openai-usage, anthropic-usage), "cost" for
/// one of amounts without tokens (openai-costs, anthropic-costs), "" for the others (FOCUS,
/// gateway logs, mapped CSV hold both).
std::string_view sourceKind(std::string_view format);
ImportConflicts findConflicts(const Actuals &current, const ImportRecord &record);

/// What to do with overlapping earlier imports.
enum class OverlapChoice {
    Fail,    // refuse the import (the command line's default; the window asks first)
    Replace, // remove the overlapping earlier imports (their rows), then add this one
    Keep     // keep both (the user knows they cover different usage)
};
std::string_view overlapName(OverlapChoice choice); // "fail", "replace", "keep"
std::optional<OverlapChoice> overlapFromName(std::string_view name);

struct ApplyResult
{
    enum class Outcome { Applied, Duplicate, Refused } outcome = Outcome::Refused;
    Actuals actuals;                     // the new actuals (== current unless Applied)
    std::string message;                 // why it was refused, or what was replaced, in words
    std::vector<std::uint32_t> replaced; // ids of imports removed by Replace
};

/// `current` with `pending` applied under `choice`. Never partially: Refused and Duplicate
/// return `current` unchanged.
ApplyResult applyImport(const Actuals &current, const PendingImport &pending, OverlapChoice choice);

/// `current` without import `id` (audit record and rows).
Actuals removeImport(const Actuals &current, std::uint32_t id);

} // namespace roi::actuals
