#include "xlsxexport.h"

#include "export/planactualexport.h"
#include "export/uncertaintyexport.h"

#include "format.h"

#include "numberformat.h"

#include <xlsxwriter.h>

#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <functional>
#include <memory>
#include <optional>
#include <span>

namespace roi {

using namespace Qt::StringLiterals;

namespace {

QByteArray utf8(std::string_view s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

/// The formats of one workbook, created once.
struct Formats
{
    lxw_format *title = nullptr;
    lxw_format *subtitle = nullptr;
    lxw_format *header = nullptr;
    lxw_format *text = nullptr;
    lxw_format *bold = nullptr;
    lxw_format *money = nullptr;
    lxw_format *moneyBold = nullptr;
    lxw_format *unitCost = nullptr;
    lxw_format *percent = nullptr;
    lxw_format *count = nullptr;
    lxw_format *decimal = nullptr;
    lxw_format *month = nullptr;
    lxw_format *period = nullptr;
    lxw_format *state = nullptr;
};

/// A column of a table sheet: a header, a width and how to write each row's value.
template<typename T>
struct Column
{
    const char *header;
    double width;
    std::function<void(lxw_worksheet *, lxw_row_t, lxw_col_t, const T &)> write;
};

class XlsxWriter
{
public:
    XlsxWriter(const Workbook &wb, const Results &res, const ReportOptions &options)
        : m_wb(wb)
        , m_res(res)
        , m_options(options)
        , m_nf(QString::fromStdString(wb.settings.currency), options.locale)
    {}

    bool write(const QString &path, QString *error);

private:
    void createFormats();
    lxw_worksheet *addSheet(const QString &wanted);
    void heading(lxw_worksheet *ws, const QString &title, const QString &subtitle);
    void summarySheet();
    void runRateSheet();
    void seriesSheet(int useCase);
    void checksSheet();

    template<typename T>
    void tableSheet(lxw_worksheet *ws, lxw_row_t headerRow, lxw_col_t frozenColumns,
                    const std::vector<Column<T>> &columns, const std::vector<T> &rows);

    void number(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
    {
        worksheet_write_number(ws, r, c, std::isfinite(v) ? v : 0.0, f);
    }
    void text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const QString &s, lxw_format *f)
    {
        worksheet_write_string(ws, r, c, s.toUtf8().constData(), f);
    }
    void text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, std::string_view s, lxw_format *f)
    {
        worksheet_write_string(ws, r, c, utf8(s).constData(), f);
    }
    /// A KPI: its number in `format` (scaled), else the reason in words.
    void kpi(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const Kpi &k, lxw_format *f,
             double scale = 1.0)
    {
        if (k.ok())
            number(ws, r, c, k.value * scale, f);
        else
            text(ws, r, c, NumberFormat::stateText(k.state), m_formats.state);
    }
    bool wanted(int scenario) const
    {
        return m_options.scenario < 0 || m_options.scenario == scenario;
    }
    QString scenarioName(int s) const
    {
        return QString::fromStdString(m_res.scenarios[static_cast<std::size_t>(s)]);
    }

    const Workbook &m_wb;
    const Results &m_res;
    const ReportOptions &m_options;
    NumberFormat m_nf;
    lxw_workbook *m_book = nullptr;
    Formats m_formats;
    QSet<QString> m_taken;
    std::vector<QByteArray> m_keep; // strings libxlsxwriter points to until it closes
};

void XlsxWriter::createFormats()
{
    auto add = [&] {
        return workbook_add_format(m_book);
    };
    // Excel number formats with the currency as a quoted literal: "$"#,##0.00, "CHF "#,##0.00,
    // with the currency's own decimals ("¥"#,##0).
    QString prefix = m_nf.prefix();
    prefix.remove(QLatin1Char('"'));
    const int decimals = currencyDecimals(m_wb.settings.currency);
    const QString minor = decimals > 0 ? u"."_s + QString(decimals, u'0') : QString();
    const QByteArray moneyFormat = (u"\""_s + prefix + u"\"#,##0"_s + minor).toUtf8();
    const QByteArray unitFormat = (u"\""_s + prefix + u"\"#,##0.00000"_s).toUtf8();
    m_keep.push_back(moneyFormat);
    m_keep.push_back(unitFormat);

    m_formats.title = add();
    format_set_bold(m_formats.title);
    format_set_font_size(m_formats.title, 14);
    format_set_font_color(m_formats.title, 0x16365C);
    m_formats.subtitle = add();
    format_set_font_color(m_formats.subtitle, 0x5B6573);
    m_formats.header = add();
    format_set_bold(m_formats.header);
    format_set_bg_color(m_formats.header, 0xEEF2F7);
    format_set_bottom(m_formats.header, LXW_BORDER_THIN);
    format_set_text_wrap(m_formats.header);
    format_set_align(m_formats.header, LXW_ALIGN_VERTICAL_TOP);
    m_formats.text = add();
    m_formats.bold = add();
    format_set_bold(m_formats.bold);
    m_formats.money = add();
    format_set_num_format(m_formats.money, moneyFormat.constData());
    m_formats.moneyBold = add();
    format_set_num_format(m_formats.moneyBold, moneyFormat.constData());
    format_set_bold(m_formats.moneyBold);
    m_formats.unitCost = add();
    format_set_num_format(m_formats.unitCost, unitFormat.constData());
    m_formats.percent = add();
    format_set_num_format(m_formats.percent, "0.0%");
    m_formats.count = add();
    format_set_num_format(m_formats.count, "#,##0");
    m_formats.decimal = add();
    format_set_num_format(m_formats.decimal, "#,##0.00");
    m_formats.month = add();
    format_set_num_format(m_formats.month, "0.0");
    m_formats.period = add();
    format_set_num_format(m_formats.period, "mmm yyyy");
    format_set_align(m_formats.period, LXW_ALIGN_LEFT);
    m_formats.state = add();
    format_set_italic(m_formats.state);
    format_set_font_color(m_formats.state, 0x5B6573);
    format_set_align(m_formats.state, LXW_ALIGN_RIGHT);
}

lxw_worksheet *XlsxWriter::addSheet(const QString &wanted)
{
    const QByteArray name = sheetName(wanted, m_taken).toUtf8();
    m_keep.push_back(name);
    return workbook_add_worksheet(m_book, name.constData());
}

void XlsxWriter::heading(lxw_worksheet *ws, const QString &title, const QString &subtitle)
{
    text(ws, 0, 0, title, m_formats.title);
    worksheet_set_row(ws, 0, 20, nullptr);
    text(ws, 1, 0, subtitle, m_formats.subtitle);
}

template<typename T>
void XlsxWriter::tableSheet(lxw_worksheet *ws, lxw_row_t headerRow, lxw_col_t frozenColumns,
                            const std::vector<Column<T>> &columns, const std::vector<T> &rows)
{
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        worksheet_set_column(ws, col, col, columns[c].width, nullptr);
        worksheet_write_string(ws, headerRow, col, columns[c].header, m_formats.header);
    }
    worksheet_set_row(ws, headerRow, 30, nullptr);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < columns.size(); ++c)
            columns[c].write(ws, headerRow + 1 + static_cast<lxw_row_t>(r),
                             static_cast<lxw_col_t>(c), rows[r]);
    }
    worksheet_freeze_panes(ws, headerRow + 1, frozenColumns);
    if (!rows.empty())
        worksheet_autofilter(ws, headerRow, 0, headerRow + static_cast<lxw_row_t>(rows.size()),
                             static_cast<lxw_col_t>(columns.size() - 1));
}

void XlsxWriter::summarySheet()
{
    lxw_worksheet *ws = addSheet(u"Summary"_s);
    const QDate today = m_options.today.isValid() ? m_options.today : QDate::currentDate();
    heading(ws, QString::fromStdString(m_wb.settings.name),
            u"KPIs over %1 months from %2, in %3; discount rate %4 a year; ROI = (hard benefit − "
            u"TCO) / TCO. Exported %5."_s.arg(m_res.months)
                .arg(QString::fromStdString(m_res.startMonth.toString()),
                     QString::fromStdString(m_wb.settings.currency),
                     m_nf.percent(m_wb.settings.discountRate), today.toString(Qt::ISODate)));
    struct Line
    {
        QString useCase;
        int scenario;
        const CaseResult *result;
        bool portfolio;
    };
    std::vector<Line> rows;
    for (int u = 0; u < m_res.useCaseCount; ++u) {
        for (int s = 0; s < static_cast<int>(m_res.scenarios.size()); ++s) {
            if (wanted(s))
                rows.push_back(
                    {QString::fromStdString(m_wb.useCases[static_cast<std::size_t>(u)].name), s,
                     &m_res.at(u, s), false});
        }
    }
    if (m_res.useCaseCount > 1) {
        for (int s = 0; s < static_cast<int>(m_res.portfolio.size()); ++s) {
            if (wanted(s))
                rows.push_back(
                    {u"Portfolio"_s, s, &m_res.portfolio[static_cast<std::size_t>(s)], true});
        }
    }
    const Formats &f = m_formats;
    auto money = [this](double Kpis::*m, lxw_format *fmt) {
        return [this, m, fmt](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Line &row) {
            number(w, r, c, row.result->kpis.*m, fmt);
        };
    };
    // A KPI that may be undefined: the number when it has one, its state in words otherwise.
    auto measure = [this](Kpi Kpis::*m, lxw_format *fmt, double scale = 1.0) {
        return [this, m, fmt, scale](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Line &row) {
            kpi(w, r, c, row.result->kpis.*m, fmt, scale);
        };
    };
    auto runRate = [this](Kpi RunRate::*m, lxw_format *fmt) {
        return [this, m, fmt](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Line &row) {
            kpi(w, r, c, row.result->runRate.*m, fmt);
        };
    };
    const std::vector<Column<Line>> columns = {
        {"Use case", 28,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Line &row) {
             text(w, r, c, row.useCase, row.portfolio ? f.bold : f.text);
         }},
        {"Scenario", 12,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Line &row) {
             text(w, r, c, scenarioName(row.scenario), f.text);
         }},
        {"True TCO", 16, money(&Kpis::tco, f.moneyBold)},
        {"Hard benefit before risk discount", 17, money(&Kpis::hardBenefitGross, f.money)},
        {"Risk discount", 15, money(&Kpis::riskDiscount, f.money)},
        {"Hard benefit", 16, money(&Kpis::hardBenefit, f.moneyBold)},
        {"Soft value (not in ROI)", 15, money(&Kpis::softValue, f.money)},
        {"Net value", 16, money(&Kpis::netValue, f.money)},
        {"ROI", 10, measure(&Kpis::roiPercent, f.percent, 0.01)},
        {"NPV", 16, money(&Kpis::npv, f.moneyBold)},
        {"IRR (annual)", 11, measure(&Kpis::irrAnnual, f.percent)},
        {"Payback (month)", 11, measure(&Kpis::paybackMonth, f.month)},
        {"Cost per outcome", 13, measure(&Kpis::costPerOutcome, f.unitCost)},
        {"Cost per inference", 13, measure(&Kpis::costPerInference, f.unitCost)},
        {"AI gross margin", 11, measure(&Kpis::aiGrossMargin, f.percent)},
        {"Run-rate TCO a month", 15,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Line &row) {
             number(w, r, c, row.result->runRate.tco, f.money);
         }},
        {"Run-rate cost per unit", 13, runRate(&RunRate::costPerUnit, f.unitCost)},
        {"Run-rate invoice per unit", 13, runRate(&RunRate::invoicePerUnit, f.unitCost)},
        {"Run-rate cost per outcome", 13, runRate(&RunRate::costPerOutcome, f.unitCost)},
    };
    tableSheet(ws, 3, 2, columns, rows);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_activate(ws);
}

void XlsxWriter::runRateSheet()
{
    lxw_worksheet *ws = addSheet(u"Run rate"_s);
    heading(ws, u"Invoice vs true cost: the monthly run rate"_s,
            u"The steady month: baseline volume at full adoption and today's prices; one-time "
            u"costs left out. Amounts a month in %1."_s.arg(
                QString::fromStdString(m_wb.settings.currency)));
    struct Line
    {
        int useCase;
        int scenario;
        int layer;
    };
    std::vector<Line> rows;
    for (int u = 0; u < m_res.useCaseCount; ++u) {
        const UseCase &uc = m_wb.useCases[static_cast<std::size_t>(u)];
        for (int s = 0; s < static_cast<int>(m_res.scenarios.size()); ++s) {
            if (!wanted(s))
                continue;
            for (int i = 0; i < static_cast<int>(uc.layers.size()); ++i) {
                if (uc.layers[static_cast<std::size_t>(i)].type != LayerType::OneTime)
                    rows.push_back({u, s, i});
            }
        }
    }
    const Formats &f = m_formats;
    auto layer = [this](const Line &row) -> const CostLayer & {
        return m_wb.useCases[static_cast<std::size_t>(row.useCase)]
            .layers[static_cast<std::size_t>(row.layer)];
    };
    auto cost = [this](const Line &row) {
        const auto &byLayer = m_res.at(row.useCase, row.scenario).runRate.costByLayer;
        return static_cast<std::size_t>(row.layer) < byLayer.size()
                   ? byLayer[static_cast<std::size_t>(row.layer)]
                   : 0.0;
    };
    const std::vector<Column<Line>> columns = {
        {"Use case", 28,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Line &row) {
             text(w, r, c, m_wb.useCases[static_cast<std::size_t>(row.useCase)].name, f.text);
         }},
        {"Scenario", 12,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Line &row) {
             text(w, r, c, scenarioName(row.scenario), f.text);
         }},
        {"Cost layer", 26,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Line &row) {
             text(w, r, c, layer(row).name, f.text);
         }},
        {"Category", 26,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Line &row) {
             text(w, r, c, enumLabel(layer(row).category), f.text);
         }},
        {"Type", 14,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Line &row) {
             text(w, r, c, enumLabel(layer(row).type), f.text);
         }},
        {"Per month", 15,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Line &row) {
             number(w, r, c, cost(row), f.money);
         }},
        {"Share of TCO", 12,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Line &row) {
             const double tco = m_res.at(row.useCase, row.scenario).runRate.tco;
             if (tco > 0)
                 number(w, r, c, cost(row) / tco, f.percent);
         }},
    };
    tableSheet(ws, 3, 3, columns, rows);
}

/// Savings levers: the cost without them (baseline) and with them, and each lever's net saving
/// month by month (see model/levers/). Nothing when the result has no lever.
template<typename AddSeries>
void addLeverColumns(const CaseResult *first, int useCase, const Workbook &wb, AddSeries &addSeries)
{
    if (!first || !first->levers.active)
        return;
    addSeries(u"Cost without levers (baseline)"_s, [](const CaseResult &r) {
        return r.levers.active ? std::span<const double>(r.levers.baseline) : r.row(Row::Cost);
    });
    addSeries(u"Cost with levers (optimised)"_s,
              [](const CaseResult &r) { return r.row(Row::Cost); });
    if (useCase < 0)
        return;
    const UseCase &uc = wb.useCases[static_cast<std::size_t>(useCase)];
    static const std::vector<double> kZeros(120, 0.0);
    for (std::size_t j = 0; j < first->levers.lines.size(); ++j) {
        const LeverLine &line = first->levers.lines[j];
        const std::string_view lever = leverLabel(line.kind);
        addSeries(
            u"Lever net saving: "_s
                + QString::fromStdString(uc.layers[static_cast<std::size_t>(line.layer)].name)
                + u" / "_s + QString::fromUtf8(lever.data(), static_cast<qsizetype>(lever.size())),
            [j](const CaseResult &r) {
                // Scenarios cannot switch levers, so every scenario has the same lines.
                return j < r.levers.lines.size() ? std::span<const double>(r.levers.lines[j].net)
                                                 : std::span<const double>(kZeros);
            });
    }
}

void XlsxWriter::seriesSheet(int u)
{
    const bool portfolio = u < 0;
    const QString name =
        portfolio ? u"Portfolio"_s
                  : QString::fromStdString(m_wb.useCases[static_cast<std::size_t>(u)].name);
    lxw_worksheet *ws = addSheet(name);
    heading(ws, name,
            u"Monthly series%1; amounts in %2. Hard benefit is after the risk discount; soft value "
            u"is apart."_s.arg(m_options.scenario < 0 ? u", every scenario"_s : QString(),
                               QString::fromStdString(m_wb.settings.currency)));
    struct Line
    {
        int scenario;
        int month;
        const CaseResult *result;
    };
    std::vector<Line> rows;
    for (int s = 0; s < static_cast<int>(m_res.scenarios.size()); ++s) {
        if (!wanted(s))
            continue;
        const CaseResult &r =
            portfolio ? m_res.portfolio[static_cast<std::size_t>(s)] : m_res.at(u, s);
        for (int m = 0; m < m_res.months; ++m)
            rows.push_back({s, m, &r});
    }
    const Formats &f = m_formats;
    auto rowValue = [](const Line &row, Row which) {
        return row.result->row(which)[static_cast<std::size_t>(row.month)];
    };
    auto column = [&](const char *header, double width, Row which, lxw_format *fmt) {
        return Column<Line>{header, width,
                            [this, which, fmt, rowValue](lxw_worksheet *w, lxw_row_t r, lxw_col_t c,
                                                         const Line &row) {
                                number(w, r, c, rowValue(row, which), fmt);
                            }};
    };
    std::vector<Column<Line>> columns = {
        {"Scenario", 11,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Line &row) {
             text(w, r, c, scenarioName(row.scenario), f.text);
         }},
        {"Month", 7,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Line &row) {
             number(w, r, c, row.month + 1, f.count);
         }},
        {"Period", 10,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Line &row) {
             const YearMonth ym = m_res.startMonth.addMonths(row.month);
             lxw_datetime date{ym.year, ym.month, 1, 0, 0, 0.0};
             worksheet_write_datetime(w, r, c, &date, f.period);
         }},
        column("Eligible units", 12, Row::Units, f.count),
        column("Adoption", 10, Row::Adoption, f.percent),
        column("Handled units", 12, Row::Handled, f.count),
        column("Outcomes", 12, Row::Outcomes, f.count),
        column("Model calls", 12, Row::Calls, f.count),
        column("Token cost", 13, Row::TokenCost, f.money),
        column("Total cost", 14, Row::Cost, f.moneyBold),
    };
    // A money column over one series of the row's result; libxlsxwriter keeps a pointer to the
    // header, so the text lives in m_keep.
    auto addSeries = [&](const QString &header,
                         std::function<std::span<const double>(const CaseResult &)> series) {
        m_keep.push_back(header.toUtf8());
        columns.push_back({m_keep.back().constData(), 15,
                           [this, series = std::move(series)](lxw_worksheet *w, lxw_row_t r,
                                                              lxw_col_t col, const Line &row) {
                               number(w, r, col,
                                      series(*row.result)[static_cast<std::size_t>(row.month)],
                                      m_formats.money);
                           }});
    };
    for (int c = 0; c < kCategoryCount; ++c) {
        const auto category = static_cast<CostCategory>(c);
        bool used = false;
        for (const Line &row : rows)
            used = used
                   || row.result->categoryCost(category)[static_cast<std::size_t>(row.month)] != 0;
        if (used)
            addSeries(u"Cost: "_s
                          + QString::fromUtf8(enumLabel(category).data(),
                                              static_cast<qsizetype>(enumLabel(category).size())),
                      [category](const CaseResult &r) { return r.categoryCost(category); });
    }
    if (!portfolio) {
        // Each cost layer and each value driver of the use case (drivers after the risk
        // discount, as they count), so every total above can be traced to its parts.
        const UseCase &uc = m_wb.useCases[static_cast<std::size_t>(u)];
        for (int i = 0; i < static_cast<int>(uc.layers.size()); ++i)
            addSeries(u"Layer: "_s
                          + QString::fromStdString(uc.layers[static_cast<std::size_t>(i)].name),
                      [i](const CaseResult &r) { return r.layerCost(i); });
        for (int i = 0; i < static_cast<int>(uc.drivers.size()); ++i)
            addSeries(u"Driver: "_s
                          + QString::fromStdString(uc.drivers[static_cast<std::size_t>(i)].name),
                      [i](const CaseResult &r) { return r.driverNet(i); });
    }
    addLeverColumns(rows.empty() ? nullptr : rows.front().result, u, m_wb, addSeries);
    columns.push_back(column("Hard benefit before risk discount", 15, Row::HardGross, f.money));
    columns.push_back(column("Hard benefit", 14, Row::HardNet, f.moneyBold));
    columns.push_back(column("Soft value (not in ROI)", 13, Row::Soft, f.money));
    columns.push_back(column("Capacity value (not in ROI)", 13, Row::Capacity, f.money));
    columns.push_back(column("Headline benefit", 14, Row::Benefit, f.money));
    columns.push_back(column("Net", 14, Row::Net, f.money));
    columns.push_back(column("Cumulative net", 15, Row::CumulativeNet, f.moneyBold));
    tableSheet(ws, 3, 3, columns, rows);
}

void XlsxWriter::checksSheet()
{
    lxw_worksheet *ws = addSheet(u"Model checks"_s);
    heading(ws, u"Model checks"_s,
            u"What a finance reviewer would question, with the input concerned and a fix."_s);
    std::vector<const Finding *> rows;
    for (const Finding &finding : m_res.findings) {
        if (finding.scenario.empty() || m_options.scenario < 0
            || finding.scenario == m_res.scenarios[static_cast<std::size_t>(m_options.scenario)])
            rows.push_back(&finding);
    }
    const Formats &f = m_formats;
    const std::vector<Column<const Finding *>> columns = {
        {"Severity", 10,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Finding *x) {
             text(w, r, c, enumLabel(x->severity), f.bold);
         }},
        {"Use case", 24,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Finding *x) {
             if (x->useCase >= 0 && x->useCase < static_cast<int>(m_wb.useCases.size()))
                 text(w, r, c, m_wb.useCases[static_cast<std::size_t>(x->useCase)].name, f.text);
         }},
        {"Scenario", 11,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Finding *x) {
             text(w, r, c, x->scenario, f.text);
         }},
        {"Input", 30,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Finding *x) {
             text(w, r, c, x->input, f.text);
         }},
        {"Finding", 60,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Finding *x) {
             text(w, r, c, x->message, f.text);
         }},
        {"Fix", 60,
         [&](lxw_worksheet *w, lxw_row_t r, lxw_col_t c, const Finding *x) {
             text(w, r, c, x->fix, f.text);
         }},
    };
    tableSheet(ws, 3, 1, columns, rows);
}

bool XlsxWriter::write(const QString &path, QString *error)
{
    lxw_workbook_options options{};
    // A large portfolio writes each row to a temporary file as it goes (libxlsxwriter's
    // constant-memory mode, text as inline strings) rather than keeping millions of cells in
    // memory; a small one keeps the shared-strings table, which makes a smaller file.
    options.constant_memory = m_res.useCaseCount > kConstantMemoryFrom ? LXW_TRUE : LXW_FALSE;
    const QByteArray tmpdir = QFile::encodeName(QFileInfo(path).absolutePath());
    options.tmpdir = const_cast<char *>(tmpdir.constData());
    const QByteArray encoded = QFile::encodeName(path);
    m_book = workbook_new_opt(encoded.constData(), &options);
    if (!m_book) {
        *error = u"Cannot create the Excel workbook"_s;
        return false;
    }
    // The properties take char *; libxlsxwriter copies them.
    QByteArray title = QByteArray::fromStdString(m_wb.settings.name);
    QByteArray author = QByteArray::fromStdString(m_wb.settings.preparedBy);
    QByteArray comments = "Exported by ROI Workbench " ROI_VERSION;
    lxw_doc_properties properties{};
    properties.title = title.data();
    properties.author = author.isEmpty() ? nullptr : author.data();
    properties.comments = comments.data();
    workbook_set_properties(m_book, &properties);
    // The Monte Carlo of the uncertainty sheets runs on the thread pool while the other sheets
    // are written.
    std::optional<PendingSimulation> simulation;
    if (m_options.includeUncertainty)
        simulation.emplace(m_wb, m_res, m_options);
    createFormats();
    summarySheet();
    runRateSheet();
    bool cancelled = false;
    for (int u = 0; u < m_res.useCaseCount && !cancelled; ++u) {
        seriesSheet(u);
        cancelled = m_options.progress && !m_options.progress(0.9 * (u + 1) / m_res.useCaseCount);
    }
    if (m_res.useCaseCount > 1 && !cancelled)
        seriesSheet(-1);
    if (!cancelled)
        checksSheet();
    if (!cancelled && m_options.includeUncertainty)
        addUncertaintySheets(m_book, m_wb, *simulation, m_options, m_taken);
    if (!cancelled)
        addPlanActualSheet(m_book, m_wb, m_res, m_options, m_taken); // issue 13
    // libxlsxwriter has no way to drop a workbook but to write it: a cancelled one is written
    // into the private temporary folder and thrown away with it.
    const lxw_error result = workbook_close(m_book);
    m_book = nullptr;
    if (cancelled) {
        *error = u"Cancelled"_s;
        return false;
    }
    if (result != LXW_NO_ERROR) {
        *error =
            u"Cannot write the Excel workbook: %1"_s.arg(QString::fromUtf8(lxw_strerror(result)));
        return false;
    }
    return true;
}

} // namespace

QString sheetName(const QString &wanted, QSet<QString> &taken)
{
    QString name;
    for (const QChar c : wanted) {
        if (c == u'[' || c == u']' || c == u':' || c == u'*' || c == u'?' || c == u'/'
            || c == u'\\')
            name += u'_';
        else if (c.category() == QChar::Other_Control)
            name += u' ';
        else
            name += c;
    }
    name = name.simplified();
    while (name.startsWith(u'\''))
        name.remove(0, 1);
    while (name.endsWith(u'\''))
        name.chop(1);
    if (name.isEmpty())
        name = u"Sheet"_s;
    // Excel counts characters; cut on code points so a surrogate pair stays whole.
    auto cut = [](const QString &s, int max) {
        const QList<uint> points = s.toUcs4();
        if (points.size() <= max)
            return s;
        QString out = QString::fromUcs4(reinterpret_cast<const char32_t *>(points.constData()), max)
                          .trimmed();
        while (out.endsWith(u'\''))
            out.chop(1);
        return out;
    };
    name = cut(name, 31);
    if (!taken.contains(u"history"_s))
        taken.insert(u"history"_s); // reserved by Excel
    QString unique = name;
    for (int n = 2; taken.contains(unique.toLower()); ++n) {
        const QString suffix = u" (%1)"_s.arg(n);
        unique = cut(name, 31 - static_cast<int>(suffix.size())) + suffix;
    }
    taken.insert(unique.toLower());
    return unique;
}

QByteArray renderXlsx(const Workbook &workbook, const Results &results,
                      const ReportOptions &options, QString *error)
{
    // libxlsxwriter writes to a path: a private temporary folder, then the bytes go through the
    // atomic writer like every other export.
    QTemporaryDir dir;
    if (!dir.isValid()) {
        *error = u"Cannot create a temporary folder: %1"_s.arg(dir.errorString());
        return {};
    }
    const QString path = dir.filePath(u"export.xlsx"_s);
    XlsxWriter writer(workbook, results, options);
    if (!writer.write(path, error))
        return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"Cannot read the Excel workbook back: %1"_s.arg(file.errorString());
        return {};
    }
    return file.readAll();
}

} // namespace roi
