// The Monte Carlo tables of the data exports: the percentile tables, probabilities, drivers and
// fan chart as CSV files and XLSX sheets, and on request (ReportOptions::includeTrialSamples)
// every trial's outputs and drawn inputs. One run of the workbook's uncertainty set-up on the
// export's scenario (Base when it exports every scenario), as the report's section shows it.
#pragma once

#include "export/backgroundmontecarlo.h"
#include "montecarlorunner.h"
#include "reportexporter.h"

#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>
#include <string>

typedef struct lxw_workbook lxw_workbook;

namespace roi {

/// A finished run with its plan (the trial samples need both).
struct ExportSimulation
{
    std::unique_ptr<MonteCarloPlan> plan;
    MonteCarloRunPtr run;
    MonteCarloSummary summary;
    /// Why there is no run ("no input is uncertain", a set-up error, "Cancelled"); empty when
    /// it ran.
    std::string error;

    bool ran() const { return error.empty() && run && run->complete(); }
};

/// A run of simulateForExport started in the background (BackgroundMonteCarlo), so that it runs
/// while the export writes its other sheets; finish() waits for it. Destroyed unfinished (a
/// cancelled export), it cancels the run.
class PendingSimulation
{
public:
    PendingSimulation(const Workbook &workbook, const Results &results,
                      const ReportOptions &options);
    ~PendingSimulation();
    PendingSimulation(const PendingSimulation &) = delete;
    PendingSimulation &operator=(const PendingSimulation &) = delete;
    /// The finished run (call once).
    ExportSimulation finish();

private:
    ExportSimulation m_sim;
    std::unique_ptr<BackgroundMonteCarlo> m_run; // reads m_sim.plan: goes first
};

/// Runs the workbook's set-up for an export with `options` (its scenario: the chosen one, Base
/// when every scenario is exported). Follows options.progress for cancelling.
ExportSimulation simulateForExport(const Workbook &workbook, const Results &results,
                                   const ReportOptions &options);

/// The CSV files beside OUT: OUT-uncertainty.csv, and OUT-trials.csv with `trials`.
QStringList csvUncertaintyPaths(const QString &outputPath, bool trials);
/// Their contents, in the order of csvUncertaintyPaths; empty when the simulation did not run.
std::vector<std::string> uncertaintyCsvFiles(const ExportSimulation &simulation, bool trials);

/// Writes the uncertainty CSV files beside options.outputPath (nothing when no input is
/// uncertain) and appends them to `written`; false with a message on a write error.
bool writeUncertaintyCsv(const Workbook &workbook, const Results &results,
                         const ReportOptions &options, QString *error, QStringList *written);

/// Adds the "Uncertainty" sheet (run, percentile table, probabilities, drivers, the monthly
/// P10/P50/P90 of cumulative net) and, with options.includeTrialSamples, the "Trial samples"
/// sheet to an open libxlsxwriter workbook. Sheet names are made unique against `takenSheets`
/// (lower-case names, as sheetName() keeps them) and added to it. Without a simulation the
/// Uncertainty sheet says why.
void addUncertaintySheets(lxw_workbook *book, const Workbook &workbook, const Results &results,
                          const ReportOptions &options, QSet<QString> &takenSheets);

/// The same with a run started earlier (see PendingSimulation).
void addUncertaintySheets(lxw_workbook *book, const Workbook &workbook,
                          PendingSimulation &simulation, const ReportOptions &options,
                          QSet<QString> &takenSheets);

/// Excel's sheet limits: trial samples beyond them are left out (the sheet says so).
inline constexpr int kXlsxMaxRows = 1'048'576;
inline constexpr int kXlsxMaxColumns = 16'384;

} // namespace roi
