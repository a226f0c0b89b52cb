// LiteLLM proxy spend logs (the LiteLLM_SpendLogs table exported as CSV, or /spend/logs JSON:
// a top-level array or {"data": [...]}). One row = one model call (requests = 1).
//   spend -> cost in USD (CostKind::Estimated: the gateway's estimate from its price map)
//   prompt_tokens INCLUDE cached and cache-write tokens (OpenAI's convention, which LiteLLM
//   normalises every provider to); the cache counts come from metadata.usage_object
//   (cache_read_input_tokens or prompt_tokens_details.cached_tokens, cache_creation_input_tokens),
//   so uncached = prompt - cache read - cache write; completion_tokens -> output
//   startTime -> the UTC day; model (else model_group); custom_llm_provider, else api_base's host
//   -> provider; user, team_id, end_user (-> customer); request_tags (JSON list: "feature:x" or
//   "k=v" become tag pairs, plain words the tag "request_tag") and
//   metadata.spend_logs_metadata (an object of tags) -> tags, which may name the feature.
#pragma once

#include "importcontext.h"

namespace roi::actuals::detail {

std::string importLiteLlm(ImportContext &ctx);

} // namespace roi::actuals::detail
