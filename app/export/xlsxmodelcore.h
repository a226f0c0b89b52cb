// Shared pieces of the XLSX formula model (xlsxformulamodel.h): cell references, a small
// expression type that builds a formula and computes its value with the same operations in the
// same order (so the cached result written with each formula is the value the formula gives),
// the formats, and where each sheet put what the others refer to.
#pragma once

#include "results.h"
#include "workbook.h"

#include <xlsxwriter.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace roi::xlsxmodel {

/// The first month column of the monthly sheets (0-based: C); column B holds totals and
/// per-sheet constants.
inline constexpr int kFirstMonthCol = 2;

std::string columnName(int col);                              // 0-based: 0 -> "A"
std::string cellRef(int row, int col, bool absolute = false); // 0-based row and column
std::string sheetPrefix(std::string_view sheet);              // "'Sheet name'!"
std::string numberText(double v);                             // exact, shortest round trip

/// A formula fragment and its value. Precedence: 1 comparison, 2 + and -, 3 * and /, 4 atom.
struct E
{
    std::string f;
    double v = 0;
    int p = 4;
};

E num(double v);
E ref(std::string cell, double v);
E operator+(const E &a, const E &b);
E operator-(const E &a, const E &b);
E operator*(const E &a, const E &b);
E operator/(const E &a, const E &b);
/// A spreadsheet function call whose value the caller computed.
E call(std::string_view name, const std::vector<E> &args, double value);
E minE(const E &a, const E &b);
E maxE(const E &a, const E &b);
/// A comparison, used as the condition of iff (its value is 1 for true, 0 for false).
E cmp(const E &a, std::string_view op, const E &b);
E iff(const E &cond, const E &yes, const E &no);
E andE(const E &a, const E &b);

struct Formats
{
    lxw_format *title = nullptr;
    lxw_format *note = nullptr;
    lxw_format *header = nullptr;
    lxw_format *section = nullptr;
    lxw_format *label = nullptr;
    lxw_format *bold = nullptr;
    lxw_format *text = nullptr;
    // Input cells (blue font on pale yellow), by unit.
    lxw_format *inNumber = nullptr;
    lxw_format *inMoney = nullptr;
    lxw_format *inShare = nullptr;
    lxw_format *inText = nullptr;
    lxw_format *inMonth = nullptr;
    // Formula cells.
    lxw_format *general = nullptr; // as typed: 50000, 0.0004
    lxw_format *number = nullptr;
    lxw_format *money = nullptr;
    lxw_format *moneyBold = nullptr;
    lxw_format *unitCost = nullptr;
    lxw_format *share = nullptr;
    lxw_format *factor = nullptr;
    lxw_format *percentNumber = nullptr; // ROI as a number of percent: 256.3%
    lxw_format *months = nullptr;
    lxw_format *monthHeader = nullptr;
};

/// The rows of one monthly sheet that the summary and the portfolio read (0-based).
struct MonthlyRows
{
    int units = -1, handled = -1, outcomes = -1, cost = -1, hardGross = -1, hardNet = -1, soft = -1,
        cashable = -1, capacity = -1, benefit = -1, net = -1, cumulative = -1, negative = -1;
};

/// What every sheet writer shares.
struct Context
{
    Context(const Workbook &w, const Results &r)
        : wb(w)
        , res(r)
    {}

    const Workbook &wb;
    const Results &res;
    int scenario = 0; // the scenario selected when exporting (cached values are its)
    int months = 0;
    lxw_workbook *book = nullptr;
    Formats fmt;
    std::vector<std::unique_ptr<std::string>> keep; // strings libxlsxwriter points to

    // Effective-value cells (absolute, with the sheet) by input key (see inputKey), with the
    // value they hold under the selected scenario.
    std::map<std::string, E> cells;
    std::string scenarioIndexCell;       // Scenarios!$B$4
    std::vector<std::string> sheetNames; // monthly sheet per use case
    std::string portfolioSheet;
    std::vector<MonthlyRows> rows; // per use case
    MonthlyRows portfolioRows;

    const char *keepString(std::string s)
    {
        keep.push_back(std::make_unique<std::string>(std::move(s)));
        return keep.back()->c_str();
    }
    /// The effective cell of an input as an expression with its value.
    const E &in(const std::string &key) const { return cells.at(key); }
};

/// The key of an input in Context::cells: use case (-1: workbook-wide), section, element
/// index (-1: none) and field, e.g. "0/layers/3/share", "-1/settings/-1/discountRate".
std::string inputKey(int useCase, std::string_view section, int element, std::string_view field);

/// Writes a formula with its cached value (a number, or text for the states of a KPI).
void writeFormula(Context &c, lxw_worksheet *ws, int row, int col, const E &e, lxw_format *f);
void writeFormulaText(Context &c, lxw_worksheet *ws, int row, int col, const std::string &formula,
                      const std::string &cached, lxw_format *f);
void writeText(lxw_worksheet *ws, int row, int col, std::string_view s, lxw_format *f);

/// Writes the rows of a monthly sheet (label in A, total or constant in B, months from C) and
/// keeps each row's values so later rows can refer to them.
class RowWriter
{
public:
    RowWriter(Context &c, lxw_worksheet *ws, std::string sheet, int firstRow);

    /// The month number t (1-based) of month index m, from the header row.
    E month(int m) const;
    /// Row `row` in month m, as a reference (relative, on this sheet) with its value.
    E at(int row, int m) const;
    /// The same from another sheet.
    E atSheet(const std::string &sheet, int row, int m, double value) const;
    /// A constant of the sheet in column B (absolute reference); returns it.
    E constant(const std::string &label, const E &e, lxw_format *f);
    /// A monthly row; `engine` (may be null) gives the cached values to write instead of the
    /// computed ones (the engine's own figures). `total`: B holds the sum over the horizon.
    int row(const std::string &label, lxw_format *f, const std::function<E(int)> &formula,
            const double *engine = nullptr, bool total = false);
    void heading(const std::string &label);
    int next() const { return m_row; }
    const std::vector<double> &values(int row) const { return m_values.at(row); }
    /// "C12:AL12": the row over the horizon.
    std::string range(int row) const;

private:
    Context &m_c;
    lxw_worksheet *m_ws;
    std::string m_sheet;
    int m_row;
    std::map<int, std::vector<double>> m_values;
};

/// The savings levers of a token layer: writes the lever rows and returns the row of the
/// layer's cost after levers. `before` is the layer's cost row without levers.
int writeLeverRows(Context &c, RowWriter &w, int useCase, int layer, int before, int handledRow,
                   int priceFactorRow, const double *engineCost);

void createFormats(Context &c);
/// The Inputs and Scenarios sheets; fills c.cells and c.scenarioIndexCell.
void writeInputSheets(Context &c, lxw_worksheet *inputs, lxw_worksheet *scenarios);
/// One use case's monthly sheet; fills c.rows[useCase].
void writeMonthlySheet(Context &c, lxw_worksheet *ws, int useCase);
/// The portfolio's monthly sheet (sums of the use case sheets) and the Summary sheet.
void writePortfolioSheet(Context &c, lxw_worksheet *ws);
void writeSummarySheet(Context &c, lxw_worksheet *ws);

} // namespace roi::xlsxmodel
