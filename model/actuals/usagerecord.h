// The one normalised record every importer of usage and cost exports produces (FOCUS, OpenAI,
// Anthropic, LiteLLM, mapped CSV): a day's usage of one model under one set of attribution keys.
// Plain value; the importers stream them to a sink, the roll-ups (rollup.h) aggregate them by
// month.
#pragma once

#include "../calendar.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace roi::actuals {

/// What a record's cost is: the sources disagree, so the kind travels with the amount.
enum class CostKind {
    None,      // the source gave no cost: priced from the price book by date (pricing.h)
    Billed,    // invoiced (FOCUS BilledCost, a provider's cost report)
    Effective, // after discounts and commitments (FOCUS EffectiveCost)
    List,      // at list price (FOCUS ListCost)
    Estimated  // a gateway's estimate (LiteLLM spend)
};

/// Who or what the usage was for. Empty strings mean "not given". Tags are key/value pairs in the
/// order the source gave them (FOCUS Tags JSON, LiteLLM request_tags/metadata, OpenAI project...).
struct AttributionKeys
{
    std::string project;
    std::string team;
    std::string user;
    std::string customer;
    std::string feature;
    std::vector<std::pair<std::string, std::string>> tags;

    friend bool operator==(const AttributionKeys &, const AttributionKeys &) = default;
};

struct UsageRecord
{
    Date day;             // UTC calendar day of the usage
    std::string provider; // "OpenAI", "Anthropic", "Microsoft", ... as the source names it
    std::string model;    // as the source names it, e.g. "gpt-4o-mini-2024-07-18"

    // Tokens, split so that the four counts never overlap and sum to every token billed:
    double uncachedInput = 0;   // input tokens billed at the full input rate
    double cacheReadInput = 0;  // input tokens read from a prompt cache
    double cacheWriteInput = 0; // input tokens written to a prompt cache (all TTLs)
    double outputTokens = 0;
    double requests = 0; // model calls; 0 when the source does not say
    double outcomes = 0; // business outcomes, only through a CSV mapping

    double cost = 0; // in `currency`; meaningful unless costKind == None
    CostKind costKind = CostKind::None;
    std::string currency; // ISO 4217; empty = the workbook's currency
    // The other amounts a source gives beside `cost` (FOCUS has all three), in `currency`.
    std::optional<double> billedCost;
    std::optional<double> listCost;

    AttributionKeys keys;

    friend bool operator==(const UsageRecord &, const UsageRecord &) = default;
};

} // namespace roi::actuals
