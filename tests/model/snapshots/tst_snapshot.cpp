// Snapshots of an approved case (model/snapshots): what is frozen, that later edits leave it
// alone, save/load, comparison, the file format (version 3) and the migration from version 2.
#include "snapshots/snapshot.h"
#include "snapshots/snapshotjson.h"

#include "../testutil.h"

#include <QTest>

using namespace roi;
using roitest::bareWorkbook;
using roitest::fixedLayer;
using roitest::noChecks;
using roitest::readText;

namespace {

/// bareWorkbook (1,000 units a month, all handled from month 1, 6 months) with a fixed layer of
/// $400 a month, a per-unit layer of $0.10 a unit and $900 a month avoided cost.
Workbook sixMonths()
{
    Workbook wb = bareWorkbook(6);
    UseCase &uc = wb.useCases[0];
    uc.layers.push_back(fixedLayer("Hosting", 400));
    CostLayer perUnit;
    perUnit.name = "Vendor fee";
    perUnit.type = LayerType::PerUnit;
    perUnit.category = CostCategory::Other;
    perUnit.unitCost = 0.10;
    uc.layers.push_back(perUnit);
    uc.drivers.push_back(roitest::avoidedFixed("Licences", 900));
    return wb;
}

std::string migrationFile(const std::string &name)
{
    return readText(std::string(ROI_SOURCE_DIR) + "/tests/data/migration/" + name);
}

} // namespace

class TestSnapshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freezesTheScenario();
    void survivesEditsAndSaveLoad();
    void severalSnapshotsCompare();
    void portfolioSumsUseCases();
    void badSnapshotNamesThePath_data();
    void badSnapshotNamesThePath();
    void v2MigratesWithNoSnapshots();
    void v2SnapshotsKeyStaysUnknown();
};

void TestSnapshot::freezesTheScenario()
{
    const Workbook wb = sixMonths();
    const Results res = compute(wb, noChecks());
    const Snapshot s = takeSnapshot(wb, res, 0, "Approved", "CFO", {2026, 1, 15});
    QCOMPARE(s.scenario, std::string("Base"));
    QCOMPARE(s.months, 6);
    QCOMPARE(s.startMonth, (YearMonth{2026, 1}));
    QCOMPARE(s.useCases.size(), std::size_t(1));
    const SnapshotCase &c = s.useCases[0];
    // By hand, each month: cost 400 + 1,000 × 0.10 = 500; benefit 900; net 400; 1,000 units
    // handled. Over 6 months: cost 3,000, net 2,400.
    QCOMPARE(c.row(SnapshotRow::Units).size(), std::size_t(6));
    ROI_COMPARE_NEAR(c.row(SnapshotRow::Cost)[2], 500.0, 1e-9);
    ROI_COMPARE_NEAR(c.row(SnapshotRow::Benefit)[5], 900.0, 1e-9);
    ROI_COMPARE_NEAR(c.row(SnapshotRow::Handled)[0], 1000.0, 1e-9);
    ROI_COMPARE_NEAR(c.total(SnapshotRow::Cost), 3000.0, 1e-9);
    ROI_COMPARE_NEAR(c.total(SnapshotRow::Net), 2400.0, 1e-9);
    QCOMPARE(c.layers.size(), std::size_t(2));
    QCOMPARE(c.layers[1].name, std::string("Vendor fee"));
    ROI_COMPARE_NEAR(c.layers[1].cost[3], 100.0, 1e-9);
    ROI_COMPARE_NEAR(s.valueIn(0, SnapshotRow::Cost, {2026, 6}), 500.0, 1e-9);
    ROI_COMPARE_NEAR(s.valueIn(0, SnapshotRow::Cost, {2026, 7}), 0.0, 0); // outside
    ROI_COMPARE_NEAR(s.valueIn(-1, SnapshotRow::Net, {2026, 1}), 400.0, 1e-9);
}

void TestSnapshot::survivesEditsAndSaveLoad()
{
    Workbook wb = sixMonths();
    wb.scenarios = defaultScenarios(); // Base first, as a saved workbook has them
    wb.snapshots.push_back(
        takeSnapshot(wb, compute(wb, noChecks()), 0, "Board, January", "CFO", {2026, 1, 15}));
    const Snapshot frozen = wb.snapshots[0];

    // Later edits: the volume doubles and hosting costs more. The live forecast moves, the
    // snapshot does not: by hand the new monthly cost is 600 + 2,000 × 0.10 = 800.
    wb.useCases[0].baseline.volume = 2000;
    wb.useCases[0].layers[0].amount = 600;
    const Results after = compute(wb, noChecks());
    ROI_COMPARE_NEAR(after.at(0, 0).row(Row::Cost)[0], 800.0, 1e-9);
    QCOMPARE(wb.snapshots[0], frozen);
    ROI_COMPARE_NEAR(wb.snapshots[0].useCases[0].row(SnapshotRow::Cost)[0], 500.0, 1e-9);

    const SaveResult saved = writeWorkbook(wb);
    QVERIFY(saved.ok());
    QVERIFY(saved.text.find("\"version\": " + std::to_string(kFormatVersion)) != std::string::npos);
    const LoadResult loaded = readWorkbook(saved.text);
    QVERIFY(loaded.ok());
    for (const Diagnostic &d : loaded.diagnostics)
        qWarning("%s", d.toString().c_str());
    QVERIFY(loaded.diagnostics.empty());
    QCOMPARE(loaded.workbook->snapshots.size(), std::size_t(1));
    QCOMPARE(loaded.workbook->snapshots[0], frozen);
    QCOMPARE(*loaded.workbook, wb);
}

void TestSnapshot::severalSnapshotsCompare()
{
    Workbook wb = sixMonths();
    const Snapshot a = takeSnapshot(wb, compute(wb, noChecks()), 0, "A", "", {2026, 1, 1});
    wb.useCases[0].layers[0].amount = 700; // 700 + 100 = 800 a month, 4,800 in 6 months
    UseCase second = wb.useCases[0];
    second.name = "Second";
    wb.useCases.push_back(second);
    const Snapshot b = takeSnapshot(wb, compute(wb, noChecks()), 0, "B", "", {2026, 2, 1});
    const auto diff = compareSnapshots(a, b);
    QCOMPARE(diff.size(), std::size_t(3)); // Case, Second (only in b), Portfolio
    QCOMPARE(diff[0].useCase, std::string("Case"));
    QVERIFY(diff[0].inA && diff[0].inB);
    const auto cost = static_cast<std::size_t>(SnapshotRow::Cost);
    ROI_COMPARE_NEAR(diff[0].totalA[cost], 3000.0, 1e-9);
    ROI_COMPARE_NEAR(diff[0].totalB[cost], 4800.0, 1e-9);
    QCOMPARE(diff[1].useCase, std::string("Second"));
    QVERIFY(!diff[1].inA && diff[1].inB);
    QCOMPARE(diff[2].useCase, std::string("Portfolio"));
    ROI_COMPARE_NEAR(diff[2].totalA[cost], 3000.0, 1e-9);
    ROI_COMPARE_NEAR(diff[2].totalB[cost], 9600.0, 1e-9);
}

void TestSnapshot::portfolioSumsUseCases()
{
    Workbook wb = sixMonths();
    UseCase second = wb.useCases[0];
    second.name = "Second";
    second.baseline.volume = 3000; // cost 400 + 300 = 700 a month
    wb.useCases.push_back(second);
    const Snapshot s = takeSnapshot(wb, compute(wb, noChecks()), 0, "Both", "", {2026, 1, 1});
    const SnapshotCase p = s.portfolio();
    ROI_COMPARE_NEAR(p.row(SnapshotRow::Cost)[0], 1200.0, 1e-9);
    ROI_COMPARE_NEAR(p.row(SnapshotRow::Units)[5], 4000.0, 1e-9);
}

void TestSnapshot::badSnapshotNamesThePath_data()
{
    QTest::addColumn<QString>("edit"); // which mutation
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    QTest::newRow("short series") << "short"
                                  << "/snapshots/0/useCases/0/cost"
                                  << "must have one value per month (6), not 5";
    QTest::newRow("months zero") << "months"
                                 << "/snapshots/0/months"
                                 << "must be a whole number from 1 to 120";
    QTest::newRow("bad date") << "date"
                              << "/snapshots/0/takenOn"
                              << "must be a date YYYY-MM-DD";
    QTest::newRow("string value") << "string"
                                  << "/snapshots/0/useCases/0/net/2"
                                  << "must be a finite number";
    QTest::newRow("missing row") << "missing"
                                 << "/snapshots/0/useCases/0/benefit"
                                 << "is missing";
}

void TestSnapshot::badSnapshotNamesThePath()
{
    QFETCH(QString, edit);
    QFETCH(QString, path);
    QFETCH(QString, message);
    Workbook wb = sixMonths();
    wb.snapshots.push_back(
        takeSnapshot(wb, compute(wb, noChecks()), 0, "Approved", "", {2026, 1, 1}));
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(writeWorkbook(wb).text);
    nlohmann::ordered_json &s = j["snapshots"][0];
    if (edit == QLatin1String("short"))
        s["useCases"][0]["cost"].erase(0);
    else if (edit == QLatin1String("months"))
        s["months"] = 0;
    else if (edit == QLatin1String("date"))
        s["takenOn"] = "15/01/2026";
    else if (edit == QLatin1String("string"))
        s["useCases"][0]["net"][2] = "400";
    else
        s["useCases"][0].erase("benefit");
    const LoadResult r = readWorkbook(j.dump());
    QVERIFY(!r.ok());
    bool found = false;
    for (const Diagnostic &d : r.diagnostics) {
        if (d.path == path.toStdString() && d.message == message.toStdString())
            found = true;
    }
    if (!found) {
        for (const Diagnostic &d : r.diagnostics)
            qWarning("%s", d.toString().c_str());
    }
    QVERIFY(found);
}

void TestSnapshot::v2MigratesWithNoSnapshots()
{
    const std::string v2 = migrationFile("v2-support-assistant.roiwb");
    QVERIFY(v2.find("\"version\": 2") != std::string::npos);
    const LoadResult r = readWorkbook(v2);
    QVERIFY(r.ok());
    QVERIFY(r.diagnostics.empty());
    QVERIFY(r.notices.empty()); // nothing to say: a version-2 case has no snapshot
    QVERIFY(r.workbook->snapshots.empty());
    // The figures do not move: the acceptance run-rate of DESIGN.md.
    const Results res = compute(*r.workbook, noChecks());
    ROI_COMPARE_NEAR(res.at(0, 0).runRate.tco, 5037.50, 1e-6);
    const SaveResult saved = writeWorkbook(*r.workbook);
    QVERIFY(saved.text.find("\"version\": " + std::to_string(kFormatVersion)) != std::string::npos);
    QVERIFY(saved.text.find("\"snapshots\": []") != std::string::npos);
    const LoadResult again = readWorkbook(saved.text);
    QVERIFY(again.ok());
    QCOMPARE(*again.workbook, *r.workbook);
}

void TestSnapshot::v2SnapshotsKeyStaysUnknown()
{
    // A version-2 reader did not know "snapshots": the key is reported as unknown, not read as
    // a (malformed) snapshot list, and the file opens.
    const LoadResult r = readWorkbook(migrationFile("v2-unknown-snapshots-key.roiwb"));
    QVERIFY(r.ok());
    QCOMPARE(r.diagnostics.size(), std::size_t(1));
    QCOMPARE(r.diagnostics[0].path, std::string("/snapshots"));
    QCOMPARE(r.diagnostics[0].message, std::string("unknown key, ignored"));
    QVERIFY(r.workbook->snapshots.empty());
}

QTEST_APPLESS_MAIN(TestSnapshot)
#include "tst_snapshot.moc"
