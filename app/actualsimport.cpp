#include "actualsimport.h"

#include "actuals/rollup.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QTimeZone>

namespace roi {

std::string fileSha256(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return {};
    }
    return hash.result().toHex().toStdString();
}

std::string missingRatesMessage(const std::vector<std::string> &currencies,
                                const std::string &workbookCurrency)
{
    std::string list, options;
    for (const std::string &c : currencies) {
        list += (list.empty() ? "" : ", ") + c;
        options += (options.empty() ? "--rate " : " --rate ") + c + "=RATE";
    }
    const std::string &first = currencies.front();
    return "the file has costs in " + list + " and the workbook is in " + workbookCurrency
           + ", with no rate between them (a row past the first ones may be the first in "
           + (currencies.size() == 1 ? "it" : "them") + "); nothing was imported. Give a rate for "
           + (currencies.size() == 1 ? "it" : "each") + " and import again: " + options
           + " (e.g. --rate " + first + "=1.08: 1 " + first + " = 1.08 " + workbookCurrency + ")";
}

ActualsImportOutcome runActualsImport(const Workbook &workbook, const ActualsImportRequest &request)
{
    ActualsImportOutcome out;
    QString error;
    const std::string sha = fileSha256(request.path, &error);
    if (sha.empty()) {
        out.error = error.toStdString();
        return out;
    }
    const std::uint32_t id = workbook.actuals.nextImportId();
    actuals::RollupBuilder builder(workbook, id, request.rates);
    actuals::ImportOptions options;
    options.format = request.format;
    options.mapping = request.mapping;
    options.progress = request.progress;
    out.result = actuals::importFile(QFile::encodeName(request.path).toStdString(), options,
                                     [&](const actuals::UsageRecord &r) { builder.add(r); });
    if (out.result.cancelled) {
        out.cancelled = true;
        out.error = "cancelled";
        return out;
    }
    if (!out.result.ok) {
        out.error = out.result.error;
        return out;
    }
    if (!builder.missingRates().empty()) {
        out.missingRates.assign(builder.missingRates().begin(), builder.missingRates().end());
        out.error = missingRatesMessage(out.missingRates, workbook.settings.currency);
        return out;
    }
    const actuals::ImportStats &s = out.result.stats;
    actuals::ImportRecord &r = out.pending.record;
    r.id = id;
    r.fileName = QFileInfo(request.path).fileName().toStdString();
    r.sha256 = sha;
    r.format = std::string(actuals::formatName(s.format));
    r.formatDetail = s.formatDetail;
    if (request.mapping && s.format == actuals::SourceFormat::MappedCsv)
        r.mapping = request.mapping->name;
    r.importedAt = request.importedAt.empty()
                       ? QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString()
                       : request.importedAt;
    r.providers = builder.providers();
    r.firstDay = s.firstDay;
    r.lastDay = s.lastDay;
    r.rowsRead = s.rowsRead;
    r.rowsUsed = s.rowsUsed;
    r.rowsRefused = s.rowsRefused;
    r.rowsSkipped = s.rowsSkipped;
    r.rowsUnpriced = builder.rowsUnpriced();
    out.pending.table = builder.finish();
    // Only the rates this import needed are stored with it.
    for (const actuals::CurrencyRate &rate : request.rates) {
        if (rate.currency != workbook.settings.currency)
            out.pending.newRates.push_back(rate);
    }
    out.ok = true;
    return out;
}

} // namespace roi
