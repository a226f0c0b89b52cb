// Exports a computed workbook: reports (PDF, HTML), data (CSV, XLSX, JSON) and single charts
// (PNG, PDF, SVG). The command line and the window's Export dialog call the same functions, so
// both write the same files. Every file is written atomically (temporary file, then rename).
#pragma once

#include "charts.h"
#include "results.h"
#include "workbook.h"

#include <QByteArray>
#include <QDate>
#include <QLocale>
#include <QSize>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace roi {

/// Xlsx: the formula model (export/xlsxformulamodel.h); XlsxValues: the values-only workbook.
enum class ReportFormat { Pdf, Html, Csv, Xlsx, Json, XlsxValues };
inline constexpr ReportFormat kAllReportFormats[] = {ReportFormat::Pdf,        ReportFormat::Html,
                                                     ReportFormat::Csv,        ReportFormat::Xlsx,
                                                     ReportFormat::XlsxValues, ReportFormat::Json};

/// The command-line name: "pdf", "html", "csv", "xlsx", "xlsx-values", "json".
QString reportFormatName(ReportFormat format);
/// The file suffix: the name, but "xlsx" for both Excel formats.
QString reportFormatSuffix(ReportFormat format);
/// For menus and dialogs: "PDF report", "Excel workbook (XLSX)", ...
QString reportFormatLabel(ReportFormat format);
/// A file-dialog filter: "PDF report (*.pdf)".
QString reportFormatFilter(ReportFormat format);
/// Case-insensitive; nullopt for an unknown name.
std::optional<ReportFormat> reportFormatFromName(const QString &name);
/// True for the formats that draw charts and so need a QApplication (PDF and HTML).
bool reportFormatNeedsGui(ReportFormat format);

/// Which use cases of a PDF or HTML report get a full section (facts, scenarios, charts, run
/// rate, value, risk and their inputs in the assumptions appendix). The others appear in the
/// comparison, the portfolio overview and a compact table each in "Use cases in brief".
enum class UseCaseSections {
    Auto,  // All up to kAutoFullSectionsUpTo use cases, else Top (the best kAutoTopCount)
    All,   // every use case
    Top,   // the best `topCount` by `rankBy`
    Named, // those in `sectionNames`
    None,  // none: the portfolio overview and the brief tables only
};
/// The KPI that ranks use cases for Top and in the portfolio overview.
enum class RankKpi { Npv, Roi, Payback, HardBenefit };

inline constexpr int kAutoFullSectionsUpTo = 20;
inline constexpr int kAutoTopCount = 10;

/// "auto", "all", "top", "named", "none"; and "npv", "roi", "payback", "benefit".
QString useCaseSectionsName(UseCaseSections sections);
QString rankKpiName(RankKpi kpi);
std::optional<RankKpi> rankKpiFromName(const QString &name);

struct ReportOptions
{
    /// -1: every scenario, with Base as the headline of a PDF or HTML report. Else the headline
    /// scenario of a PDF or HTML report (which still tabulates every scenario), and the only
    /// scenario written to CSV, XLSX and JSON.
    int scenario = -1;
    /// The file to write. CSV writes two more files beside it, see csvOutputPaths().
    QString outputPath;
    /// The report date (cover, running header). Null: today. Compute the results with the same
    /// day so the model checks agree with the date printed.
    QDate today;
    /// Number conventions (grouping, decimal mark); the currency is the workbook's.
    QLocale locale = QLocale(QLocale::English, QLocale::UnitedStates);
    /// PDF and HTML: the assumptions appendix (every input with its label and unit).
    bool includeAppendix = true;
    /// PDF and HTML: which use cases get a full section (see UseCaseSections).
    UseCaseSections sections = UseCaseSections::Auto;
    int topCount = kAutoTopCount;
    RankKpi rankBy = RankKpi::Npv;
    QStringList sectionNames; // Named: use case names, exactly as in the workbook
    /// Progress of a long export, 0..1, and whether to stop: false from the callback cancels
    /// the export (it then fails with the message "Cancelled" and writes nothing). Called on
    /// the thread that exports. Empty: no report.
    std::function<bool(double)> progress;
    /// PDF and HTML: the "Uncertainty and sensitivity" section (a Monte Carlo run with the
    /// workbook's trials, seed and sampling method); CSV and XLSX: its tables.
    bool includeUncertainty = true;
    /// CSV and XLSX, with includeUncertainty: every trial's outputs and drawn inputs too
    /// (OUT-trials.csv, a "Trial samples" sheet). CSV and XLSX carry the Monte Carlo percentile
    /// tables whenever includeUncertainty is set (OUT-uncertainty.csv, an "Uncertainty" sheet).
    bool includeTrialSamples = false;
};

/// The use cases that get a full section under `options`, in workbook order (Top: in rank
/// order). Unknown names in sectionNames are ignored.
std::vector<int> fullSectionUseCases(const Workbook &workbook, const Results &results,
                                     const ReportOptions &options, int scenario);
/// Every use case ranked by `kpi` in `scenario`, best first (payback: soonest first; a use
/// case whose KPI is undefined comes last); ties keep workbook order.
std::vector<int> rankedUseCases(const Results &results, int scenario, RankKpi kpi);

/// Writes the report or data file(s). False with a message in `error` (never a message box).
/// `written` receives every file written. PDF and HTML need a QApplication (see
/// reportFormatNeedsGui) and return false with a message without one.
bool exportReport(const Workbook &workbook, const Results &results, ReportFormat format,
                  const ReportOptions &options, QString *error, QStringList *written = nullptr);

/// The bytes exportReport writes for one-file formats (PDF, HTML, XLSX, JSON); empty with a
/// message on failure. For previews and tests; CSV has two files and is not one of them.
QByteArray reportBytes(const Workbook &workbook, const Results &results, ReportFormat format,
                       const ReportOptions &options, QString *error);

/// CSV writes three RFC 4180 files: OUT itself with the monthly series (one row per use case,
/// scenario and month), and beside it `<OUT without .csv>-kpis.csv` with the KPIs (one row per
/// use case and scenario) and `<OUT without .csv>-detail.csv` with each cost layer and value
/// driver month by month.
QStringList csvOutputPaths(const QString &outputPath);

/// A file name for the report of a workbook, from its name with characters that are unsafe in
/// file names replaced: "Support assistant.pdf" ("report.pdf" when nothing is left).
QString suggestedReportFileName(const Workbook &workbook, ReportFormat format);

enum class ChartFormat { Png, Pdf, Svg };

/// From the suffix of `path` (.png, .pdf, .svg, any case); nullopt otherwise.
std::optional<ChartFormat> chartFormatFromPath(const QString &path);
/// Chart kind from its identifier (chartId: "cumulative-net", ...); nullopt otherwise.
std::optional<ChartKind> chartKindFromId(const QString &id);

struct ChartExportOptions
{
    /// Logical size; PNG is rendered at `pngScale` times this (2 = sharp on high-DPI screens and
    /// in slides), PDF and SVG are vectors of this size (at 96 dpi).
    QSize size{900, 520};
    double pngScale = 2.0;
    QLocale locale = QLocale(QLocale::English, QLocale::UnitedStates);
    /// Overlay every scenario where a chart shows one (see ChartInput::allScenarios).
    bool allScenarios = false;
};

/// Draws one chart (`useCase` -1: the portfolio) and writes it as PNG, PDF or SVG after the
/// suffix of `path`. Needs a QApplication.
bool exportChart(const Workbook &workbook, const Results &results, ChartKind kind, int useCase,
                 int scenario, const QString &path, QString *error,
                 const ChartExportOptions &options = {});

/// The bytes of one chart in the given format; empty with a message on failure.
QByteArray chartBytes(const Workbook &workbook, const Results &results, ChartKind kind, int useCase,
                      int scenario, ChartFormat format, QString *error,
                      const ChartExportOptions &options = {});

} // namespace roi
