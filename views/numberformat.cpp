#include "numberformat.h"

#include "format.h"

#include <QDate>

#include <cmath>

namespace roi {

NumberFormat::NumberFormat(QString currency, QLocale locale)
    : m_currency(std::move(currency))
    , m_locale(std::move(locale))
    , m_prefix(QString::fromStdString(currencyPrefix(m_currency.toStdString())))
    , m_decimals(currencyDecimals(m_currency.toStdString()))
{
    // Grouping separators are part of how finance reads numbers; keep them on.
    m_locale.setNumberOptions(m_locale.numberOptions() & ~QLocale::OmitGroupSeparator);
}

QString NumberFormat::prefix() const
{
    return m_prefix;
}

QString NumberFormat::money(double value, int decimals) const
{
    if (!std::isfinite(value))
        return QStringLiteral("—");
    if (decimals < 0)
        decimals = m_decimals;
    const double rounded = std::abs(value) < 0.5 * std::pow(10.0, -decimals) ? 0.0 : value;
    const QString digits = m_locale.toString(std::abs(rounded), 'f', decimals);
    return (rounded < 0 ? QStringLiteral("-") : QString()) + prefix() + digits;
}

QString NumberFormat::unitCost(double value) const
{
    return money(value, std::abs(value) >= 1.0 || value == 0 ? -1 : 5);
}

QString NumberFormat::compactMoney(double value) const
{
    if (!std::isfinite(value))
        return QStringLiteral("—");
    const double a = std::abs(value);
    QString body;
    if (a >= 1e9)
        body = m_locale.toString(a / 1e9, 'f', a >= 1e10 ? 1 : 2) + QLatin1Char('B');
    else if (a >= 1e6)
        body = m_locale.toString(a / 1e6, 'f', a >= 1e7 ? 1 : 2) + QLatin1Char('M');
    else if (a >= 1e3)
        body = m_locale.toString(a / 1e3, 'f', a >= 1e4 ? 0 : 1) + QLatin1Char('k');
    else
        body = m_locale.toString(a, 'f', a >= 10 || a == 0 ? 0 : 2);
    return (value < 0 ? QStringLiteral("-") : QString()) + prefix() + body;
}

QString NumberFormat::percent(double fraction, int decimals) const
{
    if (!std::isfinite(fraction))
        return QStringLiteral("—");
    return m_locale.toString(fraction * 100.0, 'f', decimals) + QLatin1Char('%');
}

QString NumberFormat::number(double value, int decimals) const
{
    if (!std::isfinite(value))
        return QStringLiteral("—");
    return m_locale.toString(value, 'f', decimals);
}

QString NumberFormat::month(double monthIndex, int startYear, int startMonth) const
{
    QString text = QStringLiteral("month %1").arg(m_locale.toString(monthIndex, 'f', 1));
    if (startYear > 0) {
        // The month the payback falls in: index 3.5 lies inside month 4.
        const int whole = std::max(1, static_cast<int>(std::ceil(monthIndex)));
        const QDate d = QDate(startYear, startMonth, 1).addMonths(whole - 1);
        text += QStringLiteral(" (%1)").arg(m_locale.toString(d, QStringLiteral("MMM yyyy")));
    }
    return text;
}

QString NumberFormat::stateText(KpiState state)
{
    switch (state) {
    case KpiState::Ok:
        return {};
    case KpiState::Undefined:
        return QStringLiteral("undefined");
    case KpiState::NoSignChange:
        return QStringLiteral("none — no sign change");
    case KpiState::NotFound:
        return QStringLiteral("none found");
    case KpiState::NeverPaysBack:
        return QStringLiteral("not within horizon");
    case KpiState::NotApplicable:
        return QStringLiteral("n/a");
    }
    return {};
}

QString NumberFormat::kpi(const Kpi &k, Kind kind, int startYear, int startMonth) const
{
    if (!k.ok())
        return stateText(k.state);
    switch (kind) {
    case Kind::Percent:
        return m_locale.toString(k.value, 'f', 1) + QLatin1Char('%');
    case Kind::Money:
        return money(k.value);
    case Kind::UnitCost:
        return unitCost(k.value);
    case Kind::Month:
        return month(k.value, startYear, startMonth);
    case Kind::Fraction:
        return percent(k.value);
    case Kind::Irr:
        return k.value > 10.0 ? QStringLiteral("> 1,000%") : percent(k.value);
    }
    return {};
}

} // namespace roi
