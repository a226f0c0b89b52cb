// Snapshots of an approved business case (see snapshot.h).
#include "snapshot.h"

#include "../results.h"
#include "../workbook.h"

#include <algorithm>

namespace roi {

namespace {

constexpr std::array<std::string_view, kSnapshotRowCount> kRowKeys = {
    "units", "handled", "calls", "outcomes", "tokenCost", "cost", "benefit", "net"};

constexpr std::array<Row, kSnapshotRowCount> kEngineRows = {
    Row::Units,     Row::Handled, Row::Calls,   Row::Outcomes,
    Row::TokenCost, Row::Cost,    Row::Benefit, Row::Net};

double sum(const std::vector<double> &v)
{
    double s = 0;
    for (double x : v)
        s += x;
    return s;
}

} // namespace

std::string_view snapshotRowKey(SnapshotRow row)
{
    return kRowKeys[static_cast<std::size_t>(row)];
}

double SnapshotCase::total(SnapshotRow r) const
{
    return sum(row(r));
}

int Snapshot::findUseCase(std::string_view name) const
{
    for (std::size_t i = 0; i < useCases.size(); ++i) {
        if (useCases[i].name == name)
            return static_cast<int>(i);
    }
    return -1;
}

SnapshotCase Snapshot::portfolio() const
{
    SnapshotCase p;
    p.name = "Portfolio";
    for (auto &r : p.rows)
        r.assign(static_cast<std::size_t>(months), 0.0);
    for (const auto &uc : useCases) {
        for (std::size_t r = 0; r < p.rows.size(); ++r) {
            const auto &src = uc.rows[r];
            const std::size_t n = std::min(src.size(), p.rows[r].size());
            for (std::size_t t = 0; t < n; ++t)
                p.rows[r][t] += src[t];
        }
    }
    return p;
}

double Snapshot::valueIn(int useCase, SnapshotRow row, YearMonth month) const
{
    const int t = startMonth.monthsUntil(month);
    if (t < 0 || t >= months)
        return 0;
    const auto at = [&](const SnapshotCase &c) {
        const auto &v = c.row(row);
        return static_cast<std::size_t>(t) < v.size() ? v[static_cast<std::size_t>(t)] : 0.0;
    };
    if (useCase < 0) {
        double s = 0;
        for (const auto &c : useCases)
            s += at(c);
        return s;
    }
    if (static_cast<std::size_t>(useCase) >= useCases.size())
        return 0;
    return at(useCases[static_cast<std::size_t>(useCase)]);
}

Snapshot takeSnapshot(const Workbook &workbook, const Results &results, int scenario,
                      std::string label, std::string takenBy, Date takenOn)
{
    Snapshot s;
    s.label = std::move(label);
    s.takenBy = std::move(takenBy);
    s.takenOn = takenOn;
    s.currency = workbook.settings.currency;
    s.startMonth = results.startMonth;
    s.months = results.months;
    if (scenario < 0 || static_cast<std::size_t>(scenario) >= results.scenarios.size())
        return s;
    s.scenario = results.scenarios[static_cast<std::size_t>(scenario)];
    const int count = std::min(results.useCaseCount, static_cast<int>(workbook.useCases.size()));
    for (int u = 0; u < count; ++u) {
        const CaseResult &r = results.at(u, scenario);
        if (r.months() != results.months)
            continue; // not computed (a single-scenario compute of another scenario)
        const UseCase &uc = workbook.useCases[static_cast<std::size_t>(u)];
        SnapshotCase c;
        c.name = uc.name;
        for (std::size_t k = 0; k < kEngineRows.size(); ++k) {
            const auto v = r.row(kEngineRows[k]);
            c.rows[k].assign(v.begin(), v.end());
        }
        const int layers = std::min(r.layerCount(), static_cast<int>(uc.layers.size()));
        for (int l = 0; l < layers; ++l) {
            const auto v = r.layerCost(l);
            c.layers.push_back({uc.layers[static_cast<std::size_t>(l)].name, {v.begin(), v.end()}});
        }
        s.useCases.push_back(std::move(c));
    }
    return s;
}

std::vector<SnapshotDifference> compareSnapshots(const Snapshot &a, const Snapshot &b)
{
    std::vector<SnapshotDifference> out;
    const auto totals = [](const SnapshotCase &c) {
        std::array<double, kSnapshotRowCount> t{};
        for (int r = 0; r < kSnapshotRowCount; ++r)
            t[static_cast<std::size_t>(r)] = c.total(static_cast<SnapshotRow>(r));
        return t;
    };
    for (const auto &ca : a.useCases) {
        SnapshotDifference d;
        d.useCase = ca.name;
        d.inA = true;
        d.totalA = totals(ca);
        const int ib = b.findUseCase(ca.name);
        if (ib >= 0) {
            d.inB = true;
            d.totalB = totals(b.useCases[static_cast<std::size_t>(ib)]);
        }
        out.push_back(d);
    }
    for (const auto &cb : b.useCases) {
        if (a.findUseCase(cb.name) >= 0)
            continue;
        SnapshotDifference d;
        d.useCase = cb.name;
        d.inB = true;
        d.totalB = totals(cb);
        out.push_back(d);
    }
    SnapshotDifference p;
    p.useCase = "Portfolio";
    p.inA = p.inB = true;
    p.totalA = totals(a.portfolio());
    p.totalB = totals(b.portfolio());
    out.push_back(p);
    return out;
}

} // namespace roi
