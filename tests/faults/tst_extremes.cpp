// Extreme but legal inputs: every numeric input of every section, layer type and driver kind at
// its minimum, at its maximum, and one at a time against the others, over the longest horizon.
// Every number the engine returns must be finite (a KPI without a value says so by its state).
#include "engine.h"
#include "inputs.h"
#include "resultsexport.h"
#include "workbookfile.h"

#include <QTest>

#include <cmath>
#include <functional>

using namespace roi;

namespace {

/// One use case with a layer of every type and a driver of every kind and mode.
Workbook fullWorkbook()
{
    Workbook wb = newWorkbook();
    wb.settings.startMonth = {2027, 1};
    wb.settings.horizonMonths = 120;
    wb.priceBook.push_back({"m", 0, 0, 0, Date{2026, 12, 1}});
    UseCase uc = newUseCase("Extreme", {2027, 1});
    uc.layers.clear();
    uc.drivers.clear();
    for (std::size_t t = 0; t < enumCount<LayerType>(); ++t) {
        CostLayer l;
        l.name = "layer " + std::to_string(t);
        l.type = static_cast<LayerType>(t);
        l.model = "m";
        uc.layers.push_back(l);
    }
    for (std::size_t b = 0; b < enumCount<UnitBasis>(); ++b) {
        CostLayer l;
        l.name = "per unit " + std::to_string(b);
        l.type = LayerType::PerUnit;
        l.basis = static_cast<UnitBasis>(b);
        uc.layers.push_back(l);
    }
    for (std::size_t k = 0; k < enumCount<DriverKind>(); ++k) {
        for (int mode = 0; mode < 2; ++mode) {
            ValueDriver d;
            d.name = "driver " + std::to_string(k) + "." + std::to_string(mode);
            d.kind = static_cast<DriverKind>(k);
            d.hard = d.kind != DriverKind::SoftValue;
            d.term = static_cast<NumeratorTerm>(k % 3);
            d.capacityMode = static_cast<CapacityMode>(mode);
            d.avoidedMode = static_cast<AvoidedMode>(mode);
            uc.drivers.push_back(d);
        }
    }
    wb.useCases.push_back(uc);
    return wb;
}

/// Every numeric input of the workbook as a setter taking the field's information.
using Visitor = std::function<void(const FieldInfo &, double &)>;

template<typename T>
void visitFields(T &value, std::span<const Field<T>> fields, const Visitor &visit)
{
    for (const auto &f : fields)
        visit(f.info, value.*(f.member));
}

void visitAll(Workbook &wb, const Visitor &visit)
{
    visitFields(wb.settings, settingsFields(), visit);
    for (auto &p : wb.priceBook)
        visitFields(p, priceFields(), visit);
    for (auto &uc : wb.useCases) {
        visitFields(uc.baseline, baselineFields(), visit);
        visitFields(uc.outcome, outcomeFields(), visit);
        for (auto &l : uc.layers)
            visitFields(l, layerFields(), visit);
        for (auto &d : uc.drivers)
            visitFields(d, driverFields(), visit);
        visitFields(uc.risk, riskFields(), visit);
        visitFields(uc.ramp, rampFields(), visit);
    }
}

int countFields(Workbook &wb)
{
    int n = 0;
    visitAll(wb, [&](const FieldInfo &, double &) { ++n; });
    return n;
}

bool finite(const Kpi &k)
{
    return std::isfinite(k.value);
}

/// Empty when every number is finite, else what is not.
QString nonFinite(const Results &res)
{
    auto checkCase = [](const CaseResult &r, const QString &who) -> QString {
        for (int row = 0; row < kRowCount; ++row) {
            for (double v : r.row(static_cast<Row>(row))) {
                if (!std::isfinite(v))
                    return QStringLiteral("%1 row %2 = %3").arg(who).arg(row).arg(v);
            }
        }
        for (int l = 0; l < r.layerCount(); ++l) {
            for (double v : r.layerCost(l)) {
                if (!std::isfinite(v))
                    return QStringLiteral("%1 layer %2 = %3").arg(who).arg(l).arg(v);
            }
        }
        for (int d = 0; d < r.driverCount(); ++d) {
            for (std::span<const double> s : {r.driverGross(d), r.driverNet(d)}) {
                for (double v : s) {
                    if (!std::isfinite(v))
                        return QStringLiteral("%1 driver %2 = %3").arg(who).arg(d).arg(v);
                }
            }
        }
        const Kpis &k = r.kpis;
        const double sums[] = {k.tco,       k.hardBenefitGross, k.riskDiscount, k.hardBenefit,
                               k.softValue, k.headlineBenefit,  k.netValue,     k.units,
                               k.handled,   k.outcomes,         k.calls,        k.tokenCost,
                               k.npv,       k.byTerm[0],        k.byTerm[1],    k.byTerm[2]};
        for (double v : sums) {
            if (!std::isfinite(v))
                return QStringLiteral("%1 a KPI sum = %2").arg(who).arg(v);
        }
        const std::pair<const char *, Kpi> kpis[] = {
            {"roiPercent", k.roiPercent},
            {"irrAnnual", k.irrAnnual},
            {"paybackMonth", k.paybackMonth},
            {"costPerOutcome", k.costPerOutcome},
            {"costPerInference", k.costPerInference},
            {"aiGrossMargin", k.aiGrossMargin},
            {"runRate.costPerUnit", r.runRate.costPerUnit},
            {"runRate.invoicePerUnit", r.runRate.invoicePerUnit},
            {"runRate.costPerOutcome", r.runRate.costPerOutcome}};
        for (const auto &[name, kpi] : kpis) {
            if (!finite(kpi))
                return QStringLiteral("%1 %2 = %3").arg(who, QLatin1String(name)).arg(kpi.value);
        }
        for (const Kpi &y : k.roiPerYear) {
            if (!finite(y))
                return QStringLiteral("%1 ROI per year").arg(who);
        }
        for (double v :
             {r.runRate.tco, r.runRate.tokenCost, r.runRate.hardBenefit, r.runRate.handled}) {
            if (!std::isfinite(v))
                return QStringLiteral("%1 run rate = %2").arg(who).arg(v);
        }
        return {};
    };
    for (std::size_t i = 0; i < res.cases.size(); ++i) {
        const QString why = checkCase(res.cases[i], QStringLiteral("case %1").arg(i));
        if (!why.isEmpty())
            return why;
    }
    for (std::size_t s = 0; s < res.portfolio.size(); ++s) {
        const QString why = checkCase(res.portfolio[s], QStringLiteral("portfolio %1").arg(s));
        if (!why.isEmpty())
            return why;
    }
    return {};
}

enum class Level { Min, Max, Mid };

double valueAt(const FieldInfo &info, Level level)
{
    switch (level) {
    case Level::Min:
        return info.min;
    case Level::Max:
        return info.max;
    case Level::Mid:
        break;
    }
    const double v = (info.min + std::min(info.max, 1e4)) / 2;
    return info.integer ? std::floor(v) : v;
}

/// Sets every input to `level`, then input number `single` (if >= 0) to `singleLevel`.
Workbook workbookAt(Level level, int single = -1, Level singleLevel = Level::Min)
{
    Workbook wb = fullWorkbook();
    int index = 0;
    visitAll(wb, [&](const FieldInfo &info, double &v) {
        v = valueAt(info, index == single ? singleLevel : level);
        ++index;
    });
    return wb;
}

QString describeField(int single)
{
    Workbook wb = fullWorkbook();
    QString name;
    int index = 0;
    visitAll(wb, [&](const FieldInfo &info, double &) {
        if (index++ == single)
            name = QString::fromUtf8(info.key.data(), static_cast<qsizetype>(info.key.size()));
    });
    return name;
}

} // namespace

class TestExtremes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void allAtOneEnd_data();
    void allAtOneEnd();
    void oneAgainstTheRest();
    void curvesAndGoLive_data();
    void curvesAndGoLive();
    void extremesSaveAndReload();
    void nonFiniteRefusedEverywhere();
};

void TestExtremes::allAtOneEnd_data()
{
    QTest::addColumn<int>("level");
    QTest::addColumn<int>("horizon");
    QTest::newRow("min, 1 month") << int(Level::Min) << 1;
    QTest::newRow("min, 120 months") << int(Level::Min) << 120;
    QTest::newRow("max, 1 month") << int(Level::Max) << 1;
    QTest::newRow("max, 120 months") << int(Level::Max) << 120;
    QTest::newRow("mid, 120 months") << int(Level::Mid) << 120;
}

void TestExtremes::allAtOneEnd()
{
    QFETCH(int, level);
    QFETCH(int, horizon);
    Workbook wb = workbookAt(static_cast<Level>(level));
    wb.settings.horizonMonths = horizon;
    QVERIFY(writeWorkbook(wb).ok()); // legal, so it saves
    const Results res = compute(wb);
    QCOMPARE(nonFinite(res), QString());
    // The exports run on them: a CSV number cell is never empty (non-finite ones would be).
    const std::string csv = kpiCsv(wb, res);
    QVERIFY(csv.find(",,") == std::string::npos);
}

void TestExtremes::oneAgainstTheRest()
{
    Workbook probe = fullWorkbook();
    const int n = countFields(probe);
    QVERIFY(n > 50);
    qInfo("%d numeric inputs, each at its min and max against the rest at min, max and mid: "
          "%d workbooks computed",
          n, n * 2 * 3);
    for (Level rest : {Level::Min, Level::Max, Level::Mid}) {
        for (int i = 0; i < n; ++i) {
            for (Level single : {Level::Min, Level::Max}) {
                const Workbook wb = workbookAt(rest, i, single);
                const QString why = nonFinite(compute(wb));
                if (!why.isEmpty()) {
                    QFAIL(qPrintable(QStringLiteral("%1 at its %2, the rest at %3: %4")
                                         .arg(describeField(i),
                                              single == Level::Min ? QStringLiteral("min")
                                                                   : QStringLiteral("max"),
                                              rest == Level::Min   ? QStringLiteral("min")
                                              : rest == Level::Max ? QStringLiteral("max")
                                                                   : QStringLiteral("mid"),
                                              why)));
                }
            }
        }
    }
}

void TestExtremes::curvesAndGoLive_data()
{
    QTest::addColumn<int>("curve");
    QTest::addColumn<int>("goLiveOffset");
    for (std::size_t c = 0; c < enumCount<RampCurve>(); ++c) {
        for (int offset : {-1200, -1, 0, 60, 119, 120, 5000}) {
            QTest::addRow("%s, go-live %+d", enumName(static_cast<RampCurve>(c)).data(), offset)
                << int(c) << offset;
        }
    }
}

void TestExtremes::curvesAndGoLive()
{
    QFETCH(int, curve);
    QFETCH(int, goLiveOffset);
    for (Level level : {Level::Min, Level::Max}) {
        Workbook wb = workbookAt(level);
        wb.useCases[0].ramp.curve = static_cast<RampCurve>(curve);
        wb.useCases[0].ramp.goLive = wb.settings.startMonth.addMonths(goLiveOffset);
        QCOMPARE(nonFinite(compute(wb)), QString());
    }
}

void TestExtremes::extremesSaveAndReload()
{
    for (Level level : {Level::Min, Level::Max}) {
        const Workbook wb = workbookAt(level);
        const SaveResult saved = writeWorkbook(wb);
        QVERIFY(saved.ok());
        const LoadResult loaded = readWorkbook(saved.text);
        QVERIFY(loaded.ok());
        QVERIFY(*loaded.workbook == wb);
    }
}

void TestExtremes::nonFiniteRefusedEverywhere()
{
    // Every numeric input, set to NaN or an infinity: saving refuses with that input's path,
    // validation reports it, and a file carrying an overflowing number is refused.
    Workbook probe = fullWorkbook();
    const int n = countFields(probe);
    for (double bad : {double(NAN), double(INFINITY), -double(INFINITY)}) {
        for (int i = 0; i < n; ++i) {
            Workbook wb = fullWorkbook();
            int index = 0;
            visitAll(wb, [&](const FieldInfo &, double &v) {
                if (index++ == i)
                    v = bad;
            });
            const SaveResult saved = writeWorkbook(wb);
            QVERIFY2(!saved.ok() && saved.text.empty(), qPrintable(describeField(i)));
            QVERIFY(saved.errors.front().path.ends_with(describeField(i).toStdString()));
            QVERIFY(!validateWorkbook(wb).empty());
        }
    }
    const Workbook wb = fullWorkbook();
    std::string text = writeWorkbook(wb).text;
    const auto at = text.find("\"volume\": 0.0");
    QVERIFY(at != std::string::npos);
    for (const char *literal : {"1e400", "-1e400", "NaN", "Infinity", "-Infinity", "nan"}) {
        std::string bad = text;
        bad.replace(at, std::string("\"volume\": 0.0").size(),
                    std::string("\"volume\": ") + literal);
        const LoadResult r = readWorkbook(bad);
        QVERIFY2(!r.ok(), literal);
    }
    // A scenario adjustment of an infinite value is refused too.
    Workbook adjusted = fullWorkbook();
    adjusted.scenarios[1].adjustments[0].value = INFINITY;
    QVERIFY(!writeWorkbook(adjusted).ok());
}

QTEST_APPLESS_MAIN(TestExtremes)
#include "tst_extremes.moc"
