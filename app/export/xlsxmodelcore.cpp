#include "xlsxmodelcore.h"

#include <charconv>
#include <cmath>

namespace roi::xlsxmodel {

std::string columnName(int col)
{
    std::string out;
    for (int c = col + 1; c > 0; c = (c - 1) / 26)
        out.insert(out.begin(), static_cast<char>('A' + (c - 1) % 26));
    return out;
}

std::string cellRef(int row, int col, bool absolute)
{
    const std::string d = absolute ? "$" : "";
    return d + columnName(col) + d + std::to_string(row + 1);
}

std::string sheetPrefix(std::string_view sheet)
{
    std::string out = "'";
    for (char ch : sheet) {
        out += ch;
        if (ch == '\'')
            out += '\'';
    }
    return out + "'!";
}

std::string numberText(double v)
{
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    std::string s(buf, r.ptr);
    // Spreadsheets read 1e+20 but not a bare "inf"; inputs are finite by the file's rules.
    return s;
}

namespace {

std::string wrap(const E &e, int minPrecedence)
{
    return e.p < minPrecedence ? "(" + e.f + ")" : e.f;
}

E binary(const E &a, const char *op, const E &b, int p, double v)
{
    // Left-associative: the left operand keeps equal precedence bare, the right one is wrapped,
    // so the spreadsheet evaluates in the order the value was computed.
    return {wrap(a, p) + op + wrap(b, p + 1), v, p};
}

} // namespace

E num(double v)
{
    E e{numberText(v), v, 4};
    if (v < 0)
        e.p = 2; // a negative literal behaves like a subtraction next to other operators
    return e;
}

E ref(std::string cell, double v)
{
    return {std::move(cell), v, 4};
}

E operator+(const E &a, const E &b)
{
    return binary(a, "+", b, 2, a.v + b.v);
}
E operator-(const E &a, const E &b)
{
    return binary(a, "-", b, 2, a.v - b.v);
}
E operator*(const E &a, const E &b)
{
    return binary(a, "*", b, 3, a.v * b.v);
}
E operator/(const E &a, const E &b)
{
    return binary(a, "/", b, 3, a.v / b.v);
}

E call(std::string_view name, const std::vector<E> &args, double value)
{
    std::string f(name);
    f += '(';
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (i)
            f += ',';
        f += args[i].f;
    }
    f += ')';
    return {f, value, 4};
}

E minE(const E &a, const E &b)
{
    return call("MIN", {a, b}, std::min(a.v, b.v));
}
E maxE(const E &a, const E &b)
{
    return call("MAX", {a, b}, std::max(a.v, b.v));
}

E cmp(const E &a, std::string_view op, const E &b)
{
    bool r = false;
    if (op == "<")
        r = a.v < b.v;
    else if (op == "<=")
        r = a.v <= b.v;
    else if (op == ">")
        r = a.v > b.v;
    else if (op == ">=")
        r = a.v >= b.v;
    else if (op == "=")
        r = a.v == b.v;
    else
        r = a.v != b.v;
    return {wrap(a, 2) + std::string(op) + wrap(b, 2), r ? 1.0 : 0.0, 1};
}

E iff(const E &cond, const E &yes, const E &no)
{
    return call("IF", {cond, yes, no}, cond.v != 0 ? yes.v : no.v);
}

E andE(const E &a, const E &b)
{
    return call("AND", {a, b}, a.v != 0 && b.v != 0 ? 1.0 : 0.0);
}

std::string inputKey(int useCase, std::string_view section, int element, std::string_view field)
{
    return std::to_string(useCase) + '/' + std::string(section) + '/' + std::to_string(element)
           + '/' + std::string(field);
}

void writeFormula(Context &c, lxw_worksheet *ws, int row, int col, const E &e, lxw_format *f)
{
    const std::string formula = "=" + e.f;
    worksheet_write_formula_num(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                                formula.c_str(), f, std::isfinite(e.v) ? e.v : 0.0);
    (void)c;
}

void writeFormulaText(Context &c, lxw_worksheet *ws, int row, int col, const std::string &formula,
                      const std::string &cached, lxw_format *f)
{
    (void)c;
    worksheet_write_formula_str(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                                ("=" + formula).c_str(), f, cached.c_str());
}

void writeText(lxw_worksheet *ws, int row, int col, std::string_view s, lxw_format *f)
{
    const std::string text(s);
    worksheet_write_string(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                           text.c_str(), f);
}

void createFormats(Context &c)
{
    lxw_workbook *b = c.book;
    Formats &f = c.fmt;
    const std::string &cur = c.wb.settings.currency;
    const std::string prefix = cur == "USD"   ? "$"
                               : cur == "EUR" ? "€"
                               : cur == "GBP" ? "£"
                                              : cur + " ";
    const char *money = c.keepString("\"" + prefix + "\"#,##0.00;-\"" + prefix + "\"#,##0.00");
    const char *unit = c.keepString("\"" + prefix + "\"#,##0.00000");
    auto add = [&](const char *numFormat) {
        lxw_format *x = workbook_add_format(b);
        if (numFormat)
            format_set_num_format(x, numFormat);
        return x;
    };
    auto input = [&](const char *numFormat) {
        lxw_format *x = add(numFormat);
        format_set_font_color(x, 0x0000FF);
        format_set_bg_color(x, 0xFFF9D6);
        format_set_border(x, LXW_BORDER_HAIR);
        format_set_border_color(x, 0xB7B7B7);
        return x;
    };
    f.title = add(nullptr);
    format_set_bold(f.title);
    format_set_font_size(f.title, 14);
    f.note = add(nullptr);
    format_set_italic(f.note);
    format_set_font_color(f.note, 0x666666);
    f.header = add(nullptr);
    format_set_bold(f.header);
    format_set_bottom(f.header, LXW_BORDER_THIN);
    f.section = add(nullptr);
    format_set_bold(f.section);
    format_set_bg_color(f.section, 0xDCE6F1);
    f.label = add(nullptr);
    f.bold = add(nullptr);
    format_set_bold(f.bold);
    f.text = add(nullptr);
    // General rather than #,##0.###### (which Excel shows as "50,000." with a trailing point).
    f.inNumber = input(nullptr);
    f.general = add(nullptr);
    f.inMoney = input(money);
    f.inShare = input("0.00%");
    f.inText = input(nullptr);
    f.inMonth = input("yyyy-mm");
    f.number = add("#,##0.00");
    f.money = add(money);
    f.moneyBold = add(money);
    format_set_bold(f.moneyBold);
    f.unitCost = add(unit);
    f.share = add("0.00%");
    f.factor = add("0.000000");
    f.percentNumber = add("0.0\"%\"");
    f.months = add("0.00");
    f.monthHeader = add("0");
    format_set_bold(f.monthHeader);
    format_set_align(f.monthHeader, LXW_ALIGN_RIGHT);
}

} // namespace roi::xlsxmodel

namespace roi::xlsxmodel {

namespace {
constexpr int kHeaderRow = 3; // month numbers t = 1..H
} // namespace

RowWriter::RowWriter(Context &c, lxw_worksheet *ws, std::string sheet, int firstRow)
    : m_c(c)
    , m_ws(ws)
    , m_sheet(std::move(sheet))
    , m_row(firstRow)
{}

E RowWriter::month(int m) const
{
    return ref(columnName(kFirstMonthCol + m) + "$" + std::to_string(kHeaderRow + 1), m + 1.0);
}

E RowWriter::at(int row, int m) const
{
    return ref(cellRef(row, kFirstMonthCol + m), m_values.at(row)[static_cast<std::size_t>(m)]);
}

E RowWriter::atSheet(const std::string &sheet, int row, int m, double value) const
{
    return ref(sheetPrefix(sheet) + cellRef(row, kFirstMonthCol + m), value);
}

E RowWriter::constant(const std::string &label, const E &e, lxw_format *f)
{
    writeText(m_ws, m_row, 0, label, m_c.fmt.label);
    writeFormula(m_c, m_ws, m_row, 1, e, f);
    const E out = ref(cellRef(m_row, 1, true), e.v);
    ++m_row;
    return out;
}

int RowWriter::row(const std::string &label, lxw_format *f, const std::function<E(int)> &formula,
                   const double *engine, bool total)
{
    const int r = m_row++;
    writeText(m_ws, r, 0, label, m_c.fmt.label);
    std::vector<double> &vals = m_values[r];
    vals.resize(static_cast<std::size_t>(m_c.months));
    for (int m = 0; m < m_c.months; ++m) {
        E e = formula(m);
        if (engine)
            e.v = engine[m];
        vals[static_cast<std::size_t>(m)] = e.v;
        writeFormula(m_c, m_ws, r, kFirstMonthCol + m, e, f);
    }
    if (total) {
        double sum = 0;
        for (double v : vals)
            sum += v;
        writeFormula(m_c, m_ws, r, 1, E{"SUM(" + range(r) + ")", sum}, f);
    }
    return r;
}

void RowWriter::heading(const std::string &label)
{
    ++m_row;
    writeText(m_ws, m_row, 0, label, m_c.fmt.section);
    for (int col = 1; col < kFirstMonthCol + m_c.months; ++col)
        writeText(m_ws, m_row, col, "", m_c.fmt.section);
    ++m_row;
}

std::string RowWriter::range(int row) const
{
    return cellRef(row, kFirstMonthCol) + ":" + cellRef(row, kFirstMonthCol + m_c.months - 1);
}

} // namespace roi::xlsxmodel
