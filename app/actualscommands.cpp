#include "actualscommands.h"

#include <algorithm>

namespace roi {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

actuals::ApplyResult applyActualsImport(Document &doc, const actuals::PendingImport &pending,
                                        actuals::OverlapChoice choice)
{
    actuals::ApplyResult result = actuals::applyImport(doc.workbook().actuals, pending, choice);
    if (result.outcome == actuals::ApplyResult::Outcome::Applied)
        doc.setActuals(result.actuals,
                       QObject::tr("Import actuals from %1").arg(qs(pending.record.fileName)));
    return result;
}

bool removeActualsImport(Document &doc, std::uint32_t id)
{
    const actuals::ImportRecord *r = doc.workbook().actuals.findImport(id);
    if (!r)
        return false;
    const QString text = QObject::tr("Remove import %1").arg(qs(r->fileName));
    doc.setActuals(actuals::removeImport(doc.workbook().actuals, id), text);
    return true;
}

void setAttributionRules(Document &doc, const std::vector<actuals::AttributionRule> &rules,
                         const QString &text, const QString &mergeKey)
{
    actuals::Actuals a = doc.workbook().actuals;
    a.rules = rules;
    doc.setActuals(a, text, mergeKey);
}

void setAllocationMode(Document &doc, actuals::AllocationMode mode)
{
    actuals::Actuals a = doc.workbook().actuals;
    a.allocation = mode;
    doc.setActuals(a, QObject::tr("Allocate unattributed cost by %1")
                          .arg(qs(std::string(actuals::allocationName(mode)))));
}

void saveColumnMapping(Document &doc, const actuals::ColumnMapping &mapping)
{
    actuals::Actuals a = doc.workbook().actuals;
    auto it = std::find_if(a.mappings.begin(), a.mappings.end(),
                           [&](const actuals::ColumnMapping &m) { return m.name == mapping.name; });
    if (it != a.mappings.end())
        *it = mapping;
    else
        a.mappings.push_back(mapping);
    doc.setActuals(a, QObject::tr("Save column mapping %1").arg(qs(mapping.name)));
}

void removeColumnMapping(Document &doc, const std::string &name)
{
    actuals::Actuals a = doc.workbook().actuals;
    std::erase_if(a.mappings, [&](const actuals::ColumnMapping &m) { return m.name == name; });
    doc.setActuals(a, QObject::tr("Remove column mapping %1").arg(qs(name)));
}

void setCurrencyRates(Document &doc, const std::vector<actuals::CurrencyRate> &rates,
                      const QString &text)
{
    actuals::Actuals a = doc.workbook().actuals;
    a.rates = rates;
    doc.setActuals(a, text);
}

void setRevenuePerCustomer(Document &doc, std::optional<double> revenue, const QString &mergeKey)
{
    actuals::Actuals a = doc.workbook().actuals;
    a.revenuePerCustomer = revenue;
    doc.setActuals(a, QObject::tr("Set revenue per customer"), mergeKey);
}

void setCustomerRevenue(Document &doc, std::vector<actuals::CustomerRevenue> entries,
                        const QString &text)
{
    actuals::Actuals a = doc.workbook().actuals;
    entries = actuals::normalisedRevenue(std::move(entries));
    if (entries == a.customerRevenue)
        return;
    a.customerRevenue = std::move(entries);
    doc.setActuals(a, text);
}

} // namespace roi
