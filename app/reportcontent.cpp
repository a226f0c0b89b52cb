#include "reportcontent.h"

#include "leversreport.h"
#include "planactualreportsection.h"
#include "sensitivityreport.h"
#include "stagesummary.h"

#include "format.h"
#include "inputs.h"
#include "numberformat.h"
#include "uncertaintyreport.h"

#include <QBuffer>
#include <QImageReader>

#include <algorithm>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <cmath>
#include <functional>
#include <memory>
#include <numeric>
#include <optional>

namespace roi {

using namespace Qt::StringLiterals;

namespace {

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

/// Every piece of user text goes through here on its way into the report.
QString esc(std::string_view s)
{
    return qs(s).toHtmlEscaped();
}

template<typename E>
QString label(E value)
{
    return qs(enumLabel(value)).toHtmlEscaped();
}

/// An enum label inside a sentence: "Infrastructure & APIs" → "infrastructure & APIs" (only the
/// first letter, so acronyms keep their capitals).
template<typename E>
QString inlineLabel(E value)
{
    QString text = label(value);
    if (text.size() > 1 && text[1].isLower())
        text[0] = text[0].toLower();
    return text;
}

QString rankKpiLabel(RankKpi kpi)
{
    switch (kpi) {
    case RankKpi::Npv:
        return u"NPV"_s;
    case RankKpi::Roi:
        return u"ROI"_s;
    case RankKpi::Payback:
        return u"payback month"_s;
    case RankKpi::HardBenefit:
        return u"hard benefit"_s;
    }
    return {};
}

double sum(std::span<const double> values)
{
    return std::accumulate(values.begin(), values.end(), 0.0);
}

/// A table: header cells and rows of HTML cells; numeric columns are right-aligned.
struct Table
{
    struct Row
    {
        QStringList cells;
        QString cls; // "total", "group", "invoice", "sub" or empty
    };

    QStringList headers;
    QList<int> widths; // percent per column, optional
    QList<bool> numeric;
    std::vector<Row> rows;
    QString cls = u"data"_s;

    void add(QStringList cells, QString rowClass = {})
    {
        rows.push_back({std::move(cells), std::move(rowClass)});
    }
};

class Builder
{
public:
    Builder(const Workbook &wb, const Results &res, const ReportOptions &options, int width,
            bool defer)
        : m_defer(defer)
        , m_wb(wb)
        , m_res(res)
        , m_opt(options)
        , m_nf(qs(wb.settings.currency), options.locale)
        , m_width(width)
        , m_headline(headlineScenario(res, options))
        , m_worst(res.findScenario(kWorstScenario))
        , m_best(res.findScenario(kBestScenario))
        , m_today(options.today.isValid() ? options.today : QDate::currentDate())
    {}

    ReportContent build();

private:
    // Formatting.
    QString money(double v) const { return m_nf.money(v).toHtmlEscaped(); }
    QString unitCost(double v) const { return m_nf.unitCost(v).toHtmlEscaped(); }
    QString percent(double fraction, int decimals = 1) const
    {
        return m_nf.percent(fraction, decimals).toHtmlEscaped();
    }
    QString number(double v) const;
    QString kpi(const Kpi &k, NumberFormat::Kind kind) const
    {
        return m_nf.kpi(k, kind, m_res.startMonth.year, m_res.startMonth.month).toHtmlEscaped();
    }
    QString monthName(YearMonth ym) const
    {
        return m_opt.locale.toString(QDate(ym.year, ym.month, 1), u"MMM yyyy"_s);
    }
    QString date(const Date &d) const { return d.isNull() ? u"not dated"_s : esc(d.toString()); }
    QString horizonMonth(double m) const
    {
        const int whole = std::max(1, static_cast<int>(std::lround(m)));
        return u"month %1 (%2)"_s.arg(whole).arg(monthName(m_res.startMonth.addMonths(whole - 1)));
    }
    QString scenarioName(int s) const { return esc(m_res.scenarios[static_cast<std::size_t>(s)]); }
    /// "3.5 (Apr 2027)": the payback month with the calendar month it falls in.
    QString payback(const Kpi &k) const
    {
        if (!k.ok())
            return kpi(k, NumberFormat::Kind::Month);
        const int whole = std::max(1, static_cast<int>(std::ceil(k.value)));
        return u"%1 (%2)"_s.arg(m_nf.number(k.value, 1).toHtmlEscaped(),
                                monthName(m_res.startMonth.addMonths(whole - 1)));
    }
    QString fieldValue(const FieldInfo &info, double v) const;
    static QString unitName(ValueUnit unit, const QString &currency);

    // Structure.
    void h1(const QString &html, bool newPage = true);
    void h2(const QString &html) { m_out += u"<h2>%1</h2>\n"_s.arg(html); }
    void h3(const QString &html) { m_out += u"<h3>%1</h3>\n"_s.arg(html); }
    void para(const QString &html, const QString &cls = {});
    void table(const Table &t);
    void chart(ChartKind kind, int useCase, int height, bool allScenarios = false);

    // Sections.
    void cover();
    void summary();
    void useCase(int u);
    void scenarioTable(int useCase);
    void runRate(int u);
    void hardValue(int u);
    void riskDiscount(int u);
    void softValue(int u);
    void findingsTable(const std::vector<const Finding *> &findings, bool showUseCase);
    void comparison();
    void portfolioOverview();
    void useCasesInBrief();
    void modelChecks();
    void appendix();
    void appendixUseCase(int u);

    const CaseResult &result(int useCase, int scenario) const
    {
        return useCase < 0 ? m_res.portfolio[static_cast<std::size_t>(scenario)]
                           : m_res.at(useCase, scenario);
    }
    /// "Worst $x · Best $y" (or the lowest and highest scenario) for a KPI of the subject.
    QString range(int useCase, const std::function<QString(const CaseResult &)> &text) const;
    QString subjectUnit(int u) const
    {
        return esc(m_wb.useCases[static_cast<std::size_t>(u)].baseline.unit);
    }

    bool m_defer; // the analytics as a part (ReportContent::parts)
    const Workbook &m_wb;
    const Results &m_res;
    const ReportOptions &m_opt;
    NumberFormat m_nf;
    int m_width;
    int m_headline;
    int m_worst;
    int m_best;
    QDate m_today;
    QString m_out;
    std::vector<ReportChart> m_charts;
    std::vector<ReportPart> m_parts;

    std::vector<int> m_full; // the use cases with a full section (fullSectionUseCases)
};

QString Builder::number(double v) const
{
    if (!std::isfinite(v))
        return u"—"_s;
    // Whole numbers without decimals; others with as many as they need, up to four.
    int decimals = 0;
    while (decimals < 4) {
        const double scaled = v * std::pow(10.0, decimals);
        if (std::abs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, std::abs(scaled)))
            break;
        ++decimals;
    }
    return m_nf.number(v, decimals).toHtmlEscaped();
}

QString Builder::fieldValue(const FieldInfo &info, double v) const
{
    switch (info.unit) {
    case ValueUnit::Money:
    case ValueUnit::MoneyPerHour:
    case ValueUnit::MoneyPerMillion:
        return std::abs(v) < 1.0 && v != 0 ? unitCost(v) : money(v);
    case ValueUnit::Share: {
        // As many decimals as the value needs: 3% → "3.0%", 0.25% → "0.25%".
        const double pct = v * 100.0;
        const int decimals = std::abs(pct * 10 - std::round(pct * 10)) > 1e-9 ? 2 : 1;
        return percent(v, decimals);
    }
    case ValueUnit::Count:
    case ValueUnit::Minutes:
    case ValueUnit::Months:
    case ValueUnit::MonthNumber:
    case ValueUnit::Tokens:
    case ValueUnit::Number:
        return number(v);
    }
    return number(v);
}

QString Builder::unitName(ValueUnit unit, const QString &currency)
{
    switch (unit) {
    case ValueUnit::Count:
        return u"count"_s;
    case ValueUnit::Money:
        return currency;
    case ValueUnit::MoneyPerHour:
        return currency + u" per hour"_s;
    case ValueUnit::MoneyPerMillion:
        return currency + u" per 1M tokens"_s;
    case ValueUnit::Share: // the value carries its % sign
    case ValueUnit::MonthNumber:
        return {};
    case ValueUnit::Minutes:
        return u"minutes"_s;
    case ValueUnit::Months:
        return u"months"_s;
    case ValueUnit::Tokens:
        return u"tokens"_s;
    case ValueUnit::Number:
        return u"value"_s;
    }
    return {};
}

void Builder::h1(const QString &html, bool newPage)
{
    m_out += u"<h1%1>%2</h1>\n"_s.arg(newPage ? u" class=\"page\""_s : QString(), html);
}

void Builder::para(const QString &html, const QString &cls)
{
    if (cls.isEmpty())
        m_out += u"<p>%1</p>\n"_s.arg(html);
    else
        m_out += u"<p class=\"%1\">%2</p>\n"_s.arg(cls, html);
}

void Builder::table(const Table &t)
{
    // A long table (the comparison of 200 use cases, hundreds of findings, the brief tables) is
    // cut into tables of 50 rows, each with its header: the PDF then lays out and draws the rows
    // of a page rather than walk the whole table for each of its pages.
    constexpr std::size_t kLongTable = 80;
    constexpr std::size_t kChunk = 50;
    if (t.rows.size() > kLongTable) {
        for (std::size_t from = 0; from < t.rows.size();) {
            std::size_t to = std::min(from + kChunk, t.rows.size());
            // Cut before a group row near the end, so a group stays with its rows.
            for (std::size_t back = to; to < t.rows.size() && back > to - 10; --back) {
                if (t.rows[back].cls == u"group"_s) {
                    to = back;
                    break;
                }
            }
            Table part;
            part.headers = t.headers;
            part.widths = t.widths;
            part.numeric = t.numeric;
            part.cls = t.cls;
            part.rows.assign(t.rows.begin() + static_cast<std::ptrdiff_t>(from),
                             t.rows.begin() + static_cast<std::ptrdiff_t>(to));
            table(part);
            from = to;
        }
        return;
    }
    m_out +=
        u"<table class=\"%1\" width=\"100%\" cellspacing=\"0\" cellpadding=\"4\">\n"_s.arg(t.cls);
    auto align = [&](int c) {
        return c < t.numeric.size() && t.numeric[c] ? u" align=\"right\""_s : u" align=\"left\""_s;
    };
    if (!t.headers.isEmpty()) {
        m_out += u"<thead><tr>"_s;
        for (int c = 0; c < t.headers.size(); ++c) {
            const QString width =
                c < t.widths.size() ? u" width=\"%1%\""_s.arg(t.widths[c]) : QString();
            m_out += u"<th%1%2>%3</th>"_s.arg(align(c), width, t.headers[c]);
        }
        m_out += u"</tr></thead>\n"_s;
    }
    m_out += u"<tbody>\n"_s;
    const int columns = std::max(static_cast<int>(t.headers.size()), 1);
    for (const auto &row : t.rows) {
        m_out += row.cls.isEmpty() ? u"<tr>"_s : u"<tr class=\"%1\">"_s.arg(row.cls);
        if (row.cls == u"group"_s) {
            m_out += u"<td colspan=\"%1\">%2</td>"_s.arg(columns).arg(row.cells.value(0));
        } else {
            for (int c = 0; c < row.cells.size(); ++c) {
                const QString width = t.headers.isEmpty() && c < t.widths.size()
                                          ? u" width=\"%1%\""_s.arg(t.widths[c])
                                          : QString();
                const bool numeric = c < t.numeric.size() && t.numeric[c];
                m_out += u"<td%1%2%3>%4</td>"_s.arg(
                    align(c), numeric ? u" class=\"n\""_s : QString(), width, row.cells[c]);
            }
        }
        m_out += u"</tr>\n"_s;
    }
    m_out += u"</tbody></table>\n"_s;
}

void Builder::chart(ChartKind kind, int useCase, int height, bool allScenarios)
{
    // Drawn at a fixed logical width and scaled to the page, so legends and labels lay out as
    // in the window and the type comes out a little smaller than the body text.
    const int index = static_cast<int>(m_charts.size());
    const QSize logical(kReportChartWidth, height);
    m_charts.push_back({kind, useCase, m_headline, logical, allScenarios});
    const int shownHeight =
        static_cast<int>(std::lround(height * double(m_width) / logical.width()));
    m_out += u"<p class=\"chart\" align=\"center\"><img src=\"%1%2\" width=\"%3\" height=\"%4\" "
             u"alt=\"%5\"></p>\n"_s.arg(QLatin1String(kChartScheme))
                 .arg(index)
                 .arg(m_width)
                 .arg(shownHeight)
                 .arg(chartTitle(kind).toHtmlEscaped());
}

QString Builder::range(int useCase, const std::function<QString(const CaseResult &)> &text) const
{
    if (m_res.scenarios.size() < 2)
        return {};
    if (m_worst >= 0 && m_best >= 0) {
        return u"%1 %2 · %3 %4"_s.arg(scenarioName(m_worst), text(result(useCase, m_worst)),
                                      scenarioName(m_best), text(result(useCase, m_best)));
    }
    QStringList parts;
    for (int s = 0; s < static_cast<int>(m_res.scenarios.size()); ++s) {
        if (s != m_headline)
            parts << u"%1 %2"_s.arg(scenarioName(s), text(result(useCase, s)));
    }
    return parts.join(u" · "_s);
}

void Builder::cover()
{
    const Settings &st = m_wb.settings;
    // QTextDocument ignores the top margin of the first paragraph: an empty one holds the space.
    m_out += u"<div class=\"cover\">\n<p class=\"spacer\">&nbsp;</p>\n"_s;
    if (!decodeLogo(st.logoPng).isNull())
        m_out += u"<p class=\"logo\"><img src=\"%1\" height=\"64\" alt=\"Logo\"></p>\n"_s.arg(
            QLatin1String(kLogoName));
    para(u"Return on AI spend · business case report"_s, u"eyebrow"_s);
    m_out += u"<h1 class=\"title\">%1</h1>\n"_s.arg(esc(st.name));
    QStringList names;
    for (const UseCase &uc : m_wb.useCases)
        names << esc(uc.name);
    // The use cases under the title, unless the one use case is what the title says already.
    if (!names.isEmpty() && !(names.size() == 1 && names.front() == esc(st.name)))
        para(names.join(u" · "_s), u"subtitle"_s);
    Table facts;
    facts.cls = u"facts"_s;
    facts.widths = {30, 70};
    facts.add({u"Date"_s, m_opt.locale.toString(m_today, u"d MMMM yyyy"_s).toHtmlEscaped()});
    if (!st.preparedBy.empty())
        facts.add({u"Prepared by"_s, esc(st.preparedBy)});
    facts.add({u"Horizon"_s, u"%1 months, %2 to %3"_s.arg(m_res.months)
                                 .arg(monthName(m_res.startMonth),
                                      monthName(m_res.startMonth.addMonths(m_res.months - 1)))});
    facts.add({u"Currency"_s, esc(st.currency)});
    facts.add({u"Discount rate"_s, u"%1 a year"_s.arg(percent(st.discountRate))});
    QStringList scenarios;
    for (int s = 0; s < static_cast<int>(m_res.scenarios.size()); ++s)
        scenarios << (s == m_headline ? u"%1 (headline)"_s.arg(scenarioName(s)) : scenarioName(s));
    facts.add({u"Scenarios"_s, scenarios.join(u", "_s)});
    table(facts);
    para(u"True cost of ownership counts every cost layer, not only the model invoice. Hard "
         u"benefit is shown after the risk discount. Soft value is reported in its own section "
         u"and %1."_s.arg(st.softValueInHeadline ? u"is counted in the headline, as the workbook "
                                                   u"setting asks"_s
                                                 : u"is not in the headline ROI"_s),
         u"covernote"_s);
    m_out += u"</div>\n"_s;
}

void Builder::summary()
{
    h1(u"Executive summary"_s);
    if (m_res.useCaseCount == 0 || m_res.scenarios.empty()) {
        para(u"The workbook has no use case yet: there is nothing to report."_s);
        return;
    }
    const int subject = m_res.useCaseCount == 1 ? 0 : -1;
    const CaseResult &r = result(subject, m_headline);
    const Kpis &k = r.kpis;
    const QString what = subject == 0
                             ? u"<b>%1</b>"_s.arg(esc(m_wb.useCases[0].name))
                             : u"the portfolio of <b>%1 use cases</b>"_s.arg(m_res.useCaseCount);
    QString lead =
        u"Over %1 months from %2, %3 costs <b>%4</b> in total — every cost layer, not only "
        u"the model invoice — and returns <b>%5</b> of hard benefit after the risk discount: an "
        u"ROI of <b>%6</b> in the %7 scenario"_s.arg(m_res.months)
            .arg(monthName(m_res.startMonth), what, money(k.tco), money(k.hardBenefit),
                 kpi(k.roiPercent, NumberFormat::Kind::Percent), scenarioName(m_headline));
    const QString roiRange = range(subject, [&](const CaseResult &c) {
        return kpi(c.kpis.roiPercent, NumberFormat::Kind::Percent);
    });
    lead += roiRange.isEmpty() ? u"."_s : u" (%1)."_s.arg(roiRange);
    para(lead, u"lead"_s);
    // Cashable vs capacity, the hurdle rate and the maturity stage (stagesummary.h).
    for (const QString &line :
         {cashableHtml(m_wb, k, m_nf), hurdleHtml(k, m_nf), stageSignalsHtml(m_wb, subject)}) {
        if (!line.isEmpty())
            para(line);
    }

    // The three numbers leadership asks for, then NPV, payback and cost per outcome.
    struct Tile
    {
        QString label;
        QString value;
        QString range;
    };
    auto moneyOf = [&](double Kpis::*m) {
        return [this, m](const CaseResult &c) {
            return money(c.kpis.*m);
        };
    };
    const Tile tiles[] = {
        {u"True TCO"_s, money(k.tco), range(subject, moneyOf(&Kpis::tco))},
        {u"Hard benefit (after risk discount)"_s, money(k.hardBenefit),
         range(subject, moneyOf(&Kpis::hardBenefit))},
        {roiTitle(m_wb, subject), kpi(k.roiPercent, NumberFormat::Kind::Percent), roiRange},
        {u"NPV at %1 a year"_s.arg(percent(m_wb.settings.discountRate)), money(k.npv),
         range(subject, moneyOf(&Kpis::npv))},
        {k.paybackMonth.ok() ? u"Payback month (%1)"_s.arg(monthName(m_res.startMonth.addMonths(
             std::max(1, static_cast<int>(std::ceil(k.paybackMonth.value))) - 1)))
                             : u"Payback"_s,
         k.paybackMonth.ok() ? m_nf.number(k.paybackMonth.value, 1)
                             : kpi(k.paybackMonth, NumberFormat::Kind::Month),
         range(subject,
               [&](const CaseResult &c) {
                   return c.kpis.paybackMonth.ok()
                              ? u"month %1"_s.arg(m_nf.number(c.kpis.paybackMonth.value, 1))
                              : kpi(c.kpis.paybackMonth, NumberFormat::Kind::Month);
               })},
        // Use cases count different outcomes: the portfolio has no cost per outcome.
        k.costPerOutcome.ok()
            ? Tile{u"Cost per outcome"_s, kpi(k.costPerOutcome, NumberFormat::Kind::UnitCost),
                   range(subject,
                         [&](const CaseResult &c) {
                             return kpi(c.kpis.costPerOutcome, NumberFormat::Kind::UnitCost);
                         })}
            : Tile{u"Soft value (not in the ROI)"_s, money(k.softValue),
                   range(subject, moneyOf(&Kpis::softValue))},
    };
    m_out += u"<table class=\"tiles\" width=\"100%\" cellspacing=\"6\" cellpadding=\"8\">\n"_s;
    for (int row = 0; row < 2; ++row) {
        m_out += u"<tr>"_s;
        for (int c = 0; c < 3; ++c) {
            const Tile &t = tiles[row * 3 + c];
            m_out += u"<td width=\"33%\" class=\"%1\"><p class=\"tilelabel\">%2</p>"
                     u"<p class=\"tilevalue\">%3</p><p class=\"tilerange\">%4</p></td>"_s.arg(
                         row == 0 ? u"tile key"_s : u"tile"_s, t.label, t.value,
                         t.range.isEmpty() ? u"&nbsp;"_s : t.range);
        }
        m_out += u"</tr>\n"_s;
    }
    m_out += u"</table>\n"_s;
    para(u"%1 scenario; the line under each figure gives the range across scenarios. Amounts "
         u"are totals over the %2-month horizon in %3."_s.arg(scenarioName(m_headline))
             .arg(m_res.months)
             .arg(esc(m_wb.settings.currency)),
         u"note"_s);
    chart(ChartKind::CumulativeNet, subject, 400);

    if (subject == 0) {
        const UseCase &uc = m_wb.useCases[0];
        const RunRate &rr = r.runRate;
        h2(u"Run rate"_s);
        para(u"At steady state the use case costs <b>%1 a month</b>: <b>%2 per %3</b> against "
             u"%4 from the model invoice alone, and %5 per outcome (%6)."_s.arg(
                 money(rr.tco), kpi(rr.costPerUnit, NumberFormat::Kind::UnitCost),
                 esc(uc.baseline.unit), kpi(rr.invoicePerUnit, NumberFormat::Kind::UnitCost),
                 rr.costPerOutcome.ok() ? money(rr.costPerOutcome.value)
                                        : kpi(rr.costPerOutcome, NumberFormat::Kind::UnitCost),
                 esc(uc.outcome.name)));
    } else {
        h2(u"Use cases at a glance"_s);
        std::vector<int> order(static_cast<std::size_t>(m_res.useCaseCount));
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            return m_res.at(a, m_headline).kpis.npv > m_res.at(b, m_headline).kpis.npv;
        });
        Table t;
        t.headers = {u"Use case (by NPV)"_s,
                     u"True TCO"_s,
                     u"Hard benefit"_s,
                     u"ROI"_s,
                     u"NPV"_s,
                     u"Payback"_s};
        t.numeric = {false, true, true, true, true, true};
        t.widths = {26, 16, 16, 12, 16, 14};
        // A long portfolio: the ten best and the five worst; the rest are compared in full
        // under "Use cases compared".
        const bool shorten = static_cast<int>(order.size()) > kAutoFullSectionsUpTo;
        for (std::size_t i = 0; i < order.size(); ++i) {
            const int u = order[i];
            if (shorten && i >= 10 && i + 5 < order.size()) {
                if (i == 10)
                    t.add({u"… %1 more, compared in full under “Use cases compared”"_s.arg(
                              order.size() - 15)},
                          u"group"_s);
                continue;
            }
            const Kpis &uk = m_res.at(u, m_headline).kpis;
            t.add({esc(m_wb.useCases[static_cast<std::size_t>(u)].name), money(uk.tco),
                   money(uk.hardBenefit), kpi(uk.roiPercent, NumberFormat::Kind::Percent),
                   money(uk.npv),
                   uk.paybackMonth.ok() ? u"month %1"_s.arg(m_nf.number(uk.paybackMonth.value, 1))
                                        : kpi(uk.paybackMonth, NumberFormat::Kind::Month)});
        }
        t.add({u"Portfolio"_s, money(k.tco), money(k.hardBenefit),
               kpi(k.roiPercent, NumberFormat::Kind::Percent), money(k.npv),
               k.paybackMonth.ok() ? u"month %1"_s.arg(m_nf.number(k.paybackMonth.value, 1))
                                   : kpi(k.paybackMonth, NumberFormat::Kind::Month)},
              u"total"_s);
        table(t);
    }

    h2(u"Soft value and model checks"_s);
    QString soft = k.softValue > 0
                       ? u"Soft value of %1 over the horizon is reported in its own section and "
                         u"%2."_s.arg(money(k.softValue),
                                      m_wb.settings.softValueInHeadline
                                          ? u"is counted in the headline (workbook setting)"_s
                                          : u"is not in the figures above"_s)
                       : u"No soft value with a money value is recorded."_s;
    int errors = 0;
    int warnings = 0;
    for (const Finding &f : m_res.findings) {
        errors += f.severity == Severity::Error ? 1 : 0;
        warnings += f.severity == Severity::Warning ? 1 : 0;
    }
    auto count = [](int n, const QString &one, const QString &many) {
        return n == 1 ? u"1 "_s + one : QString::number(n) + u' ' + many;
    };
    QStringList raised;
    if (errors > 0)
        raised << count(errors, u"error"_s, u"errors"_s);
    if (warnings > 0)
        raised << count(warnings, u"warning"_s, u"warnings"_s);
    const int infos = static_cast<int>(m_res.findings.size()) - errors - warnings;
    if (infos > 0)
        raised << count(infos, u"note"_s, u"notes"_s);
    const QString checks =
        raised.isEmpty()
            ? u"The model checks raise no red flag."_s
            : u"The model checks raise %1; each is listed with its fix under “Model checks”."_s.arg(
                raised.join(u" and "_s));
    para(soft + u" "_s + checks);
}

void Builder::scenarioTable(int u)
{
    const int count = static_cast<int>(m_res.scenarios.size());
    const QString rate = percent(m_wb.settings.discountRate);
    struct KpiRow
    {
        QString label;
        std::function<QString(const Kpis &)> text;
        bool strong;
    };
    std::vector<KpiRow> rows = {
        {u"True TCO"_s, [&](const Kpis &k) { return money(k.tco); }, true},
        {u"Hard benefit before risk discount"_s,
         [&](const Kpis &k) { return money(k.hardBenefitGross); }, false},
        {u"Risk discount"_s, [&](const Kpis &k) { return money(-k.riskDiscount); }, false},
        {u"Hard benefit"_s, [&](const Kpis &k) { return money(k.hardBenefit); }, true},
        {u"ROI"_s, [&](const Kpis &k) { return kpi(k.roiPercent, NumberFormat::Kind::Percent); },
         true},
    };
    const std::size_t years =
        u < 0 ? m_res.portfolio[0].kpis.roiPerYear.size() : m_res.at(u, 0).kpis.roiPerYear.size();
    if (years > 1) {
        for (std::size_t y = 0; y < years; ++y) {
            rows.push_back({u"ROI in year %1"_s.arg(y + 1),
                            [this, y](const Kpis &k) {
                                return y < k.roiPerYear.size()
                                           ? kpi(k.roiPerYear[y], NumberFormat::Kind::Percent)
                                           : QString();
                            },
                            false});
        }
    }
    const std::vector<KpiRow> more = {
        {u"NPV at %1 a year"_s.arg(rate), [&](const Kpis &k) { return money(k.npv); }, true},
        {u"IRR (annual)"_s,
         [&](const Kpis &k) {
             return kpi(k.irrAnnual, NumberFormat::Kind::Irr)
                    + (k.irrCount > 1 ? u" †"_s : QString());
         },
         false},
        {u"Payback month"_s, [&](const Kpis &k) { return payback(k.paybackMonth); }, true},
        {u"Cost per outcome"_s,
         [&](const Kpis &k) { return kpi(k.costPerOutcome, NumberFormat::Kind::UnitCost); }, false},
        {u"Cost per inference"_s,
         [&](const Kpis &k) { return kpi(k.costPerInference, NumberFormat::Kind::UnitCost); },
         false},
        {u"AI gross margin"_s,
         [&](const Kpis &k) { return kpi(k.aiGrossMargin, NumberFormat::Kind::Fraction); }, false},
        {u"Soft value (apart)"_s, [&](const Kpis &k) { return money(k.softValue); }, false},
    };
    rows.insert(rows.end(), more.begin(), more.end());
    // Five scenarios per table keep the columns readable; more go in further tables.
    for (int first = 0; first < count; first += 5) {
        const int last = std::min(count, first + 5);
        Table t;
        t.headers << u"Over %1 months"_s.arg(m_res.months);
        t.numeric << false;
        const int labelWidth = 100 - 16 * (last - first);
        t.widths << std::max(labelWidth, 20);
        for (int s = first; s < last; ++s) {
            t.headers << (s == m_headline ? u"%1 ●"_s.arg(scenarioName(s)) : scenarioName(s));
            t.numeric << true;
            t.widths << 16;
        }
        for (const KpiRow &row : rows) {
            QStringList cells{row.label};
            for (int s = first; s < last; ++s)
                cells << row.text(result(u, s).kpis);
            t.add(cells, row.strong ? u"strong"_s : QString());
        }
        table(t);
    }
    para(u"● headline scenario. Hard benefit excludes soft value; ROI = (hard benefit − TCO) / "
         u"TCO%1. Payback: the month the cumulative net turns non-negative."_s.arg(
             m_wb.settings.softValueInHeadline ? u", soft value added as the workbook asks"_s
                                               : QString()),
         u"note"_s);
    int severalIrrs = 0;
    for (int s = 0; s < count; ++s)
        severalIrrs = std::max(severalIrrs, result(u, s).kpis.irrCount);
    if (severalIrrs > 1) {
        para(u"† The monthly cash flows change sign more than once and have several IRRs; the "
             u"one nearest zero is shown. Judge the case on its NPV."_s,
             u"note"_s);
    }
}

void Builder::runRate(int u)
{
    const UseCase &uc = m_wb.useCases[static_cast<std::size_t>(u)];
    const CaseResult &r = m_res.at(u, m_headline);
    const RunRate &rr = r.runRate;
    h2(u"Invoice vs true cost — monthly run rate"_s);
    para(u"The steady month: baseline volume handled at full adoption and today's prices, %1 "
         u"scenario (%2 %3s handled a month). One-time costs are listed apart."_s.arg(
             scenarioName(m_headline), number(std::round(rr.handled)), esc(uc.baseline.unit)));
    Table t;
    t.headers = {u"Cost layer"_s, u"Category"_s, u"Type"_s, u"Per month"_s, u"Share of TCO"_s};
    t.numeric = {false, false, false, true, true};
    t.widths = {32, 24, 16, 16, 12};
    for (std::size_t i = 0; i < uc.layers.size(); ++i) {
        const CostLayer &l = uc.layers[i];
        if (l.type == LayerType::OneTime)
            continue;
        const double v = i < rr.costByLayer.size() ? rr.costByLayer[i] : 0.0;
        t.add({esc(l.name), label(l.category), label(l.type), money(v),
               rr.tco > 0 ? percent(v / rr.tco) : u"—"_s},
              l.type == LayerType::TokenUsage ? u"invoice"_s : QString());
    }
    t.add({u"True TCO per month"_s, QString(), QString(), money(rr.tco),
           rr.tco > 0 ? percent(1.0) : u"—"_s},
          u"total"_s);
    t.add({u"Model invoice alone"_s, QString(), QString(), money(rr.tokenCost),
           rr.tco > 0 ? percent(rr.tokenCost / rr.tco) : u"—"_s},
          u"sub"_s);
    table(t);

    Table unitTable;
    unitTable.headers = {u"Unit cost at run rate"_s, u"True cost"_s, u"Model invoice alone"_s};
    unitTable.numeric = {false, true, true};
    unitTable.widths = {50, 25, 25};
    unitTable.add({u"Per %1"_s.arg(esc(uc.baseline.unit)),
                   kpi(rr.costPerUnit, NumberFormat::Kind::UnitCost),
                   kpi(rr.invoicePerUnit, NumberFormat::Kind::UnitCost)});
    const double outcomes = rr.handled * uc.outcome.perUnit;
    unitTable.add({u"Per outcome (%1)"_s.arg(esc(uc.outcome.name)),
                   kpi(rr.costPerOutcome, NumberFormat::Kind::UnitCost),
                   outcomes > 0 ? unitCost(rr.tokenCost / outcomes) : u"—"_s});
    if (uc.baseline.costPerUnit > 0)
        unitTable.add({u"Per %1 today, before AI (baseline)"_s.arg(esc(uc.baseline.unit)),
                       unitCost(uc.baseline.costPerUnit), QString()},
                      u"sub"_s);
    table(unitTable);
    QStringList facts;
    if (rr.costPerOutcome.ok())
        facts << u"Rounded to the cent: <b>%1 per outcome</b> (%2)."_s.arg(
            money(rr.costPerOutcome.value), esc(uc.outcome.name));
    if (rr.tokenCost > 0)
        facts << u"The true cost is %1 times the model invoice."_s.arg(
            m_nf.number(rr.tco / rr.tokenCost, 1));
    if (!facts.isEmpty())
        para(facts.join(u" "_s));

    Table once;
    once.headers = {u"One-time cost"_s, u"Category"_s, u"Amount"_s, u"When"_s};
    once.numeric = {false, false, true, false};
    once.widths = {32, 24, 16, 28};
    double onceTotal = 0;
    for (const CostLayer &l : uc.layers) {
        if (l.type != LayerType::OneTime)
            continue;
        onceTotal += l.amount;
        const int spread = static_cast<int>(l.spreadMonths);
        once.add({esc(l.name), label(l.category), money(l.amount),
                  horizonMonth(l.month)
                      + (spread > 1 ? u", spread over %1 months"_s.arg(spread) : QString())});
    }
    if (!once.rows.empty()) {
        if (once.rows.size() > 1)
            once.add({u"One-time total"_s, QString(), money(onceTotal), QString()}, u"total"_s);
        table(once);
    }
    int recurring = 0;
    for (const CostLayer &l : uc.layers)
        recurring += l.type == LayerType::OneTime ? 0 : 1;
    chart(ChartKind::InvoiceVsTrueCost, u, std::clamp(140 + 44 * recurring, 260, 520));
}

void Builder::hardValue(int u)
{
    const UseCase &uc = m_wb.useCases[static_cast<std::size_t>(u)];
    const CaseResult &r = m_res.at(u, m_headline);
    h2(u"Hard value by driver"_s);
    Table t;
    t.headers = {u"Driver"_s,     u"Kind"_s,  u"ROI term"_s,
                 u"Value area"_s, u"Gross"_s, u"After risk discount"_s};
    t.numeric = {false, false, false, false, true, true};
    t.widths = {25, 16, 14, 15, 15, 15};
    double gross = 0;
    double net = 0;
    for (int d = 0; d < static_cast<int>(uc.drivers.size()); ++d) {
        const ValueDriver &v = uc.drivers[static_cast<std::size_t>(d)];
        if (!v.hard)
            continue;
        const double g = sum(r.driverGross(d));
        const double n = sum(r.driverNet(d));
        gross += g;
        net += n;
        t.add({esc(v.name), label(v.kind), label(v.term), label(v.area), money(g), money(n)});
    }
    if (t.rows.empty()) {
        para(u"No hard value driver is entered: the use case claims no hard benefit."_s);
        return;
    }
    t.add({u"Hard benefit over %1 months"_s.arg(m_res.months), QString(), QString(), QString(),
           money(gross), money(net)},
          u"total"_s);
    table(t);
    para(u"%1 scenario, totals over the horizon. “ROI term” is the term of the ROI numerator the "
         u"driver adds to."_s.arg(scenarioName(m_headline)),
         u"note"_s);
}

void Builder::riskDiscount(int u)
{
    const UseCase &uc = m_wb.useCases[static_cast<std::size_t>(u)];
    const Kpis &k = m_res.at(u, m_headline).kpis;
    h2(u"Risk discount: gross → discount → net"_s);
    Table t;
    t.headers = {u"Step"_s, u"Haircut"_s, u"Amount"_s};
    t.numeric = {false, true, true};
    t.widths = {60, 16, 24};
    t.add({u"Gross hard benefit, before the risk discount"_s, QString(), money(k.hardBenefitGross)},
          u"strong"_s);
    // Each haircut applies to what the previous ones left: gross × (1 − a)(1 − b)(1 − c).
    const double rates[] = {uc.risk.hallucination, uc.risk.humanOverride, uc.risk.dataExposure};
    double remaining = k.hardBenefitGross;
    const auto fields = riskFields();
    for (std::size_t i = 0; i < fields.size() && i < std::size(rates); ++i) {
        const double lost = remaining * rates[i];
        remaining -= lost;
        t.add({u"− %1"_s.arg(qs(fields[i].info.label).toHtmlEscaped()),
               fieldValue(fields[i].info, rates[i]), money(-lost)},
              u"sub"_s);
    }
    const double combined =
        k.hardBenefitGross > 0 ? k.riskDiscount / k.hardBenefitGross : 1.0 - uc.risk.factor();
    t.add({u"Risk discount (combined haircut)"_s, percent(combined), money(-k.riskDiscount)});
    t.add({u"Net hard benefit, in the ROI"_s, QString(), money(k.hardBenefit)}, u"total"_s);
    table(t);
    if (k.hardBenefitGross > 0 && std::abs(combined - (1.0 - uc.risk.factor())) > 1e-9)
        para(u"The %1 scenario adjusts the haircuts; the combined haircut and the amounts come "
             u"from the scenario's results."_s.arg(scenarioName(m_headline)),
             u"note"_s);
}

void Builder::softValue(int u)
{
    const UseCase &uc = m_wb.useCases[static_cast<std::size_t>(u)];
    const CaseResult &r = m_res.at(u, m_headline);
    const bool inHeadline = m_wb.settings.softValueInHeadline;
    h2(inHeadline ? u"Soft value — counted in the headline (workbook setting)"_s
                  : u"Soft value — reported apart, not in the headline ROI"_s);
    Table t;
    t.headers = {
        u"Driver"_s,          u"Metric"_s, u"Today"_s, u"Target"_s, u"Money value a month"_s,
        u"Over the horizon"_s};
    t.numeric = {false, false, true, true, true, true};
    t.widths = {24, 20, 11, 11, 17, 17};
    double total = 0;
    for (int d = 0; d < static_cast<int>(uc.drivers.size()); ++d) {
        const ValueDriver &v = uc.drivers[static_cast<std::size_t>(d)];
        if (v.hard)
            continue;
        const double horizon = sum(r.driverGross(d));
        total += horizon;
        const bool metric = v.kind == DriverKind::SoftValue;
        t.add({esc(v.name), metric ? esc(v.metric) : label(v.kind),
               metric ? number(v.metricBaseline) : QString(),
               metric ? number(v.metricTarget) : QString(),
               metric ? money(v.moneyValue) : QString(), money(horizon)});
    }
    if (t.rows.empty()) {
        para(u"No soft value is recorded for this use case."_s);
        return;
    }
    if (t.rows.size() > 1)
        t.add({u"Soft value"_s, QString(), QString(), QString(), QString(), money(total)},
              u"total"_s);
    table(t);
    para(inHeadline ? u"The workbook counts soft value in the headline benefit; a finance "
                      u"reviewer will usually ask for it to be taken out."_s
                    : u"Soft value is tracked to show progress; it is not part of the hard "
                      u"benefit, the ROI, the NPV or the payback above."_s,
         u"note"_s);
}

void Builder::findingsTable(const std::vector<const Finding *> &findings, bool showUseCase)
{
    Table t;
    t.headers = {u"Severity"_s, u"Finding and fix"_s};
    t.widths = {14, 86};
    for (const Finding *f : findings) {
        QStringList where;
        if (showUseCase && f->useCase >= 0 && f->useCase < static_cast<int>(m_wb.useCases.size()))
            where << u"use case %1"_s.arg(
                esc(m_wb.useCases[static_cast<std::size_t>(f->useCase)].name));
        if (!f->scenario.empty())
            where << u"%1 scenario"_s.arg(esc(f->scenario));
        if (!f->input.empty())
            where << u"input <span class=\"code\">%1</span>"_s.arg(esc(f->input));
        QString text =
            u"%1<br><span class=\"fix\">Fix: %2</span>"_s.arg(esc(f->message), esc(f->fix));
        if (!where.isEmpty())
            text += u"<br><span class=\"where\">%1</span>"_s.arg(where.join(u" · "_s));
        t.add({u"<span class=\"%1\">%2</span>"_s.arg(qs(enumName(f->severity)), label(f->severity)),
               text});
    }
    table(t);
}

void Builder::useCase(int u)
{
    const UseCase &uc = m_wb.useCases[static_cast<std::size_t>(u)];
    const Baseline &b = uc.baseline;
    h1(esc(uc.name));
    if (!uc.description.empty())
        para(esc(uc.description), u"lead"_s);
    Table facts;
    facts.cls = u"facts"_s;
    facts.widths = {22, 28, 22, 28};
    facts.add(
        {u"Unit of work"_s, esc(b.unit), u"Outcome"_s,
         u"%1 (%2 per %3)"_s.arg(esc(uc.outcome.name), number(uc.outcome.perUnit), esc(b.unit))});
    facts.add({u"Baseline volume"_s, u"%1 a month"_s.arg(number(b.volume)), u"Baseline captured"_s,
               date(b.capturedOn)});
    facts.add({u"Go-live"_s, monthName(uc.ramp.goLive), u"Ramp-up"_s,
               u"%1 months, %2"_s.arg(number(uc.ramp.rampMonths), inlineLabel(uc.ramp.curve))});
    facts.add({u"Steady adoption"_s, percent(uc.ramp.steadyAdoption), u"Maturity stage"_s,
               label(uc.maturity)});
    table(facts);
    if (!b.source.empty())
        para(u"Baseline source: %1 (captured %2)."_s.arg(esc(b.source), date(b.capturedOn)),
             u"note"_s);
    para(stageSignalsHtml(m_wb, u) + u"<br>"_s + reviewDatesHtml(uc), u"note"_s);

    h2(u"Scenarios"_s);
    scenarioTable(u);
    if (m_res.useCaseCount > 1)
        chart(ChartKind::CumulativeNet, u, 400);
    runRate(u);
    hardValue(u);
    riskDiscount(u);
    chart(ChartKind::CostVsBenefit, u, 400);
    m_out += leversReportSection(m_wb, m_res, u, m_headline, m_nf, m_width, m_charts);
    softValue(u);
    std::vector<const Finding *> own;
    for (const Finding &f : m_res.findings) {
        if (f.useCase == u)
            own.push_back(&f);
    }
    if (!own.empty()) {
        h2(u"Model checks for this use case"_s);
        findingsTable(own, false);
    }
}

void Builder::comparison()
{
    h1(u"Use cases compared"_s);
    para(u"%1 scenario, totals over %2 months, ranked by NPV."_s.arg(scenarioName(m_headline))
             .arg(m_res.months),
         u"note"_s);
    std::vector<int> order(static_cast<std::size_t>(m_res.useCaseCount));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return m_res.at(a, m_headline).kpis.npv > m_res.at(b, m_headline).kpis.npv;
    });
    Table t;
    t.headers = {u"#"_s,   u"Use case"_s, u"True TCO"_s,        u"Hard benefit"_s,
                 u"ROI"_s, u"NPV"_s,      u"Payback (month)"_s, u"Cost per outcome"_s};
    t.numeric = {true, false, true, true, true, true, true, true};
    t.widths = {4, 22, 14, 14, 10, 14, 10, 12};
    int rank = 0;
    for (int u : order) {
        const Kpis &k = m_res.at(u, m_headline).kpis;
        t.add({QString::number(++rank), esc(m_wb.useCases[static_cast<std::size_t>(u)].name),
               money(k.tco), money(k.hardBenefit), kpi(k.roiPercent, NumberFormat::Kind::Percent),
               money(k.npv),
               k.paybackMonth.ok() ? m_nf.number(k.paybackMonth.value, 1)
                                   : kpi(k.paybackMonth, NumberFormat::Kind::Month),
               kpi(k.costPerOutcome, NumberFormat::Kind::UnitCost)});
    }
    table(t);
    chart(ChartKind::Comparison, 0, 400);
    h2(u"Portfolio by scenario"_s);
    scenarioTable(-1);
}

void Builder::portfolioOverview()
{
    // A portfolio too long to give every use case its own section: how the use cases spread,
    // the best and the worst by the chosen KPI, and which ones have a section of their own.
    h1(u"Portfolio overview"_s);
    const int count = m_res.useCaseCount;
    int payBack = 0;
    int negative = 0;
    for (int u = 0; u < count; ++u) {
        const Kpis &k = m_res.at(u, m_headline).kpis;
        payBack += k.paybackMonth.ok() ? 1 : 0;
        negative += k.npv < 0 ? 1 : 0;
    }
    const QString rankName = rankKpiLabel(m_opt.rankBy);
    para(u"%1 use cases, %2 scenario, over %3 months: %4 pay back within the horizon and %5 "
         u"have a negative NPV. Ranked by %6."_s.arg(count)
             .arg(scenarioName(m_headline))
             .arg(m_res.months)
             .arg(payBack)
             .arg(negative)
             .arg(rankName),
         u"lead"_s);
    const std::vector<int> ranked = rankedUseCases(m_res, m_headline, m_opt.rankBy);
    auto rankTable = [&](std::size_t from, std::size_t to) {
        Table t;
        t.headers = {u"#"_s,   u"Use case"_s, u"True TCO"_s, u"Hard benefit"_s,
                     u"ROI"_s, u"NPV"_s,      u"Payback"_s};
        t.numeric = {true, false, true, true, true, true, true};
        t.widths = {5, 29, 15, 15, 10, 15, 11};
        for (std::size_t i = from; i < to; ++i) {
            const int u = ranked[i];
            const Kpis &k = m_res.at(u, m_headline).kpis;
            t.add({QString::number(i + 1), esc(m_wb.useCases[static_cast<std::size_t>(u)].name),
                   money(k.tco), money(k.hardBenefit),
                   kpi(k.roiPercent, NumberFormat::Kind::Percent), money(k.npv),
                   k.paybackMonth.ok() ? m_nf.number(k.paybackMonth.value, 1)
                                       : kpi(k.paybackMonth, NumberFormat::Kind::Month)});
        }
        table(t);
    };
    const std::size_t shown = std::min<std::size_t>(10, ranked.size());
    h2(u"The %1 best by %2"_s.arg(shown).arg(rankName));
    rankTable(0, shown);
    if (ranked.size() > shown) {
        const std::size_t worst = std::min<std::size_t>(10, ranked.size() - shown);
        h2(u"The %1 weakest by %2"_s.arg(worst).arg(rankName));
        rankTable(ranked.size() - worst, ranked.size());
    }
    h2(u"What this report covers"_s);
    QStringList names;
    for (int u : m_full)
        names << esc(m_wb.useCases[static_cast<std::size_t>(u)].name);
    para(m_full.empty()
             ? u"No use case has a section of its own. Every use case is ranked under “Use cases "
               u"compared” and summarised in a table under “Use cases in brief”."_s
             : u"%1 of the %2 use cases have a section of their own: %3. Every use case is ranked "
               u"under “Use cases compared” and summarised in a table under “Use cases in "
               u"brief”."_s.arg(m_full.size())
                   .arg(count)
                   .arg(names.join(u", "_s)));
}

void Builder::useCasesInBrief()
{
    // Each use case's KPIs in every scenario, in workbook order: one table with a group row per
    // use case, which pages like any long table (no heading to keep with its table).
    h1(u"Use cases in brief"_s);
    para(u"Every use case's totals over %1 months by scenario, in workbook order; the %2 "
         u"scenario in bold."_s.arg(m_res.months)
             .arg(scenarioName(m_headline)),
         u"note"_s);
    Table t;
    t.headers = {u"Scenario"_s, u"True TCO"_s, u"Hard benefit"_s, u"ROI"_s, u"NPV"_s, u"Payback"_s};
    t.numeric = {false, true, true, true, true, true};
    t.widths = {20, 18, 18, 12, 18, 14};
    for (int u = 0; u < m_res.useCaseCount; ++u) {
        const UseCase &uc = m_wb.useCases[static_cast<std::size_t>(u)];
        t.add({u"<b>%1</b> · %2 a month of %3"_s.arg(esc(uc.name), number(uc.baseline.volume),
                                                     esc(uc.baseline.unit))},
              u"group"_s);
        for (int s = 0; s < static_cast<int>(m_res.scenarios.size()); ++s) {
            const Kpis &k = m_res.at(u, s).kpis;
            t.add({scenarioName(s), money(k.tco), money(k.hardBenefit),
                   kpi(k.roiPercent, NumberFormat::Kind::Percent), money(k.npv),
                   k.paybackMonth.ok() ? m_nf.number(k.paybackMonth.value, 1)
                                       : kpi(k.paybackMonth, NumberFormat::Kind::Month)},
                  s == m_headline ? u"strong"_s : QString());
        }
    }
    table(t);
}

void Builder::modelChecks()
{
    // A clean bill of health is two lines: it follows on the page before rather than take one.
    h1(u"Model checks"_s, !m_res.findings.empty());
    para(u"What a finance reviewer would question in this business case, with the input "
         u"concerned and a one-line fix. Errors undermine the headline figures; warnings need an "
         u"explanation."_s,
         u"note"_s);
    if (m_res.findings.empty()) {
        para(u"No red flag: every model check passes."_s);
        return;
    }
    std::vector<const Finding *> all;
    for (const Finding &f : m_res.findings)
        all.push_back(&f);
    std::stable_sort(all.begin(), all.end(), [](const Finding *a, const Finding *b) {
        return static_cast<int>(a->severity) > static_cast<int>(b->severity);
    });
    findingsTable(all, true);
}

void Builder::appendix()
{
    h1(u"Appendix — assumptions"_s);
    para(u"Every input of the model as entered, with its unit; scenarios change some of them as "
         u"listed under “Scenarios”."_s,
         u"note"_s);
    const QString cur = esc(m_wb.settings.currency);
    h2(u"Workbook settings"_s);
    {
        Table t;
        t.headers = {u"Setting"_s, u"Value"_s, u"Unit"_s};
        t.numeric = {false, true, false};
        t.widths = {44, 30, 26};
        t.add({u"Currency"_s, cur, QString()});
        t.add({u"Start month"_s, monthName(m_res.startMonth), QString()});
        t.add({u"Horizon"_s, QString::number(m_wb.settings.horizonMonths), u"months"_s});
        for (const auto &f : settingsFields())
            t.add({qs(f.info.label).toHtmlEscaped(), fieldValue(f.info, m_wb.settings.*f.member),
                   unitName(f.info.unit, cur)});
        t.add({u"Soft value in the headline"_s,
               m_wb.settings.softValueInHeadline ? u"yes"_s : u"no"_s, QString()});
        if (!m_wb.settings.preparedBy.empty())
            t.add({u"Prepared by"_s, esc(m_wb.settings.preparedBy), QString()});
        table(t);
    }
    h2(u"Price book"_s);
    if (m_wb.priceBook.empty()) {
        para(u"The price book is empty."_s);
    } else {
        Table t;
        t.headers << u"Model"_s;
        t.numeric << false;
        t.widths << 28;
        for (const auto &f : priceFields()) {
            t.headers << u"%1 (%2)"_s.arg(qs(f.info.label).toHtmlEscaped(),
                                          unitName(f.info.unit, cur));
            t.numeric << true;
            t.widths << 18;
        }
        t.headers << u"Quoted on"_s;
        t.numeric << true;
        t.widths << 18;
        for (const PriceEntry &p : m_wb.priceBook) {
            QStringList cells{esc(p.model)};
            for (const auto &f : priceFields())
                cells << fieldValue(f.info, p.*f.member);
            cells << date(p.asOf);
            t.add(cells);
        }
        table(t);
    }
    h2(u"Scenarios"_s);
    for (const Scenario &s : m_wb.scenarios) {
        h3(esc(s.name));
        if (!s.description.empty())
            para(esc(s.description));
        if (s.adjustments.empty()) {
            para(u"No adjustment: the inputs as entered."_s, u"note"_s);
            continue;
        }
        Table t;
        t.headers = {u"Input"_s, u"Named input"_s, u"Change"_s, u"Applies to"_s};
        t.numeric = {false, false, true, false};
        t.widths = {32, 32, 12, 24};
        for (const Adjustment &a : s.adjustments) {
            const auto path = InputPath::parse(a.input);
            const FieldInfo *info = path ? path->info() : nullptr;
            const QString change = u"%1 %2"_s.arg(label(a.op), number(a.value));
            t.add({info ? qs(info->label).toHtmlEscaped() : esc(a.input),
                   u"<span class=\"code\">%1</span>"_s.arg(esc(a.input)), change,
                   a.useCase.empty() ? u"every use case"_s : esc(a.useCase)});
        }
        table(t);
    }
    for (int u : m_full)
        appendixUseCase(u);
}

void Builder::appendixUseCase(int u)
{
    const UseCase &uc = m_wb.useCases[static_cast<std::size_t>(u)];
    const QString cur = esc(m_wb.settings.currency);
    // Each use case's inputs begin a page: the PDF lays out each as its own section, so a long
    // appendix costs the same per page as a short one.
    m_out += u"<h2 class=\"page\">Inputs: %1</h2>\n"_s.arg(esc(uc.name));
    auto newTable = [] {
        Table t;
        t.headers = {u"Input"_s, u"Value"_s, u"Unit"_s, u"Named input"_s};
        t.numeric = {false, true, false, false};
        t.widths = {36, 20, 18, 26};
        return t;
    };
    auto key = [](const QString &k) {
        return u"<span class=\"code\">%1</span>"_s.arg(k);
    };

    h3(u"Baseline"_s);
    {
        Table t = newTable();
        t.add({u"Captured on"_s, date(uc.baseline.capturedOn), u"date"_s,
               key(u"baseline.capturedOn"_s)});
        t.add({u"Unit of work"_s, esc(uc.baseline.unit), QString(), key(u"baseline.unit"_s)});
        for (const auto &f : baselineFields())
            t.add({qs(f.info.label).toHtmlEscaped(), fieldValue(f.info, uc.baseline.*f.member),
                   unitName(f.info.unit, cur), key(u"baseline."_s + qs(f.info.key))});
        for (const auto &f : outcomeFields())
            t.add({qs(f.info.label).toHtmlEscaped(), fieldValue(f.info, uc.outcome.*f.member),
                   unitName(f.info.unit, cur), key(u"outcome."_s + qs(f.info.key))});
        t.add({u"Outcome"_s, esc(uc.outcome.name), QString(), key(u"outcome.name"_s)});
        table(t);
        para(u"Source: %1."_s.arg(uc.baseline.source.empty() ? u"not given"_s
                                                             : esc(uc.baseline.source)),
             u"note"_s);
        if (!uc.baseline.notes.empty())
            para(u"Notes: %1"_s.arg(esc(uc.baseline.notes)), u"note"_s);
    }

    h3(u"Cost layers"_s);
    if (uc.layers.empty()) {
        para(u"No cost layer."_s);
    } else {
        Table t = newTable();
        for (const CostLayer &l : uc.layers) {
            QString head =
                u"<b>%1</b> — %2, %3"_s.arg(esc(l.name), label(l.type), inlineLabel(l.category));
            if (l.type == LayerType::TokenUsage)
                head += u", model %1"_s.arg(esc(l.model));
            if (l.type == LayerType::PerUnit)
                head += u", charged %1"_s.arg(label(l.basis));
            head += u" · "_s + key(qs(layerInput(l.name, "")).chopped(1).toHtmlEscaped());
            t.add({head}, u"group"_s);
            for (const auto &f : layerFields()) {
                if (!fieldApplies(f, l))
                    continue;
                t.add({qs(f.info.label).toHtmlEscaped(), fieldValue(f.info, l.*f.member),
                       unitName(f.info.unit, cur), key(u"."_s + qs(f.info.key))});
            }
        }
        table(t);
    }

    h3(u"Value drivers"_s);
    if (uc.drivers.empty()) {
        para(u"No value driver."_s);
    } else {
        Table t = newTable();
        for (const ValueDriver &d : uc.drivers) {
            QString head = u"<b>%1</b> — %2, %3, %4, %5"_s.arg(
                esc(d.name), label(d.kind), d.hard ? u"hard"_s : u"soft"_s, inlineLabel(d.term),
                inlineLabel(d.area));
            if (d.kind == DriverKind::SoftValue && !d.metric.empty())
                head += u", metric %1"_s.arg(esc(d.metric));
            if (d.kind == DriverKind::AddedCapacity)
                head += u", %1"_s.arg(inlineLabel(d.capacityMode));
            if (d.kind == DriverKind::AvoidedCost)
                head += u", %1"_s.arg(inlineLabel(d.avoidedMode));
            head += u" · "_s + key(qs(driverInput(d.name, "")).chopped(1).toHtmlEscaped());
            t.add({head}, u"group"_s);
            for (const auto &f : driverFields()) {
                if (!fieldApplies(f, d))
                    continue;
                t.add({qs(f.info.label).toHtmlEscaped(), fieldValue(f.info, d.*f.member),
                       unitName(f.info.unit, cur), key(u"."_s + qs(f.info.key))});
            }
        }
        table(t);
    }

    h3(u"Risk discount and ramp-up"_s);
    {
        Table t = newTable();
        for (const auto &f : riskFields())
            t.add({qs(f.info.label).toHtmlEscaped(), fieldValue(f.info, uc.risk.*f.member),
                   unitName(f.info.unit, cur), key(u"risk."_s + qs(f.info.key))});
        t.add({u"Go-live month"_s, monthName(uc.ramp.goLive), u"month"_s, key(u"ramp.goLive"_s)});
        t.add({u"Ramp-up curve"_s, label(uc.ramp.curve), QString(), key(u"ramp.curve"_s)});
        for (const auto &f : rampFields())
            t.add({qs(f.info.label).toHtmlEscaped(), fieldValue(f.info, uc.ramp.*f.member),
                   unitName(f.info.unit, cur), key(u"ramp."_s + qs(f.info.key))});
        table(t);
    }

    if (!uc.scorecard.empty()) {
        h3(u"Scorecard"_s);
        Table t;
        t.headers = {u"Bucket"_s, u"Metric"_s, u"Unit"_s, u"Baseline"_s, u"Target"_s, u"Actual"_s};
        t.numeric = {false, false, false, true, true, true};
        t.widths = {14, 36, 14, 12, 12, 12};
        for (const ScorecardMetric &m : uc.scorecard)
            t.add({label(m.bucket), esc(m.name), esc(m.unit), number(m.baseline), number(m.target),
                   m.actual ? number(*m.actual) : u"—"_s});
        table(t);
    }
}

ReportContent Builder::build()
{
    m_full = fullSectionUseCases(m_wb, m_res, m_opt, m_headline);
    const bool everyCase = static_cast<int>(m_full.size()) == m_res.useCaseCount;
    // The Monte Carlo run and the tornado start now, on other threads, and are joined when
    // their sections are written: they run while the sections before them are.
    std::shared_ptr<UncertaintyRun> simulation;
    if (m_opt.includeUncertainty)
        simulation = std::make_shared<UncertaintyRun>(
            m_wb, m_res.scenarios[static_cast<std::size_t>(m_headline)]);
    auto tornadoRun =
        std::make_shared<TornadoRun>(m_wb, m_res.useCaseCount == 1 ? 0 : -1, m_headline);
    cover();
    summary();
    if (!everyCase)
        portfolioOverview();
    for (int u : m_full)
        useCase(u);
    if (m_res.useCaseCount > 1)
        comparison();
    // The section's heading stays in the body (a renderer finds its sections by their
    // headings); what follows it is written from the runs, at once or when a renderer reaches it.
    if (simulation)
        m_out += uncertaintyHeading();
    ReportPart analytics = [simulation, tornadoRun, &wb = m_wb, locale = m_opt.locale, nf = m_nf,
                            width = m_width](std::vector<ReportChart> &charts) {
        QString out;
        if (simulation)
            appendUncertaintyBody(out, charts, wb, *simulation, locale, width);
        appendTornadoSection(out, charts, wb, *tornadoRun, nf, width);
        return out;
    };
    if (m_defer) {
        m_out += QLatin1String(kPartMarker) + QString::number(m_parts.size()) + u"-->"_s;
        m_parts.push_back(std::move(analytics));
    } else {
        m_out += analytics(m_charts);
    }
    appendPlanActualSection(m_out, m_charts, m_wb, m_res, m_headline, m_nf, m_width); // issue 13
    modelChecks();
    if (!everyCase)
        useCasesInBrief();
    if (m_opt.includeAppendix)
        appendix();

    ReportContent c;
    c.title = qs(m_wb.settings.name);
    c.headerLeft = u"%1 — return on AI spend"_s.arg(c.title);
    c.headerRight = m_opt.locale.toString(m_today, u"d MMMM yyyy"_s);
    c.footerLeft = m_wb.settings.preparedBy.empty()
                       ? u"ROI Workbench"_s
                       : u"Prepared by %1"_s.arg(qs(m_wb.settings.preparedBy));
    c.body = std::move(m_out);
    c.body.squeeze(); // appending left up to as much again unused (tens of MB at 2,000 pages)
    c.charts = std::move(m_charts);
    c.parts = std::move(m_parts);
    c.writtenParts.resize(c.parts.size());
    c.logo = decodeLogo(m_wb.settings.logoPng);
    c.headlineScenario = m_headline;
    return c;
}

} // namespace

int headlineScenario(const Results &results, const ReportOptions &options)
{
    const int count = static_cast<int>(results.scenarios.size());
    if (options.scenario >= 0 && options.scenario < count)
        return options.scenario;
    const int base = results.findScenario(kBaseScenario);
    return base >= 0 ? base : 0;
}

QImage decodeLogo(const std::string &base64Png)
{
    if (base64Png.empty())
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromStdString(base64Png),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return {};
    QByteArray bytes = *decoded;
    if (!bytes.startsWith("\x89PNG\r\n\x1a\n"))
        return {};
    QBuffer buffer(&bytes);
    QImageReader reader(&buffer, "png");
    // A logo is small; refuse anything that would decode to a huge bitmap.
    if (!reader.size().isValid() || reader.size().width() > 4096 || reader.size().height() > 4096)
        return {};
    return reader.read();
}

QString reportStyleSheet()
{
    return uR"(
body { color: #1d2430; }
h1 { font-size: 17pt; font-weight: bold; color: #16365c; margin-top: 0px; margin-bottom: 8px; }
h1.page { page-break-before: always; }
h2.page { page-break-before: always; }
h1.title { font-size: 30pt; color: #16365c; margin-top: 6px; margin-bottom: 10px; }
h2 { font-size: 12pt; font-weight: bold; color: #16365c; margin-top: 18px; margin-bottom: 6px; }
h3 { font-size: 10.5pt; font-weight: bold; color: #2b3a4d; margin-top: 12px; margin-bottom: 4px; }
p { margin-top: 0px; margin-bottom: 6px; }
p.lead { font-size: 10.5pt; margin-bottom: 10px; }
p.note { font-size: 8pt; color: #5b6573; margin-top: 6px; margin-bottom: 8px; }
p.chart { margin-top: 10px; margin-bottom: 10px; }
p.eyebrow { font-size: 10pt; color: #5b6573; margin-top: 170px; }
p.subtitle { font-size: 13pt; color: #2b3a4d; margin-bottom: 28px; }
p.covernote { font-size: 9pt; color: #5b6573; margin-top: 24px; }
p.logo { margin-top: 0px; }
p.tilelabel { font-size: 8pt; color: #5b6573; margin-bottom: 2px; }
p.tilevalue { font-size: 15pt; font-weight: bold; color: #16365c; margin-bottom: 2px; }
p.tilerange { font-size: 7.5pt; color: #5b6573; margin-bottom: 0px; }
td.tile { background-color: #f3f5f8; }
td.key { background-color: #e8eef6; }
table.data { border-collapse: collapse; margin-top: 8px; margin-bottom: 0px; }
table.data th { font-size: 8pt; font-weight: bold; color: #3a4657; background-color: #eef2f7;
  border-bottom: 1px solid #9aa6b5; }
table.data td { font-size: 8.5pt; border-bottom: 1px solid #e2e6eb; }
table.facts { border-collapse: collapse; margin-top: 6px; margin-bottom: 0px; }
td.n { white-space: nowrap; }
p.spacer { font-size: 2pt; margin: 0px; }
table.facts td { font-size: 9pt; border-bottom: 1px solid #e2e6eb; }
tr.total td { font-weight: bold; background-color: #f3f5f8; border-top: 1px solid #5b6573; }
tr.strong td { font-weight: bold; }
tr.sub td { color: #5b6573; }
tr.invoice td { background-color: #fdf1e7; }
tr.group td { background-color: #f7f8fa; }
span.code { font-family: 'DejaVu Sans Mono', monospace; font-size: 7.5pt; color: #3a4657; }
span.fix { color: #1b6b3f; }
span.where { font-size: 7.5pt; color: #5b6573; }
span.error { color: #b3261e; font-weight: bold; }
span.warning { color: #9a5b00; font-weight: bold; }
span.info { color: #1f5fa8; font-weight: bold; }
)"_s;
}

ReportContent buildReportContent(const Workbook &workbook, const Results &results,
                                 const ReportOptions &options, int contentWidth,
                                 bool deferAnalytics)
{
    return Builder(workbook, results, options, contentWidth, deferAnalytics).build();
}

QString resolveParts(ReportContent &content, QString html)
{
    const QLatin1String marker(kPartMarker);
    qsizetype at = html.indexOf(marker);
    while (at >= 0) {
        const qsizetype digits = at + marker.size();
        const qsizetype close = html.indexOf(u"-->"_s, digits);
        bool ok = false;
        const qsizetype i =
            close < 0 ? -1 : QStringView(html).mid(digits, close - digits).toInt(&ok);
        if (!ok || i < 0 || i >= static_cast<qsizetype>(content.parts.size())) {
            at = html.indexOf(marker, digits); // not one of ours: left as it is
            continue;
        }
        auto &written = content.writtenParts[static_cast<std::size_t>(i)];
        if (!written) {
            written = content.parts[static_cast<std::size_t>(i)](content.charts);
#ifdef __GLIBC__
            // The runs' threads freed tens of MB into their own malloc arenas, where the
            // renderer's allocations would not reuse them: give the free pages back.
            malloc_trim(0);
#endif
        }
        html.replace(at, close + 3 - at, *written);
        at = html.indexOf(marker, at + written->size());
    }
    return html;
}

} // namespace roi
