#include "xlsxformulamodel.h"

#include "planactualexport.h"
#include "uncertaintyexport.h"
#include "xlsxexport.h"
#include "xlsxmodelcore.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryDir>

#include <optional>

namespace roi {

using namespace Qt::StringLiterals;

namespace {

bool writeModel(const Workbook &wb, const Results &res, const ReportOptions &options,
                const QString &path, QString *error)
{
    using namespace xlsxmodel;
    const QByteArray encoded = QFile::encodeName(path);
    // A large model writes each row to a temporary file as it goes (libxlsxwriter's
    // constant-memory mode, text as inline strings; the sheet writers write row by row): 200
    // use cases kept 3 million cells in memory (430 MB).
    lxw_workbook_options lxwOptions{};
    lxwOptions.constant_memory = wb.useCases.size() > kConstantMemoryFrom ? LXW_TRUE : LXW_FALSE;
    const QByteArray tmpdir = QFile::encodeName(QFileInfo(path).absolutePath());
    lxwOptions.tmpdir = const_cast<char *>(tmpdir.constData());
    lxw_workbook *book = workbook_new_opt(encoded.constData(), &lxwOptions);
    if (!book) {
        *error = u"Cannot create the Excel workbook"_s;
        return false;
    }
    Context c{wb, res};
    c.scenario = options.scenario < 0 ? 0 : options.scenario;
    c.months = res.months;
    c.book = book;
    QByteArray title = QByteArray::fromStdString(wb.settings.name + " (formula model)");
    QByteArray comments = "ROI Workbench " ROI_VERSION " formula model: change the inputs, the "
                          "model recomputes";
    lxw_doc_properties properties{};
    properties.title = title.data();
    properties.comments = comments.data();
    workbook_set_properties(book, &properties);
    // The Monte Carlo of the uncertainty sheets runs on the thread pool while the model is
    // written.
    std::optional<PendingSimulation> simulation;
    if (options.includeUncertainty)
        simulation.emplace(wb, res, options);
    createFormats(c);

    // Lower case: sheetName() compares names case-insensitively, as Excel does.
    QSet<QString> taken{u"summary"_s, u"inputs"_s, u"scenarios"_s, u"portfolio"_s};
    lxw_worksheet *summary = workbook_add_worksheet(book, "Summary");
    lxw_worksheet *inputs = workbook_add_worksheet(book, "Inputs");
    lxw_worksheet *scenarios = workbook_add_worksheet(book, "Scenarios");
    std::vector<lxw_worksheet *> sheets;
    for (const UseCase &uc : wb.useCases) {
        const QString name = sheetName(QString::fromStdString(uc.name), taken);
        c.sheetNames.push_back(name.toStdString());
        sheets.push_back(workbook_add_worksheet(book, c.keepString(name.toStdString())));
    }
    c.portfolioSheet = "Portfolio";
    lxw_worksheet *portfolio = workbook_add_worksheet(book, "Portfolio");
    c.rows.resize(wb.useCases.size());

    writeInputSheets(c, inputs, scenarios);
    bool cancelled = false;
    for (std::size_t u = 0; u < sheets.size() && !cancelled; ++u) {
        writeMonthlySheet(c, sheets[u], static_cast<int>(u));
        cancelled = options.progress
                    && !options.progress(0.9 * static_cast<double>(u + 1)
                                         / static_cast<double>(sheets.size()));
    }
    if (!cancelled) {
        writePortfolioSheet(c, portfolio);
        writeSummarySheet(c, summary);
        worksheet_activate(summary);
        if (options.includeUncertainty)
            addUncertaintySheets(book, wb, *simulation, options, taken);
        addPlanActualSheet(book, wb, res, options, taken); // issue 13: values
    }
    const lxw_error result = workbook_close(book);
    if (cancelled) {
        *error = u"Cancelled"_s;
        return false;
    }
    if (result != LXW_NO_ERROR) {
        *error =
            u"Cannot write the Excel workbook: %1"_s.arg(QString::fromUtf8(lxw_strerror(result)));
        return false;
    }
    return true;
}

} // namespace

QByteArray renderXlsxFormulaModel(const Workbook &workbook, const Results &results,
                                  const ReportOptions &options, QString *error)
{
    if (results.months <= 0 || results.scenarios.empty()
        || results.cases.size()
               != static_cast<std::size_t>(results.useCaseCount) * results.scenarios.size()) {
        *error = u"The results do not belong to this workbook; compute them again"_s;
        return {};
    }
    const int scenario = options.scenario < 0 ? 0 : options.scenario;
    if (results.portfolio[static_cast<std::size_t>(scenario)].months() != results.months) {
        *error = u"The results of the chosen scenario were not computed"_s;
        return {};
    }
    QTemporaryDir dir;
    if (!dir.isValid()) {
        *error = u"Cannot create a temporary folder: %1"_s.arg(dir.errorString());
        return {};
    }
    const QString path = dir.filePath(u"model.xlsx"_s);
    if (!writeModel(workbook, results, options, path, error))
        return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"Cannot read the Excel workbook back: %1"_s.arg(file.errorString());
        return {};
    }
    return file.readAll();
}

} // namespace roi
