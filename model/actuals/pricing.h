// Pricing usage by date: which price-book entry prices a model on a day, and what a record's
// tokens cost at it.
//
// Validity: a PriceEntry's `validFrom` is the first day its rates apply (null = since always).
// A model may have several entries with different `validFrom`; on a day, the entry in force is
// the one with the latest `validFrom` on or before that day. Projections (the engine) use each
// model's current rate: the entry with the latest `validFrom` (currentPrice), so a workbook with
// one entry per model computes exactly as before.
//
// Names: an export's model name ("gpt-4o-mini-2024-07-18", "openai/gpt-4o") matches the price
// book by exact name first, then by the longest price-book name that is a prefix of it and is
// followed by '-', '_', '.', ':' or '@' ("gpt-4o-mini" before "gpt-4o"), then the same two
// steps on the part after the last '/'.
//
// Cost: uncached input at `input`, cache reads at `cachedInput`, cache writes at `input` (the
// price book has no write premium: Anthropic's 1.25x / 2x write surcharge is not estimated;
// its cost report carries it), output at `output`; all per million tokens.
#pragma once

#include "../workbook.h"
#include "usagerecord.h"

#include <span>
#include <string>
#include <string_view>

namespace roi::actuals {

/// The price-book model name `exportName` matches (see above); empty when none.
std::string matchPriceModel(std::span<const PriceEntry> book, std::string_view exportName);

/// The entry of price-book model `priceModel` in force on `day` (the latest validFrom <= day);
/// null when none is (every entry starts later).
const PriceEntry *priceOn(std::span<const PriceEntry> book, std::string_view priceModel, Date day);

/// The token cost of `record` at `price`, in the price book's currency.
double tokenCost(const UsageRecord &record, const PriceEntry &price);

} // namespace roi::actuals
