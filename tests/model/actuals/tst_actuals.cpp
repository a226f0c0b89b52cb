// Actuals in the model: pricing by date, model-name matching, attribution rules, allocation,
// coverage, duplicate and overlapping imports, currencies, the file format (round trip, errors
// with JSON paths, the v2 -> v3 migration) and a roll-up of many customers. Figures by hand in
// the comments.
#include "../testutil.h"

#include "actuals/actualschecks.h"
#include "actuals/actualsimport.h"
#include "actuals/actualsjson.h"
#include "actuals/pricing.h"
#include "actuals/report.h"
#include "actuals/rollup.h"
#include "engine.h"
#include "workbookfile.h"

#include <QTest>

using namespace roi;
using namespace roi::actuals;

namespace {

Date day(const char *text)
{
    return *Date::parse(text);
}

PriceEntry price(std::string model, double in, double out, double cached, const char *from = "")
{
    PriceEntry p;
    p.model = std::move(model);
    p.input = in;
    p.output = out;
    p.cachedInput = cached;
    p.asOf = day("2026-09-01");
    if (*from)
        p.validFrom = day(from);
    return p;
}

UsageRecord usage(const char *d, std::string model, double uncached, double output, double cost = 0,
                  CostKind kind = CostKind::None)
{
    UsageRecord r;
    r.day = day(d);
    r.provider = "OpenAI";
    r.model = std::move(model);
    r.uncachedInput = uncached;
    r.outputTokens = output;
    r.cost = cost;
    r.costKind = kind;
    return r;
}

Workbook twoUseCases()
{
    Workbook wb = newWorkbook();
    wb.settings.startMonth = {2026, 1};
    wb.useCases.push_back(newUseCase("A", {2026, 1}));
    wb.useCases.push_back(newUseCase("B", {2026, 1}));
    return wb;
}

/// Imports `records` into `wb` as one import with the given audit fields.
void importInto(Workbook &wb, const std::vector<UsageRecord> &records, std::string sha,
                const char *first = "2026-09-01", const char *last = "2026-09-30",
                std::string format = "csv")
{
    RollupBuilder b(wb, wb.actuals.nextImportId());
    for (const auto &r : records)
        b.add(r);
    PendingImport p;
    p.record.id = wb.actuals.nextImportId();
    p.record.fileName = "usage-" + sha.substr(0, 4) + ".csv";
    p.record.sha256 = sha;
    p.record.format = std::move(format);
    p.record.providers = b.providers();
    p.record.firstDay = day(first);
    p.record.lastDay = day(last);
    p.record.rowsRead = p.record.rowsUsed = records.size();
    p.table = b.finish();
    const ApplyResult r = applyImport(wb.actuals, p, OverlapChoice::Fail);
    QCOMPARE(int(r.outcome), int(ApplyResult::Outcome::Applied));
    wb.actuals = r.actuals;
}

std::string sha(char c)
{
    return std::string(64, c);
}

/// Three features in 2026-09 (support -> A, sales -> B, untagged) and untagged usage in
/// 2026-10; costs given by the source.
Workbook allocationCase()
{
    Workbook wb = twoUseCases();
    UsageRecord a = usage("2026-09-03", "m", 2000, 1000, 30, CostKind::Billed);
    a.requests = 10;
    a.keys.feature = "support-chat";
    UsageRecord b = usage("2026-09-04", "m", 1000, 0, 10, CostKind::Billed);
    b.requests = 30;
    b.keys.feature = "sales";
    UsageRecord u = usage("2026-09-05", "m", 400, 0, 20, CostKind::Billed);
    u.requests = 4;
    UsageRecord late = usage("2026-10-02", "m", 100, 0, 8, CostKind::Billed);
    late.requests = 1;
    importInto(wb, {a, b, u, late}, sha('a'), "2026-09-03", "2026-10-02");
    wb.actuals.rules = {{"A", "support*", "", "", "", "", ""}, {"B", "sal?s", "", "", "", "", ""}};
    return wb;
}

} // namespace

class TestActuals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modelNames_data();
    void modelNames();
    void priceOnDay();
    void pricingAcrossPriceChange();
    void reportedCostAgainstBook();
    void projectionsUseCurrentRate();
    void wildcard_data();
    void wildcard();
    void rulesFirstMatchWins();
    void allocation_data();
    void allocation();
    void coverage();
    void otherDimensions();
    void duplicateImport();
    void overlap_data();
    void overlap();
    void removeImportDropsRows();
    void mixedCurrency();
    void roundTrip();
    void badActuals_data();
    void badActuals();
    void migrationFromV2();
    void v2ActualsKeyIsUnknown();
    void manyCustomers();
};

void TestActuals::modelNames_data()
{
    QTest::addColumn<QString>("exportName");
    QTest::addColumn<QString>("expected");
    QTest::newRow("exact") << "gpt-4o"
                           << "gpt-4o";
    QTest::newRow("dated snapshot, longest prefix") << "gpt-4o-mini-2024-07-18"
                                                    << "gpt-4o-mini";
    QTest::newRow("snapshot of the shorter name") << "gpt-4o-2024-08-06"
                                                  << "gpt-4o";
    QTest::newRow("gateway provider prefix") << "openai/gpt-4o-mini"
                                             << "gpt-4o-mini";
    QTest::newRow("no boundary after the prefix") << "gpt-4omni"
                                                  << "";
    QTest::newRow("unknown") << "claude-3-5-sonnet-20241022"
                             << "";
}

void TestActuals::modelNames()
{
    QFETCH(QString, exportName);
    QFETCH(QString, expected);
    const std::vector<PriceEntry> book{price("gpt-4o", 2.5, 10, 1.25),
                                       price("gpt-4o-mini", 0.15, 0.6, 0.075)};
    QCOMPARE(QString::fromStdString(matchPriceModel(book, exportName.toStdString())), expected);
}

void TestActuals::priceOnDay()
{
    const std::vector<PriceEntry> book{price("m", 3, 12, 1, "2026-01-01"),
                                       price("m", 2, 8, 1, "2026-10-15")};
    QVERIFY(priceOn(book, "m", day("2025-12-31")) == nullptr); // before every rate
    QCOMPARE(priceOn(book, "m", day("2026-01-01"))->input, 3.0);
    QCOMPARE(priceOn(book, "m", day("2026-10-14"))->input, 3.0);
    QCOMPARE(priceOn(book, "m", day("2026-10-15"))->input, 2.0);
    QCOMPARE(priceOn(book, "m", day("2027-06-01"))->input, 2.0);
    QVERIFY(priceOn(book, "other", day("2026-10-15")) == nullptr);
}

void TestActuals::pricingAcrossPriceChange()
{
    Workbook wb = twoUseCases();
    wb.priceBook = {price("gpt-4o", 2.50, 10.00, 1.25),
                    price("gpt-4o", 2.00, 8.00, 1.00, "2026-10-15")};
    UsageRecord before = usage("2026-10-14", "gpt-4o-2024-08-06", 1'000'000, 200'000);
    before.cacheReadInput = 400'000;
    before.cacheWriteInput = 100'000;
    UsageRecord after = before;
    after.day = day("2026-10-15");
    // Before: 1.0 × 2.50 + 0.4 × 1.25 + 0.1 × 2.50 × 1.25 (the write premium) + 0.2 × 10
    //         = 2.50 + 0.50 + 0.3125 + 2.00 = 5.3125
    // After:  1.0 × 2.00 + 0.4 × 1.00 + 0.1 × 2.00 × 1.25 + 0.2 × 8.00 = 4.25; the month 9.5625.
    QCOMPARE(tokenCost(before, *priceOn(wb.priceBook, "gpt-4o", before.day)), 5.3125);
    QCOMPARE(tokenCost(after, *priceOn(wb.priceBook, "gpt-4o", after.day)), 4.25);
    // 40,000 of the 100,000 writes with a 1-hour TTL (2x): 0.06 × 3.125 + 0.04 × 5.00 = 0.3875
    // instead of 0.3125, so 5.3875; the tag is not kept as a key.
    UsageRecord longWrites = before;
    longWrites.keys.tags = {{"cache_write_1h_tokens", "40000"}};
    QCOMPARE(tokenCost(longWrites, *priceOn(wb.priceBook, "gpt-4o", before.day)), 5.3875);
    importInto(wb, {before, after}, sha('b'), "2026-10-14", "2026-10-15");
    const RollupTable &t = wb.actuals.table();
    QCOMPARE(t.rows.size(), std::size_t(1)); // one month, one set of keys
    QCOMPARE(t.rows[0].m.cost, 9.5625);
    QCOMPARE(t.rows[0].m.uncachedInput, 2'000'000.0);
    QCOMPARE(t.priceChecks.size(), std::size_t(1));
    QCOMPARE(t.priceChecks[0].estimatedCost, 9.5625);
    QCOMPARE(t.priceChecks[0].estimatedRows, std::uint64_t(2));
    QCOMPARE(t.priceChecks[0].priceModel, std::string("gpt-4o"));
    const Report r = buildReport(wb, Dimension::Model);
    QCOMPARE(r.estimatedCost, 9.5625);
    QCOMPARE(r.total.cost, 9.5625);
}

void TestActuals::reportedCostAgainstBook()
{
    Workbook wb = twoUseCases();
    wb.priceBook = {price("gpt-4o", 2.00, 8.00, 1.00)};
    // Reported 3.00 against the book's 1.0 × 2.00 + 0.1 × 8.00 = 2.80: 0.20 (7%) above, over
    // the 5% tolerance. A cost-only row (no tokens) is not set against the book. A row of a
    // model the book lacks and without a cost counts at 0, and is a finding too.
    importInto(wb,
               {usage("2026-10-20", "gpt-4o", 1'000'000, 100'000, 3.00, CostKind::Effective),
                usage("2026-10-21", "gpt-4o", 0, 0, 5.00, CostKind::Billed),
                usage("2026-10-22", "mystery-model", 1000, 1000)},
               sha('c'), "2026-10-20", "2026-10-22");
    const Report r = buildReport(wb, Dimension::Model);
    QCOMPARE(r.reportedCost, 3.00);
    QCOMPARE(r.priceBookCost, 2.80);
    QCOMPARE(r.total.cost, 8.00);
    QCOMPARE(r.unpricedRows, std::uint64_t(1));
    Results res;
    checkActuals(wb, res);
    QStringList codes;
    for (const Finding &f : res.findings)
        codes << QString::fromStdString(f.code);
    QVERIFY2(codes.contains(QStringLiteral("actuals-price-book-differs")),
             qPrintable(codes.join(u',')));
    QVERIFY(codes.contains(QStringLiteral("actuals-unpriced-model")));
    QVERIFY(codes.contains(QStringLiteral("actuals-low-coverage"))); // no rule at all: 0%
    // A book that agrees within 5% raises nothing about prices.
    wb.priceBook = {price("gpt-4o", 2.10, 8.50, 1.00)}; // 2.10 + 0.85 = 2.95: 1.7% off
    Workbook again = twoUseCases();
    again.priceBook = wb.priceBook;
    importInto(again,
               {usage("2026-10-20", "gpt-4o", 1'000'000, 100'000, 3.00, CostKind::Effective)},
               sha('d'), "2026-10-20", "2026-10-20");
    Results quiet;
    checkActuals(again, quiet);
    for (const Finding &f : quiet.findings)
        QVERIFY(f.code != "actuals-price-book-differs");
}

void TestActuals::projectionsUseCurrentRate()
{
    // One entry per model computes as before; a later rate of the same model is the one
    // projections use, an earlier one is ignored by them.
    auto wb = roitest::loadExample("support-assistant.roiwb");
    QVERIFY(wb);
    const Results before = compute(*wb);
    Workbook withHistory = *wb;
    PriceEntry older = withHistory.priceBook.front();
    older.input *= 3;
    older.output *= 3;
    older.validFrom = day("2020-01-01");
    withHistory.priceBook.front().validFrom = day("2024-01-01");
    withHistory.priceBook.push_back(older);
    const Results after = compute(withHistory);
    QCOMPARE(after.portfolio.front().kpis.tco, before.portfolio.front().kpis.tco);
    const SaveResult saved = writeWorkbook(withHistory);
    QVERIFY2(saved.ok(), saved.ok() ? "" : saved.errors.front().toString().c_str());
    // The same model twice with the same validFrom is refused.
    withHistory.priceBook.back().validFrom = withHistory.priceBook.front().validFrom;
    const SaveResult refused = writeWorkbook(withHistory);
    QVERIFY(!refused.ok());
    QVERIFY(refused.errors.front().path.find("/validFrom") != std::string::npos);
}

void TestActuals::wildcard_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("match");
    QTest::newRow("exact") << "support"
                           << "support" << true;
    QTest::newRow("exact differs") << "support"
                                   << "support-chat" << false;
    QTest::newRow("star suffix") << "support*"
                                 << "support-chat" << true;
    QTest::newRow("star empty") << "support*"
                                << "support" << true;
    QTest::newRow("star middle") << "a*z"
                                 << "abcz" << true;
    QTest::newRow("star middle fails") << "a*z"
                                       << "abcy" << false;
    QTest::newRow("question") << "sal?s"
                              << "sales" << true;
    QTest::newRow("question needs one") << "sal?s"
                                        << "sals" << false;
    QTest::newRow("backtracking") << "*ab*ab"
                                  << "xabyabab" << true;
    QTest::newRow("case-sensitive") << "Sales"
                                    << "sales" << false;
    QTest::newRow("star only") << "*"
                               << "" << true;
}

void TestActuals::wildcard()
{
    QFETCH(QString, pattern);
    QFETCH(QString, text);
    QFETCH(bool, match);
    QCOMPARE(wildcardMatch(pattern.toStdString(), text.toStdString()), match);
}

void TestActuals::rulesFirstMatchWins()
{
    Workbook wb = twoUseCases();
    UsageRecord r = usage("2026-09-01", "gpt-4o-mini", 10, 10, 1, CostKind::Billed);
    r.keys.team = "growth";
    r.keys.customer = "acme";
    r.keys.tags = {{"env", "prod-eu"}, {"app", "chat"}};
    importInto(wb, {r}, sha('e'));
    const RollupTable &t = wb.actuals.table();
    const RollupRow &row = t.rows.front();
    AttributionRule byTag{"B", "", "", "", "", "", "env=prod*"};
    AttributionRule byTeam{"A", "", "growth", "", "", "", ""};
    AttributionRule both{"A", "", "growth", "other", "", "", ""}; // AND: customer fails
    AttributionRule byModel{"A", "", "", "", "", "gpt-4o*", ""};
    AttributionRule tagKeyOnly{"A", "", "", "", "", "", "app"};
    AttributionRule wrongTag{"A", "", "", "", "", "", "env=test"};
    QCOMPARE(matchRule({byTag, byTeam}, t, row), 0);
    QCOMPARE(matchRule({byTeam, byTag}, t, row), 0);
    QCOMPARE(matchRule({both, byModel}, t, row), 1);
    QCOMPARE(matchRule({wrongTag, tagKeyOnly}, t, row), 1);
    QCOMPARE(matchRule({wrongTag, AttributionRule{"A", "", "", "", "", "", ""}}, t, row), -1);
    // A rule naming a use case the workbook lacks attributes nothing.
    wb.actuals.rules = {AttributionRule{"Gone", "", "growth", "", "", "", ""}};
    QCOMPARE(attributeRows(wb), std::vector<int>{-1});
    wb.actuals.rules.push_back(byTag);
    QCOMPARE(attributeRows(wb), std::vector<int>{-1}); // the first match wins even so
    wb.actuals.rules = {byTag};
    QCOMPARE(attributeRows(wb), std::vector<int>{1});
}

void TestActuals::allocation_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<double>("a");
    QTest::addColumn<double>("b");
    QTest::addColumn<double>("unallocated");
    // September: A 30 (3,000 tokens, 10 requests), B 10 (1,000 tokens, 30 requests), 20
    // untagged; October: 8 untagged and nothing to share it by, so it stays unallocated.
    QTest::newRow("unallocated") << int(AllocationMode::Unallocated) << 30.0 << 10.0 << 28.0;
    // Tokens 3,000 : 1,000: A 30 + 20 × 3/4 = 45, B 10 + 20 × 1/4 = 15.
    QTest::newRow("tokens") << int(AllocationMode::Tokens) << 45.0 << 15.0 << 8.0;
    // Requests 10 : 30: A 30 + 20 × 1/4 = 35, B 10 + 20 × 3/4 = 25.
    QTest::newRow("requests") << int(AllocationMode::Requests) << 35.0 << 25.0 << 8.0;
    // Cost 30 : 10: A 30 + 15 = 45, B 10 + 5 = 15.
    QTest::newRow("cost") << int(AllocationMode::Cost) << 45.0 << 15.0 << 8.0;
}

void TestActuals::allocation()
{
    QFETCH(int, mode);
    QFETCH(double, a);
    QFETCH(double, b);
    QFETCH(double, unallocated);
    Workbook wb = allocationCase();
    wb.actuals.allocation = static_cast<AllocationMode>(mode);
    const Report r = buildReport(wb, Dimension::UseCase);
    QCOMPARE(r.keyTotals[std::size_t(r.findKey("A"))].cost, a);
    QCOMPARE(r.keyTotals[std::size_t(r.findKey("B"))].cost, b);
    QCOMPARE(r.keyTotals[std::size_t(r.findKey(kUnallocated))].cost, unallocated);
    QCOMPARE(r.keys.back(), std::string(kUnallocated));
    QCOMPARE(r.unallocatedCost, unallocated);
    QCOMPARE(r.total.cost, 68.0); // allocation moves cost, never makes or loses any
    const UseCaseActuals per = actualsByUseCase(wb);
    QCOMPARE(per.months.size(), std::size_t(2));
    QCOMPARE(per.byUseCase[0][0].cost + per.byUseCase[0][1].cost, a);
    if (mode == int(AllocationMode::Tokens))
        QCOMPARE(per.byUseCase[0][0].tokens(), 3000.0 + 400.0 * 0.75); // tokens follow too
}

void TestActuals::coverage()
{
    Workbook wb = allocationCase();
    for (AllocationMode mode : {AllocationMode::Unallocated, AllocationMode::Tokens}) {
        wb.actuals.allocation = mode;
        const Report r = buildReport(wb, Dimension::Feature);
        // Attributed 30 + 10 of 68; September 40 / 60, October 0 / 8. Before any allocation.
        QCOMPARE(r.attributedCost, 40.0);
        QCOMPARE(*r.coverage, 40.0 / 68.0);
        QCOMPARE(*r.monthCoverage[0], 40.0 / 60.0);
        QCOMPARE(*r.monthCoverage[1], 0.0);
    }
    Workbook empty = twoUseCases();
    const Report none = buildReport(empty, Dimension::UseCase);
    QVERIFY(!none.coverage); // no cost: nothing to cover, no division by zero
    QVERIFY(none.months.empty());
    QVERIFY(none.keys.empty());
}

void TestActuals::otherDimensions()
{
    const Workbook wb = allocationCase();
    const Report r = buildReport(wb, Dimension::Feature);
    QCOMPARE(r.keys, (std::vector<std::string>{"support-chat", std::string(kNotGiven), "sales"}));
    QCOMPARE(r.keyTotals[1].cost, 28.0); // 20 + 8 untagged
    QCOMPARE(r.monthTotals[0].cost, 60.0);
    QCOMPARE(r.monthTotals[1].cost, 8.0);
    const UnitCosts u = unitCosts(r.keyTotals[0]);
    QCOMPARE(*u.perRequest, 3.0); // 30 / 10
    QVERIFY(!u.perOutcome);
    QCOMPARE(*u.perMillionTokens, 10'000.0); // 30 / 3,000 × 1M
}

void TestActuals::duplicateImport()
{
    Workbook wb = allocationCase();
    const Actuals before = wb.actuals;
    PendingImport again;
    again.record = before.imports.front();
    again.record.id = before.nextImportId();
    again.table = before.table();
    const ApplyResult r = applyImport(before, again, OverlapChoice::Keep);
    QCOMPARE(int(r.outcome), int(ApplyResult::Outcome::Duplicate));
    QVERIFY(r.actuals == before);
    QVERIFY(r.message.find("same SHA-256") != std::string::npos);
}

void TestActuals::overlap_data()
{
    QTest::addColumn<int>("choice");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<int>("imports");
    QTest::addColumn<double>("cost");
    // First import: 68 over 2026-09-03..2026-10-02; the second (cost 5, 2026-09-20..09-25)
    // overlaps it: refused, replacing it (5 left) or kept beside it (73).
    QTest::newRow("fail") << int(OverlapChoice::Fail) << int(ApplyResult::Outcome::Refused) << 1
                          << 68.0;
    QTest::newRow("replace") << int(OverlapChoice::Replace) << int(ApplyResult::Outcome::Applied)
                             << 1 << 5.0;
    QTest::newRow("keep") << int(OverlapChoice::Keep) << int(ApplyResult::Outcome::Applied) << 2
                          << 73.0;
}

void TestActuals::overlap()
{
    QFETCH(int, choice);
    QFETCH(int, outcome);
    QFETCH(int, imports);
    QFETCH(double, cost);
    Workbook wb = allocationCase();
    RollupBuilder b(wb, wb.actuals.nextImportId());
    b.add(usage("2026-09-20", "m", 10, 10, 5, CostKind::Billed));
    PendingImport p;
    p.record.id = wb.actuals.nextImportId();
    p.record.fileName = "second.csv";
    p.record.sha256 = sha('f');
    p.record.format = "csv";
    p.record.providers = b.providers();
    p.record.firstDay = day("2026-09-20");
    p.record.lastDay = day("2026-09-25");
    p.table = b.finish();
    QCOMPARE(findConflicts(wb.actuals, p.record).overlapping.size(), std::size_t(1));
    const ApplyResult r = applyImport(wb.actuals, p, static_cast<OverlapChoice>(choice));
    QCOMPARE(int(r.outcome), outcome);
    QCOMPARE(int(r.actuals.imports.size()), imports);
    wb.actuals = r.actuals;
    QCOMPARE(buildReport(wb, Dimension::Model).total.cost, cost);
    if (choice == int(OverlapChoice::Fail))
        QVERIFY(r.message.find("overlaps") != std::string::npos);

    // Another format, or another provider, or days apart: no overlap.
    ImportRecord other = p.record;
    other.format = "focus";
    QVERIFY(findConflicts(allocationCase().actuals, other).overlapping.empty());
    other = p.record;
    other.providers = {"Anthropic"};
    QVERIFY(findConflicts(allocationCase().actuals, other).overlapping.empty());
    other = p.record;
    other.firstDay = day("2026-10-03");
    other.lastDay = day("2026-10-31");
    QVERIFY(findConflicts(allocationCase().actuals, other).overlapping.empty());
}

void TestActuals::removeImportDropsRows()
{
    Workbook wb = allocationCase();
    importInto(wb, {usage("2026-11-02", "n", 5, 5, 2, CostKind::Billed)}, sha('9'), "2026-11-02",
               "2026-11-02");
    QCOMPARE(buildReport(wb, Dimension::Model).total.cost, 70.0);
    wb.actuals = removeImport(wb.actuals, wb.actuals.imports.front().id);
    QCOMPARE(wb.actuals.imports.size(), std::size_t(1));
    const Report r = buildReport(wb, Dimension::Model);
    QCOMPARE(r.total.cost, 2.0);
    QCOMPARE(wb.actuals.table().models.size(), std::size_t(2)); // "" and "n": compacted
}

void TestActuals::mixedCurrency()
{
    Workbook wb = twoUseCases(); // USD
    UsageRecord eur = usage("2026-09-01", "m", 10, 10, 10, CostKind::Billed);
    eur.currency = "EUR";
    UsageRecord usd = usage("2026-09-01", "m", 10, 10, 1, CostKind::Billed);
    usd.currency = "USD";
    RollupBuilder refused(wb, 1);
    refused.add(eur);
    refused.add(usd);
    QCOMPARE(refused.missingRates(), std::set<std::string>{"EUR"});
    RollupBuilder accepted(wb, 1, {{"EUR", 1.08}});
    accepted.add(eur);
    accepted.add(usd);
    QVERIFY(accepted.missingRates().empty());
    const RollupTable t = accepted.finish();
    QCOMPARE(t.rows.size(), std::size_t(1));
    QCOMPARE(t.rows[0].m.cost, 10 * 1.08 + 1); // 11.80
    // A rate stored in the workbook serves later imports.
    wb.actuals.rates = {{"EUR", 1.10}};
    RollupBuilder stored(wb, 1);
    stored.add(eur);
    QCOMPARE(stored.finish().rows[0].m.cost, 11.0);
}

namespace {

Workbook everything()
{
    Workbook wb = allocationCase();
    wb.priceBook = {price("m", 1, 4, 0.5), price("m", 0.8, 3.2, 0.4, "2026-10-01")};
    UsageRecord tagged = usage("2026-11-05", "m", 123, 45);
    tagged.keys = {"proj \"x\"",           "team/1", "u",
                   "customer,with,commas", "f*",     {{"env", "prod"}, {"k", ""}}};
    tagged.requests = 3;
    tagged.outcomes = 2;
    tagged.cacheReadInput = 7.5;
    tagged.cacheWriteInput = 1;
    importInto(wb, {tagged}, sha('7'), "2026-11-05", "2026-11-05", "litellm");
    wb.actuals.allocation = AllocationMode::Requests;
    wb.actuals.revenuePerCustomer = 12.5;
    wb.actuals.rates = {{"EUR", 1.08}, {"GBP", 1.27}};
    wb.actuals.rules.push_back({"A", "", "", "", "proj*", "m", "env=prod"});
    ColumnMapping m;
    m.name = "Gateway export";
    m.date = "day";
    m.model = "model_name";
    m.cost = "spend";
    m.costInCents = true;
    m.delimiter = ';';
    m.inputIncludesCached = true;
    m.dateFormat = "DD/MM/YYYY";
    wb.actuals.mappings = {m};
    auto &imports = wb.actuals.imports;
    imports.front().formatDetail = "Mapped CSV";
    imports.front().mapping = "Gateway export";
    imports.front().importedAt = "2026-11-30T22:31:05Z";
    imports.front().rowsRefused = 2;
    imports.front().rowsSkipped = 1;
    imports.front().rowsUnpriced = 4;
    return wb;
}

} // namespace

void TestActuals::roundTrip()
{
    const Workbook wb = everything();
    const SaveResult saved = writeWorkbook(wb);
    QVERIFY2(saved.ok(), saved.ok() ? "" : saved.errors.front().toString().c_str());
    QVERIFY(saved.text.find("\"version\": " + std::to_string(kFormatVersion)) != std::string::npos);
    const LoadResult back = readWorkbook(saved.text);
    QVERIFY2(back.ok(),
             back.diagnostics.empty() ? "" : back.diagnostics.front().toString().c_str());
    QVERIFY(back.diagnostics.empty());
    QVERIFY(back.workbook->actuals == wb.actuals);
    QVERIFY(back.workbook->priceBook == wb.priceBook);
    QVERIFY(*back.workbook == wb);
    // A workbook without actuals writes no "actuals" member.
    QVERIFY(writeWorkbook(twoUseCases()).text.find("\"actuals\"") == std::string::npos);
}

void TestActuals::badActuals_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    // Each row edits the saved text of everything() once.
    QTest::newRow("allocation") << R"("allocation": "requests")"
                                << R"("allocation": "people")"
                                << "/actuals/allocation"
                                << "must be one of unallocated";
    QTest::newRow("negative revenue") << R"("revenuePerCustomer": 12.5)"
                                      << R"("revenuePerCustomer": -1)"
                                      << "/actuals/revenuePerCustomer"
                                      << "must be >= 0";
    QTest::newRow("rate zero") << R"("rate": 1.08)"
                               << R"("rate": 0)"
                               << "/actuals/rates/0/rate"
                               << "must be > 0";
    QTest::newRow("rate currency") << R"("currency": "EUR")"
                                   << R"("currency": "eur")"
                                   << "/actuals/rates/0/currency"
                                   << "ISO 4217";
    QTest::newRow("sha") << QString::fromStdString("\"" + sha('a') + "\"") << "\"xyz\""
                         << "/actuals/imports/0/sha256"
                         << "64 lowercase hexadecimal digits";
    QTest::newRow("first day") << R"("firstDay": "2026-09-03")"
                               << R"("firstDay": "03/09/2026")"
                               << "/actuals/imports/0/firstDay"
                               << "must be a date";
    QTest::newRow("rows") << R"("rows": 5)"
                          << R"("rows": 6)"
                          << "/actuals/rollup/columns/import"
                          << "\"rows\" says 6";
    QTest::newRow("cost value") << R"("cost": ")"
                                << R"("cost": "x)"
                                << "/actuals/rollup/columns/cost"
                                << "value 0: must be a finite";
    QTest::newRow("dictionary index") << R"("customer": "0*)"
                                      << R"("customer": "9*)"
                                      << "/actuals/rollup/columns/customer"
                                      << "value 0: must index the dictionary";
    QTest::newRow("month") << R"("month": "2026-09)"
                           << R"("month": "2026-13)"
                           << "/actuals/rollup/columns/month"
                           << "value 0: must be a month";
    QTest::newRow("repeat") << R"("import": "1*)"
                            << R"("import": "1*x)"
                            << "/actuals/rollup/columns/import"
                            << "bad repeat count";
    QTest::newRow("unknown import") << R"("import": "1*)"
                                    << R"("import": "5*)"
                                    << "/actuals/rollup/columns/import"
                                    << "names no import";
    QTest::newRow("rule without pattern") << R"("feature": "support*")"
                                          << R"("note": "x")"
                                          << "/actuals/rules/0"
                                          << "must match on at least one";
    QTest::newRow("mapping without date") << R"("date": "day")"
                                          << R"("datum": "day")"
                                          << "/actuals/mappings/0/date"
                                          << "must name the date";
    QTest::newRow("dictionary entry 0") << R"("provider": [
          "")"
                                        << R"("provider": [
          "x")"
                                        << "/actuals/rollup/dictionaries/provider/0"
                                        << "must be \"\"";
}

void TestActuals::badActuals()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, path);
    QFETCH(QString, message);
    std::string text = writeWorkbook(everything()).text;
    // Column edits start at the roll-up (a mapping has a "cost" too).
    const auto start = path.contains(QStringLiteral("/rollup/")) ? text.find("\"rollup\"") : 0;
    const auto at = text.find(from.toStdString(), start);
    QVERIFY2(at != std::string::npos, qPrintable(from));
    text.replace(at, std::size_t(from.toUtf8().size()), to.toStdString());
    const LoadResult r = readWorkbook(text);
    QVERIFY(!r.ok());
    bool found = false;
    QStringList all;
    for (const Diagnostic &d : r.diagnostics) {
        all << QString::fromStdString(d.toString());
        found = found
                || (d.path == path.toStdString()
                    && d.message.find(message.toStdString()) != std::string::npos);
    }
    QVERIFY2(found, qPrintable(all.join(u'\n')));
}

void TestActuals::migrationFromV2()
{
    // The portfolio example as format version 2 stored it: it opens, computes what the same
    // workbook computes, has no actuals, and saves in the current version.
    const std::string text =
        roitest::readText(std::string(ROI_SOURCE_DIR) + "/tests/data/migration/v2-portfolio.roiwb");
    QVERIFY(text.find("\"version\": 2") != std::string::npos);
    const LoadResult r = readWorkbook(text);
    QVERIFY(r.ok());
    for (const Diagnostic &d : r.diagnostics)
        QVERIFY2(d.severity != Severity::Error, d.toString().c_str());
    QVERIFY(r.workbook->actuals.isEmpty());
    for (const PriceEntry &p : r.workbook->priceBook)
        QVERIFY(p.validFrom.isNull());
    const SaveResult saved = writeWorkbook(*r.workbook);
    QVERIFY(saved.ok());
    QVERIFY(saved.text.find("\"version\": " + std::to_string(kFormatVersion)) != std::string::npos);
    const LoadResult again = readWorkbook(saved.text);
    QVERIFY(again.ok());
    QVERIFY(*again.workbook == *r.workbook);
    const Results a = compute(*r.workbook);
    const Results b = compute(*again.workbook);
    QCOMPARE(a.scenarios.size(), b.scenarios.size());
    QVERIFY(a.cases == b.cases);
    QVERIFY(a.portfolio == b.portfolio);
}

void TestActuals::v2ActualsKeyIsUnknown()
{
    // A version 2 file knows no "actuals" nor "validFrom": they are reported as unknown, as a
    // version 2 reader did, never read as if the file were newer.
    std::string text =
        roitest::readText(std::string(ROI_SOURCE_DIR) + "/tests/data/migration/v2-portfolio.roiwb");
    const auto brace = text.rfind('}');
    text.insert(brace, ",\n  \"actuals\": {\"allocation\": \"tokens\"}\n");
    const auto asOf = text.find("\"asOf\"");
    text.insert(asOf, "\"validFrom\": \"2026-01-01\", ");
    const LoadResult r = readWorkbook(text);
    QVERIFY(r.ok());
    QVERIFY(r.workbook->actuals.isEmpty());
    QStringList warnings;
    for (const Diagnostic &d : r.diagnostics)
        warnings << QString::fromStdString(d.toString());
    QVERIFY2(warnings.contains(QStringLiteral("/actuals: warning: unknown key, ignored")),
             qPrintable(warnings.join(u'\n')));
    QVERIFY(warnings.filter(QStringLiteral("/validFrom: warning: unknown key")).size() == 1);
}

void TestActuals::manyCustomers()
{
    // 12 months over 500 customers in two teams: every row survives a save and load, and the
    // customer report adds up. (The 24-month, 10,000-customer load time is a benchmark:
    // tests/bench/actuals_bench.cpp.)
    Workbook wb = twoUseCases();
    RollupBuilder b(wb, 1);
    double total = 0;
    for (int m = 1; m <= 12; ++m) {
        for (int c = 0; c < 500; ++c) {
            UsageRecord r = usage(
                ("2026-" + std::string(m < 10 ? "0" : "") + std::to_string(m) + "-15").c_str(),
                c % 3 ? "gpt-4o" : "gpt-4o-mini", 1000 + c, 100 + m, 0.01 * (c + m),
                CostKind::Billed);
            r.keys.customer = "customer-" + std::to_string(c);
            r.keys.team = c % 2 ? "north" : "south";
            r.requests = 1 + c % 7;
            total += r.cost;
            b.add(r);
        }
    }
    PendingImport p;
    p.record.id = 1;
    p.record.fileName = "big.csv";
    p.record.sha256 = sha('1');
    p.record.format = "csv";
    p.record.firstDay = day("2026-01-15");
    p.record.lastDay = day("2026-12-15");
    p.table = b.finish();
    wb.actuals = applyImport(wb.actuals, p, OverlapChoice::Fail).actuals;
    QCOMPARE(wb.actuals.table().rows.size(), std::size_t(6000));
    const SaveResult saved = writeWorkbook(wb);
    QVERIFY(saved.ok());
    const LoadResult back = readWorkbook(saved.text);
    QVERIFY(back.ok());
    QVERIFY(back.workbook->actuals == wb.actuals);
    const Report r = buildReport(*back.workbook, Dimension::Customer);
    QCOMPARE(r.keys.size(), std::size_t(500));
    QVERIFY(std::fabs(r.total.cost - total) < 1e-9);
    const Report teams = buildReport(*back.workbook, Dimension::Team);
    QCOMPARE(teams.keys.size(), std::size_t(2));
    QCOMPARE(teams.months.size(), std::size_t(12));
}

QTEST_GUILESS_MAIN(TestActuals)
#include "tst_actuals.moc"
