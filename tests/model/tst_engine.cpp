// The engine against the acceptance example of DESIGN.md, computed by hand.
#include "engine.h"

#include <QTest>

using namespace roi;

class TestEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptanceExample();
};

static Workbook acceptanceWorkbook()
{
    Workbook wb = newWorkbook();
    wb.settings.startMonth = {2026, 1};
    wb.settings.horizonMonths = 12;
    wb.priceBook.push_back({"frontier", 2.50, 10.00, 1.25, Date{2026, 1, 1}});
    UseCase uc = newUseCase("Support assistant", {2026, 1});
    uc.baseline.volume = 50000;
    uc.ramp.curve = RampCurve::Immediate;
    uc.ramp.rampMonths = 0;
    uc.layers[0].model = "frontier";
    uc.layers[0].inputTokens = 1500;
    uc.layers[0].outputTokens = 500;
    uc.layers[1].amount = 400;
    uc.layers[2].fte = 0.2;
    uc.layers[2].annualCost = 180000;
    uc.layers[3].share = 0.10;
    uc.layers[3].minutesPerReview = 0.4;
    uc.layers[3].hourlyRate = 36;
    wb.useCases.push_back(uc);
    return wb;
}

void TestEngine::acceptanceExample()
{
    const Results r = compute(acceptanceWorkbook());
    const CaseResult &base = r.at(0, 0);
    QCOMPARE(base.layerCost(0)[0], 437.50);
    QCOMPARE(base.layerCost(1)[0], 400.0);
    QCOMPARE(base.layerCost(2)[0], 3000.0);
    QCOMPARE(base.layerCost(3)[0], 1200.0);
    QCOMPARE(base.row(Row::Cost)[0], 5037.50);
    QCOMPARE(base.runRate.tco, 5037.50);
    QCOMPARE(base.runRate.costPerUnit.value, 0.10075);
    QCOMPARE(base.runRate.invoicePerUnit.value, 0.00875);
}

QTEST_APPLESS_MAIN(TestEngine)
#include "tst_engine.moc"
