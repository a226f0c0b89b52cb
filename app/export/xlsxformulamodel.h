// The XLSX export as a working model (libxlsxwriter): an Inputs sheet (every input a named,
// styled input cell with its effective value under the selected scenario), a Scenarios sheet
// (the adjustments and a selector cell), one monthly sheet per use case and the portfolio where
// every figure is a formula, and a Summary sheet with ROI, NPV, IRR, payback and cost per
// outcome as formulas. Each formula is written with the engine's result, so viewers that do not
// recalculate show the same numbers. Recalculated, it gives the engine's figures to the cent.
#pragma once

#include "reportexporter.h"

#include <QByteArray>
#include <QString>

namespace roi {

/// The .xlsx bytes of the formula model for the scenario of `options` (-1: the first, Base);
/// empty with a message in `error` on failure.
QByteArray renderXlsxFormulaModel(const Workbook &workbook, const Results &results,
                                  const ReportOptions &options, QString *error);

} // namespace roi
