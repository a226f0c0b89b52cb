// OpenAI exports.
//   Usage API JSON (completions buckets: {"data": [{"start_time": <Unix s>, "results": [...]}]},
//   one page or an array of pages): input_tokens INCLUDE input_cached_tokens (and cache writes
//   where given), so uncached = input - cached - cache writes; num_model_requests -> requests;
//   project_id, user_id -> keys; api_key_id, batch, service_tier -> tags. Day: the bucket's
//   start_time (UTC).
//   The dashboard's usage CSV: the same fields by header name (also the legacy export's
//   n_context_tokens_total / n_generated_tokens_total / n_requests / snapshot_id).
//   Costs API JSON: amount.value in DOLLARS (currency amount.currency), line_item
//   ("<model>, input") and project_id -> a cost record (CostKind::Billed) without tokens.
#pragma once

#include "importcontext.h"

namespace roi::actuals::detail {

std::string importOpenAi(ImportContext &ctx, SourceFormat format);

} // namespace roi::actuals::detail
