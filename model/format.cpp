#include "format.h"

#include <cmath>
#include <cstdio>

namespace roi {

std::string currencyPrefix(std::string_view currency)
{
    if (currency == "USD")
        return "$";
    if (currency == "EUR")
        return "€";
    if (currency == "GBP")
        return "£";
    if (currency == "JPY")
        return "¥";
    return std::string(currency) + " ";
}

std::string formatNumber(double value, int decimals)
{
    if (!std::isfinite(value))
        return "—";
    char buf[128];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::abs(value));
    std::string digits = buf;
    const auto dot = digits.find('.');
    std::string whole = digits.substr(0, dot);
    const std::string frac = dot == std::string::npos ? std::string() : digits.substr(dot);
    std::string grouped;
    const int n = static_cast<int>(whole.size());
    for (int i = 0; i < n; ++i) {
        grouped += whole[static_cast<std::size_t>(i)];
        if ((n - i - 1) % 3 == 0 && i != n - 1)
            grouped += ',';
    }
    // Do not print "-0.00" for a value that rounds to zero.
    const bool negative = value < 0 && std::strtod(buf, nullptr) != 0.0;
    return (negative ? "-" : "") + grouped + frac;
}

std::string formatMoney(double value, std::string_view currency, int decimals)
{
    if (!std::isfinite(value))
        return "—";
    const std::string n = formatNumber(value, decimals);
    const bool negative = !n.empty() && n[0] == '-';
    std::string out = negative ? std::string(1, '-') : std::string();
    out += currencyPrefix(currency);
    out.append(n, negative ? 1 : 0);
    return out;
}

std::string formatUnitCost(double value, std::string_view currency)
{
    return formatMoney(value, currency, std::abs(value) >= 1.0 || value == 0 ? 2 : 5);
}

std::string formatPercent(double fraction, int decimals)
{
    return formatNumber(fraction * 100.0, decimals) + "%";
}

std::string_view kpiStateText(KpiState state)
{
    switch (state) {
    case KpiState::Ok:
        return "";
    case KpiState::Undefined:
        return "undefined";
    case KpiState::NoSignChange:
        return "none (no sign change)";
    case KpiState::NotFound:
        return "none found";
    case KpiState::NeverPaysBack:
        return "not within horizon";
    case KpiState::NotApplicable:
        return "n/a";
    }
    return "";
}

std::string formatKpi(const Kpi &kpi, KpiFormat format, std::string_view currency)
{
    if (!kpi.ok())
        return std::string(kpiStateText(kpi.state));
    switch (format) {
    case KpiFormat::Percent:
        return formatNumber(kpi.value, 1) + "%";
    case KpiFormat::Money:
        return formatMoney(kpi.value, currency);
    case KpiFormat::UnitCost:
        return formatUnitCost(kpi.value, currency);
    case KpiFormat::Month:
        return "month " + formatNumber(kpi.value, 1);
    case KpiFormat::Fraction:
        return formatPercent(kpi.value);
    case KpiFormat::Irr:
        return kpi.value > 10.0 ? std::string("> 1,000%") : formatPercent(kpi.value);
    }
    return {};
}

} // namespace roi
