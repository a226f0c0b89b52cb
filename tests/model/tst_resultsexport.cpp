// Results as JSON and CSV (resultsexport.h): the acceptance figures survive the export, KPI
// states replace missing numbers, scenario filters, CSV shape and neutralised names.
#include "resultsexport.h"

#include "engine.h"
#include "testutil.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace roi;
using Json = nlohmann::json;

class TestResultsExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonAcceptance();
    void jsonStates();
    void jsonSeveralIrrs();
    void jsonScenarioFilter();
    void kpiCsv();
    void seriesCsv();
    void csvNeutralisesNames();
};

void TestResultsExport::jsonAcceptance()
{
    const auto wb = roitest::loadExample("support-assistant.roiwb");
    QVERIFY(wb);
    const Json j = Json::parse(resultsJson(*wb, compute(*wb)));
    QVERIFY(j["scenarios"] == Json({"Base", "Best", "Worst"}));
    QCOMPARE(j["currency"].get<std::string>(), std::string("USD"));
    QCOMPARE(j["horizonMonths"].get<int>(), 36);
    const Json &base = j["useCases"][0]["scenarios"][0];
    QCOMPARE(base["scenario"].get<std::string>(), std::string("Base"));
    const Json &rr = base["runRate"];
    // DESIGN.md's acceptance figures, exactly (JSON numbers read back to the same doubles).
    QCOMPARE_EQ(rr["tco"].get<double>(), 5037.50);
    QCOMPARE_EQ(rr["tokenCost"].get<double>(), 437.50);
    QCOMPARE_EQ(rr["costPerUnit"].get<double>(), 0.10075);
    QCOMPARE_EQ(rr["invoicePerUnit"].get<double>(), 0.00875);
    QCOMPARE_EQ(rr["handledUnits"].get<double>(), 50000.0);
    QCOMPARE_EQ(rr["costByLayer"]["Model tokens"].get<double>(), 437.50);
    QCOMPARE_EQ(rr["costByLayer"]["Retrieval & hosting"].get<double>(), 400.0);
    QCOMPARE_EQ(rr["costByLayer"]["Engineering maintenance"].get<double>(), 3000.0);
    QCOMPARE_EQ(rr["costByLayer"]["Human review"].get<double>(), 1200.0);
    QVERIFY(rr["states"].empty());
    // Month 1 of the horizon: go-live is in month 3, so no tokens or review yet, and half of
    // the $60,000 integration build (spread over 2 months).
    const Json &first = base["firstMonthCostByLayer"];
    QCOMPARE_EQ(first["Model tokens"].get<double>(), 0.0);
    QCOMPARE_EQ(first["Human review"].get<double>(), 0.0);
    QCOMPARE_EQ(first["Retrieval & hosting"].get<double>(), 400.0);
    QCOMPARE_EQ(first["Integration build"].get<double>(), 30000.0);
    QCOMPARE_EQ(first["Agent training"].get<double>(), 0.0);
    QCOMPARE(j["findings"].size(), std::size_t(0));
    QCOMPARE(j["portfolio"].size(), std::size_t(3));
}

void TestResultsExport::jsonStates()
{
    // No cost and no benefit: ROI undefined, no IRR, no payback; each null with its reason.
    Workbook wb = roitest::bareWorkbook(3);
    const Json j = Json::parse(resultsJson(wb, compute(wb)));
    const Json &k = j["useCases"][0]["scenarios"][0];
    QVERIFY(k["roiPercent"].is_null());
    QCOMPARE(k["states"]["roiPercent"].get<std::string>(), std::string("undefined"));
    QVERIFY(k["irrAnnual"].is_null());
    QCOMPARE(k["states"]["irrAnnual"].get<std::string>(), std::string("noSignChange"));
    QCOMPARE(k["states"]["paybackMonth"].get<std::string>(), std::string("undefined"));
    QCOMPARE(k["states"]["aiGrossMargin"].get<std::string>(), std::string("notApplicable"));
    QVERIFY(k["roiPercentPerYear"][0].is_null());
    QCOMPARE(k["states"]["roiPercentPerYear"][0].get<std::string>(), std::string("undefined"));
    // A number where there is one: $0 over 3,000 outcomes.
    QCOMPARE_EQ(k["costPerOutcome"].get<double>(), 0.0);
    QVERIFY(!k["states"].contains("costPerOutcome"));
    // Never pays back.
    wb.useCases[0].layers = {roitest::fixedLayer("Platform", 10)};
    const Json n = Json::parse(resultsJson(wb, compute(wb)));
    QCOMPARE(n["useCases"][0]["scenarios"][0]["states"]["paybackMonth"].get<std::string>(),
             std::string("neverPaysBack"));
    // Every year has a ROI now (-100%): no per-year reasons.
    QVERIFY(!n["useCases"][0]["scenarios"][0]["roiPercentPerYear"][0].is_null());
    QVERIFY(!n["useCases"][0]["scenarios"][0]["states"].contains("roiPercentPerYear"));
    QCOMPARE_EQ(n["useCases"][0]["scenarios"][0]["roiPercent"].get<double>(), -100.0);
    for (KpiState s : {KpiState::Ok, KpiState::Undefined, KpiState::NoSignChange,
                       KpiState::NotFound, KpiState::NeverPaysBack, KpiState::NotApplicable})
        QVERIFY(!kpiStateName(s).empty());
    QCOMPARE(std::string(kpiStateName(KpiState::NotFound)), std::string("notFound"));
}

void TestResultsExport::jsonSeveralIrrs()
{
    // A saving of 216,000 a month over 3 months, with one-time costs of 316,000 in month 1 and
    // 332,600 in month 3: net −100,000, +216,000, −116,600, whose IRRs are 6% and 10% a month
    // (tst_finance solves it). The engine reports 6% (nearest zero) and that there are two.
    Workbook wb = roitest::bareWorkbook(3);
    CostLayer first;
    first.name = "Build";
    first.type = LayerType::OneTime;
    first.amount = 316000;
    first.month = 1;
    CostLayer last = first;
    last.name = "Rebuild";
    last.amount = 332600;
    last.month = 3;
    wb.useCases[0].layers = {first, last};
    wb.useCases[0].drivers = {roitest::avoidedFixed("Saving", 216000)};
    const Results res = compute(wb, roitest::noChecks());
    const Kpis &k = res.at(0, 0).kpis;
    QCOMPARE(k.irrCount, 2);
    QVERIFY(k.irrAnnual.ok());
    ROI_COMPARE_NEAR(k.irrAnnual.value, std::pow(1.06, 12) - 1, 1e-9);
    QCOMPARE(res.portfolio[0].kpis.irrCount, 2);
    const auto j = nlohmann::json::parse(resultsJson(wb, res));
    QCOMPARE(j["useCases"][0]["scenarios"][0]["irrCount"].get<int>(), 2);
    // One sign change: one IRR.
    wb.useCases[0].layers.pop_back();
    QCOMPARE(compute(wb, roitest::noChecks()).at(0, 0).kpis.irrCount, 1);
}

void TestResultsExport::jsonScenarioFilter()
{
    auto wb = roitest::loadExample("portfolio.roiwb");
    QVERIFY(wb);
    // A Worst adjustment that pushes the lawyers' review share (60%, and × 1.5 in Worst) past
    // 100%: one finding that belongs to Worst alone.
    wb->scenarios[2].adjustments.push_back(
        {"layers[\"Human review\"].share", AdjustmentOp::Multiply, 2, "Contract review"});
    const Results r = compute(*wb);
    const Json j = Json::parse(resultsJson(*wb, r, 2));
    QVERIFY(j["scenarios"] == Json({"Worst"}));
    QCOMPARE(j["useCases"].size(), std::size_t(3));
    for (const Json &u : j["useCases"]) {
        QCOMPARE(u["scenarios"].size(), std::size_t(1));
        QCOMPARE(u["scenarios"][0]["scenario"].get<std::string>(), std::string("Worst"));
    }
    QCOMPARE(j["portfolio"].size(), std::size_t(1));
    // The Worst finding (a clamped review share) is kept; with Best only it is not.
    QCOMPARE(j["findings"].size(), std::size_t(1));
    QCOMPARE(Json::parse(resultsJson(*wb, r, 1))["findings"].size(), std::size_t(0));
    QCOMPARE(j["findings"][0]["useCase"].get<std::string>(), std::string("Contract review"));
}

void TestResultsExport::kpiCsv()
{
    const auto wb = roitest::loadExample("support-assistant.roiwb");
    QVERIFY(wb);
    bool ok = false;
    const auto rows = roitest::parseCsv(roi::kpiCsv(*wb, compute(*wb)), &ok);
    QVERIFY(ok);
    // Header, 3 scenarios of the use case, 3 of the portfolio.
    QCOMPARE(rows.size(), std::size_t(7));
    const std::vector<std::string> header = {"useCase",
                                             "scenario",
                                             "tco",
                                             "hardBenefitGross",
                                             "riskDiscount",
                                             "hardBenefit",
                                             "softValue",
                                             "npv",
                                             "roiPercent",
                                             "irrAnnual",
                                             "paybackMonth",
                                             "costPerOutcome",
                                             "costPerInference",
                                             "aiGrossMargin",
                                             "runRateTcoPerMonth",
                                             "cashableValue",
                                             "capacityValue",
                                             "hurdleRate",
                                             "npvAtHurdle",
                                             "discountedPaybackMonth",
                                             "irrVsHurdle"};
    QCOMPARE(rows[0], header);
    QCOMPARE(rows[1][0], std::string("Support assistant"));
    QCOMPARE(rows[1][1], std::string("Base"));
    QCOMPARE_EQ(std::strtod(rows[1][14].c_str(), nullptr), 5037.5);
    // No attributable revenue: the state instead of a number.
    QCOMPARE(rows[1][13], std::string("notApplicable"));
    QCOMPARE(rows[4][0], std::string("(portfolio)"));
    for (const auto &row : rows)
        QCOMPARE(row.size(), header.size());
    // The cashable/capacity split and the hurdle figures are the engine's, row by row (use case
    // Base, Worst, Best, then the portfolio's), a state where there is no number.
    const Results res = compute(*wb);
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const int s = static_cast<int>((i - 1) % 3);
        const roi::Kpis &k =
            i < 4 ? res.at(0, s).kpis : res.portfolio[static_cast<std::size_t>(s)].kpis;
        QCOMPARE(std::strtod(rows[i][15].c_str(), nullptr), k.cashableValue);
        QCOMPARE(std::strtod(rows[i][16].c_str(), nullptr), k.capacityValue);
        QCOMPARE(std::strtod(rows[i][17].c_str(), nullptr), k.hurdleRate);
        QCOMPARE(std::strtod(rows[i][18].c_str(), nullptr), k.npvAtHurdle);
        const auto cell = [](const roi::Kpi &kpi) {
            return kpi.ok() ? std::string() : std::string(roi::kpiStateName(kpi.state));
        };
        if (k.discountedPaybackMonth.ok())
            QCOMPARE(std::strtod(rows[i][19].c_str(), nullptr), k.discountedPaybackMonth.value);
        else
            QCOMPARE(rows[i][19], cell(k.discountedPaybackMonth));
        if (k.irrVsHurdle.ok())
            QCOMPARE(std::strtod(rows[i][20].c_str(), nullptr), k.irrVsHurdle.value);
        else
            QCOMPARE(rows[i][20], cell(k.irrVsHurdle));
    }
    // The example is worth something at its hurdle rate.
    QVERIFY(res.at(0, 0).kpis.npvAtHurdle != 0);
    QVERIFY(res.at(0, 0).kpis.hurdleRate > 0);
}

void TestResultsExport::seriesCsv()
{
    Workbook wb = roitest::bareWorkbook(12);
    wb.scenarios = defaultScenarios();
    wb.useCases[0].layers = {roitest::fixedLayer("Platform", 100)};
    bool ok = false;
    const auto rows = roitest::parseCsv(roi::seriesCsv(wb, compute(wb)), &ok);
    QVERIFY(ok);
    // Header + (1 use case + portfolio) × 3 scenarios × 12 months.
    QCOMPARE(rows.size(), std::size_t(1 + 2 * 3 * 12));
    // 17 columns + a cost per category (7) + the cost without and with savings levers (2).
    QCOMPARE(rows[0].size(), std::size_t(26));
    QCOMPARE(rows[0][10], std::string("cost"));
    QCOMPARE(rows[0][23], std::string("cost.other"));
    QCOMPARE(rows[0][24], std::string("baselineCost"));
    QCOMPARE(rows[0][25], std::string("optimisedCost"));
    // No levers: both are the cost.
    QCOMPARE(rows[1][24], rows[1][10]);
    QCOMPARE(rows[1][25], rows[1][10]);
    const auto &first = rows[1];
    QCOMPARE(first[0], std::string("Case"));
    QCOMPARE(first[1], std::string("Base"));
    QCOMPARE(first[2], std::string("1"));
    QCOMPARE(first[3], std::string("2026-01"));
    QCOMPARE(first[4], std::string("1000"));
    QCOMPARE(first[10], std::string("100"));
    // Month 12 of the base scenario ends the year: 2026-12, cumulative net −1,200.
    QCOMPARE(rows[12][3], std::string("2026-12"));
    QCOMPARE(rows[12][16], std::string("-1200"));
    // Only one scenario when asked.
    const auto worst = roitest::parseCsv(roi::seriesCsv(wb, compute(wb), 2), &ok);
    QCOMPARE(worst.size(), std::size_t(1 + 2 * 12));
    QCOMPARE(worst[1][1], std::string("Worst"));
}

void TestResultsExport::csvNeutralisesNames()
{
    Workbook wb = roitest::bareWorkbook(1);
    wb.useCases[0].name = "=cmd|' /C calc'!A0";
    wb.scenarios[0].name = "+Base, \"quoted\"";
    const std::string csv = roi::kpiCsv(wb, compute(wb));
    bool ok = false;
    const auto rows = roitest::parseCsv(csv, &ok);
    QVERIFY(ok);
    QCOMPARE(rows[1][0], std::string("'=cmd|' /C calc'!A0"));
    QCOMPARE(rows[1][1], std::string("'+Base, \"quoted\""));
    // Numbers are not touched: a TCO of 0 is a plain 0.
    QCOMPARE(rows[1][2], std::string("0"));
}

QTEST_APPLESS_MAIN(TestResultsExport)
#include "tst_resultsexport.moc"
