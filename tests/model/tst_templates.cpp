// The workbook templates (resources/templates/*.roiwb) and the checks that catch the too-good
// case (credibilitychecks.h): every template validates, computes inside the ROI range it states,
// keeps the acceptance run rate where it says so and raises no model check; each new check fires
// on a case built from a template with the one problem it is about.
#include "credibilitychecks.h"
#include "engine.h"
#include "inputs.h"
#include "templates.h"
#include "workbookfile.h"

#include "testutil.h"

#include <QDir>
#include <QTest>

#include <functional>

using namespace roi;
using roitest::readText;

using Mutator = std::function<void(Workbook &)>;
Q_DECLARE_METATYPE(Mutator)

namespace {

std::string templatesDir()
{
    return std::string(ROI_SOURCE_DIR) + "/resources/templates/";
}

Workbook loadTemplate(const std::string &stem)
{
    const LoadResult r = readWorkbook(readText(templatesDir() + stem + ".roiwb"));
    if (!r.ok())
        qFatal("template %s does not load", stem.c_str());
    return *r.workbook;
}

/// The day the checks date things from: the first day of the templates' start month.
ComputeOptions atStart()
{
    ComputeOptions o;
    o.today = {2027, 1, 1};
    return o;
}

std::string describe(const std::vector<Finding> &findings)
{
    std::string out;
    for (const Finding &f : findings)
        out += "[" + f.code + " " + f.scenario + " " + f.input + ": " + f.message + "] ";
    return out;
}

} // namespace

class TestTemplates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTemplate_data();
    void everyTemplate();
    void atLeastEight();
    void supportAssistantCosts();
    void expectedRangeParsing_data();
    void expectedRangeParsing();
    void checkFires_data();
    void checkFires();
};

void TestTemplates::everyTemplate_data()
{
    QTest::addColumn<QString>("stem");
    const QStringList files =
        QDir(QString::fromStdString(templatesDir())).entryList({QStringLiteral("*.roiwb")});
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << f.chopped(6);
    // The bundled examples are built from the same use cases and held to the same standard.
    QTest::newRow("example: support assistant") << QStringLiteral("../examples/support-assistant");
    QTest::newRow("example: portfolio") << QStringLiteral("../examples/portfolio");
}

void TestTemplates::everyTemplate()
{
    QFETCH(QString, stem);
    const std::string bytes = readText(templatesDir() + stem.toStdString() + ".roiwb");
    const LoadResult r = readWorkbook(bytes);
    QVERIFY(r.ok());
    QVERIFY(r.diagnostics.empty());
    QVERIFY(r.notices.empty()); // written in the current format
    QVERIFY(validateWorkbook(*r.workbook).empty());
    const Results res = compute(*r.workbook, atStart());
    ROI_VERIFY_FINITE(res);
    // No finding of any severity, in any scenario.
    QVERIFY2(res.findings.empty(), describe(res.findings).c_str());
    for (int u = 0; u < res.useCaseCount; ++u) {
        const UseCase &uc = r.workbook->useCases[static_cast<std::size_t>(u)];
        const auto range = expectedRoiRange(uc.description);
        QVERIFY2(range, uc.name.c_str());
        const Kpis &k = res.at(u, 0).kpis;
        QVERIFY(k.roiPercent.ok());
        QVERIFY2(range->contains(k.roiPercent.value),
                 (uc.name + ": ROI " + std::to_string(k.roiPercent.value)).c_str());
        // Tens to a few hundred per cent, never the thousands a CFO stops reading at.
        QVERIFY(range->low >= 10 && range->high <= 400);
        // Dated, sourced baselines measured before go-live.
        QVERIFY(!uc.baseline.capturedOn.isNull());
        QVERIFY(!uc.baseline.source.empty());
        QVERIFY(uc.baseline.capturedOn.yearMonth() < uc.ramp.goLive);
        // Capacity is visible, apart from the headline.
        QVERIFY(k.capacityValue >= 0);
        QCOMPARE(k.headlineBenefit, k.hardBenefit);
        // Positive NPV at the hurdle and an IRR that clears it in the base case.
        QVERIFY(k.npvAtHurdle > 0);
        QVERIFY(k.irrPassesHurdle());
    }
}

void TestTemplates::atLeastEight()
{
    const QStringList files =
        QDir(QString::fromStdString(templatesDir())).entryList({QStringLiteral("*.roiwb")});
    QVERIFY(files.size() >= 8);
}

void TestTemplates::supportAssistantCosts()
{
    // The acceptance example's run rate, exactly: $437.50 tokens, $400 hosting, $3,000
    // engineering, $1,200 review; $5,037.50 a month, $0.10075 per conversation.
    for (const std::string &path : {templatesDir() + "support-assistant.roiwb",
                                    roitest::examplePath("support-assistant.roiwb")}) {
        const LoadResult r = readWorkbook(readText(path));
        QVERIFY(r.ok());
        const Results res = compute(*r.workbook, atStart());
        const RunRate &rr = res.at(0, 0).runRate;
        QCOMPARE_EQ(rr.handled, 50000.0);
        QCOMPARE_EQ(rr.costByLayer[0], 437.50);
        QCOMPARE_EQ(rr.costByLayer[1], 400.0);
        QCOMPARE_EQ(rr.costByLayer[2], 3000.0);
        QCOMPARE_EQ(rr.costByLayer[3], 1200.0);
        QCOMPARE_EQ(rr.tco, 5037.50);
        QVERIFY(rr.costPerUnit.ok());
        ROI_COMPARE_NEAR(rr.costPerUnit.value, 0.10075, 1e-12);
        // The cashable value comes from avoided hires: 4 × $69,000 / 12 = $23,000 a month.
        const UseCase &uc = r.workbook->useCases[0];
        const auto hires = std::find_if(uc.drivers.begin(), uc.drivers.end(), [](const auto &d) {
            return d.kind == DriverKind::AddedCapacity
                   && d.capacityMode == CapacityMode::AvoidedHires;
        });
        QVERIFY(hires != uc.drivers.end());
        QCOMPARE(hires->hires * hires->annualCostPerHire / 12, 23000.0);
        QCOMPARE(hires->cashableShare, 1.0);
    }
}

void TestTemplates::expectedRangeParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("found");
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");
    QTest::newRow("last line") << QStringLiteral(
        "A case.\nExpected ROI: 60% to 180% over 36 months.")
                               << true << 60.0 << 180.0;
    QTest::newRow("decimals") << QStringLiteral("Expected ROI: 12.5% to 40%") << true << 12.5
                              << 40.0;
    QTest::newRow("negative low") << QStringLiteral("Expected ROI: -10% to 40%") << true << -10.0
                                  << 40.0;
    QTest::newRow("none") << QStringLiteral("A case.") << false << 0.0 << 0.0;
    QTest::newRow("no percent") << QStringLiteral("Expected ROI: 60 to 180") << false << 0.0 << 0.0;
    QTest::newRow("reversed") << QStringLiteral("Expected ROI: 180% to 60%") << false << 0.0 << 0.0;
    QTest::newRow("cut short") << QStringLiteral("Expected ROI: 60%") << false << 0.0 << 0.0;
}

void TestTemplates::expectedRangeParsing()
{
    QFETCH(QString, text);
    QFETCH(bool, found);
    QFETCH(double, low);
    QFETCH(double, high);
    const auto r = expectedRoiRange(text.toStdString());
    QCOMPARE(r.has_value(), found);
    if (r) {
        QCOMPARE(r->low, low);
        QCOMPARE(r->high, high);
    }
}

void TestTemplates::checkFires_data()
{
    QTest::addColumn<Mutator>("mutate");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("input");
    // The control is the support assistant template, which raises nothing (everyTemplate).
    // Labor at 100% cashable: 3 of 40 minutes × $36/h × 50,000 = $90,000 a month plus the hires,
    // against about $5,000 of cost: ROI far above 1,000% over 36 months.
    QTest::newRow("ROI above 1,000%") << Mutator([](Workbook &wb) {
        wb.useCases[0].drivers[0].cashableShare = 1;
        wb.useCases[0].drivers[0].minutesWithAi = 20;
    }) << QStringLiteral("roi-implausible")
                                      << QStringLiteral("drivers");
    // Payroll: 50,000 × 40 / 60 × $36 = $1.2M a month; 400 avoided hires at $69,000 a year are
    // $2.3M a month.
    QTest::newRow("labor above payroll")
        << Mutator([](Workbook &wb) { wb.useCases[0].drivers[1].hires = 400; })
        << QStringLiteral("labor-above-payroll")
        << QStringLiteral("drivers[\"Planned hires avoided\"].hires");
    // The build runs in months 1-2; go-live in month 1 counts value while it is being built.
    QTest::newRow("value before go-live") << Mutator([](Workbook &wb) {
        wb.useCases[0].ramp.goLive = {2027, 1};
    }) << QStringLiteral("value-before-golive")
                                          << QStringLiteral("ramp.goLive");
    // Without the $72,000 of one-time cost the case pays back in month 4, inside a ramp that
    // lasts to month 8.
    QTest::newRow("payback inside the ramp-up") << Mutator([](Workbook &wb) {
        auto &layers = wb.useCases[0].layers;
        layers.erase(layers.begin() + 4, layers.end());
    }) << QStringLiteral("payback-in-ramp") << QStringLiteral("ramp.rampMonths");
    // Measured 2025-10-15, go-live 2027-03: 503 days.
    QTest::newRow("baseline older than a year") << Mutator([](Workbook &wb) {
        wb.useCases[0].baseline.capturedOn = {2025, 10, 15};
    }) << QStringLiteral("stale-baseline") << QStringLiteral("baseline.capturedOn");
}

void TestTemplates::checkFires()
{
    QFETCH(Mutator, mutate);
    QFETCH(QString, code);
    QFETCH(QString, input);
    Workbook wb = loadTemplate("support-assistant");
    mutate(wb);
    const Results res = compute(wb, atStart());
    const auto it = std::find_if(res.findings.begin(), res.findings.end(),
                                 [&](const Finding &f) { return f.code == code.toStdString(); });
    QVERIFY2(it != res.findings.end(), describe(res.findings).c_str());
    QCOMPARE(it->severity, Severity::Warning);
    QCOMPARE(it->useCase, 0);
    QCOMPARE(QString::fromStdString(it->input), input);
    QVERIFY(it->message.find("'Support assistant'") != std::string::npos);
    QVERIFY(!it->fix.empty());
    QVERIFY(it->fix.find('\n') == std::string::npos);
    // The input a finding names is one the window can jump to.
    if (input.startsWith(QLatin1String("drivers[")) || input == QLatin1String("ramp.rampMonths")) {
        QVERIFY2(InputPath::parse(input.toStdString()).has_value(), qPrintable(input));
    }
}

QTEST_APPLESS_MAIN(TestTemplates)
#include "tst_templates.moc"
