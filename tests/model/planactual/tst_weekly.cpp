// Weekly actuals (issue 13, format version 4): the ISO weeks RollupBuilder keeps when records
// carry days, their life through merge, removal and a save/load, the weekly executive numbers,
// and the migration of a version 3 file (a "weeks" key there is unknown, as to a version 3
// reader). Figures by hand on tests/data/planactual/README.md's daily usage.
#include "actuals/actualsimport.h"
#include "actuals/rollup.h"
#include "planactual/planactualreport.h"
#include "workbookfile.h"

#include "../testutil.h"

#include <QTest>

using namespace roi;

namespace {

const std::string kData = std::string(ROI_SOURCE_DIR) + "/tests/data/";

Workbook base()
{
    LoadResult r = readWorkbook(roitest::readText(kData + "planactual/plan-actual-base.roiwb"));
    return r.ok() ? *r.workbook : Workbook{};
}

/// The eight daily rows of usage-daily.csv: day, model, requests, input, output (no cost: the
/// price book prices them, large 2.50 / 10.00, small 0.25 / 1.00 per 1M).
std::vector<actuals::UsageRecord> daily()
{
    struct Row
    {
        Date day;
        const char *model;
        double requests, input, output;
    };
    const Row rows[] = {
        {{2026, 1, 5}, "large", 500, 50e6, 7.5e6},   // $200, W02
        {{2026, 1, 20}, "large", 500, 50e6, 7.5e6},  // $200, W04
        {{2026, 2, 10}, "large", 600, 60e6, 9e6},    // $240, W07
        {{2026, 2, 24}, "large", 600, 60e6, 9e6},    // $240, W09
        {{2026, 2, 24}, "small", 100, 80e6, 20e6},   // $40,  W09
        {{2026, 3, 3}, "large", 700, 70e6, 10e6},    // $275, W10
        {{2026, 3, 17}, "large", 700, 70e6, 12.5e6}, // $300, W12
        {{2026, 3, 17}, "small", 40, 60e6, 10e6},    // $25,  W12
    };
    std::vector<actuals::UsageRecord> out;
    for (const Row &r : rows) {
        actuals::UsageRecord u;
        u.day = r.day;
        u.provider = "OpenAI";
        u.model = r.model;
        u.requests = r.requests;
        u.uncachedInput = r.input;
        u.outputTokens = r.output;
        u.keys.project = "proj_support";
        out.push_back(u);
    }
    return out;
}

Workbook imported(bool weekly = true)
{
    Workbook wb = base();
    actuals::RollupBuilder b(wb, 1);
    b.setWeekly(weekly);
    for (const auto &r : daily())
        b.add(r);
    actuals::PendingImport p;
    p.record.id = 1;
    p.record.fileName = "usage-daily.csv";
    p.record.sha256 = std::string(64, 'b');
    p.record.format = "openai-usage";
    p.record.firstDay = {2026, 1, 5};
    p.record.lastDay = {2026, 3, 17};
    p.table = b.finish();
    wb.actuals = actuals::applyImport(wb.actuals, p, actuals::OverlapChoice::Fail).actuals;
    wb.actuals.rules = {actuals::AttributionRule{"Support", {}, {}, {}, "proj_support", {}, {}}};
    return wb;
}

const actuals::WeekRow *findWeek(const actuals::RollupTable &t, const std::string &week)
{
    for (const auto &w : t.weeks) {
        if (w.week == week)
            return &w;
    }
    return nullptr;
}

} // namespace

class TestWeekly : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void weeksFromDailyRecords_data();
    void weeksFromDailyRecords();
    void monthlyRecordsKeepNoWeeks();
    void mergeAndRemove();
    void saveAndLoad();
    void executiveByWeek_data();
    void executiveByWeek();
    void version3File();
    void badWeek();
};

void TestWeekly::weeksFromDailyRecords_data()
{
    QTest::addColumn<QString>("week");
    QTest::addColumn<double>("cost");
    QTest::addColumn<double>("requests");
    // 2026-01-01 is a Thursday, so week 1 runs from Monday 2025-12-29.
    QTest::newRow("Mon 5 Jan") << "2026-W02" << 200.0 << 500.0;
    QTest::newRow("Tue 20 Jan") << "2026-W04" << 200.0 << 500.0;
    QTest::newRow("Tue 10 Feb") << "2026-W07" << 240.0 << 600.0;
    // 60M × 2.50 + 9M × 10 = 240, plus small 80M × 0.25 + 20M × 1 = 40.
    QTest::newRow("Tue 24 Feb, two models") << "2026-W09" << 280.0 << 700.0;
    QTest::newRow("Tue 3 Mar") << "2026-W10" << 275.0 << 700.0;
    QTest::newRow("Tue 17 Mar") << "2026-W12" << 325.0 << 740.0; // 300 + 25
}

void TestWeekly::weeksFromDailyRecords()
{
    QFETCH(QString, week);
    QFETCH(double, cost);
    QFETCH(double, requests);
    const Workbook wb = imported();
    const auto &t = wb.actuals.table();
    QCOMPARE(t.weeks.size(), std::size_t(6));
    const actuals::WeekRow *w = findWeek(t, week.toStdString());
    QVERIFY(w);
    QCOMPARE(w->importId, 1u);
    ROI_COMPARE_NEAR(w->m.cost, cost, 1e-9);
    QCOMPARE(w->m.requests, requests);
}

void TestWeekly::monthlyRecordsKeepNoWeeks()
{
    const Workbook wb = imported(false);
    QVERIFY(wb.actuals.table().weeks.empty());
    QCOMPARE(wb.actuals.table().rows.size(), std::size_t(5)); // large × 3 months, small × 2
}

void TestWeekly::mergeAndRemove()
{
    const Workbook wb = imported();
    const actuals::RollupTable &t = wb.actuals.table();
    actuals::RollupTable other = t;
    for (auto &w : other.weeks)
        w.importId = 2;
    for (auto &r : other.rows)
        r.importId = 2;
    const actuals::RollupTable both = actuals::mergeTables(t, other);
    QCOMPARE(both.weeks.size(), std::size_t(12));
    QCOMPARE(both.weeks.front().importId, 1u); // sorted by import, week
    QCOMPARE(both.weeks.back().importId, 2u);
    const actuals::RollupTable left = actuals::withoutImports(both, {1});
    QCOMPARE(left.weeks.size(), std::size_t(6));
    QCOMPARE(left.weeks.front().importId, 2u);
    // Removing the import through the model takes its weeks too.
    QVERIFY(actuals::removeImport(wb.actuals, 1).table().weeks.empty());
}

void TestWeekly::saveAndLoad()
{
    const Workbook wb = imported();
    const SaveResult saved = writeWorkbook(wb);
    QVERIFY(saved.ok());
    QVERIFY(saved.text.find("\"version\": 4") != std::string::npos);
    QVERIFY(saved.text.find("\"week\": \"2026-W09\"") != std::string::npos);
    const LoadResult back = readWorkbook(saved.text);
    QVERIFY(back.ok());
    QVERIFY(back.diagnostics.empty());
    QVERIFY(back.workbook->actuals.table().weeks == wb.actuals.table().weeks);
    // The report tests' stored workbook (tests/data/planactual/plan-actual.roiwb, its weeks
    // written into the file) holds exactly the weeks the builder makes of the same records.
    const LoadResult stored =
        readWorkbook(roitest::readText(kData + "planactual/plan-actual.roiwb"));
    QVERIFY(stored.ok());
    QVERIFY(stored.diagnostics.empty());
    QVERIFY(stored.workbook->actuals.table().weeks == wb.actuals.table().weeks);
}

void TestWeekly::executiveByWeek_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("week");
    QTest::addColumn<double>("baseline");
    QTest::addColumn<double>("realised");
    QTest::addColumn<double>("savings");
    // Baseline: every token at large's 2.50 / 10.00, no cache discount, no levers.
    QTest::newRow("all on large") << 0 << "2026-W02" << 200.0 << 200.0 << 0.0;
    // W09: 240 + (80M × 2.50 + 20M × 10 = 400) = 640 against 280: 360 / 640 = 56.25%.
    QTest::newRow("W09") << 3 << "2026-W09" << 640.0 << 280.0 << 56.25;
    // W12: 300 + (60M × 2.50 + 10M × 10 = 250) = 550 against 325: 225 / 550 = 40.909…%.
    QTest::newRow("W12") << 5 << "2026-W12" << 550.0 << 325.0 << 225.0 / 550.0 * 100.0;
}

void TestWeekly::executiveByWeek()
{
    QFETCH(int, index);
    QFETCH(QString, week);
    QFETCH(double, baseline);
    QFETCH(double, realised);
    QFETCH(double, savings);
    const Workbook wb = imported();
    const PlanActualReport r = buildPlanActual(wb, compute(wb, roitest::noChecks()));
    QCOMPARE(r.executiveWeekly.size(), std::size_t(6));
    const ExecutivePeriod &e = r.executiveWeekly[static_cast<std::size_t>(index)];
    QCOMPARE(QString::fromStdString(e.period), week);
    ROI_COMPARE_NEAR(e.baselineCost, baseline, 1e-9);
    ROI_COMPARE_NEAR(e.realisedCost, realised, 1e-9);
    ROI_COMPARE_NEAR(e.savingsPercent.value, savings, 1e-9);
    // The weeks add up to the months: 400 + 520 + 600 realised.
    double sum = 0;
    for (const ExecutivePeriod &w : r.executiveWeekly)
        sum += w.realisedCost;
    ROI_COMPARE_NEAR(sum, 1520.0, 1e-9);
    QVERIFY(planActualText(r).find("2026-W09") != std::string::npos);
}

void TestWeekly::version3File()
{
    // A version 3 file with daily actuals whose roll-up carries a "weeks" key (unknown to
    // version 3): it reads with the monthly roll-up intact, the key reported and not read.
    const std::string text =
        roitest::readText(kData + "migration/v3-weekly-unknown-weeks-key.roiwb");
    QVERIFY(text.find("\"version\": 3") != std::string::npos);
    const LoadResult r = readWorkbook(text);
    QVERIFY(r.ok());
    QCOMPARE(r.diagnostics.size(), std::size_t(1));
    QCOMPARE(r.diagnostics[0].path, std::string("/actuals/rollup/weeks"));
    QCOMPARE(r.diagnostics[0].message, std::string("unknown key, ignored"));
    QVERIFY(r.workbook->actuals.table().weeks.empty());
    QCOMPARE(r.workbook->actuals.table().rows.size(), std::size_t(5));
    // No weekly numbers, the monthly ones as before.
    const PlanActualReport pa =
        buildPlanActual(*r.workbook, compute(*r.workbook, roitest::noChecks()));
    QVERIFY(pa.executiveWeekly.empty());
    QCOMPARE(pa.executive.size(), std::size_t(3));
    // Saved again it is version 4, still without weeks.
    const SaveResult saved = writeWorkbook(*r.workbook);
    QVERIFY(saved.text.find("\"version\": 4") != std::string::npos);
    QVERIFY(saved.text.find("\"weeks\"") == std::string::npos);
}

void TestWeekly::badWeek()
{
    std::string text = writeWorkbook(imported()).text;
    const auto at = text.find("\"2026-W09\"");
    QVERIFY(at != std::string::npos);
    text.replace(at, 10, "\"2026-W54\"");
    const LoadResult r = readWorkbook(text);
    QVERIFY(!r.ok());
    bool found = false;
    for (const Diagnostic &d : r.diagnostics)
        found = found
                || (d.path.find("/actuals/rollup/weeks/") == 0
                    && d.message == "must be an ISO week YYYY-Www");
    QVERIFY(found);
}

QTEST_APPLESS_MAIN(TestWeekly)
#include "tst_weekly.moc"
