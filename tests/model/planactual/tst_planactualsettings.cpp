// The stored plan-vs-actual settings (model/planactual/planactualsettings.h): JSON round trip,
// bad values refused with their JSON path, the migration from a stored version-3 file, and
// buildPlanActual taking its tolerance and basis from them unless the caller overrides.
#include "planactual/planactualjson.h"
#include "planactual/planactualreport.h"
#include "workbookfile.h"

#include "../testutil.h"

#include <QTest>

using namespace roi;
using roitest::noChecks;
using roitest::readText;

namespace {

/// A version-3 workbook: one use case "Case" (4 months from 2026-01), the snapshot "Approved"
/// (cost 1,000 a month, of which tokens 400) and three months of actuals attributed to it: token
/// cost 400, 520, 600, so actual cost 1,000, 1,120, 1,200: variance 0, +120 (+12%), +200 (+20%).
std::string v3Text()
{
    return readText(std::string(ROI_SOURCE_DIR)
                    + "/tests/data/migration/v3-planactual-approved-case.roiwb");
}

Workbook v3Workbook()
{
    const LoadResult r = readWorkbook(v3Text());
    if (!r.ok())
        qFatal("the v3 fixture does not read");
    return *r.workbook;
}

/// The text of the workbook with the "planActual" object replaced by `planActual` (JSON).
std::string withPlanActual(const Workbook &wb, const std::string &planActual)
{
    auto j = nlohmann::ordered_json::parse(writeWorkbook(wb).text);
    j["planActual"] = nlohmann::ordered_json::parse(planActual);
    return j.dump(2);
}

} // namespace

class TestPlanActualSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void v3MigratesToDefaults();
    void v3PlanActualKeyStaysUnknown();
    void roundTrip();
    void badSettingsNameThePath_data();
    void badSettingsNameThePath();
    void storedToleranceDrivesFindings_data();
    void storedToleranceDrivesFindings();
    void storedBasisPicksTheSnapshot();
    void renamesFollow();
    void recalibratedWorkbookByHand();
};

void TestPlanActualSettings::v3MigratesToDefaults()
{
    const std::string v3 = v3Text();
    QVERIFY(v3.find("\"version\": 3") != std::string::npos);
    QVERIFY(v3.find("planActual") == std::string::npos);
    const LoadResult r = readWorkbook(v3);
    QVERIFY(r.ok());
    for (const Diagnostic &d : r.diagnostics)
        qWarning("%s: %s", d.path.c_str(), d.message.c_str());
    QVERIFY(r.diagnostics.empty());
    QVERIFY(r.notices.empty());
    QCOMPARE(r.workbook->planActual, PlanActualSettings{});
    QCOMPARE(r.workbook->planActual.tolerance, 0.10);
    QVERIFY(r.workbook->planActual.basis.empty());
    QVERIFY(r.workbook->planActual.recalibrated.empty());
    // The report reads as before the settings existed: the latest snapshot, the 10% band, so
    // February (+12%) and March (+20%) run above it two months in a row.
    const PlanActualReport pa = buildPlanActual(*r.workbook, compute(*r.workbook, noChecks()));
    QCOMPARE(pa.basis, std::string("Approved"));
    QCOMPARE(pa.tolerance, 0.10);
    QCOMPARE(pa.findings.size(), std::size_t(2)); // the use case and the portfolio
    // Saved as version 4 with the defaults written out; it reads back the same.
    const SaveResult saved = writeWorkbook(*r.workbook);
    QVERIFY(saved.text.find("\"version\": 4") != std::string::npos);
    QVERIFY(saved.text.find("\"planActual\"") != std::string::npos);
    const LoadResult again = readWorkbook(saved.text);
    QVERIFY(again.ok());
    QVERIFY(again.diagnostics.empty());
    QVERIFY(*again.workbook == *r.workbook);
}

void TestPlanActualSettings::v3PlanActualKeyStaysUnknown()
{
    // A version-3 reader did not know "planActual": it stays an unknown key, reported and not
    // read (the defaults apply).
    auto j = nlohmann::ordered_json::parse(v3Text());
    j["planActual"] = {{"tolerance", 0.5}};
    const LoadResult r = readWorkbook(j.dump(2));
    QVERIFY(r.ok());
    QCOMPARE(r.diagnostics.size(), std::size_t(1));
    QCOMPARE(r.diagnostics[0].path, std::string("/planActual"));
    QCOMPARE(r.diagnostics[0].message, std::string("unknown key, ignored"));
    QCOMPARE(r.workbook->planActual.tolerance, 0.10);
}

void TestPlanActualSettings::roundTrip()
{
    Workbook wb = v3Workbook();
    wb.planActual.tolerance = 0.25;
    wb.planActual.basis = "Approved";
    wb.planActual.setRecalibrates("Case", true);
    const LoadResult r = readWorkbook(writeWorkbook(wb).text);
    QVERIFY(r.ok());
    QVERIFY(r.diagnostics.empty());
    QCOMPARE(r.workbook->planActual.tolerance, 0.25);
    QCOMPARE(r.workbook->planActual.basis, std::string("Approved"));
    QCOMPARE(r.workbook->planActual.recalibrated, std::vector<std::string>{"Case"});
    QVERIFY(r.workbook->planActual.recalibrates("Case"));
    QVERIFY(*r.workbook == wb);
}

void TestPlanActualSettings::badSettingsNameThePath_data()
{
    QTest::addColumn<QString>("planActual");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    const QString range = QStringLiteral("must be a fraction from 0 to 1 (0% to 100%)");
    QTest::newRow("negative tolerance") << "{\"tolerance\": -0.01}"
                                        << "/planActual/tolerance" << range;
    QTest::newRow("tolerance above 100%") << "{\"tolerance\": 1.5}"
                                          << "/planActual/tolerance" << range;
    QTest::newRow("tolerance as text") << "{\"tolerance\": \"10%\"}"
                                       << "/planActual/tolerance" << range;
    QTest::newRow("unknown snapshot") << "{\"basis\": \"Board pack\"}"
                                      << "/planActual/basis"
                                      << "names no snapshot ('Board pack'); leave it empty for "
                                         "the latest snapshot";
    QTest::newRow("basis a number") << "{\"basis\": 3}"
                                    << "/planActual/basis"
                                    << "must be a snapshot's label (a string; empty: the latest "
                                       "snapshot)";
    QTest::newRow("recalibrated not a list") << "{\"recalibrated\": \"Case\"}"
                                             << "/planActual/recalibrated"
                                             << "must be an array of use case names";
    QTest::newRow("unknown use case") << "{\"recalibrated\": [\"Case\", \"Chat\"]}"
                                      << "/planActual/recalibrated/1"
                                      << "names no use case ('Chat')";
    QTest::newRow("use case twice") << "{\"recalibrated\": [\"Case\", \"Case\"]}"
                                    << "/planActual/recalibrated/1"
                                    << "names 'Case' twice";
    QTest::newRow("not an object") << "[]"
                                   << "/planActual"
                                   << "must be an object";
}

void TestPlanActualSettings::badSettingsNameThePath()
{
    QFETCH(QString, planActual);
    QFETCH(QString, path);
    QFETCH(QString, message);
    const LoadResult r = readWorkbook(withPlanActual(v3Workbook(), planActual.toStdString()));
    QVERIFY(!r.ok());
    bool found = false;
    for (const Diagnostic &d : r.diagnostics) {
        if (d.severity == Severity::Error && d.path == path.toStdString()
            && d.message == message.toStdString())
            found = true;
    }
    if (!found) {
        for (const Diagnostic &d : r.diagnostics)
            qWarning("%s: %s", d.path.c_str(), d.message.c_str());
    }
    QVERIFY(found);
}

void TestPlanActualSettings::storedToleranceDrivesFindings_data()
{
    QTest::addColumn<double>("stored");
    QTest::addColumn<double>("override"); // < 0: none
    QTest::addColumn<int>("findings");
    // February +12%, March +20%: two months in a row above 10%; only March above 15%.
    QTest::newRow("stored 10%") << 0.10 << -1.0 << 2;
    QTest::newRow("stored 15%") << 0.15 << -1.0 << 0;
    QTest::newRow("stored 15%, caller 10%") << 0.15 << 0.10 << 2;
    QTest::newRow("stored 10%, caller 25%") << 0.10 << 0.25 << 0;
    QTest::newRow("stored 0%") << 0.0 << -1.0 << 2;
}

void TestPlanActualSettings::storedToleranceDrivesFindings()
{
    QFETCH(double, stored);
    QFETCH(double, override);
    QFETCH(int, findings);
    Workbook wb = v3Workbook();
    wb.planActual.tolerance = stored;
    PlanActualOptions options;
    if (override >= 0)
        options.tolerance = override;
    const PlanActualReport r = buildPlanActual(wb, compute(wb, noChecks()), options);
    QCOMPARE(r.tolerance, override >= 0 ? override : stored);
    QCOMPARE(r.portfolio.tolerance, r.tolerance);
    QCOMPARE(static_cast<int>(r.findings.size()), findings);
}

void TestPlanActualSettings::storedBasisPicksTheSnapshot()
{
    Workbook wb = v3Workbook();
    // A later snapshot that forecasts 1,100 a month of which tokens 500 (other layers 600):
    // February's actual is then 520 + 600 = 1,120, variance +20 (against 1,000: +120).
    Snapshot later = wb.snapshots.at(0);
    later.label = "Re-approved";
    for (double &v : later.useCases.at(0).row(SnapshotRow::Cost))
        v = 1100;
    for (double &v : later.useCases.at(0).row(SnapshotRow::TokenCost))
        v = 500;
    wb.snapshots.push_back(later);
    const Results res = compute(wb, noChecks());
    QCOMPARE(buildPlanActual(wb, res).basis, std::string("Re-approved")); // the latest
    wb.planActual.basis = "Approved";
    const PlanActualReport r = buildPlanActual(wb, res);
    QCOMPARE(r.basis, std::string("Approved"));
    ROI_COMPARE_NEAR(r.useCases.at(0).months.at(1).variance, 120.0, 1e-9);
    // The caller still overrides.
    PlanActualOptions options;
    options.snapshot = "Re-approved";
    const PlanActualReport o = buildPlanActual(wb, res, options);
    QCOMPARE(o.basis, std::string("Re-approved"));
    ROI_COMPARE_NEAR(o.useCases.at(0).months.at(1).variance, 20.0, 1e-9);
}

void TestPlanActualSettings::renamesFollow()
{
    PlanActualSettings s;
    s.basis = "Approved";
    s.setRecalibrates("A", true);
    s.setRecalibrates("B", true);
    s.setRecalibrates("A", true); // once only
    QCOMPARE(s.recalibrated, (std::vector<std::string>{"A", "B"}));
    QVERIFY(s.renameUseCase("A", "A2"));
    QVERIFY(!s.renameUseCase("Z", "Y"));
    QVERIFY(s.recalibrates("A2"));
    QVERIFY(s.forgetUseCase("B"));
    QCOMPARE(s.recalibrated, std::vector<std::string>{"A2"});
    QVERIFY(s.renameSnapshot("Approved", "Board"));
    QCOMPARE(s.basis, std::string("Board"));
    QVERIFY(!s.forgetSnapshot("Other"));
    QVERIFY(s.forgetSnapshot("Board"));
    QVERIFY(s.basis.empty());
    s.setRecalibrates("A2", false);
    QVERIFY(s.recalibrated.empty());
}

void TestPlanActualSettings::recalibratedWorkbookByHand()
{
    // tests/data/planactual/approved-case.roiwb (the window's test workbook): the same case over
    // 12 months with a $0.40-a-call token layer (1,000 calls a month), a $600 platform fee and
    // $1,500 a month avoided. Recalibrated: 12 × 1,000 with January to March at 1,000, 1,120 and
    // 1,200: TCO 12,320, benefit 18,000, net 5,680, ROI 46.10%. Growth suggested: 20% a month.
    const LoadResult r = readWorkbook(
        readText(std::string(ROI_SOURCE_DIR) + "/tests/data/planactual/approved-case.roiwb"));
    QVERIFY(r.ok());
    for (const Diagnostic &d : r.diagnostics)
        qWarning("%s: %s", d.path.c_str(), d.message.c_str());
    QVERIFY(r.diagnostics.empty());
    const Workbook &wb = *r.workbook;
    const Results res = compute(wb, noChecks());
    ROI_COMPARE_NEAR(res.at(0, 0).kpis.tco, 12000.0, 1e-6);
    const PlanActualReport pa = buildPlanActual(wb, res);
    QCOMPARE(pa.recalibrated.size(), std::size_t(1));
    const Recalibrated &rc = pa.recalibrated[0];
    QCOMPARE(rc.actualMonths, 3);
    ROI_COMPARE_NEAR(rc.tco, 12320.0, 1e-6);
    ROI_COMPARE_NEAR(rc.benefit, 18000.0, 1e-6);
    ROI_COMPARE_NEAR(rc.net, 5680.0, 1e-6);
    ROI_COMPARE_NEAR(rc.roiPercent.value, 5680.0 / 12320.0 * 100, 1e-9);
    QCOMPARE(pa.suggestions.size(), std::size_t(1));
    QCOMPARE(pa.suggestions[0].size(), std::size_t(1));
    QCOMPARE(pa.suggestions[0][0].input, std::string("ramp.volumeGrowth"));
    ROI_COMPARE_NEAR(pa.suggestions[0][0].suggested, 0.20, 1e-9);
}

QTEST_APPLESS_MAIN(TestPlanActualSettings)
#include "tst_planactualsettings.moc"
