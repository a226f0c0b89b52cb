// Locale-aware formatting of money, percentages and KPIs for the window and the reports: the
// workbook's currency with the user's locale (grouping, decimal mark).
#pragma once

#include "results.h"

#include <QLocale>
#include <QString>

namespace roi {

class NumberFormat
{
public:
    explicit NumberFormat(QString currency = QStringLiteral("USD"), QLocale locale = QLocale());

    const QString &currency() const { return m_currency; }
    const QLocale &locale() const { return m_locale; }
    /// "$" for USD, "€" for EUR, ... else the ISO code and a space.
    QString prefix() const;

    /// 5037.5 → "$5,037.50".
    /// `decimals` -1: the currency's own (roi::currencyDecimals).
    QString money(double value, int decimals = -1) const;
    /// Two decimals from one currency unit up, else five: "$0.10075".
    QString unitCost(double value) const;
    /// Short form for axes and tiles: "$1.25M", "$350k", "-$12.0k".
    QString compactMoney(double value) const;
    /// 0.25 → "25.0%".
    QString percent(double fraction, int decimals = 1) const;
    QString number(double value, int decimals = 0) const;
    /// Month 3.49 → "month 3.5" with the calendar month: "month 3.5 (Mar 2027)".
    QString month(double monthIndex, int startYear, int startMonth) const;

    enum class Kind { Percent, Money, UnitCost, Month, Fraction, Irr };
    /// A KPI or the words for its state ("undefined — no cost", "not within horizon", ...).
    QString kpi(const Kpi &kpi, Kind kind, int startYear = 0, int startMonth = 0) const;
    static QString stateText(KpiState state);

private:
    QString m_currency;
    QLocale m_locale;
    QString m_prefix;   // from the currency, once: money() runs for every number on screen
    int m_decimals = 2; // the currency's minor unit
};

} // namespace roi
