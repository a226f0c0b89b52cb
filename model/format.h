// Plain-text formatting of money, percentages and KPI states for the command line and reports.
// The window formats with QLocale instead; these follow the en-US conventions finance reports use.
#pragma once

#include "results.h"

#include <string>
#include <string_view>
#include <vector>

namespace roi {

/// "$" for USD, "€" for EUR, ...; the ISO code and a space for the others ("CHF ").
std::string currencyPrefix(std::string_view currency);
/// The decimals of the currency's minor unit (ISO 4217): 2 mostly, 0 for JPY, KRW and the other
/// currencies without one, 3 for BHD, KWD and the other dinars that have fils.
int currencyDecimals(std::string_view currency);
/// 5037.5 → "$5,037.50"; negative → "-$5,037.50". Never prints nan or inf. `decimals` -1: the
/// currency's own (currencyDecimals), so yen show no cents.
std::string formatMoney(double value, std::string_view currency, int decimals = -1);
/// A unit cost: the currency's decimals from one currency unit up, else five ("$0.10075").
std::string formatUnitCost(double value, std::string_view currency);
/// 1234.5 → "1,234.5" with the given decimals.
std::string formatNumber(double value, int decimals);
/// 0.25 → "25.0%" (a fraction in, a percentage out).
std::string formatPercent(double fraction, int decimals = 1);

/// Irr: a fraction shown as a percentage, above 1,000% as "> 1,000%" (a rate that high says
/// only that the case pays back almost at once).
enum class KpiFormat { Percent, Money, UnitCost, Month, Fraction, Irr };
/// A KPI or the words for its state: "undefined (no cost)", "none (no sign change)",
/// "not within horizon", "n/a".
std::string formatKpi(const Kpi &kpi, KpiFormat format, std::string_view currency);
/// The state in words, empty for Ok.
std::string_view kpiStateText(KpiState state);

/// Rows as a plain-text table for the command line: columns aligned by UTF-8 code points (so
/// "€" aligns like "$"), the first column left-aligned and the others right-aligned, each line
/// indented by two spaces.
std::string textTable(const std::vector<std::vector<std::string>> &rows);

} // namespace roi
