// Which use cases a report covers in full, and their ranking (reportexporter.h).
#include "reportexporter.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace roi {

using namespace Qt::StringLiterals;

QString useCaseSectionsName(UseCaseSections sections)
{
    switch (sections) {
    case UseCaseSections::Auto:
        return u"auto"_s;
    case UseCaseSections::All:
        return u"all"_s;
    case UseCaseSections::Top:
        return u"top"_s;
    case UseCaseSections::Named:
        return u"named"_s;
    case UseCaseSections::None:
        return u"none"_s;
    }
    return {};
}

QString rankKpiName(RankKpi kpi)
{
    switch (kpi) {
    case RankKpi::Npv:
        return u"npv"_s;
    case RankKpi::Roi:
        return u"roi"_s;
    case RankKpi::Payback:
        return u"payback"_s;
    case RankKpi::HardBenefit:
        return u"benefit"_s;
    }
    return {};
}

std::optional<RankKpi> rankKpiFromName(const QString &name)
{
    for (RankKpi k : {RankKpi::Npv, RankKpi::Roi, RankKpi::Payback, RankKpi::HardBenefit}) {
        if (rankKpiName(k).compare(name, Qt::CaseInsensitive) == 0)
            return k;
    }
    return std::nullopt;
}

std::vector<int> rankedUseCases(const Results &results, int scenario, RankKpi kpi)
{
    // A score where higher is better; nullopt (undefined) ranks last.
    auto score = [&](int u) -> std::optional<double> {
        const Kpis &k = results.at(u, scenario).kpis;
        switch (kpi) {
        case RankKpi::Npv:
            return std::isfinite(k.npv) ? std::optional<double>(k.npv) : std::nullopt;
        case RankKpi::Roi:
            return k.roiPercent.ok() ? std::optional<double>(k.roiPercent.value) : std::nullopt;
        case RankKpi::Payback:
            return k.paybackMonth.ok() ? std::optional<double>(-k.paybackMonth.value)
                                       : std::nullopt;
        case RankKpi::HardBenefit:
            return std::isfinite(k.hardBenefit) ? std::optional<double>(k.hardBenefit)
                                                : std::nullopt;
        }
        return std::nullopt;
    };
    std::vector<std::optional<double>> scores(static_cast<std::size_t>(results.useCaseCount));
    for (int u = 0; u < results.useCaseCount; ++u)
        scores[static_cast<std::size_t>(u)] = score(u);
    std::vector<int> order(static_cast<std::size_t>(results.useCaseCount));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const auto &sa = scores[static_cast<std::size_t>(a)];
        const auto &sb = scores[static_cast<std::size_t>(b)];
        if (sa && sb)
            return *sa > *sb;
        return sa.has_value() && !sb.has_value();
    });
    return order;
}

std::vector<int> fullSectionUseCases(const Workbook &workbook, const Results &results,
                                     const ReportOptions &options, int scenario)
{
    const int count = results.useCaseCount;
    UseCaseSections sections = options.sections;
    int top = std::max(0, options.topCount);
    if (sections == UseCaseSections::Auto) {
        sections = count <= kAutoFullSectionsUpTo ? UseCaseSections::All : UseCaseSections::Top;
        top = kAutoTopCount;
    }
    std::vector<int> out;
    switch (sections) {
    case UseCaseSections::Auto:
    case UseCaseSections::All:
        out.resize(static_cast<std::size_t>(count));
        std::iota(out.begin(), out.end(), 0);
        break;
    case UseCaseSections::Top: {
        out = rankedUseCases(results, scenario, options.rankBy);
        out.resize(std::min(out.size(), static_cast<std::size_t>(top)));
        break;
    }
    case UseCaseSections::Named:
        for (int u = 0; u < count; ++u) {
            if (options.sectionNames.contains(
                    QString::fromStdString(workbook.useCases[static_cast<std::size_t>(u)].name)))
                out.push_back(u);
        }
        break;
    case UseCaseSections::None:
        break;
    }
    return out;
}

} // namespace roi
