// Helpers shared by the model tests: small workbooks built in code, the bundled examples, a
// tolerance comparison and a scan of every result for NaN or infinity.
#pragma once

#include "engine.h"
#include "results.h"
#include "workbook.h"
#include "workbookfile.h"

#include <QTest>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

/// Fails the test unless |actual − expected| <= tolerance, printing both with full precision.
#define ROI_COMPARE_NEAR(actual, expected, tolerance)                                              \
    do {                                                                                           \
        const double roiActual_ = (actual);                                                        \
        const double roiExpected_ = (expected);                                                    \
        if (!(std::abs(roiActual_ - roiExpected_) <= (tolerance))) {                               \
            char roiBuf_[512];                                                                     \
            std::snprintf(roiBuf_, sizeof roiBuf_, "%s = %.17g, expected %.17g (tolerance %g)",    \
                          #actual, roiActual_, roiExpected_, static_cast<double>(tolerance));      \
            QFAIL(roiBuf_);                                                                        \
        }                                                                                          \
    } while (false)

namespace roitest {

/// Reads a whole file as bytes; empty when it cannot be read.
inline std::string readText(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline std::string examplePath(const std::string &name)
{
    return std::string(ROI_SOURCE_DIR) + "/resources/examples/" + name;
}

/// Loads a bundled example; nullopt (and the caller fails) when it does not load.
inline std::optional<roi::Workbook> loadExample(const std::string &name)
{
    roi::LoadResult r = roi::readWorkbook(readText(examplePath(name)));
    return r.workbook;
}

/// Options that turn the model checks off, for tests about the formulas alone.
inline roi::ComputeOptions noChecks()
{
    roi::ComputeOptions o;
    o.checks = false;
    return o;
}

/// A workbook of one use case "Case" that costs nothing and earns nothing: 1,000 units a month,
/// every unit handled from month 1 (immediate adoption of 100%), no growth, no price decline,
/// no discounting, only the Base scenario. Tests add the one layer or driver they are about.
inline roi::Workbook bareWorkbook(int horizon = 12)
{
    roi::Workbook wb;
    wb.settings.startMonth = {2026, 1};
    wb.settings.horizonMonths = horizon;
    wb.settings.discountRate = 0;
    wb.scenarios = {roi::Scenario{"Base", {}, {}}};
    roi::UseCase uc;
    uc.name = "Case";
    uc.baseline.volume = 1000;
    uc.ramp.goLive = {2026, 1};
    uc.ramp.curve = roi::RampCurve::Immediate;
    uc.ramp.rampMonths = 0;
    uc.ramp.steadyAdoption = 1;
    wb.useCases.push_back(uc);
    return wb;
}

inline roi::CostLayer fixedLayer(std::string name, double amount,
                                 roi::CostCategory category = roi::CostCategory::Infrastructure)
{
    roi::CostLayer l;
    l.name = std::move(name);
    l.type = roi::LayerType::FixedMonthly;
    l.category = category;
    l.amount = amount;
    return l;
}

inline roi::ValueDriver avoidedFixed(std::string name, double amount)
{
    roi::ValueDriver d;
    d.name = std::move(name);
    d.kind = roi::DriverKind::AvoidedCost;
    d.avoidedMode = roi::AvoidedMode::FixedMonthly;
    d.term = roi::NumeratorTerm::AvoidedCost;
    d.amount = amount;
    return d;
}

/// A strict RFC 4180 reader for the tests: rows end with CRLF, quoted fields double their
/// quotes. *ok is false on malformed input.
inline std::vector<std::vector<std::string>> parseCsv(const std::string &text, bool *ok)
{
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    *ok = true;
    std::size_t i = 0;
    bool cellStarted = false;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '"' && !cellStarted) {
            ++i;
            while (true) {
                if (i >= text.size()) {
                    *ok = false;
                    return rows;
                }
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        cell += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                cell += text[i++];
            }
            cellStarted = true;
            if (i < text.size() && text[i] != ',' && text[i] != '\r') {
                *ok = false; // text after a closing quote
                return rows;
            }
        } else if (c == ',') {
            row.push_back(cell);
            cell.clear();
            cellStarted = false;
            ++i;
        } else if (c == '\r') {
            if (i + 1 >= text.size() || text[i + 1] != '\n') {
                *ok = false; // a bare CR outside quotes
                return rows;
            }
            row.push_back(cell);
            rows.push_back(row);
            row.clear();
            cell.clear();
            cellStarted = false;
            i += 2;
        } else if (c == '\n' || c == '"') {
            *ok = false; // a bare LF, or a quote inside an unquoted cell
            return rows;
        } else {
            cell += c;
            cellStarted = true;
            ++i;
        }
    }
    if (cellStarted || !row.empty())
        *ok = false; // the last row must end with CRLF
    return rows;
}

inline std::string rowName(roi::Row r)
{
    static const char *names[] = {"Units",     "Adoption",      "Handled",     "Outcomes",
                                  "Calls",     "TokenCost",     "PerCallCost", "Cost",
                                  "HardGross", "HardNet",       "Soft",        "Benefit",
                                  "Net",       "CumulativeNet", "Cashable",    "Capacity"};
    static_assert(std::size(names) == roi::kRowCount);
    return names[static_cast<int>(r)];
}

/// Every NaN or infinity anywhere in one case result: every series, every KPI, the run rate.
inline void scanCase(const roi::CaseResult &c, const std::string &where,
                     std::vector<std::string> &out)
{
    auto check = [&](double v, const std::string &what) {
        if (!std::isfinite(v))
            out.push_back(where + " " + what + " = " + std::to_string(v));
    };
    auto series = [&](std::span<const double> s, const std::string &what) {
        for (std::size_t m = 0; m < s.size(); ++m)
            check(s[m], what + " month " + std::to_string(m + 1));
    };
    for (int r = 0; r < roi::kRowCount; ++r)
        series(c.row(static_cast<roi::Row>(r)), rowName(static_cast<roi::Row>(r)));
    for (int cat = 0; cat < roi::kCategoryCount; ++cat)
        series(c.categoryCost(static_cast<roi::CostCategory>(cat)),
               "category " + std::to_string(cat));
    for (int l = 0; l < c.layerCount(); ++l)
        series(c.layerCost(l), "layer " + std::to_string(l));
    for (int d = 0; d < c.driverCount(); ++d) {
        series(c.driverGross(d), "driver gross " + std::to_string(d));
        series(c.driverNet(d), "driver net " + std::to_string(d));
    }
    const roi::Kpis &k = c.kpis;
    for (auto [v, name] : {std::pair{k.tco, "tco"},
                           {k.hardBenefitGross, "hardBenefitGross"},
                           {k.riskDiscount, "riskDiscount"},
                           {k.hardBenefit, "hardBenefit"},
                           {k.softValue, "softValue"},
                           {k.headlineBenefit, "headlineBenefit"},
                           {k.netValue, "netValue"},
                           {k.units, "units"},
                           {k.handled, "handled"},
                           {k.outcomes, "outcomes"},
                           {k.calls, "calls"},
                           {k.tokenCost, "tokenCost"},
                           {k.npv, "npv"},
                           {k.cashableValue, "cashableValue"},
                           {k.capacityValue, "capacityValue"},
                           {k.npvAtHurdle, "npvAtHurdle"}})
        check(v, name);
    for (double v : k.byTerm)
        check(v, "byTerm");
    for (auto [kpi, name] : {std::pair{k.roiPercent, "roiPercent"},
                             {k.irrAnnual, "irrAnnual"},
                             {k.paybackMonth, "paybackMonth"},
                             {k.costPerOutcome, "costPerOutcome"},
                             {k.costPerInference, "costPerInference"},
                             {k.aiGrossMargin, "aiGrossMargin"},
                             {k.irrVsHurdle, "irrVsHurdle"},
                             {k.discountedPaybackMonth, "discountedPaybackMonth"}})
        check(kpi.value, name);
    for (const roi::Kpi &y : k.roiPerYear)
        check(y.value, "roiPerYear");
    const roi::RunRate &rr = c.runRate;
    for (auto [v, name] : {std::pair{rr.handled, "runRate.handled"},
                           {rr.tco, "runRate.tco"},
                           {rr.tokenCost, "runRate.tokenCost"},
                           {rr.hardBenefit, "runRate.hardBenefit"},
                           {rr.capacityValue, "runRate.capacityValue"},
                           {rr.costPerUnit.value, "runRate.costPerUnit"},
                           {rr.invoicePerUnit.value, "runRate.invoicePerUnit"},
                           {rr.costPerOutcome.value, "runRate.costPerOutcome"}})
        check(v, name);
    for (double v : rr.costByLayer)
        check(v, "runRate.costByLayer");
}

/// Every NaN or infinity in the results (empty when there is none).
inline std::vector<std::string> nonFinite(const roi::Results &res)
{
    std::vector<std::string> out;
    for (int u = 0; u < res.useCaseCount; ++u) {
        for (std::size_t s = 0; s < res.scenarios.size(); ++s)
            scanCase(res.at(u, static_cast<int>(s)),
                     "case " + std::to_string(u) + " scenario " + res.scenarios[s], out);
    }
    for (std::size_t s = 0; s < res.portfolio.size(); ++s)
        scanCase(res.portfolio[s], "portfolio scenario " + res.scenarios[s], out);
    return out;
}

/// Fails with the first non-finite value found.
#define ROI_VERIFY_FINITE(results)                                                                 \
    do {                                                                                           \
        const auto roiBad_ = roitest::nonFinite(results);                                          \
        QVERIFY2(roiBad_.empty(), roiBad_.empty() ? "" : roiBad_.front().c_str());                 \
    } while (false)

} // namespace roitest
