// The limits of the .roiwb reader (roi::limits, documented in the README "File format"): each at
// its value is accepted and one past it is refused with the JSON path and the rule; numeric
// ranges through files; the combined compute budget; saves that would not open again.
#include "engine.h"
#include "inputs.h"
#include "workbookfile.h"

#include <nlohmann/json.hpp>

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <cmath>

using namespace roi;
using namespace Qt::StringLiterals;
using Json = nlohmann::ordered_json;

namespace {

Json minimalUseCase(const std::string &name)
{
    return Json{{"name", name}, {"ramp", Json{{"goLive", "2026-01"}}}};
}

Json minimalWorkbook()
{
    return Json{{"format", "roi-workbench"}, {"version", 1}, {"useCases", Json::array()}};
}

LoadResult read(const Json &j)
{
    return readWorkbook(j.dump());
}

/// The errors of a load as "path: message" lines, for failure messages.
QByteArray errorsOf(const LoadResult &r)
{
    QByteArray out;
    for (const Diagnostic &d : r.errors())
        out += QByteArray::fromStdString(d.toString()) + '\n';
    return out;
}

bool refusedAt(const LoadResult &r, const std::string &path, const std::string &words)
{
    for (const Diagnostic &d : r.errors()) {
        if (d.path == path && d.message.find(words) != std::string::npos)
            return true;
    }
    return false;
}

Json array(std::size_t n, const std::function<Json(std::size_t)> &make)
{
    Json a = Json::array();
    for (std::size_t i = 0; i < n; ++i)
        a.push_back(make(i));
    return a;
}

/// prefix + number; spelled out because GCC 12 warns falsely on "x" + std::to_string(n).
std::string named(const char *prefix, std::size_t n)
{
    std::string out(prefix);
    out += std::to_string(n);
    return out;
}

std::string repeat(const std::string &s, std::size_t n)
{
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i)
        out += s;
    return out;
}

} // namespace

class TestLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fileSize();
    void depth();
    void arrays_data();
    void arrays();
    void strings_data();
    void strings();
    void numericRangesThroughFiles();
    void integers_data();
    void integers();
    void adjustmentValues();
    void versions();
    void diagnosticsAreCapped();
    void computeBudget();
    void largestWorkbookSavesAndOpens();
    void readmeDocumentsTheLimits();
};

void TestLimits::fileSize()
{
    // Exactly the limit (a valid file padded with spaces) reads; one byte more is refused.
    std::string text = minimalWorkbook().dump();
    text.resize(limits::kMaxFileBytes, ' ');
    QVERIFY(readWorkbook(text).ok());
    text += ' ';
    const LoadResult r = readWorkbook(text);
    QVERIFY(!r.ok());
    QVERIFY(r.errors().front().message.find("16 MiB") != std::string::npos);
    QVERIFY(!readWorkbook("").ok());
}

void TestLimits::depth()
{
    auto nested = [](int levels) {
        // The root object is level 1; "x" holds the rest as nested arrays.
        return R"({"format":"roi-workbench","version":1,"useCases":[],"x":)"
               + std::string(static_cast<std::size_t>(levels - 1), '[')
               + std::string(static_cast<std::size_t>(levels - 1), ']') + "}";
    };
    const LoadResult ok = readWorkbook(nested(limits::kMaxDepth));
    QVERIFY2(ok.ok(), errorsOf(ok));
    const LoadResult deep = readWorkbook(nested(limits::kMaxDepth + 1));
    QVERIFY(!deep.ok());
    QVERIFY(deep.errors().front().message.find("nesting deeper than 32") != std::string::npos);
    // Brackets inside strings do not count.
    Json j = minimalWorkbook();
    j["settings"] = Json{{"name", std::string(100, '[')}};
    QVERIFY(read(j).ok());
}

void TestLimits::arrays_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<qulonglong>("limit");
    QTest::newRow("use cases") << u"useCases"_s << qulonglong(limits::kMaxUseCases);
    QTest::newRow("cost layers") << u"costLayers"_s << qulonglong(limits::kMaxLayers);
    QTest::newRow("value drivers") << u"valueDrivers"_s << qulonglong(limits::kMaxDrivers);
    QTest::newRow("price book") << u"priceBook"_s << qulonglong(limits::kMaxPrices);
    QTest::newRow("scenarios") << u"scenarios"_s << qulonglong(limits::kMaxScenarios);
    QTest::newRow("adjustments") << u"adjustments"_s << qulonglong(limits::kMaxAdjustments);
    QTest::newRow("scorecard") << u"scorecard"_s << qulonglong(limits::kMaxScorecard);
}

void TestLimits::arrays()
{
    QFETCH(QString, what);
    QFETCH(qulonglong, limit);
    const std::string key = what.toStdString();
    auto build = [&](std::size_t n, std::string &path) {
        Json j = minimalWorkbook();
        Json uc = minimalUseCase("u");
        auto name = [](std::size_t i) {
            return named("e", i);
        };
        if (key == "useCases") {
            j["useCases"] = array(n, [&](std::size_t i) { return minimalUseCase(name(i)); });
            path = "/useCases";
        } else if (key == "costLayers") {
            uc["costLayers"] = array(n, [&](std::size_t i) {
                return Json{{"name", name(i)}, {"type", "staff"}, {"category", "other"}};
            });
            path = "/useCases/0/costLayers";
        } else if (key == "valueDrivers") {
            uc["valueDrivers"] = array(n, [&](std::size_t i) {
                return Json{{"name", name(i)}, {"kind", "softValue"}, {"hard", false}};
            });
            path = "/useCases/0/valueDrivers";
        } else if (key == "priceBook") {
            j["priceBook"] = array(n, [&](std::size_t i) { return Json{{"model", name(i)}}; });
            path = "/priceBook";
        } else if (key == "scenarios") {
            j["scenarios"] = array(n, [&](std::size_t i) {
                return Json{{"name", i < 3 ? std::vector<std::string>{"Base", "Best", "Worst"}[i]
                                           : name(i)}};
            });
            path = "/scenarios";
        } else if (key == "adjustments") {
            j["scenarios"] = Json::array({Json{
                {"name", "Base"}, {"adjustments", array(n, [](std::size_t) {
                                       return Json{{"input", "baseline.volume"}, {"value", 1.0}};
                                   })}}});
            path = "/scenarios/0/adjustments";
        } else {
            uc["scorecard"] = array(n, [&](std::size_t i) { return Json{{"name", name(i)}}; });
            path = "/useCases/0/scorecard";
        }
        if (key != "useCases")
            j["useCases"] = Json::array({uc});
        return j;
    };
    std::string path;
    const LoadResult ok = read(build(limit, path));
    QVERIFY2(ok.ok(), errorsOf(ok));
    const LoadResult over = read(build(limit + 1, path));
    QVERIFY2(refusedAt(over, path, "at most " + std::to_string(limit) + " are allowed"),
             errorsOf(over));
}

void TestLimits::strings_data()
{
    QTest::addColumn<QString>("pointer"); // where the string goes, as a JSON pointer
    QTest::addColumn<qulonglong>("limit");
    QTest::newRow("description") << u"/useCases/0/description"_s << qulonglong(limits::kMaxString);
    QTest::newRow("baseline notes")
        << u"/useCases/0/baseline/notes"_s << qulonglong(limits::kMaxString);
    QTest::newRow("use-case name") << u"/useCases/0/name"_s << qulonglong(limits::kMaxName);
    QTest::newRow("workbook name") << u"/settings/name"_s << qulonglong(limits::kMaxName);
    QTest::newRow("unit") << u"/useCases/0/baseline/unit"_s << qulonglong(limits::kMaxUnit);
    QTest::newRow("logo") << u"/settings/logoPng"_s << qulonglong(limits::kMaxLogo);
}

void TestLimits::strings()
{
    QFETCH(QString, pointer);
    QFETCH(qulonglong, limit);
    const bool logo = pointer.endsWith(u"logoPng");
    // Characters, not bytes: "é" and "中" count one each (the logo is base64, ASCII only).
    for (const std::string &unit : {std::string("a"), std::string("é"), std::string("中")}) {
        if (logo && unit != "a")
            continue;
        for (std::size_t n : {std::size_t(limit), std::size_t(limit + 1)}) {
            Json j = minimalWorkbook();
            j["useCases"] = Json::array({minimalUseCase("u")});
            j[Json::json_pointer(pointer.toStdString())] = repeat(unit, n);
            const LoadResult r = read(j);
            if (n == limit)
                QVERIFY2(r.ok(), errorsOf(r));
            else
                QVERIFY2(refusedAt(r, pointer.toStdString(),
                                   std::to_string(n) + " characters long; at most "
                                       + std::to_string(limit)),
                         errorsOf(r));
        }
    }
}

void TestLimits::numericRangesThroughFiles()
{
    // Every field of every section at its min and max reads; just outside is refused with the
    // rule. The element of each kind carries every field, so one file covers them all.
    struct Section
    {
        std::string pointer;
        std::vector<FieldInfo> fields;
    };
    auto infos = [](auto span) {
        std::vector<FieldInfo> out;
        for (const auto &f : span)
            out.push_back(f.info);
        return out;
    };
    const Section sections[] = {
        {"/settings", infos(settingsFields())},
        {"/priceBook/0", infos(priceFields())},
        {"/useCases/0/baseline", infos(baselineFields())},
        {"/useCases/0/outcome", infos(outcomeFields())},
        {"/useCases/0/costLayers/0", infos(layerFields())},
        {"/useCases/0/valueDrivers/0", infos(driverFields())},
        {"/useCases/0/risk", infos(riskFields())},
        {"/useCases/0/ramp", infos(rampFields())},
    };
    Json base = minimalWorkbook();
    base["priceBook"] = Json::array({Json{{"model", "m"}}});
    Json uc = minimalUseCase("u");
    uc["baseline"] = Json::object();
    uc["outcome"] = Json::object();
    uc["risk"] = Json::object();
    uc["costLayers"] = Json::array({Json{{"name", "l"}, {"type", "staff"}, {"category", "other"}}});
    uc["valueDrivers"] = Json::array({Json{{"name", "d"}, {"kind", "laborReclaimed"}}});
    base["useCases"] = Json::array({uc});
    QVERIFY(read(base).ok());
    int checked = 0;
    for (const Section &s : sections) {
        for (const FieldInfo &f : s.fields) {
            const std::string pointer = s.pointer + "/" + std::string(f.key);
            for (double v : {f.min, f.max}) {
                Json j = base;
                j[Json::json_pointer(pointer)] = v;
                QVERIFY2(read(j).ok(), pointer.c_str());
            }
            const double below = std::nextafter(f.min, -INFINITY);
            const double above = std::nextafter(f.max, INFINITY);
            for (auto [v, rule] : {std::pair{below, std::string("must be >= ")},
                                   std::pair{above, std::string("must be <= ")}}) {
                Json j = base;
                j[Json::json_pointer(pointer)] = v;
                const LoadResult r = read(j);
                QVERIFY2(refusedAt(r, pointer, rule),
                         (pointer + ": " + errorsOf(r).toStdString()).c_str());
            }
            if (f.integer) {
                Json j = base;
                j[Json::json_pointer(pointer)] = f.min + 0.5;
                QVERIFY(refusedAt(read(j), pointer, "whole number"));
            }
            for (const Json &wrong : {Json("1"), Json(nullptr), Json(true), Json::array()}) {
                Json j = base;
                j[Json::json_pointer(pointer)] = wrong;
                QVERIFY(refusedAt(read(j), pointer, "must be a number"));
            }
            ++checked;
        }
    }
    QVERIFY(checked > 50);
}

void TestLimits::integers_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<qlonglong>("min");
    QTest::addColumn<qlonglong>("max");
    QTest::newRow("horizon") << u"/settings/horizonMonths"_s << 1LL << 120LL;
    QTest::newRow("trials") << u"/settings/monteCarlo/trials"_s << 1LL << 1'000'000LL;
    QTest::newRow("seed") << u"/settings/monteCarlo/seed"_s << 0LL << 4294967295LL;
}

void TestLimits::integers()
{
    QFETCH(QString, pointer);
    QFETCH(qlonglong, min);
    QFETCH(qlonglong, max);
    const std::string p = pointer.toStdString();
    auto with = [&](const Json &v) {
        Json j = minimalWorkbook();
        j[Json::json_pointer(p)] = v;
        return read(j);
    };
    QVERIFY(with(min).ok());
    QVERIFY(with(max).ok());
    QVERIFY(refusedAt(with(min - 1), p, "must be >= "));
    QVERIFY(refusedAt(with(max + 1), p, "must be <= "));
    QVERIFY(refusedAt(with(1.5), p, "whole number"));
    QVERIFY(refusedAt(with(Json(18446744073709551615ULL)), p, "must be <= "));
}

void TestLimits::adjustmentValues()
{
    auto with = [](double v) {
        Json j = minimalWorkbook();
        j["scenarios"] = Json::array({Json{
            {"name", "Base"},
            {"adjustments", Json::array({Json{{"input", "baseline.volume"}, {"value", v}}})}}});
        return read(j);
    };
    QVERIFY(with(limits::kMaxAdjustmentValue).ok());
    QVERIFY(with(-limits::kMaxAdjustmentValue).ok());
    QVERIFY(refusedAt(with(1e16), "/scenarios/0/adjustments/0/value", "must be <= "));
    QVERIFY(refusedAt(with(-1e16), "/scenarios/0/adjustments/0/value", "must be >= "));
}

void TestLimits::versions()
{
    auto with = [](const Json &v) {
        Json j = minimalWorkbook();
        j["version"] = v;
        return read(j);
    };
    QVERIFY(with(kFormatVersion).ok());
    QVERIFY(refusedAt(with(kFormatVersion + 1), "/version", "newer ROI Workbench"));
    // A version beyond the signed range is newer too, not "must be >= 1".
    QVERIFY(refusedAt(with(Json(18446744073709551615ULL)), "/version", "newer ROI Workbench"));
    QVERIFY(refusedAt(with(0), "/version", "must be >= 1"));
    QVERIFY(refusedAt(with(-5), "/version", "must be >= 1"));
    QVERIFY(refusedAt(with(1.0), "/version", "whole number"));
}

void TestLimits::diagnosticsAreCapped()
{
    Json j = minimalWorkbook();
    j["useCases"] = array(limits::kMaxUseCases, [](std::size_t) { return Json::object(); });
    const LoadResult r = read(j);
    QVERIFY(!r.ok());
    QCOMPARE(r.diagnostics.size(), limits::kMaxDiagnostics + 1);
    QVERIFY(r.diagnostics.back().message.find("too many problems") != std::string::npos);
}

void TestLimits::computeBudget()
{
    // Many use cases under many scenarios: each limit alone is fine, together they would ask
    // compute() for gigabytes. At the budget the workbook reads and computes quickly.
    auto build = [](std::size_t useCases, std::size_t scenarios, std::size_t layers) {
        Json j = minimalWorkbook();
        j["settings"] = Json{{"horizonMonths", 120}};
        j["scenarios"] = array(scenarios, [](std::size_t i) {
            return Json{{"name", i < 3 ? std::vector<std::string>{"Base", "Best", "Worst"}[i]
                                       : named("s", i)}};
        });
        j["useCases"] = array(useCases, [&](std::size_t u) {
            Json uc = minimalUseCase(named("u", u));
            uc["baseline"] = Json{{"volume", 1000}};
            uc["costLayers"] = array(layers, [](std::size_t i) {
                return Json{{"name", named("l", i)}, {"type", "humanReview"}, {"category", "other"},
                            {"share", 0.1},          {"minutesPerReview", 1}, {"hourlyRate", 30}};
            });
            return uc;
        });
        return j;
    };
    // 100 scenarios x (23 portfolio + 37 use cases x (23 + 3 layers)) = 98,500 series.
    const Json atBudget = build(37, 100, 3);
    const LoadResult ok = read(atBudget);
    QVERIFY2(ok.ok(), errorsOf(ok));
    QCOMPARE(seriesCount(*ok.workbook), std::size_t(98'500));
    QElapsedTimer timer;
    timer.start();
    const Results res = compute(*ok.workbook);
    qInfo("compute at the series budget (98,500 series x 120 months): %lld ms",
          static_cast<long long>(timer.elapsed()));
    QCOMPARE(res.cases.size(), std::size_t(37 * 100));

    const LoadResult over = read(build(37, 100, 5));
    QVERIFY2(refusedAt(over, "", "monthly series to compute"), errorsOf(over));
    // Every limit at once within 16 MiB: refused by the budget, before any allocation.
    const LoadResult huge = read(build(1000, 100, 20));
    QVERIFY(refusedAt(huge, "", "monthly series to compute"));
    // The same check guards in-memory workbooks (forms, scenarios added in the window).
    QVERIFY(writeWorkbook(*ok.workbook).ok());
    Workbook grown = *ok.workbook;
    grown.scenarios.push_back(grown.scenarios.back());
    grown.scenarios.back().name = "one more";
    grown.useCases.push_back(grown.useCases.back());
    grown.useCases.back().name = "one more";
    QVERIFY(seriesCount(grown) > limits::kMaxSeries);
    QVERIFY(!writeWorkbook(grown).ok());
}

void TestLimits::largestWorkbookSavesAndOpens()
{
    // A workbook that reads near the size limit must save to a file that opens again: the
    // indented form would exceed 16 MiB, so the writer falls back to compact JSON.
    Workbook wb = newWorkbook();
    for (std::size_t u = 0; u < limits::kMaxUseCases; ++u)
        wb.useCases.push_back(newUseCase(named("u", u), {2026, 1}));
    auto compactSize = [](const std::string &text) {
        return Json::parse(text).dump().size();
    };
    const std::string empty = writeWorkbook(wb).text;
    const std::size_t room = limits::kMaxFileBytes - compactSize(empty) - 1;
    const std::size_t perCase = room / limits::kMaxUseCases;
    QVERIFY(perCase > 10'000 && perCase < 3 * limits::kMaxString);
    for (UseCase &uc : wb.useCases) {
        uc.description = std::string(limits::kMaxString, 'd');
        uc.baseline.notes =
            std::string(std::min(perCase - limits::kMaxString, limits::kMaxString), 'n');
        uc.baseline.source =
            std::string(perCase - uc.description.size() - uc.baseline.notes.size(), 's');
    }
    const SaveResult saved = writeWorkbook(wb);
    QVERIFY(saved.ok());
    QVERIFY(saved.text.size() <= limits::kMaxFileBytes);
    QVERIFY(saved.text.find("\n  ") == std::string::npos); // compact: the indented one was larger
    const LoadResult again = readWorkbook(saved.text);
    QVERIFY2(again.ok(), errorsOf(again));
    QVERIFY(*again.workbook == wb);

    // Legal strings whose escaped form no longer fits: refused, never written unreadable.
    for (UseCase &uc : wb.useCases)
        uc.description = std::string(3000, '\x01'); // 18 MB once written as \u0001
    const SaveResult refused = writeWorkbook(wb);
    QVERIFY(!refused.ok());
    QVERIFY(refused.text.empty());
    QVERIFY(refused.errors.front().message.find("16 MiB") != std::string::npos);
}

void TestLimits::readmeDocumentsTheLimits()
{
    QFile readme(QStringLiteral(ROI_SOURCE_DIR "/README.md"));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(readme.readAll()).simplified();
    const QString section = text.mid(text.indexOf(u"## File format"_s));
    for (const QString &figure :
         {u"16 MiB"_s, u"nesting depth 32"_s, u"10,000 characters"_s, u"names 200"_s,
          u"units 100"_s, u"4 MiB of base64"_s, u"1,000 use cases"_s,
          u"200 cost layers and 200 value drivers per use case"_s, u"1,000 price-book entries"_s,
          u"100 scenarios of 1,000 adjustments each"_s, u"100 scorecard metrics per use case"_s,
          u"100,000 monthly series"_s})
        QVERIFY2(section.contains(figure), qPrintable(figure));
}

QTEST_APPLESS_MAIN(TestLimits)
#include "tst_limits.moc"
