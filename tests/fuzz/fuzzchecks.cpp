#include "fuzzchecks.h"

#include "actuals/customerrevenue.h"
#include "calendar.h"
#include "engine.h"
#include "filenames.h"
#include "inputs.h"
#include "resultsexport.h"
#include "workbookfile.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace roi::fuzz {

namespace {

[[noreturn]] void fail(const std::string &what)
{
    std::fprintf(stderr, "FUZZ CHECK FAILED: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

// Checks run millions of times: the message is only built when the check fails.
#define ROI_REQUIRE(ok, what)                                                                      \
    do {                                                                                           \
        if (!(ok))                                                                                 \
            fail(what);                                                                            \
    } while (false)
#define ROI_REQUIRE_FINITE(value, what)                                                            \
    ROI_REQUIRE(isFiniteValue(value), std::string(what) + " is not finite or has a stray value")

std::string listErrors(const std::vector<Diagnostic> &diagnostics)
{
    std::string out;
    for (const auto &d : diagnostics) {
        if (d.severity == Severity::Error)
            out += "\n  " + d.toString();
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Workbook

bool isFiniteValue(double v)
{
    return std::isfinite(v);
}

// A KPI without a number must say so with its state and carry no value.
bool isFiniteValue(const Kpi &k)
{
    return std::isfinite(k.value) && (k.ok() || k.value == 0);
}

void checkCase(const CaseResult &r, int months, const std::string &who)
{
    ROI_REQUIRE(r.months() == months, who + ": wrong month count");
    for (int row = 0; row < kRowCount; ++row) {
        for (double v : r.row(static_cast<Row>(row)))
            ROI_REQUIRE_FINITE(v, who + " row " + std::to_string(row));
    }
    for (int c = 0; c < kCategoryCount; ++c) {
        for (double v : r.categoryCost(static_cast<CostCategory>(c)))
            ROI_REQUIRE_FINITE(v, who + " category " + std::to_string(c));
    }
    for (int l = 0; l < r.layerCount(); ++l) {
        for (double v : r.layerCost(l))
            ROI_REQUIRE_FINITE(v, who + " layer " + std::to_string(l));
    }
    for (int d = 0; d < r.driverCount(); ++d) {
        for (double v : r.driverGross(d))
            ROI_REQUIRE_FINITE(v, who + " driver gross " + std::to_string(d));
        for (double v : r.driverNet(d))
            ROI_REQUIRE_FINITE(v, who + " driver net " + std::to_string(d));
    }
    // Every cost input is >= 0, so no month may cost less than nothing.
    for (double v : r.row(Row::Cost))
        ROI_REQUIRE(v >= 0, who + ": negative cost " + std::to_string(v));
    for (double v : r.row(Row::Adoption))
        ROI_REQUIRE(v >= 0 && v <= 1 + 1e-12, who + ": adoption outside [0, 1]");

    const Kpis &k = r.kpis;
    for (double v :
         {k.tco, k.hardBenefitGross, k.riskDiscount, k.hardBenefit, k.softValue, k.headlineBenefit,
          k.netValue, k.units, k.handled, k.outcomes, k.calls, k.tokenCost, k.npv})
        ROI_REQUIRE_FINITE(v, who + " KPI");
    for (double v : k.byTerm)
        ROI_REQUIRE_FINITE(v, who + " KPI by term");
    ROI_REQUIRE_FINITE(k.roiPercent, who + " ROI");
    ROI_REQUIRE_FINITE(k.irrAnnual, who + " IRR");
    ROI_REQUIRE_FINITE(k.paybackMonth, who + " payback");
    ROI_REQUIRE_FINITE(k.costPerOutcome, who + " cost per outcome");
    ROI_REQUIRE_FINITE(k.costPerInference, who + " cost per inference");
    ROI_REQUIRE_FINITE(k.aiGrossMargin, who + " AI gross margin");
    for (const Kpi &y : k.roiPerYear)
        ROI_REQUIRE_FINITE(y, who + " ROI per year");
    ROI_REQUIRE(k.tco >= 0, who + ": negative TCO");
    if (k.paybackMonth.ok()) {
        ROI_REQUIRE(k.paybackMonth.value >= 0 && k.paybackMonth.value <= months,
                    who + ": payback month outside the horizon");
    }
    const RunRate &rr = r.runRate;
    for (double v : {rr.handled, rr.tco, rr.tokenCost, rr.hardBenefit})
        ROI_REQUIRE_FINITE(v, who + " run rate");
    ROI_REQUIRE_FINITE(rr.costPerUnit, who + " run-rate cost per unit");
    ROI_REQUIRE_FINITE(rr.invoicePerUnit, who + " run-rate invoice per unit");
    ROI_REQUIRE_FINITE(rr.costPerOutcome, who + " run-rate cost per outcome");
    for (double v : rr.costByLayer)
        ROI_REQUIRE_FINITE(v, who + " run-rate layer cost");
}

void checkResults(const Workbook &wb, const Results &res)
{
    const int months = wb.settings.horizonMonths;
    ROI_REQUIRE(res.months == months, "results: wrong horizon");
    ROI_REQUIRE(res.useCaseCount == static_cast<int>(wb.useCases.size()), "results: use cases");
    ROI_REQUIRE(res.cases.size() == wb.useCases.size() * res.scenarios.size(), "results: shape");
    ROI_REQUIRE(res.portfolio.size() == res.scenarios.size(), "results: portfolio shape");
    for (std::size_t i = 0; i < res.cases.size(); ++i)
        checkCase(res.cases[i], months, "case " + std::to_string(i));
    for (std::size_t s = 0; s < res.portfolio.size(); ++s)
        checkCase(res.portfolio[s], months, "portfolio " + std::to_string(s));
}

// ---------------------------------------------------------------------------------------------
// Named inputs

template<typename T>
void checkFields(const T &value, std::span<const Field<T>> fields, std::string_view who)
{
    for (const auto &f : fields) {
        const double v = value.*(f.member);
        // The message is built only on failure: this runs thousands of times per input.
        if (!std::isfinite(v) || v < f.info.min || v > f.info.max
            || (f.info.integer && v != std::floor(v))) {
            fail(std::string(who) + "." + std::string(f.info.key) + " = " + std::to_string(v)
                 + " is not finite, whole or in its legal range");
        }
    }
}

void checkUseCaseInputs(const UseCase &uc, std::span<const PriceEntry> prices,
                        const Settings &settings)
{
    checkFields(uc.baseline, baselineFields(), "baseline");
    checkFields(uc.outcome, outcomeFields(), "outcome");
    for (const auto &l : uc.layers)
        checkFields(l, layerFields(), l.name);
    for (const auto &d : uc.drivers)
        checkFields(d, driverFields(), d.name);
    checkFields(uc.risk, riskFields(), "risk");
    checkFields(uc.ramp, rampFields(), "ramp");
    for (const auto &p : prices)
        checkFields(p, priceFields(), p.model);
    checkFields(settings, settingsFields(), "settings");
}

// Sets every field of T to the middle of its legal range.
template<typename T>
void midRange(T &value, std::span<const Field<T>> fields)
{
    for (const auto &f : fields) {
        double v = f.info.min + (std::min(f.info.max, 1e6) - f.info.min) / 2;
        value.*(f.member) = f.info.integer ? std::floor(v) : v;
    }
}

/// One layer of every type, one driver of every kind and mode, names that need quoting.
struct Sample
{
    UseCase useCase;
    std::vector<PriceEntry> prices;
    Settings settings;
};

const Sample &sample()
{
    static const Sample s = [] {
        Sample out;
        out.useCase = newUseCase("Sample", {2026, 1});
        out.useCase.layers.clear();
        out.useCase.drivers.clear();
        const char *names[] = {"Model tokens", "a\"b", "back\\slash", "x].y", "", "Ünïcode"};
        int n = 0;
        for (std::size_t t = 0; t < enumCount<LayerType>(); ++t) {
            CostLayer l;
            l.name = names[n++ % 6] + std::to_string(t);
            l.type = static_cast<LayerType>(t);
            midRange(l, layerFields());
            out.useCase.layers.push_back(l);
        }
        for (std::size_t k = 0; k < enumCount<DriverKind>(); ++k) {
            for (int mode = 0; mode < 2; ++mode) {
                ValueDriver d;
                d.name = names[n++ % 6] + std::to_string(k) + "/" + std::to_string(mode);
                d.kind = static_cast<DriverKind>(k);
                d.capacityMode = static_cast<CapacityMode>(mode);
                d.avoidedMode = static_cast<AvoidedMode>(mode);
                midRange(d, driverFields());
                out.useCase.drivers.push_back(d);
            }
        }
        midRange(out.useCase.baseline, baselineFields());
        midRange(out.useCase.outcome, outcomeFields());
        midRange(out.useCase.risk, riskFields());
        midRange(out.useCase.ramp, rampFields());
        for (const char *model : {"frontier-large", "q\"uote", "x].y"}) {
            PriceEntry p;
            p.model = model;
            midRange(p, priceFields());
            out.prices.push_back(p);
        }
        midRange(out.settings, settingsFields());
        return out;
    }();
    return s;
}

void checkListedInputs()
{
    static const bool checked = [] {
        const Sample &s = sample();
        for (const std::string &name : listInputs(s.useCase, s.prices)) {
            std::string why;
            const auto path = InputPath::parse(name, &why);
            ROI_REQUIRE(path.has_value(), "listed input '" + name + "' does not parse: " + why);
            ROI_REQUIRE(path->toString() == name, "listed input '" + name + "' prints differently");
        }
        return true;
    }();
    (void)checked;
}

void adjustSample(const InputPath &path, AdjustmentOp op, double value)
{
    const Sample &s = sample();
    UseCase uc = s.useCase;
    std::vector<PriceEntry> prices = s.prices;
    Settings settings = s.settings;
    const int changed = applyAdjustment(
        path, op, value, uc, prices, settings,
        [&](const std::string &resolved, double, double kept) {
            const auto again = InputPath::parse(resolved);
            ROI_REQUIRE(again.has_value(), "clamp report names '" + resolved + "', not an input");
            const FieldInfo *info = again->info();
            ROI_REQUIRE(!std::isfinite(kept) || (kept >= info->min && kept <= info->max),
                        "clamp report keeps " + std::to_string(kept) + " outside the range");
        });
    const std::size_t elements = path.section == InputSection::Layers    ? uc.layers.size()
                                 : path.section == InputSection::Drivers ? uc.drivers.size()
                                 : path.section == InputSection::Prices  ? prices.size()
                                                                         : 1;
    ROI_REQUIRE(changed >= 0 && static_cast<std::size_t>(changed) <= elements,
                "applyAdjustment changed more inputs than exist");
    checkUseCaseInputs(uc, prices, settings);
    if (const auto v = readInput(path, uc, prices, settings)) {
        const FieldInfo *info = path.info();
        ROI_REQUIRE(std::isfinite(*v) && *v >= info->min && *v <= info->max,
                    "readInput returns a value outside the range");
    }
}

// ---------------------------------------------------------------------------------------------
// Dates

bool parseInt(std::string_view text, long long &out)
{
    const char *begin = text.data();
    const char *end = begin + text.size();
    if (begin != end && *begin == '+')
        ++begin;
    auto [ptr, ec] = std::from_chars(begin, end, out);
    return ec == std::errc() && ptr == end;
}

} // namespace

void checkWorkbook(std::string_view bytes)
{
    const LoadResult first = readWorkbook(bytes);
    ROI_REQUIRE(first.ok() == first.errors().empty(),
                "readWorkbook: a workbook returned with errors, or none without an error");
    for (const Diagnostic &d : first.diagnostics)
        ROI_REQUIRE(d.path.empty() || d.path[0] == '/', "diagnostic path is not a JSON pointer");
    if (!first.ok())
        return;
    const Workbook &wb = *first.workbook;

    const SaveResult saved = writeWorkbook(wb);
    ROI_REQUIRE(saved.ok(), "a workbook that reads does not write:" + listErrors(saved.errors));
    const LoadResult second = readWorkbook(saved.text);
    ROI_REQUIRE(second.ok(),
                "a written workbook does not read back:" + listErrors(second.diagnostics)
                    + "\n--- written:\n" + saved.text);
    ROI_REQUIRE(*second.workbook == wb, "a written workbook reads back different:\n" + saved.text);
    const SaveResult again = writeWorkbook(*second.workbook);
    ROI_REQUIRE(again.text == saved.text,
                "writing is not stable:\n" + saved.text + "\n---\n" + again.text);
    for (const Diagnostic &d : second.diagnostics)
        ROI_REQUIRE(d.severity != Severity::Error, "written workbook has an error");
    ROI_REQUIRE(listErrors(validateWorkbook(wb)).empty(), "validateWorkbook finds errors");

    ComputeOptions options;
    options.today = Date{2027, 6, 15};
    const Results res = compute(wb, options);
    checkResults(wb, res);
    // Analytics call the engine without checks into reused buffers: same numbers.
    Results reused = res;
    compute(wb, ComputeOptions{options.today, true}, reused);
    ROI_REQUIRE(reused == res, "compute into reused buffers differs");

    // The exports run on whatever the engine returns.
    (void)resultsJson(wb, res);
    (void)seriesCsv(wb, res);
    (void)detailCsv(wb, res);
    (void)kpiCsv(wb, res);
    if (!res.scenarios.empty()) {
        const int last = static_cast<int>(res.scenarios.size()) - 1;
        (void)resultsJson(wb, res, last);
        (void)kpiCsv(wb, res, last);
    }
}

void checkInputPath(std::string_view bytes)
{
    checkListedInputs();
    const auto newline = bytes.find('\n');
    const std::string_view text = bytes.substr(0, newline);
    std::string why;
    const auto path = InputPath::parse(text, &why);
    if (!path) {
        ROI_REQUIRE(!why.empty(), "parse failed without saying why");
        return;
    }
    ROI_REQUIRE(path->info() != nullptr, "a parsed path names no field");
    const std::string printed = path->toString();
    const auto reparsed = InputPath::parse(printed, &why);
    ROI_REQUIRE(reparsed.has_value(), "'" + printed + "' does not parse: " + why);
    ROI_REQUIRE(*reparsed == *path, "'" + printed + "' parses to a different path");
    ROI_REQUIRE(reparsed->toString() == printed, "printing is not stable");

    if (newline != std::string_view::npos) {
        std::string rest(bytes.substr(newline + 1));
        const auto space = rest.find(' ');
        const std::string opName = rest.substr(0, space);
        const auto op = enumFromName<AdjustmentOp>(opName);
        const double value =
            space == std::string::npos ? 1.0 : std::strtod(rest.c_str() + space + 1, nullptr);
        adjustSample(*path, op.value_or(AdjustmentOp::Multiply), value);
        return;
    }
    const double values[] = {0.0, 1.5,      -1.0,      1e300, -1e300,  1e-300,
                             NAN, INFINITY, -INFINITY, 119.4, 0.999999};
    for (std::size_t op = 0; op < enumCount<AdjustmentOp>(); ++op) {
        for (double v : values)
            adjustSample(*path, static_cast<AdjustmentOp>(op), v);
    }
}

void checkDates(std::string_view bytes)
{
    const auto space = bytes.find(' ');
    const std::string_view text = bytes.substr(0, space);
    long long offset = 0;
    const bool hasOffset =
        space != std::string_view::npos && parseInt(bytes.substr(space + 1), offset);

    if (const auto d = Date::parse(text)) {
        ROI_REQUIRE(!d->isNull(), "a parsed date is null");
        ROI_REQUIRE(d->toString() == text,
                    "date '" + std::string(text) + "' prints as " + d->toString());
        ROI_REQUIRE(d->month >= 1 && d->month <= 12 && d->day >= 1
                        && d->day <= daysInMonth(d->year, d->month),
                    "date '" + std::string(text) + "' is not a calendar day");
        // The next day is one day later, across month and year ends.
        Date next = *d;
        if (++next.day > daysInMonth(next.year, next.month)) {
            next.day = 1;
            if (++next.month > 12) {
                next.month = 1;
                ++next.year;
            }
        }
        ROI_REQUIRE(next.daysSinceEpoch() == d->daysSinceEpoch() + 1,
                    "daysSinceEpoch does not count " + std::string(text) + " to the next day");
        ROI_REQUIRE(d->yearMonth().toString() == text.substr(0, 7), "yearMonth differs");
    }
    if (const auto ym = YearMonth::parse(text)) {
        ROI_REQUIRE(ym->toString() == text,
                    "month '" + std::string(text) + "' prints as " + ym->toString());
        ROI_REQUIRE(Date::parse(std::string(text) + "-01").has_value(), "the first is no day");
        // Offsets within a million months keep every int in range.
        if (hasOffset && offset >= -1'000'000 && offset <= 1'000'000) {
            const int k = static_cast<int>(offset);
            const YearMonth moved = ym->addMonths(k);
            ROI_REQUIRE(moved.month >= 1 && moved.month <= 12,
                        ym->toString() + " + " + std::to_string(k) + " months gives month "
                            + std::to_string(moved.month));
            ROI_REQUIRE(ym->monthsUntil(moved) == k, "monthsUntil does not undo addMonths");
            ROI_REQUIRE(moved.addMonths(-k) == *ym, "addMonths(-k) does not undo addMonths(k)");
            ROI_REQUIRE((k > 0) == (moved > *ym) && (k < 0) == (moved < *ym),
                        "months do not order by offset");
        }
    }
}

void checkFileName(std::string_view bytes)
{
    const std::string name = safeFileName(bytes);
    ROI_REQUIRE(!name.empty() && name.size() <= kMaxSafeFileName, "bad length: '" + name + "'");
    ROI_REQUIRE(name.front() != '.' && name.front() != ' ', "leading dot or space: '" + name + "'");
    ROI_REQUIRE(name.back() != '.' && name.back() != ' ', "trailing dot or space: '" + name + "'");
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        ROI_REQUIRE(c >= 0x20 && c != 0x7F
                        && std::string_view("/\\<>:\"|?*").find(char(c)) == std::string_view::npos,
                    "forbidden byte " + std::to_string(c) + " in '" + name + "'");
        // Valid UTF-8: a lead byte is followed by exactly its continuation bytes.
        const int length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        ROI_REQUIRE(c < 0x80 || ((c & 0xC0) != 0x80 && c < 0xF8),
                    "not a lead byte in '" + name + "'");
        ROI_REQUIRE(i + static_cast<std::size_t>(length) <= name.size(), "cut character");
        for (int k = 1; k < length; ++k) {
            ROI_REQUIRE((static_cast<unsigned char>(name[i + static_cast<std::size_t>(k)]) & 0xC0)
                            == 0x80,
                        "broken UTF-8 in '" + name + "'");
        }
        i += static_cast<std::size_t>(length - 1);
    }
    std::string stem = name.substr(0, name.find('.'));
    while (!stem.empty() && stem.back() == ' ')
        stem.pop_back();
    for (char &c : stem)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const char *reserved : {"CON", "PRN", "AUX", "NUL", "COM1", "COM9", "LPT1", "LPT9"})
        ROI_REQUIRE(stem != reserved, "reserved Windows name '" + name + "'");
    ROI_REQUIRE(safeFileName(name) == name, "not idempotent: '" + name + "'");
}

void checkRevenueCsv(std::string_view bytes)
{
    const actuals::RevenueCsv csv = actuals::parseCustomerRevenueCsv(bytes);
    if (!csv.errors.empty()) {
        for (const std::string &e : csv.errors)
            ROI_REQUIRE(e.rfind("line ", 0) == 0, "a refused line's message names no line: " + e);
        return;
    }
    for (const actuals::CustomerRevenue &r : csv.entries) {
        ROI_REQUIRE(!r.customer.empty(), "an accepted entry has no customer");
        ROI_REQUIRE(std::isfinite(r.monthly) && r.monthly >= 0,
                    "customer '" + r.customer + "' has revenue " + std::to_string(r.monthly));
    }
    const auto merged = actuals::mergeRevenue({}, csv.entries);
    for (std::size_t i = 1; i < merged.size(); ++i)
        ROI_REQUIRE(merged[i - 1].customer < merged[i].customer,
                    "merged revenue not sorted or has a customer twice: " + merged[i].customer);
    ROI_REQUIRE(actuals::mergeRevenue(merged, merged) == merged,
                "merging the revenue into itself changed it");
}

} // namespace roi::fuzz
