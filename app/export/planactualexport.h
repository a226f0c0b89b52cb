// Plan vs actual in the data exports (issue 13): a "Plan vs actual" sheet in both XLSX
// workbooks (values: the month tables, the recalibrated KPIs, the executive numbers) and three
// CSV files beside the CSV export. Nothing is written when the workbook has no actuals.
#pragma once

#include "reportexporter.h"

#include <QSet>
#include <QString>
#include <QStringList>

typedef struct lxw_workbook lxw_workbook;

namespace roi {

struct PlanActualReport;

/// The plan-vs-actual report of an export: the live forecast on the export's scenario (the
/// headline one when every scenario is exported), against the latest snapshot.
PlanActualReport planActualForExport(const Workbook &workbook, const Results &results,
                                     const ReportOptions &options);

/// OUT-planactual.csv, OUT-planactual-recalibrated.csv, OUT-planactual-executive.csv.
QStringList csvPlanActualPaths(const QString &outputPath);

/// Writes the three CSV files beside options.outputPath when the workbook has actuals and
/// appends them to `written`; false with a message on a write error.
bool writePlanActualCsv(const Workbook &workbook, const Results &results,
                        const ReportOptions &options, QString *error, QStringList *written);

/// Adds the "Plan vs actual" sheet (values) to an open libxlsxwriter workbook when the workbook
/// has actuals; the sheet name is made unique against `takenSheets`.
void addPlanActualSheet(lxw_workbook *book, const Workbook &workbook, const Results &results,
                        const ReportOptions &options, QSet<QString> &takenSheets);

} // namespace roi
