// The savings levers outside the window: the `levers` command (text, JSON, CSV), the levers in
// `compute`, and the report's "Cost optimisation" section, each with the engine's figures for
// support-levers.roiwb, so the command line, the report and the window (tst_leverswindow) agree.
#include "commandline.h"
#include "reportcontent.h"

#include "engine.h"
#include "format.h"
#include "levers/leverengine.h"
#include "numberformat.h"
#include "workbookfile.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace roi;
using Json = nlohmann::json;

namespace {

const std::string kExample = ROI_SOURCE_DIR "/resources/examples/support-levers.roiwb";

struct Run
{
    int code = 0;
    std::string out;
    std::string err;
};

Run run(const std::vector<std::string> &args)
{
    std::ostringstream out;
    std::ostringstream err;
    Run r;
    r.code = runCommandLine(args, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

Workbook example()
{
    std::ifstream in(kExample, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    LoadResult r = readWorkbook(bytes.str());
    return r.workbook.value_or(Workbook{});
}

} // namespace

class TestLeversCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void text();
    void json();
    void csv();
    void badArguments();
    void computeIncludesLevers();
    void reportSection();

private:
    Workbook m_wb;
    Results m_res;
    LeverSummary m_summary;
};

void TestLeversCommand::initTestCase()
{
    m_wb = example();
    QVERIFY(!m_wb.useCases.empty());
    m_res = compute(m_wb);
    m_summary = leverSummary(m_res.at(0, 0));
    QVERIFY(m_res.at(0, 0).levers.active);
    QCOMPARE(m_res.at(0, 0).levers.lines.size(), std::size_t(6));
}

void TestLeversCommand::text()
{
    const Run r = run({"levers", kExample});
    QCOMPARE(r.code, 0);
    const std::string headline = "Baseline cost " + formatMoney(m_summary.baseline, "USD")
                                 + "  |  optimised cost " + formatMoney(m_summary.optimised, "USD")
                                 + "  |  savings "
                                 + formatKpi(m_summary.savingsPercent, KpiFormat::Percent, "USD");
    QVERIFY2(r.out.find(headline) != std::string::npos, r.out.c_str());
    for (const char *lever : {"Semantic caching", "Model routing", "Prompt optimisation",
                              "Output shortening", "Prompt caching", "Batch"})
        QVERIFY2(r.out.find(lever) != std::string::npos, lever);
    // Base by default; another scenario on request.
    QVERIFY(r.out.find("(Base)") != std::string::npos);
    QVERIFY(r.out.find("(Worst)") == std::string::npos);
    const Run worst = run({"levers", kExample, "--scenario", "worst"});
    QCOMPARE(worst.code, 0);
    QVERIFY(worst.out.find("(Worst)") != std::string::npos);
}

void TestLeversCommand::json()
{
    const Run r = run({"levers", kExample, "--format", "json"});
    QCOMPARE(r.code, 0);
    const Json j = Json::parse(r.out);
    const Json &uc = j["useCases"][0];
    QCOMPARE(uc["scenario"].get<std::string>(), std::string("Base"));
    QCOMPARE(uc["baseline"].get<double>(), m_summary.baseline);
    QCOMPARE(uc["optimised"].get<double>(), m_summary.optimised);
    QCOMPARE(uc["savingsPercent"].get<double>(), m_summary.savingsPercent.value);
    QCOMPARE(uc["levers"].size(), std::size_t(6));
    double net = 0;
    for (const Json &l : uc["levers"]) {
        QCOMPARE(l["layer"].get<std::string>(), std::string("Model tokens"));
        net += l["net"].get<double>();
    }
    // The per-lever table adds up to the saving.
    QVERIFY(std::abs(net - (m_summary.baseline - m_summary.optimised)) < 1e-6);
}

void TestLeversCommand::csv()
{
    const Run r = run({"levers", kExample, "--format", "csv"});
    QCOMPARE(r.code, 0);
    std::istringstream lines(r.out);
    std::string header;
    std::string total;
    std::getline(lines, header);
    std::getline(lines, total);
    QVERIFY(header.starts_with("useCase,scenario,layer,lever,baselineCost,optimisedCost"));
    QVERIFY2(total.starts_with("Support assistant,Base,,(all levers),"), total.c_str());
    int rows = 0;
    for (std::string line; std::getline(lines, line);)
        rows += line.empty() ? 0 : 1;
    QCOMPARE(rows, 6);
}

void TestLeversCommand::badArguments()
{
    QCOMPARE(run({"levers", kExample, "--format", "pdf"}).code, int(ExitUsage));
    QCOMPARE(run({"levers", kExample, "--scenario", "nope"}).code, int(ExitUsage));
    QCOMPARE(run({"levers"}).code, int(ExitUsage));
    QCOMPARE(run({"levers", "/nonexistent/file.roiwb"}).code, int(ExitIo));
    QVERIFY(run({"--help"}).out.find("roi-workbench levers FILE") != std::string::npos);
}

void TestLeversCommand::computeIncludesLevers()
{
    const Run text = run({"compute", kExample, "--scenario", "base"});
    QCOMPARE(text.code, 0);
    QVERIFY(text.out.find("Savings levers") != std::string::npos);
    QVERIFY(text.out.find(formatMoney(m_summary.optimised, "USD")) != std::string::npos);
    const Run json = run({"compute", kExample, "--format", "json"});
    const Json j = Json::parse(json.out);
    const Json &levers = j["useCases"][0]["scenarios"][0]["levers"];
    QCOMPARE(levers["baseline"].get<double>(), m_summary.baseline);
    QCOMPARE(levers["optimised"].get<double>(), m_summary.optimised);
    // The headline TCO is the optimised cost.
    QCOMPARE(j["useCases"][0]["scenarios"][0]["tco"].get<double>(), m_summary.optimised);
    const Run csv = run({"compute", kExample, "--format", "csv"});
    QVERIFY(csv.out.find(",baselineCost,optimisedCost") != std::string::npos);
}

void TestLeversCommand::reportSection()
{
    ReportOptions options;
    options.today = QDate(2026, 11, 30);
    const ReportContent c = buildReportContent(m_wb, m_res, options, 640);
    QVERIFY(c.body.contains(QStringLiteral("<h2>Cost optimisation</h2>")));
    const NumberFormat nf(QStringLiteral("USD"), options.locale);
    QVERIFY(c.body.contains(nf.money(m_summary.baseline)));
    QVERIFY(c.body.contains(nf.money(m_summary.optimised)));
    QVERIFY(c.body.contains(nf.kpi(m_summary.savingsPercent, NumberFormat::Kind::Percent)));
    bool waterfall = false;
    for (const ReportChart &chart : c.charts)
        waterfall = waterfall || chart.kind == ChartKind::SavingsWaterfall;
    QVERIFY(waterfall);
    // A workbook without levers has no such section.
    Workbook plain = m_wb;
    for (CostLayer &l : plain.useCases[0].layers)
        l.levers = {};
    const ReportContent none = buildReportContent(plain, compute(plain), options, 640);
    QVERIFY(!none.body.contains(QStringLiteral("Cost optimisation")));
}

QTEST_MAIN(TestLeversCommand)
#include "tst_leverscommand.moc"
