// Format migrations (workbookfile.h, migratecashable.h): stored files of older versions open,
// compute the figures they computed before, say what changed, and save as the current version.
#include "engine.h"
#include "workbookfile.h"

#include "testutil.h"

#include <QTest>

using namespace roi;
using roitest::noChecks;
using roitest::readText;

namespace {

std::string migrationFile(const std::string &name)
{
    return readText(std::string(ROI_SOURCE_DIR) + "/tests/data/migration/" + name);
}

} // namespace

class TestMigration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void v1LaborCase();
    void v1SupportAssistant();
    void v2HasNoNotices();
    void v2MissingShareReadsAsWhole();
};

void TestMigration::v1LaborCase()
{
    const LoadResult r = readWorkbook(migrationFile("v1-labor.roiwb"));
    QVERIFY(r.ok());
    QVERIFY(r.diagnostics.empty());
    // Two notices: one driver made fully cashable, the hurdle rate taken from the discount rate.
    QCOMPARE(r.notices.size(), std::size_t(2));
    QVERIFY(r.notices[0].find("1 labor or capacity driver counts as 100% cashable")
            != std::string::npos);
    QVERIFY(r.notices[1].find("12%") != std::string::npos);
    const Workbook &wb = *r.workbook;
    QCOMPARE(wb.useCases[0].drivers[0].cashableShare, 1.0);
    QCOMPARE(wb.settings.hurdleRate, 0.12);
    QCOMPARE(wb.settings.capacityInHeadline, false);

    // The figures of version 1, by hand: labor 20/60 × 60 × 1,000 = 20,000 a month, 240,000 over
    // 12 months; TCO 12 × 5,000 + 100,000 = 160,000; ROI (240,000 − 160,000) / 160,000 = 50%.
    // NPV at 12% a year (r_m = 0.0094887929) of −85,000 then 11 × 15,000: 70,312.70, and the NPV
    // at the hurdle is the same since the hurdle took the discount rate.
    const Kpis k = compute(wb, noChecks()).at(0, 0).kpis;
    ROI_COMPARE_NEAR(k.hardBenefit, 240000.0, 1e-6);
    ROI_COMPARE_NEAR(k.capacityValue, 0.0, 1e-9);
    ROI_COMPARE_NEAR(k.tco, 160000.0, 1e-6);
    ROI_COMPARE_NEAR(k.roiPercent.value, 50.0, 1e-9);
    ROI_COMPARE_NEAR(k.npv, 70312.70004971538, 1e-6);
    QCOMPARE(k.npvAtHurdle, k.npv);

    // Saved again it is the current version, with the share written out, and reads back equal
    // with no notice.
    const SaveResult saved = writeWorkbook(wb);
    QVERIFY(saved.ok());
    QVERIFY(saved.text.find("\"version\": " + std::to_string(kFormatVersion)) != std::string::npos);
    QVERIFY(saved.text.find("\"cashableShare\": 1.0") != std::string::npos);
    const LoadResult again = readWorkbook(saved.text);
    QVERIFY(again.ok());
    QVERIFY(again.notices.empty());
    QVERIFY(*again.workbook == wb);
}

void TestMigration::v1SupportAssistant()
{
    // The support assistant as version 1 shipped it: labor reclaimed at a 50% share counted, an
    // error-reduction driver and soft CSAT. Only the labor driver gets a cashable share (1).
    const LoadResult r = readWorkbook(migrationFile("v1-support-assistant.roiwb"));
    QVERIFY(r.ok());
    QVERIFY(r.diagnostics.empty());
    QCOMPARE(r.notices.size(), std::size_t(2));
    const UseCase &uc = r.workbook->useCases[0];
    QCOMPARE(uc.drivers[0].cashableShare, 1.0);
    QCOMPARE(r.workbook->settings.hurdleRate, 0.10);
    // Version 1's steady month, by hand: labor (40 − 12) / 60 × 36 × 50,000 × 0.5 = 420,000;
    // escalations 0.02 × 25 × 50,000 = 25,000; risk factor 0.97 × 0.95 × 0.99 = 0.912285; hard
    // = 445,000 × 0.912285 = 405,966.825 a month, none of it capacity.
    const CaseResult c = compute(*r.workbook, noChecks()).at(0, 0);
    ROI_COMPARE_NEAR(c.runRate.hardBenefit, 405966.825, 1e-6);
    QCOMPARE(c.runRate.capacityValue, 0.0);
    QCOMPARE(c.kpis.capacityValue, 0.0);
    // The acceptance run rate is untouched: 437.50 + 400 + 3,000 + 1,200 = 5,037.50.
    ROI_COMPARE_NEAR(c.runRate.tco, 5037.5, 1e-9);
}

void TestMigration::v2HasNoNotices()
{
    Workbook wb = roitest::bareWorkbook(12);
    const LoadResult r = readWorkbook(writeWorkbook(wb).text);
    QVERIFY(r.ok());
    QVERIFY(r.notices.empty());
}

void TestMigration::v2MissingShareReadsAsWhole()
{
    // A current-version file written by hand without the share: the driver counts in full (the
    // field's default in the file format), with no notice; the window gives new drivers 50%.
    std::string text = migrationFile("v1-labor.roiwb");
    const auto at = text.find("\"version\": 1");
    QVERIFY(at != std::string::npos);
    text.replace(at, 12, "\"version\": " + std::to_string(kFormatVersion));
    const LoadResult r = readWorkbook(text);
    QVERIFY(r.ok());
    QVERIFY(r.notices.empty());
    QCOMPARE(r.workbook->useCases[0].drivers[0].cashableShare, 1.0);
    // No hurdle rate in the file: the default, 12%.
    QCOMPARE(r.workbook->settings.hurdleRate, 0.12);
}

QTEST_APPLESS_MAIN(TestMigration)
#include "tst_migration.moc"
