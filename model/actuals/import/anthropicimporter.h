// Anthropic Admin API reports.
//   Usage report JSON ({"data": [{"starting_at": RFC 3339, "results": [...]}], "has_more",
//   "next_page"}; one page or an array of pages): uncached_input_tokens EXCLUDE cache reads and
//   writes, so they are taken as they are; cache_read_input_tokens; cache writes are
//   cache_creation.ephemeral_5m_input_tokens + ephemeral_1h_input_tokens (the 1-hour part is
//   kept as the tag "cache_write_1h_tokens", priced higher); output_tokens; model; workspace_id
//   -> project; api_key_id, service_tier, context_window -> tags. Day: starting_at as a UTC day.
//   Cost report JSON: amount is a decimal STRING in CENTS (the currency's lowest unit):
//   "1234.5" = USD 12.345; currency, description, model, workspace_id, cost_type, token_type.
#pragma once

#include "importcontext.h"

namespace roi::actuals::detail {

std::string importAnthropic(ImportContext &ctx, SourceFormat format);

} // namespace roi::actuals::detail
