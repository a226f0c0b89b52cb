#include "reportexporter.h"

#include "export/planactualexport.h"
#include "export/uncertaintyexport.h"

#include "export/xlsxformulamodel.h"
#include "filebytes.h"
#include "htmlreport.h"
#include "pdfreport.h"
#include "reportcontent.h"
#include "resultsexport.h"
#include "xlsxexport.h"

#include <QApplication>
#include <QFileInfo>

namespace roi {

using namespace Qt::StringLiterals;

namespace {

/// Characters that are unsafe in file names on some system, and control characters, become
/// "_"; leading and trailing dots and spaces go. (A model-level safeFileName() is planned; until
/// it lands this one serves the exporters.)
QString safeBaseName(const QString &text)
{
    QString out;
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || QStringView(u"/\\:*?\"<>|").contains(c))
            out += u'_';
        else
            out += c;
    }
    out = out.simplified();
    while (out.startsWith(u'.') || out.startsWith(u' '))
        out.remove(0, 1);
    while (out.endsWith(u'.') || out.endsWith(u' '))
        out.chop(1);
    if (out.size() > 100)
        out.truncate(100);
    return out.isEmpty() ? u"report"_s : out;
}

bool checkInputs(const Workbook &wb, const Results &res, const ReportOptions &options,
                 QString *error)
{
    if (res.useCaseCount != static_cast<int>(wb.useCases.size())
        || res.cases.size() != static_cast<std::size_t>(res.useCaseCount) * res.scenarios.size()) {
        *error = u"The results do not belong to this workbook; compute them again"_s;
        return false;
    }
    if (options.scenario < -1 || options.scenario >= static_cast<int>(res.scenarios.size())) {
        *error = u"No scenario %1 in the workbook"_s.arg(options.scenario + 1);
        return false;
    }
    return true;
}

} // namespace

QString reportFormatName(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Pdf:
        return u"pdf"_s;
    case ReportFormat::Html:
        return u"html"_s;
    case ReportFormat::Csv:
        return u"csv"_s;
    case ReportFormat::Xlsx:
        return u"xlsx"_s;
    case ReportFormat::Json:
        return u"json"_s;
    case ReportFormat::XlsxValues:
        return u"xlsx-values"_s;
    }
    return {};
}

QString reportFormatSuffix(ReportFormat format)
{
    return format == ReportFormat::XlsxValues ? u"xlsx"_s : reportFormatName(format);
}

QString reportFormatLabel(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Pdf:
        return u"PDF report"_s;
    case ReportFormat::Html:
        return u"HTML report"_s;
    case ReportFormat::Csv:
        return u"CSV files (series and KPIs)"_s;
    case ReportFormat::Xlsx:
        return u"Excel model with formulas (XLSX)"_s;
    case ReportFormat::Json:
        return u"JSON data"_s;
    case ReportFormat::XlsxValues:
        return u"Excel workbook, values only (XLSX)"_s;
    }
    return {};
}

QString reportFormatFilter(ReportFormat format)
{
    return u"%1 (*.%2)"_s.arg(reportFormatLabel(format), reportFormatSuffix(format));
}

std::optional<ReportFormat> reportFormatFromName(const QString &name)
{
    for (ReportFormat f : kAllReportFormats) {
        if (reportFormatName(f).compare(name, Qt::CaseInsensitive) == 0)
            return f;
    }
    return std::nullopt;
}

bool reportFormatNeedsGui(ReportFormat format)
{
    return format == ReportFormat::Pdf || format == ReportFormat::Html;
}

QStringList csvOutputPaths(const QString &outputPath)
{
    QString base = outputPath;
    if (base.endsWith(u".csv"_s, Qt::CaseInsensitive))
        base.chop(4);
    return {outputPath, base + u"-kpis.csv"_s, base + u"-detail.csv"_s};
}

QString suggestedReportFileName(const Workbook &workbook, ReportFormat format)
{
    return safeBaseName(QString::fromStdString(workbook.settings.name)) + u'.'
           + reportFormatSuffix(format);
}

QByteArray reportBytes(const Workbook &workbook, const Results &results, ReportFormat format,
                       const ReportOptions &options, QString *error)
{
    if (!checkInputs(workbook, results, options, error))
        return {};
    switch (format) {
    case ReportFormat::Pdf: {
        // The analytics are written when the renderer reaches them, computed meanwhile.
        ReportContent content =
            buildReportContent(workbook, results, options, pdfContentWidth(), true);
        return renderPdfReport(content, workbook, results, options, error);
    }
    case ReportFormat::Html: {
        ReportContent content = buildReportContent(workbook, results, options, 700, true);
        return renderHtmlReport(content, workbook, results, options, error);
    }
    case ReportFormat::Xlsx:
        return renderXlsxFormulaModel(workbook, results, options, error);
    case ReportFormat::XlsxValues:
        return renderXlsx(workbook, results, options, error);
    case ReportFormat::Json:
        return QByteArray::fromStdString(resultsJson(workbook, results, options.scenario));
    case ReportFormat::Csv:
        *error = u"CSV is three files; use exportReport"_s;
        return {};
    }
    return {};
}

bool exportReport(const Workbook &workbook, const Results &results, ReportFormat format,
                  const ReportOptions &options, QString *error, QStringList *written)
{
    if (options.outputPath.isEmpty()) {
        *error = u"No output file given"_s;
        return false;
    }
    if (!checkInputs(workbook, results, options, error))
        return false;
    if (format == ReportFormat::Csv) {
        const QStringList paths = csvOutputPaths(options.outputPath);
        const std::string files[] = {seriesCsv(workbook, results, options.scenario),
                                     kpiCsv(workbook, results, options.scenario),
                                     detailCsv(workbook, results, options.scenario)};
        if (options.progress && !options.progress(0.9)) {
            *error = u"Cancelled"_s;
            return false;
        }
        for (int i = 0; i < 3; ++i) {
            if (!writeFileAtomically(paths[i], QByteArray::fromStdString(files[i]), false, error))
                return false;
            if (written)
                written->append(paths[i]);
        }
        if (!writePlanActualCsv(workbook, results, options, error, written)) // issue 13
            return false;
        return !options.includeUncertainty
               || writeUncertaintyCsv(workbook, results, options, error, written);
    }
    if (QFileInfo(options.outputPath).isDir()) {
        *error = u"%1: is a folder"_s.arg(options.outputPath);
        return false;
    }
    const QByteArray bytes = reportBytes(workbook, results, format, options, error);
    if (bytes.isEmpty())
        return false;
    if (!writeFileAtomically(options.outputPath, bytes, false, error))
        return false;
    if (written)
        written->append(options.outputPath);
    return true;
}

} // namespace roi
