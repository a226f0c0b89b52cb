// The XLSX formula model (app/export/xlsxformulamodel.h), recalculated by LibreOffice headless:
// the exported file of every bundled example and template, under each scenario, gives the
// engine's monthly figures and KPIs; input cells and the scenario cell edited in the exported
// file give what the engine gives for the same change; the file is well formed (every XML part
// parses strictly, [Content_Types].xml lists every part, the defined names are legal, no external
// reference and no volatile function).
//
// LibreOffice (Debian libreoffice-calc-nogui) is required: without soffice the test fails. It
// runs with its own profile that recalculates every formula on load (OOXMLRecalcMode = 0), and
// converts all files in one call (it takes a few seconds to start), every sheet to its own CSV.
#include "exporttestutil.h"

#include "export/xlsxformulamodel.h"
#include "inputs.h"
#include "reportexporter.h"
#include "xlsxexport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <cmath>
#include <functional>
#include <map>

using namespace roi;
using namespace roi::test;
using namespace Qt::StringLiterals;

namespace {

/// One exported (and possibly edited) file and what the engine says it must show.
struct ModelCase
{
    QString name;     // the file's base name, also the data row
    Workbook wb;      // the workbook as exported
    Workbook edited;  // the workbook with the same change the file got (== wb when none)
    int scenario = 0; // the scenario the file shows after the edit
    Results expected; // compute(edited)
};

/// An edit of the exported file: a defined input cell to a number or a text, or the scenario.
struct Edit
{
    QString name; // defined name, or "scenario"
    QString text; // for text cells (the scenario, the ramp curve)
    double value = 0;
};

/// A sheet read back from LibreOffice's CSV: rows of cells.
using Sheet = std::vector<QStringList>;

Sheet readCsv(const QString &path)
{
    QFile f(path);
    Sheet out;
    if (!f.open(QIODevice::ReadOnly))
        return out;
    const QString text = QString::fromUtf8(f.readAll());
    QStringList row;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text[i];
        if (quoted) {
            if (ch == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                cell += u'"';
                ++i;
            } else if (ch == u'"') {
                quoted = false;
            } else {
                cell += ch;
            }
        } else if (ch == u'"') {
            quoted = true;
        } else if (ch == u',') {
            row << cell;
            cell.clear();
        } else if (ch == u'\n') {
            row << cell;
            out.push_back(row);
            row.clear();
            cell.clear();
        } else if (ch != u'\r') {
            cell += ch;
        }
    }
    if (!cell.isEmpty() || !row.isEmpty()) {
        row << cell;
        out.push_back(row);
    }
    return out;
}

/// A cell as a number: "12.5%" is 0.125; nullopt for text.
std::optional<double> numberOf(const QString &cell)
{
    QString s = cell.trimmed();
    double scale = 1;
    if (s.endsWith(u'%')) {
        s.chop(1);
        scale = 0.01;
    }
    bool ok = false;
    const double v = s.toDouble(&ok);
    return ok ? std::optional<double>(v * scale) : std::nullopt;
}

const QStringList *findRow(const Sheet &sheet, const QString &label)
{
    for (const QStringList &row : sheet) {
        if (!row.isEmpty() && row[0] == label)
            return &row;
    }
    return nullptr;
}

} // namespace

class TestXlsxFormulaModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void recomputesTheEngine_data();
    void recomputesTheEngine();
    void wellFormed_data();
    void wellFormed();
    void edgeCasesShowWords();

private:
    QString exportModel(const Workbook &wb, int scenario, const QString &name);
    bool editFile(const QString &path, const std::vector<Edit> &edits, QString *error);
    void addCase(const QString &name, const Workbook &wb, int scenario);
    void addEdited(const QString &name, const Workbook &wb, const std::vector<Edit> &edits,
                   const std::function<void(Workbook &)> &apply, int scenario);
    QString csvPath(const QString &base, const QString &sheet) const
    {
        return m_dir.filePath(u"csv/"_s + base + u'-' + sheet + u".csv"_s);
    }

    QTemporaryDir m_dir;
    std::vector<ModelCase> m_cases;
    QStringList m_files;
};

namespace {

Workbook loadFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.readAll();
    auto loaded =
        readWorkbook(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    return loaded.ok() ? *loaded.workbook : Workbook{};
}

QByteArray unzipPart(const QString &zip, const QString &part)
{
    // unzip reads a name as a pattern: "[Content_Types].xml" needs its bracket escaped.
    QString pattern = part;
    pattern.replace(u"["_s, u"[[]"_s);
    return run(QStringLiteral("unzip"), {QStringLiteral("-p"), zip, pattern});
}

QStringList zipParts(const QString &zip)
{
    const QString listing =
        QString::fromUtf8(run(QStringLiteral("unzip"), {QStringLiteral("-Z1"), zip}));
    return listing.split(u'\n', Qt::SkipEmptyParts);
}

/// Defined name -> "Inputs!$C$12".
std::map<QString, QString> definedNames(const QByteArray &workbookXml)
{
    std::map<QString, QString> out;
    QXmlStreamReader r(workbookXml);
    while (!r.atEnd()) {
        if (r.readNext() == QXmlStreamReader::StartElement && r.name() == u"definedName") {
            const QString name = r.attributes().value(u"name"_s).toString();
            out[name] = r.readElementText();
        }
    }
    return out;
}

int layerIndex(const UseCase &uc, LayerType type)
{
    for (std::size_t i = 0; i < uc.layers.size(); ++i) {
        if (uc.layers[i].type == type)
            return static_cast<int>(i);
    }
    return -1;
}

} // namespace

QString TestXlsxFormulaModel::exportModel(const Workbook &wb, int scenario, const QString &name)
{
    const Results res = computeAsOfReportDay(wb);
    ReportOptions options;
    options.scenario = scenario;
    options.outputPath = m_dir.filePath(u"xlsx/"_s + name + u".xlsx"_s);
    options.today = reportDay();
    QString error;
    if (!exportReport(wb, res, ReportFormat::Xlsx, options, &error)) {
        qWarning("%s: %s", qPrintable(name), qPrintable(error));
        return {};
    }
    return options.outputPath;
}

void TestXlsxFormulaModel::addCase(const QString &name, const Workbook &wb, int scenario)
{
    const QString path = exportModel(wb, scenario, name);
    QVERIFY2(!path.isEmpty(), qPrintable(name));
    m_files << path;
    m_cases.push_back({name, wb, wb, scenario, computeAsOfReportDay(wb)});
}

bool TestXlsxFormulaModel::editFile(const QString &path, const std::vector<Edit> &edits,
                                    QString *error)
{
    // Unpack, change the cells' XML as a spreadsheet would store the typed value, pack again.
    const QString dir = path + u".d"_s;
    int code = 0;
    run(QStringLiteral("unzip"),
        {QStringLiteral("-q"), QStringLiteral("-o"), path, QStringLiteral("-d"), dir}, &code);
    if (code != 0) {
        *error = u"unzip failed"_s;
        return false;
    }
    auto readPart = [&](const QString &part) {
        QFile f(dir + u'/' + part);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    const auto names = definedNames(readPart(u"xl/workbook.xml"_s));
    for (const Edit &e : edits) {
        QString sheetFile;
        QString cell;
        if (e.name == u"scenario"_s) {
            sheetFile = u"xl/worksheets/sheet3.xml"_s; // Summary, Inputs, Scenarios, ...
            cell = u"B3"_s;
        } else {
            const auto it = names.find(e.name);
            if (it == names.end()) {
                *error = u"no defined name "_s + e.name;
                return false;
            }
            if (!it->second.startsWith(u"Inputs!"_s)) {
                *error = e.name + u" is not on the Inputs sheet: "_s + it->second;
                return false;
            }
            sheetFile = u"xl/worksheets/sheet2.xml"_s;
            cell = it->second.mid(7).remove(u'$');
        }
        QString xml = QString::fromUtf8(readPart(sheetFile));
        const QRegularExpression re(u"<c r=\""_s + cell + u"\"([^>]*?)(/>|>.*?</c>)"_s);
        const auto m = re.match(xml);
        if (!m.hasMatch()) {
            *error = u"no cell "_s + cell + u" in "_s + sheetFile;
            return false;
        }
        QString attrs = m.captured(1);
        attrs.remove(QRegularExpression(u"\\s+t=\"[^\"]*\""_s));
        const QString replacement =
            e.text.isEmpty() ? u"<c r=\"%1\"%2><v>%3</v></c>"_s.arg(
                cell, attrs, QString::number(e.value, 'g', 17))
                             : u"<c r=\"%1\"%2 t=\"inlineStr\"><is><t>%3</t></is></c>"_s.arg(
                                 cell, attrs, e.text.toHtmlEscaped());
        xml.replace(m.capturedStart(), m.capturedLength(), replacement);
        QFile out(dir + u'/' + sheetFile);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            *error = u"cannot write "_s + sheetFile;
            return false;
        }
        out.write(xml.toUtf8());
    }
    QFile::remove(path);
    QProcess zip;
    zip.setWorkingDirectory(dir);
    zip.start(QStringLiteral("zip"), {QStringLiteral("-q"), QStringLiteral("-X"),
                                      QStringLiteral("-r"), path, QStringLiteral(".")});
    if (!zip.waitForFinished(60000) || zip.exitCode() != 0) {
        *error = u"zip failed: "_s + QString::fromUtf8(zip.readAllStandardError());
        return false;
    }
    return true;
}

void TestXlsxFormulaModel::addEdited(const QString &name, const Workbook &wb,
                                     const std::vector<Edit> &edits,
                                     const std::function<void(Workbook &)> &apply, int scenario)
{
    // The file is exported from the unchanged workbook (Base shown), then edited.
    const QString path = exportModel(wb, 0, name);
    QVERIFY2(!path.isEmpty(), qPrintable(name));
    QString error;
    QVERIFY2(editFile(path, edits, &error), qPrintable(name + u": "_s + error));
    m_files << path;
    Workbook edited = wb;
    apply(edited);
    m_cases.push_back({name, wb, edited, scenario, computeAsOfReportDay(edited)});
}

void TestXlsxFormulaModel::initTestCase()
{
    const QString soffice = QStandardPaths::findExecutable(QStringLiteral("soffice"));
    QVERIFY2(!soffice.isEmpty(),
             "soffice not found: install libreoffice-calc-nogui (tools/install-deps.sh)");
    QVERIFY2(haveTool(QStringLiteral("unzip")) && haveTool(QStringLiteral("zip")),
             "unzip and zip are needed (tools/install-deps.sh)");
    QVERIFY(m_dir.isValid());
    QDir(m_dir.path()).mkpath(QStringLiteral("xlsx"));
    QDir(m_dir.path()).mkpath(QStringLiteral("profile/user"));

    // Every bundled example under every scenario; every template under Base.
    for (const char *folder : {"examples", "templates"}) {
        QDir dir(QStringLiteral(ROI_SOURCE_DIR "/resources/") + QLatin1String(folder));
        for (const QString &file : dir.entryList({QStringLiteral("*.roiwb")}, QDir::Files)) {
            const Workbook wb = loadFile(dir.filePath(file));
            QVERIFY2(!wb.useCases.empty(), qPrintable(file));
            const int scenarios =
                qstrcmp(folder, "examples") == 0
                    ? static_cast<int>(std::max<std::size_t>(1, wb.scenarios.size()))
                    : 1;
            for (int s = 0; s < scenarios; ++s) {
                addCase(QLatin1String(folder) + u'-' + QFileInfo(file).completeBaseName() + u'-'
                            + QString::number(s),
                        wb, s);
            }
        }
    }

    // Edge cases: no cost, no benefit, no outcome (ROI, IRR, payback, cost per outcome have no
    // number; the cells say why).
    {
        Workbook empty = newWorkbook();
        UseCase uc = newUseCase("Empty", empty.settings.startMonth);
        uc.layers.clear();
        uc.drivers.clear();
        uc.baseline.volume = 0;
        empty.useCases.push_back(uc);
        addCase(u"edge-empty"_s, empty, 0);
    }

    // Scenario adjustments the engine clamps to the input's range (adoption 1.0 x 1.5 -> 1,
    // review share set to 1.4 -> 1, a negative price -> 0) or rounds (go-live delay 2.6 -> 3),
    // one that reaches one use case only (its prices), and one on the settings (discount rate).
    {
        Workbook wb = example("portfolio");
        QVERIFY(wb.useCases.size() >= 2);
        Scenario stretch{"Stretch", "Pushes inputs past their range", {}};
        stretch.adjustments = {
            {"ramp.steadyAdoption", AdjustmentOp::Multiply, 1.5, ""},
            {"ramp.goLiveDelay", AdjustmentOp::Add, 2.6, ""},
            {"layers[*].share", AdjustmentOp::Set, 1.4, wb.useCases[0].name},
            {"prices[*].input", AdjustmentOp::Multiply, -1, wb.useCases[1].name},
            {"prices[*].output", AdjustmentOp::Multiply, 2, wb.useCases[1].name},
            {"settings.discountRate", AdjustmentOp::Set, 0.2, ""},
            {"settings.hurdleRate", AdjustmentOp::Add, 5, ""},
        };
        wb.scenarios.push_back(stretch);
        const int s = static_cast<int>(wb.scenarios.size()) - 1;
        const Results res = computeAsOfReportDay(wb);
        QCOMPARE(res.at(0, s).kpis.hurdleRate, 1.0); // 0.12 + 5, clamped to 1
        addCase(u"clamped-scenario"_s, wb, s);
    }

    // The exported file edited as a CFO would: one input cell, or the scenario cell.
    const Workbook support = example("support-assistant");
    QVERIFY(!support.useCases.empty());
    const int review = layerIndex(support.useCases[0], LayerType::HumanReview);
    QVERIFY(review >= 0);
    const QString reviewName = u"in_uc1_layers%1_share"_s.arg(review + 1);
    const int priceOfModel = [&] {
        const std::string &model = support.useCases[0]
                                       .layers[static_cast<std::size_t>(
                                           layerIndex(support.useCases[0], LayerType::TokenUsage))]
                                       .model;
        int found = -1;
        for (std::size_t j = 0; j < support.priceBook.size(); ++j) {
            if (support.priceBook[j].model == model)
                found = static_cast<int>(j);
        }
        return found;
    }();
    QVERIFY(priceOfModel >= 0);
    addEdited(
        u"edit-volume"_s, support, {{u"in_uc1_baseline_volume"_s, {}, 65000}},
        [](Workbook &wb) { wb.useCases[0].baseline.volume = 65000; }, 0);
    addEdited(
        u"edit-price"_s, support, {{u"in_prices%1_output"_s.arg(priceOfModel + 1), {}, 14.5}},
        [&](Workbook &wb) { wb.priceBook[static_cast<std::size_t>(priceOfModel)].output = 14.5; },
        0);
    addEdited(
        u"edit-review-share"_s, support, {{reviewName, {}, 0.25}},
        [&](Workbook &wb) { wb.useCases[0].layers[static_cast<std::size_t>(review)].share = 0.25; },
        0);
    addEdited(
        u"edit-ramp-months"_s, support, {{u"in_uc1_ramp_rampMonths"_s, {}, 3}},
        [](Workbook &wb) { wb.useCases[0].ramp.rampMonths = 3; }, 0);
    addEdited(
        u"edit-ramp-curve"_s, support, {{u"in_uc1_ramp_curve"_s, u"linear"_s, 0}},
        [](Workbook &wb) { wb.useCases[0].ramp.curve = RampCurve::Linear; }, 0);
    addEdited(
        u"edit-scenario"_s, support, {{u"scenario"_s, u"Worst"_s, 0}}, [](Workbook &) {}, 2);
    // An input and the scenario together: the Best scenario's adjustments apply to the new volume.
    addEdited(
        u"edit-volume-best"_s, support,
        {{u"in_uc1_baseline_volume"_s, {}, 42000}, {u"scenario"_s, u"Best"_s, 0}},
        [](Workbook &wb) { wb.useCases[0].baseline.volume = 42000; }, 1);
    const Workbook portfolio = example("portfolio");
    QVERIFY(portfolio.useCases.size() >= 2);
    addEdited(
        u"edit-portfolio-volume"_s, portfolio, {{u"in_uc2_baseline_volume"_s, {}, 9000}},
        [](Workbook &wb) { wb.useCases[1].baseline.volume = 9000; }, 0);
    const Workbook levers = example("support-levers");
    QVERIFY(levers.useCases[0].layers[0].levers.routing.plan.enabled);
    addEdited(
        u"edit-lever"_s, levers,
        {{u"in_uc1_layers1_levers_routing_share"_s, {}, 0.5},
         {u"in_uc1_layers1_levers_semanticCache_rampMonths"_s, {}, 7}},
        [](Workbook &wb) {
            wb.useCases[0].layers[0].levers.routing.share = 0.5;
            wb.useCases[0].layers[0].levers.semanticCache.plan.rampMonths = 7;
        },
        0);

    // LibreOffice's own profile: recalculate every formula when a file loads.
    QFile xcu(m_dir.filePath(QStringLiteral("profile/user/registrymodifications.xcu")));
    QVERIFY(xcu.open(QIODevice::WriteOnly));
    xcu.write(R"(<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
)");
    xcu.close();
    QProcess lo;
    QStringList args{u"-env:UserInstallation=file://"_s + m_dir.filePath(QStringLiteral("profile")),
                     QStringLiteral("--headless"), QStringLiteral("--convert-to"),
                     // UTF-8, full precision (not as shown), every sheet to its own file.
                     QStringLiteral("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,"
                                    "false,false,false,-1"),
                     QStringLiteral("--outdir"), m_dir.filePath(QStringLiteral("csv"))};
    args << m_files;
    lo.start(soffice, args);
    QVERIFY2(lo.waitForFinished(240000), "soffice did not finish within 4 minutes");
    QVERIFY2(lo.exitCode() == 0, lo.readAllStandardError().constData());
}

void TestXlsxFormulaModel::recomputesTheEngine_data()
{
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < m_cases.size(); ++i)
        QTest::newRow(qPrintable(m_cases[i].name)) << static_cast<int>(i);
}

void TestXlsxFormulaModel::recomputesTheEngine()
{
    QFETCH(int, index);
    const ModelCase &mc = m_cases[static_cast<std::size_t>(index)];
    const Results &res = mc.expected;
    const int s = mc.scenario;
    // Money and counts within half a cent; ratios within 1e-9 relative.
    auto near = [](double got, double want, bool ratio) {
        if (ratio)
            return std::abs(got - want) <= 1e-9 * std::max(1.0, std::abs(want));
        return std::abs(got - want) <= 0.005;
    };
    auto compareRow = [&](const Sheet &sheet, const QString &sheetName, const std::string &label,
                          std::span<const double> want, bool ratio) {
        const QStringList *row = findRow(sheet, QString::fromStdString(label));
        QVERIFY2(row, qPrintable(sheetName + u": no row "_s + QString::fromStdString(label)));
        QCOMPARE(row->size(), 2 + static_cast<qsizetype>(want.size()));
        for (std::size_t m = 0; m < want.size(); ++m) {
            const auto got = numberOf((*row)[2 + static_cast<qsizetype>(m)]);
            QVERIFY2(
                got && near(*got, want[m], ratio),
                qPrintable(u"%1 / %2, month %3: %4 in the sheet, %5 from the engine"_s.arg(
                    sheetName, QString::fromStdString(label), QString::number(m + 1),
                    (*row)[2 + static_cast<qsizetype>(m)], QString::number(want[m], 'g', 17))));
        }
    };
    auto rowsOf = [&](const Sheet &sheet, const QString &name, const CaseResult &r) {
        using namespace xlsxlabels;
        compareRow(sheet, name, kUnits, r.row(Row::Units), false);
        compareRow(sheet, name, kHandled, r.row(Row::Handled), false);
        compareRow(sheet, name, kOutcomes, r.row(Row::Outcomes), false);
        compareRow(sheet, name, kCost, r.row(Row::Cost), false);
        compareRow(sheet, name, kHardGross, r.row(Row::HardGross), false);
        compareRow(sheet, name, kHardNet, r.row(Row::HardNet), false);
        compareRow(sheet, name, kCashable, r.row(Row::Cashable), false);
        compareRow(sheet, name, kCapacity, r.row(Row::Capacity), false);
        compareRow(sheet, name, kSoft, r.row(Row::Soft), false);
        compareRow(sheet, name, kBenefit, r.row(Row::Benefit), false);
        compareRow(sheet, name, kNet, r.row(Row::Net), false);
        compareRow(sheet, name, kCumulative, r.row(Row::CumulativeNet), false);
    };

    QSet<QString> taken{u"Summary"_s, u"Inputs"_s, u"Scenarios"_s, u"Portfolio"_s};
    std::vector<QString> sheets;
    for (const UseCase &uc : mc.edited.useCases)
        sheets.push_back(sheetName(QString::fromStdString(uc.name), taken));
    for (std::size_t u = 0; u < sheets.size(); ++u) {
        const Sheet sheet = readCsv(csvPath(mc.name, sheets[u]));
        QVERIFY2(!sheet.empty(), qPrintable(csvPath(mc.name, sheets[u])));
        const CaseResult &r = res.at(static_cast<int>(u), s);
        const UseCase &uc = mc.edited.useCases[u];
        rowsOf(sheet, sheets[u], r);
        compareRow(sheet, sheets[u], xlsxlabels::kAdoption, r.row(Row::Adoption), true);
        compareRow(sheet, sheets[u], xlsxlabels::kCalls, r.row(Row::Calls), false);
        for (std::size_t i = 0; i < uc.layers.size(); ++i)
            compareRow(sheet, sheets[u], xlsxlabels::layer(uc.layers[i]),
                       r.layerCost(static_cast<int>(i)), false);
        for (std::size_t i = 0; i < uc.drivers.size(); ++i)
            compareRow(sheet, sheets[u], xlsxlabels::driver(uc.drivers[i]),
                       r.driverGross(static_cast<int>(i)), false);
    }
    const Sheet portfolio = readCsv(csvPath(mc.name, u"Portfolio"_s));
    rowsOf(portfolio, u"Portfolio"_s, res.portfolio[static_cast<std::size_t>(s)]);

    // The Summary: one column per use case, then the portfolio.
    const Sheet summary = readCsv(csvPath(mc.name, u"Summary"_s));
    QVERIFY(!summary.empty());
    QVERIFY2(
        summary[1][0].endsWith(QString::fromStdString(res.scenarios[static_cast<std::size_t>(s)])),
        qPrintable(summary[1][0]));
    auto kpiText = [](KpiState st) -> QString {
        switch (st) {
        case KpiState::Undefined:
            return u"undefined"_s;
        case KpiState::NoSignChange:
            return u"none — no sign change"_s;
        case KpiState::NotFound:
            return u"none found"_s;
        case KpiState::NeverPaysBack:
            return u"not within horizon"_s;
        case KpiState::NotApplicable:
            return u"n/a"_s;
        case KpiState::Ok:
            break;
        }
        return {};
    };
    const int columns = static_cast<int>(sheets.size()) + 1;
    for (int col = 0; col < columns; ++col) {
        const bool isPortfolio = col == columns - 1;
        const Kpis &k =
            isPortfolio ? res.portfolio[static_cast<std::size_t>(s)].kpis : res.at(col, s).kpis;
        const QString where = isPortfolio ? u"Portfolio"_s : sheets[static_cast<std::size_t>(col)];
        auto value = [&](const char *label, double want, bool ratio) {
            const QStringList *row = findRow(summary, QString::fromUtf8(label));
            QVERIFY2(row && row->size() > col + 1, label);
            const auto got = numberOf((*row)[col + 1]);
            QVERIFY2(got && near(*got, want, ratio),
                     qPrintable(u"Summary %1 / %2: %3 in the sheet, %4 from the engine"_s.arg(
                         where, QString::fromUtf8(label), (*row)[col + 1],
                         QString::number(want, 'g', 17))));
        };
        auto kpi = [&](const char *label, const Kpi &want) {
            if (want.ok()) {
                value(label, want.value, true);
                return;
            }
            const QStringList *row = findRow(summary, QString::fromUtf8(label));
            QVERIFY2(row && row->size() > col + 1, label);
            QCOMPARE((*row)[col + 1], kpiText(want.state));
        };
        using namespace xlsxlabels;
        value(kTco, k.tco, false);
        value(kHardBenefitGross, k.hardBenefitGross, false);
        value(kRiskDiscount, k.riskDiscount, false);
        value(kHardBenefit, k.hardBenefit, false);
        value(kSoftValue, k.softValue, false);
        value(kCapacityValue, k.capacityValue, false);
        value(kHeadline, k.headlineBenefit, false);
        value(kNetValue, k.netValue, false);
        kpi(kRoi, k.roiPercent);
        value(kNpv, k.npv, false);
        value(kNpvHurdle, k.npvAtHurdle, false);
        kpi(kIrr, k.irrAnnual);
        kpi(kPayback, k.paybackMonth);
        value(kOutcomesTotal, k.outcomes, false);
        kpi(kCostPerOutcome, k.costPerOutcome);
    }
}

void TestXlsxFormulaModel::wellFormed_data()
{
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < m_cases.size(); ++i) {
        if (m_cases[i].name.startsWith(u"examples-"_s))
            QTest::newRow(qPrintable(m_cases[i].name)) << static_cast<int>(i);
    }
}

void TestXlsxFormulaModel::wellFormed()
{
    QFETCH(int, index);
    const QString file = m_files[index];
    const QStringList parts = zipParts(file);
    QVERIFY(parts.contains(u"[Content_Types].xml"_s));
    QVERIFY(parts.contains(u"xl/workbook.xml"_s));
    // Every part parses with a strict XML reader.
    for (const QString &part : parts) {
        if (!part.endsWith(u".xml"_s) && !part.endsWith(u".rels"_s))
            continue;
        QXmlStreamReader r(unzipPart(file, part));
        while (!r.atEnd())
            r.readNext();
        QVERIFY2(!r.hasError(), qPrintable(part + u": "_s + r.errorString()));
        QVERIFY2(!part.contains(u"externalLink"_s), qPrintable(part));
    }
    // [Content_Types].xml covers every part, by an Override or by its extension's Default.
    QSet<QString> overrides;
    QSet<QString> defaults;
    QXmlStreamReader types(unzipPart(file, u"[Content_Types].xml"_s));
    while (!types.atEnd()) {
        if (types.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (types.name() == u"Override")
            overrides.insert(types.attributes().value(u"PartName"_s).toString());
        else if (types.name() == u"Default")
            defaults.insert(types.attributes().value(u"Extension"_s).toString().toLower());
    }
    for (const QString &part : parts) {
        if (part.endsWith(u'/') || part == u"[Content_Types].xml"_s)
            continue;
        const QString extension = QFileInfo(part).suffix().toLower();
        QVERIFY2(overrides.contains(u'/' + part) || defaults.contains(extension),
                 qPrintable(part + u" is not in [Content_Types].xml"_s));
    }
    for (const QString &over : std::as_const(overrides))
        QVERIFY2(parts.contains(over.mid(1)), qPrintable(over + u" listed but missing"_s));
    // Defined names: legal Excel names, unique, none that reads as a cell reference.
    const auto names = definedNames(unzipPart(file, u"xl/workbook.xml"_s));
    QVERIFY(names.size() > 20);
    const QRegularExpression legal(u"^[A-Za-z_][A-Za-z0-9_.]{0,254}$"_s);
    const QRegularExpression cellLike(u"^([A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc][0-9]*)$"_s);
    QSet<QString> seen;
    for (const auto &[name, target] : names) {
        if (name.startsWith(u"_xlnm."_s))
            continue; // Excel's built-in names: the print titles of a sheet
        QVERIFY2(legal.match(name).hasMatch(), qPrintable(name));
        QVERIFY2(!cellLike.match(name).hasMatch(), qPrintable(name));
        QVERIFY2(!seen.contains(name.toLower()), qPrintable(name));
        seen.insert(name.toLower());
        QVERIFY2(target.startsWith(u"Inputs!$"_s), qPrintable(name + u" -> "_s + target));
    }
    QVERIFY(names.count(u"in_uc1_baseline_volume"_s));
    // Formulas: no external workbook, no volatile function; and there are many.
    const QRegularExpression volatileCall(
        u"\\b(NOW|TODAY|RAND|RANDBETWEEN|OFFSET|INDIRECT|CELL|INFO)\\s*\\("_s,
        QRegularExpression::CaseInsensitiveOption);
    int formulas = 0;
    for (const QString &part : parts) {
        if (!part.startsWith(u"xl/worksheets/sheet"_s))
            continue;
        QXmlStreamReader r(unzipPart(file, part));
        while (!r.atEnd()) {
            if (r.readNext() == QXmlStreamReader::StartElement && r.name() == u"f") {
                const QString f = r.readElementText();
                ++formulas;
                QVERIFY2(!f.contains(u'['), qPrintable(part + u": "_s + f));
                QVERIFY2(!volatileCall.match(f).hasMatch(), qPrintable(part + u": "_s + f));
            }
        }
    }
    QVERIFY2(formulas > 500, qPrintable(QString::number(formulas)));
}

void TestXlsxFormulaModel::edgeCasesShowWords()
{
    // A use case with no cost and no benefit: ROI undefined (TCO = 0), no IRR (no sign change),
    // payback undefined (every flow zero), cost per outcome undefined (no outcome). The cells
    // hold the engine's words, cached in the file, never an error value.
    Workbook wb = newWorkbook();
    UseCase uc = newUseCase("Empty", wb.settings.startMonth);
    uc.layers.clear();
    uc.drivers.clear();
    uc.baseline.volume = 0;
    wb.useCases.push_back(uc);
    const Results res = computeAsOfReportDay(wb);
    QCOMPARE(res.at(0, 0).kpis.roiPercent.state, KpiState::Undefined);
    ReportOptions options;
    QString error;
    const QByteArray bytes = reportBytes(wb, res, ReportFormat::Xlsx, options, &error);
    QVERIFY2(!bytes.isEmpty(), qPrintable(error));
    const QString path = m_dir.filePath(u"edge.xlsx"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    const QString summary = QString::fromUtf8(unzipPart(path, u"xl/worksheets/sheet1.xml"_s));
    QVERIFY(summary.contains(u"<v>undefined</v>"_s));
    QVERIFY(summary.contains(u"<v>none — no sign change</v>"_s));
    QVERIFY(!summary.contains(u"#DIV/0!"_s));
    QVERIFY(summary.contains(u"IFERROR"_s) || summary.contains(u"IF("_s));
}

QTEST_GUILESS_MAIN(TestXlsxFormulaModel)
#include "tst_xlsxformulamodel.moc"
