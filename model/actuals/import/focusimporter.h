// FOCUS (FinOps Open Cost and Usage Specification) 1.0-1.4 CSV, plain or .csv.gz.
//   cost:       EffectiveCost (CostKind::Effective), BilledCost and ListCost kept beside it
//   tokens:     ConsumedQuantity in ConsumedUnit ("Tokens", "1K Tokens", "1M Tokens"), never
//               PricingQuantity (blocks such as "1000000 Tokens" priced as one unit)
//   model/kind: SkuPriceDetails JSON keys (ModelName/Model, TokenType; with or without x_),
//               else the SkuMeter text ("frontier-mini Cached Input Tokens")
//   provider:   ServiceProviderName (1.3+) or ProviderName (1.0-1.2); the publisher / host
//               (PublisherName, HostProviderName) kept as tags
//   keys:       SubAccountName -> project, ResourceName -> tag "ResourceName", Tags JSON
//   day:        ChargePeriodStart, as a UTC day
// ChargeCategory Tax, Credit, Adjustment and Purchase rows are not usage: skipped, not refused.
#pragma once

#include "importcontext.h"

namespace roi::actuals::detail {

std::string importFocus(ImportContext &ctx);

enum class TokenKind { Unknown, Input, CacheRead, CacheWrite, Output };
/// The token kind a SkuPriceDetails value or a meter's text names.
TokenKind tokenKindFromText(std::string_view text);

} // namespace roi::actuals::detail
