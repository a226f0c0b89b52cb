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
// Cost: uncached input at `input`, cache reads at `cachedInput`, cache writes at 1.25 x `input`
// (the 5-minute write premium), those of them written with a 1-hour TTL at 2 x `input` (the
// Anthropic importer gives their count in the tag kCacheWrite1hTag), output at `output`; all per
// million tokens. OpenAI bills no write premium, and its records carry no cache writes (its
// `input_tokens` include them as plain input).
#pragma once

#include "../workbook.h"
#include "usagerecord.h"

#include <span>
#include <string>
#include <string_view>

namespace roi::actuals {

inline constexpr double kCacheWritePremium = 1.25;  // 5-minute TTL, x input
inline constexpr double kCacheWrite1hPremium = 2.0; // 1-hour TTL, x input
/// The tag in which an importer gives how many of a record's cache writes had a 1-hour TTL.
inline constexpr std::string_view kCacheWrite1hTag = "cache_write_1h_tokens";

/// The price-book model name `exportName` matches (see above); empty when none.
std::string matchPriceModel(std::span<const PriceEntry> book, std::string_view exportName);

/// The entry of price-book model `priceModel` in force on `day` (the latest validFrom <= day);
/// null when none is (every entry starts later).
const PriceEntry *priceOn(std::span<const PriceEntry> book, std::string_view priceModel, Date day);

/// The token cost of `record` at `price`, in the price book's currency.
double tokenCost(const UsageRecord &record, const PriceEntry &price);

} // namespace roi::actuals
