// Output safety: CSV exports neutralise formula injection in every text cell (use-case and
// scenario names) while numbers, negative ones included, stay numbers; file names derived from
// user text cannot name a folder, a device or a hidden file.
#include "csvwriter.h"
#include "engine.h"
#include "filenames.h"
#include "resultsexport.h"
#include "workbookfile.h"

#include <QTest>

#include <cstdlib>

using namespace roi;

namespace {

/// RFC 4180 cells, row by row (CRLF rows, "" inside quotes).
std::vector<std::vector<std::string>> parseCsv(const std::string &text)
{
    std::vector<std::vector<std::string>> rows(1);
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(std::move(cell));
            cell.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(std::move(cell));
            cell.clear();
            rows.emplace_back();
            ++i;
        } else {
            cell += c;
        }
    }
    if (rows.back().empty())
        rows.pop_back();
    return rows;
}

/// What a spreadsheet would run as a formula: a cell starting with = + - @ tab or CR that is
/// not a plain number.
bool dangerous(const std::string &cell)
{
    if (cell.empty())
        return false;
    const char c = cell.front();
    if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r')
        return false;
    char *end = nullptr;
    std::strtod(cell.c_str(), &end);
    return end != cell.c_str() + cell.size();
}

const char *const kHostile[] = {
    "=HYPERLINK(\"http://x\")", "@SUM(1)", "-2+3", "+1", "\tTab", "\rCR", "=1+1,\"x\"", "-",
    "=cmd|' /C calc'!A0"};

Workbook hostileWorkbook()
{
    Workbook wb = newWorkbook();
    wb.settings.startMonth = {2026, 1};
    wb.settings.horizonMonths = 3;
    wb.priceBook.push_back({"m", 2.5, 10, 1.25, Date{2026, 1, 1}});
    for (const char *name : kHostile) {
        UseCase uc = newUseCase(name, {2026, 1});
        uc.baseline.volume = 1000;
        uc.baseline.minutesPerUnit = 1;
        uc.baseline.hourlyRate = 1; // little value against a big cost: negative net numbers
        uc.layers[0].model = wb.priceBook.front().model;
        uc.layers[0].inputTokens = 1000;
        uc.layers[1].amount = 5000;
        uc.layers[1].name = "-hosting"; // a layer name that a spreadsheet would read as a formula
        wb.useCases.push_back(uc);
    }
    wb.scenarios.push_back({"@evil", "", {}});
    return wb;
}

} // namespace

class TestOutputSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvCells_data();
    void csvCells();
    void csvExportsNeutraliseNames();
    void safeFileNames_data();
    void safeFileNames();
    void safeFileNameInvariants();
};

void TestOutputSafety::csvCells_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("written");
    QTest::newRow("formula") << QByteArray("=HYPERLINK(\"http://x\")")
                             << QByteArray("\"'=HYPERLINK(\"\"http://x\"\")\"");
    QTest::newRow("at") << QByteArray("@SUM(1)") << QByteArray("'@SUM(1)");
    QTest::newRow("minus") << QByteArray("-2+3") << QByteArray("'-2+3");
    QTest::newRow("plus") << QByteArray("+1") << QByteArray("'+1");
    QTest::newRow("tab") << QByteArray("\tx") << QByteArray("'\tx");
    QTest::newRow("carriage return") << QByteArray("\rx") << QByteArray("\"'\rx\"");
    QTest::newRow("plain") << QByteArray("Support") << QByteArray("Support");
    QTest::newRow("comma") << QByteArray("a,b") << QByteArray("\"a,b\"");
    QTest::newRow("inner equals") << QByteArray("a=b") << QByteArray("a=b");
    QTest::newRow("empty") << QByteArray("") << QByteArray("");
}

void TestOutputSafety::csvCells()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, written);
    QCOMPARE(QByteArray::fromStdString(CsvWriter::escape(text.toStdString())), written);
}

void TestOutputSafety::csvExportsNeutraliseNames()
{
    const Workbook wb = hostileWorkbook();
    QVERIFY(writeWorkbook(wb).ok()); // the names are legal
    const Results res = compute(wb);
    int negativeNumbers = 0;
    int neutralised = 0;
    for (const std::string &csv : {seriesCsv(wb, res), kpiCsv(wb, res), detailCsv(wb, res)}) {
        const auto rows = parseCsv(csv);
        QVERIFY(rows.size() > 2);
        for (const auto &row : rows) {
            QCOMPARE(row.size(), rows.front().size());
            for (const std::string &cell : row) {
                QVERIFY2(!dangerous(cell), cell.c_str());
                if (!cell.empty() && cell[0] == '\'')
                    ++neutralised;
                char *end = nullptr;
                const double v = std::strtod(cell.c_str(), &end);
                if (!cell.empty() && end == cell.c_str() + cell.size() && v < 0)
                    ++negativeNumbers;
            }
        }
        // Every hostile name appears, neutralised, as its own cell.
        for (const char *name : kHostile) {
            const std::string expected = std::string("'") + name;
            const bool found = std::any_of(rows.begin(), rows.end(), [&](const auto &row) {
                return !row.empty() && row[0] == expected;
            });
            QVERIFY2(found, name);
        }
    }
    QVERIFY(neutralised > 0);
    QVERIFY2(negativeNumbers > 0, "negative numbers must stay numbers, unprefixed");
    // The scenario column too, and the layer names of the detail.
    QVERIFY(seriesCsv(wb, res).find(",'@evil,") != std::string::npos);
    QVERIFY(detailCsv(wb, res).find(",layerCost,'-hosting,") != std::string::npos);
}

void TestOutputSafety::safeFileNames_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");
    auto row = [](const char *name, const QByteArray &text, const QByteArray &expected) {
        QTest::newRow(name) << text << expected;
    };
    row("plain", "Support assistant", "Support assistant");
    row("unicode kept", "Prévision 2027 — 中文", "Prévision 2027 — 中文");
    row("separators", "a/b\\c", "a_b_c");
    row("traversal", "../../etc/passwd", "_.._etc_passwd");
    row("absolute", "/etc/passwd", "_etc_passwd");
    row("windows forbidden", "Q3: <draft> \"v2\" | ok? *", "Q3_ _draft_ _v2_ _ ok_ _");
    row("drive", "C:\\Windows\\x", "C__Windows_x");
    row("controls",
        QByteArray("a\x01\x1f\x7f"
                   "b",
                   5),
        "ab");
    row("newlines and tabs", "a\n\tb\r\nc", "a b c");
    row("C1 control",
        "a\xC2\x85"
        "b",
        "ab");
    row("bidi override",
        "report\xE2\x80\xAE"
        "fdp.exe",
        "reportfdp.exe");
    row("zero width",
        "a\xE2\x80\x8B"
        "b",
        "ab");
    row("invalid UTF-8",
        "a\xFF\xC0\xAF"
        "b",
        "ab");
    row("overlong slash",
        "a\xC0\xAF"
        "b",
        "ab");
    row("surrogate",
        "a\xED\xA0\x80"
        "b",
        "ab");
    row("leading dots", "...hidden", "hidden");
    row("dot", ".", "untitled");
    row("dot dot", "..", "untitled");
    row("trailing dots and spaces", "name. . .  ", "name");
    row("spaces collapse", "  a    b  ", "a b");
    row("empty", "", "untitled");
    row("only controls", "\x01\x02", "untitled");
    row("reserved", "CON", "_CON");
    row("reserved lower case", "nul", "_nul");
    row("reserved with extension", "aux.txt", "_aux.txt");
    row("reserved with space", "com1 .csv", "_com1 .csv");
    row("reserved lpt9", "LPT9", "_LPT9");
    row("reserved superscript", "COM\xC2\xB9", "_COM\xC2\xB9");
    row("not reserved", "CONSOLE", "CONSOLE");
    row("not reserved com0", "COM10", "COM10");
    row("null byte", QByteArray("a\0b", 3), "ab");
}

void TestOutputSafety::safeFileNames()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    QCOMPARE(QByteArray::fromStdString(safeFileName(text.toStdString())), expected);
}

void TestOutputSafety::safeFileNameInvariants()
{
    // Long names are cut to 100 bytes between characters, then trimmed.
    const std::string longAscii(300, 'a');
    QCOMPARE(safeFileName(longAscii), std::string(kMaxSafeFileName, 'a'));
    std::string longCjk;
    for (int i = 0; i < 100; ++i)
        longCjk += "中"; // 3 bytes each
    const std::string cut = safeFileName(longCjk);
    QCOMPARE(cut.size(), std::size_t(99));
    QCOMPARE(QString::fromUtf8(cut.c_str()).size(), 33);
    QCOMPARE(safeFileName(std::string(99, 'a') + " b"), std::string(99, 'a'));
    // Idempotent, and stable under every byte.
    for (int b = 0; b < 256; ++b) {
        const std::string text = std::string("x") + char(b) + "y" + char(b);
        const std::string once = safeFileName(text);
        QCOMPARE(safeFileName(once), once);
        QVERIFY(once.find('/') == std::string::npos && once.find('\\') == std::string::npos);
    }
}

QTEST_APPLESS_MAIN(TestOutputSafety)
#include "tst_outputsafety.moc"
