// The undoable edits of the actuals, each one command through the Document: applying an import
// (with the overlap choice), removing one, editing the attribution rules, the allocation mode,
// the currency rates and the revenue per customer, saving or removing a column mapping.
#pragma once

#include "document.h"

#include "actuals/actualsimport.h"

#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace roi {

/// Applies a finished import as one undo command ("Import actuals from FILE"). Pushes nothing
/// and returns the outcome (Duplicate, Refused with the message) when nothing changes.
actuals::ApplyResult applyActualsImport(Document &doc, const actuals::PendingImport &pending,
                                        actuals::OverlapChoice choice);

/// Removes import `id` and its rows ("Remove import FILE"); false when there is no such import.
bool removeActualsImport(Document &doc, std::uint32_t id);

/// Replaces the attribution rules. `mergeKey` folds successive edits of one field into one.
void setAttributionRules(Document &doc, const std::vector<actuals::AttributionRule> &rules,
                         const QString &text, const QString &mergeKey = {});

void setAllocationMode(Document &doc, actuals::AllocationMode mode);

/// Adds a mapping, or replaces the one with the same name ("Save column mapping NAME").
void saveColumnMapping(Document &doc, const actuals::ColumnMapping &mapping);
void removeColumnMapping(Document &doc, const std::string &name);

void setCurrencyRates(Document &doc, const std::vector<actuals::CurrencyRate> &rates,
                      const QString &text);
void setRevenuePerCustomer(Document &doc, std::optional<double> revenue,
                           const QString &mergeKey = {});
/// Replaces the customers' own monthly revenues (sorted and made unique first) as one command
/// named `text`; nothing when they are unchanged.
void setCustomerRevenue(Document &doc, std::vector<actuals::CustomerRevenue> entries,
                        const QString &text);

} // namespace roi
