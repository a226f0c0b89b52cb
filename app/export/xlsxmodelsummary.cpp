// The portfolio's monthly sheet (the use case sheets added up) and the Summary sheet of the XLSX
// formula model: TCO, benefits, ROI, NPV and NPV at the hurdle (spreadsheet NPV at the monthly
// rate), IRR (annualised), payback and cost per outcome as formulas, per use case and for the
// portfolio. Where the engine has no number (ROI with no cost, no IRR, no payback) the formula
// shows the engine's words, never an error value.
#include "xlsxmodelcore.h"

#include "xlsxformulamodel.h"

#include <algorithm>
#include <cmath>

namespace roi::xlsxmodel {

namespace {

std::string stateText(KpiState s)
{
    switch (s) {
    case KpiState::Ok:
        return "";
    case KpiState::Undefined:
        return "undefined";
    case KpiState::NoSignChange:
        return "none — no sign change";
    case KpiState::NotFound:
        return "none found";
    case KpiState::NeverPaysBack:
        return "not within horizon";
    case KpiState::NotApplicable:
        return "n/a";
    }
    return "";
}

std::string quoted(const std::string &s)
{
    return "\"" + s + "\"";
}

} // namespace

void writePortfolioSheet(Context &c, lxw_worksheet *ws)
{
    const int months = c.months;
    const CaseResult &p = c.res.portfolio[static_cast<std::size_t>(c.scenario)];
    worksheet_set_column(ws, 0, 0, 44, nullptr);
    worksheet_set_column(ws, 1, 1, 16, nullptr);
    worksheet_set_column(ws, kFirstMonthCol, kFirstMonthCol + months - 1, 13, nullptr);
    writeText(ws, 0, 0, "Portfolio: monthly model (the use case sheets added up)", c.fmt.title);
    writeFormulaText(c, ws, 1, 0, "\"Scenario: \"&Scenarios!$B$3",
                     "Scenario: " + c.res.scenarios[static_cast<std::size_t>(c.scenario)],
                     c.fmt.note);
    writeText(ws, 3, 0, "Month of the horizon", c.fmt.header);
    writeText(ws, 3, 1, "Total", c.fmt.header);
    for (int m = 0; m < months; ++m)
        worksheet_write_number(ws, 3, static_cast<lxw_col_t>(kFirstMonthCol + m), m + 1,
                               c.fmt.monthHeader);
    worksheet_freeze_panes(ws, 4, 2);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 8);
    worksheet_repeat_rows(ws, 3, 3);
    RowWriter w(c, ws, c.portfolioSheet, 5);
    MonthlyRows &rows = c.portfolioRows;
    auto sumOf = [&](int MonthlyRows::*member, Row engineRow, const std::string &label,
                     lxw_format *f) {
        const int r = w.row(
            label, f,
            [&](int m) {
                E sum = num(0);
                for (std::size_t u = 0; u < c.rows.size(); ++u) {
                    const E x = w.atSheet(c.sheetNames[u], c.rows[u].*member, m,
                                          c.res.at(static_cast<int>(u), c.scenario)
                                              .row(engineRow)[static_cast<std::size_t>(m)]);
                    sum = u == 0 ? x : sum + x;
                }
                return sum;
            },
            p.row(engineRow).data(), true);
        rows.*member = r;
    };
    sumOf(&MonthlyRows::units, Row::Units, xlsxlabels::kUnits, c.fmt.number);
    sumOf(&MonthlyRows::handled, Row::Handled, xlsxlabels::kHandled, c.fmt.number);
    sumOf(&MonthlyRows::outcomes, Row::Outcomes, xlsxlabels::kOutcomes, c.fmt.number);
    sumOf(&MonthlyRows::cost, Row::Cost, xlsxlabels::kCost, c.fmt.moneyBold);
    sumOf(&MonthlyRows::hardGross, Row::HardGross, xlsxlabels::kHardGross, c.fmt.money);
    sumOf(&MonthlyRows::hardNet, Row::HardNet, xlsxlabels::kHardNet, c.fmt.money);
    sumOf(&MonthlyRows::cashable, Row::Cashable, xlsxlabels::kCashable, c.fmt.money);
    sumOf(&MonthlyRows::capacity, Row::Capacity, xlsxlabels::kCapacity, c.fmt.money);
    sumOf(&MonthlyRows::soft, Row::Soft, xlsxlabels::kSoft, c.fmt.money);
    sumOf(&MonthlyRows::benefit, Row::Benefit, xlsxlabels::kBenefit, c.fmt.moneyBold);
    sumOf(&MonthlyRows::net, Row::Net, xlsxlabels::kNet, c.fmt.moneyBold);
    rows.cumulative = w.next();
    w.row(
        xlsxlabels::kCumulative, c.fmt.money,
        [&](int m) {
            return m == 0 ? w.at(rows.net, 0) : w.at(rows.cumulative, m - 1) + w.at(rows.net, m);
        },
        p.row(Row::CumulativeNet).data());
    rows.negative =
        w.row("Month ending below zero (for the payback)", c.fmt.monthHeader, [&](int m) {
            return iff(cmp(w.at(rows.cumulative, m), "<", num(0)), w.month(m), num(0));
        });
}

void writeSummarySheet(Context &c, lxw_worksheet *ws)
{
    const int cases = static_cast<int>(c.wb.useCases.size());
    const int columns = cases + 1; // the use cases, then the portfolio
    worksheet_set_column(ws, 0, 0, 42, nullptr);
    worksheet_set_column(ws, 1, static_cast<lxw_col_t>(columns), 18, nullptr);
    writeText(ws, 0, 0, "Summary: " + c.wb.settings.name, c.fmt.title);
    writeFormulaText(c, ws, 1, 0, "\"Scenario: \"&Scenarios!$B$3",
                     "Scenario: " + c.res.scenarios[static_cast<std::size_t>(c.scenario)],
                     c.fmt.note);
    writeText(ws, 2, 0,
              "Every figure is a formula over the monthly sheets; change the inputs on the "
              "Inputs sheet or the scenario on the Scenarios sheet.",
              c.fmt.note);
    const E discount = c.in(inputKey(-1, "settings", -1, "discountRate"));
    const E hurdle = c.in(inputKey(-1, "settings", -1, "hurdleRate"));
    int row = 4;
    writeText(ws, row, 0, "Monthly discount rate: (1 + annual)^(1/12) - 1", c.fmt.label);
    const E rate =
        E{"POWER(1+" + discount.f + ",1/12)-1", std::pow(1.0 + discount.v, 1.0 / 12.0) - 1.0, 2};
    writeFormula(c, ws, row, 1, rate, c.fmt.factor);
    const std::string rateCell = "$B$" + std::to_string(row + 1);
    ++row;
    writeText(ws, row, 0, "Monthly hurdle rate", c.fmt.label);
    writeFormula(
        c, ws, row, 1,
        E{"POWER(1+" + hurdle.f + ",1/12)-1", std::pow(1.0 + hurdle.v, 1.0 / 12.0) - 1.0, 2},
        c.fmt.factor);
    const std::string hurdleCell = "$B$" + std::to_string(row + 1);
    row += 2;
    const int headerRow = row;
    writeText(ws, headerRow, 0, "KPI (over the horizon)", c.fmt.header);
    for (int col = 0; col < columns; ++col) {
        const std::string name = col < cases ? c.wb.useCases[static_cast<std::size_t>(col)].name
                                             : std::string("Portfolio");
        writeText(ws, headerRow, col + 1, name, c.fmt.header);
    }
    worksheet_freeze_panes(ws, headerRow + 1, 1);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    const int first = headerRow + 1;
    // KPI rows, in this order.
    enum K {
        Tco,
        Gross,
        Discount,
        Hard,
        Soft,
        Capacity,
        Headline,
        NetValue,
        Roi,
        Npv,
        NpvHurdle,
        Irr,
        LastNegative,
        Payback,
        Outcomes,
        CostPerOutcome,
        Count
    };
    using namespace xlsxlabels;
    const char *labels[] = {kTco,           kHardBenefitGross, kRiskDiscount,
                            kHardBenefit,   kSoftValue,        kCapacityValue,
                            kHeadline,      kNetValue,         kRoi,
                            kNpv,           kNpvHurdle,        kIrr,
                            kLastNegative,  kPayback,          kOutcomesTotal,
                            kCostPerOutcome};
    lxw_format *formats[] = {c.fmt.moneyBold,     c.fmt.money,     c.fmt.money,  c.fmt.moneyBold,
                             c.fmt.money,         c.fmt.money,     c.fmt.money,  c.fmt.moneyBold,
                             c.fmt.percentNumber, c.fmt.moneyBold, c.fmt.money,  c.fmt.share,
                             c.fmt.monthHeader,   c.fmt.months,    c.fmt.number, c.fmt.unitCost};
    // The table is built column by column and written row by row (a large model is written in
    // libxlsxwriter's constant-memory mode, where a row is final once the next one begins).
    enum class Kind { Label, Number, Text };
    struct Cell
    {
        int row, col;
        Kind kind;
        std::string formula, cached; // label: formula is the text; text: cached is the KPI's state
        double value;
        lxw_format *format;
    };
    std::vector<Cell> cells;
    auto put = [&cells](int r, int col, const E &e, lxw_format *f) {
        cells.push_back({r, col, Kind::Number, e.f, {}, e.v, f});
    };
    auto putText = [&cells](int r, int col, const std::string &formula, const std::string &cached,
                            lxw_format *f) {
        cells.push_back({r, col, Kind::Text, formula, cached, 0, f});
    };
    for (int k = 0; k < Count; ++k) {
        lxw_format *f = k == Roi || k == Npv ? c.fmt.bold : c.fmt.label;
        cells.push_back({first + k, 0, Kind::Label, labels[k], {}, 0, f});
    }
    for (int col = 0; col < columns; ++col) {
        const bool portfolio = col == cases;
        const CaseResult &r = portfolio ? c.res.portfolio[static_cast<std::size_t>(c.scenario)]
                                        : c.res.at(col, c.scenario);
        const Kpis &kp = r.kpis;
        const MonthlyRows &rows =
            portfolio ? c.portfolioRows : c.rows[static_cast<std::size_t>(col)];
        const std::string sheet =
            sheetPrefix(portfolio ? c.portfolioSheet : c.sheetNames[static_cast<std::size_t>(col)]);
        auto rng = [&](int monthlyRow) {
            return sheet + cellRef(monthlyRow, kFirstMonthCol) + ":"
                   + cellRef(monthlyRow, kFirstMonthCol + c.months - 1);
        };
        auto at = [&](int k) {
            return cellRef(first + k, col + 1);
        };
        auto number = [&](int k, const std::string &f, double v) {
            put(first + k, col + 1, E{f, v}, formats[k]);
        };
        auto kpi = [&](int k, const std::string &f, const Kpi &v) {
            if (v.ok())
                put(first + k, col + 1, E{f, v.value}, formats[k]);
            else
                putText(first + k, col + 1, f, stateText(v.state), formats[k]);
        };
        number(Tco, "SUM(" + rng(rows.cost) + ")", kp.tco);
        number(Gross, "SUM(" + rng(rows.hardGross) + ")", kp.hardBenefitGross);
        number(Discount, at(Gross) + "-" + at(Hard), kp.riskDiscount);
        number(Hard, "SUM(" + rng(rows.hardNet) + ")", kp.hardBenefit);
        number(Soft, "SUM(" + rng(rows.soft) + ")", kp.softValue);
        number(Capacity, "SUM(" + rng(rows.capacity) + ")", kp.capacityValue);
        number(Headline, "SUM(" + rng(rows.benefit) + ")", kp.headlineBenefit);
        number(NetValue, at(Headline) + "-" + at(Tco), kp.netValue);
        kpi(Roi,
            "IF(" + at(Tco) + ">0,(" + at(Headline) + "-" + at(Tco) + ")/" + at(Tco) + "*100,"
                + quoted(stateText(KpiState::Undefined)) + ")",
            kp.roiPercent);
        number(Npv, "NPV(" + rateCell + "," + rng(rows.net) + ")", kp.npv);
        number(NpvHurdle, "NPV(" + hurdleCell + "," + rng(rows.net) + ")", kp.npvAtHurdle);
        const std::string net = rng(rows.net);
        kpi(Irr,
            "IF(AND(MAX(" + net + ")>0,MIN(" + net + ")<0),IFERROR(POWER(1+IRR(" + net
                + ",0),12)-1," + quoted(stateText(KpiState::NotFound)) + "),"
                + quoted(stateText(KpiState::NoSignChange)) + ")",
            kp.irrAnnual);
        const std::string cum = rng(rows.cumulative);
        double lastNegative = 0;
        const auto cumulative = r.row(Row::CumulativeNet);
        for (std::size_t t = 0; t < cumulative.size(); ++t) {
            if (cumulative[t] < 0)
                lastNegative = static_cast<double>(t + 1);
        }
        number(LastNegative, "MAX(" + rng(rows.negative) + ")", lastNegative);
        const std::string L = at(LastNegative);
        auto index = [&](const std::string &k) {
            return "INDEX(" + cum + ",1," + k + ")";
        };
        kpi(Payback,
            "IF(COUNTIF(" + cum + ",\"<>0\")=0," + quoted(stateText(KpiState::Undefined)) + ",IF("
                + index(std::to_string(c.months)) + "<0,"
                + quoted(stateText(KpiState::NeverPaysBack)) + ",IF(" + L + "=0,0," + L + "-"
                + index(L) + "/(" + index(L + "+1") + "-" + index(L) + "))))",
            kp.paybackMonth);
        number(Outcomes, "SUM(" + rng(rows.outcomes) + ")", kp.outcomes);
        if (portfolio) {
            // Outcomes of different use cases are different things (the engine says n/a).
            putText(first + CostPerOutcome, col + 1, quoted("n/a"), "n/a", formats[CostPerOutcome]);
        } else {
            kpi(CostPerOutcome,
                "IF(" + at(Outcomes) + ">0," + at(Tco) + "/" + at(Outcomes) + ","
                    + quoted(stateText(KpiState::Undefined)) + ")",
                kp.costPerOutcome);
        }
    }
    std::stable_sort(cells.begin(), cells.end(),
                     [](const Cell &a, const Cell &b) { return a.row < b.row; });
    for (const Cell &cell : cells) {
        switch (cell.kind) {
        case Kind::Label:
            writeText(ws, cell.row, cell.col, cell.formula, cell.format);
            break;
        case Kind::Number:
            writeFormula(c, ws, cell.row, cell.col, E{cell.formula, cell.value}, cell.format);
            break;
        case Kind::Text:
            writeFormulaText(c, ws, cell.row, cell.col, cell.formula, cell.cached, cell.format);
            break;
        }
    }
    row = first + Count + 1;
    writeText(ws, row, 0,
              "Where the engine has no number the cell says why: ROI undefined without cost, IRR "
              "none without a sign change, payback not within the horizon.",
              c.fmt.note);
}

} // namespace roi::xlsxmodel
