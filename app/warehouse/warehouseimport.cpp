#include "warehouseimport.h"

#include "warehousereader.h"

#include "actuals/rollup.h"

#include <QCryptographicHash>
#include <QDateTime>

#include <cstring>

namespace roi {

std::string warehouseSourceName(const WarehouseConnection &c)
{
    return "warehouse: " + c.database + "/" + c.table;
}

namespace {

/// The SHA-256 of the source and of every group the server returned, in order: importing the
/// same roll-up twice is then a duplicate, as for a file.
std::string rollupSha256(const WarehouseConnection &c, const WarehouseResult &r)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const auto text = [&](const std::string &s) {
        hash.addData(QByteArrayView(s.data(), static_cast<qsizetype>(s.size() + 1)));
    };
    const auto number = [&](double v) {
        char bytes[sizeof v];
        std::memcpy(bytes, &v, sizeof v);
        hash.addData(QByteArrayView(bytes, sizeof bytes));
    };
    text(c.host + ":" + std::to_string(c.port) + "/" + c.database + "/" + c.table);
    for (const actuals::UsageRecord &u : r.records) {
        text(u.day.toString());
        for (const std::string *s : {&u.provider, &u.model, &u.currency, &u.keys.project,
                                     &u.keys.feature, &u.keys.team, &u.keys.customer})
            text(*s);
        for (double v : {u.uncachedInput, u.cacheReadInput, u.cacheWriteInput, u.outputTokens,
                         u.requests, u.cost})
            number(v);
    }
    return hash.result().toHex().toStdString();
}

} // namespace

ActualsImportOutcome runWarehouseImport(const Workbook &workbook, const WarehouseConnection &c,
                                        const QString &password, const std::atomic<bool> *cancel,
                                        const std::string &importedAt, int connectTimeoutSeconds)
{
    ActualsImportOutcome out;
    const WarehouseResult r = readWarehouseRollup(c, password, connectTimeoutSeconds);
    if (cancel && cancel->load()) {
        out.cancelled = true;
        out.error = "cancelled";
        return out;
    }
    if (!r.ok) {
        out.error = r.error.toStdString();
        return out;
    }
    const std::uint32_t id = workbook.actuals.nextImportId();
    actuals::RollupBuilder builder(workbook, id);
    builder.setWeekly(false); // the roll-up is monthly: its records carry no day
    Date first, last;
    for (const actuals::UsageRecord &u : r.records) {
        builder.add(u);
        if (first.isNull() || u.day < first)
            first = u.day;
        if (last.isNull() || last < u.day)
            last = u.day;
    }
    if (!builder.missingRates().empty()) {
        std::string list;
        for (const std::string &cur : builder.missingRates())
            list += (list.empty() ? "" : ", ") + cur;
        out.error = "the warehouse has costs in " + list + " and the workbook is in "
                    + workbook.settings.currency
                    + "; add a currency rate for each on the Actuals page first";
        return out;
    }
    actuals::ImportRecord &rec = out.pending.record;
    rec.id = id;
    rec.fileName = warehouseSourceName(c);
    rec.sha256 = rollupSha256(c, r);
    rec.format = kWarehouseFormat;
    rec.formatDetail = "PostgreSQL FOCUS roll-up, " + std::to_string(r.groups) + " groups";
    rec.importedAt = importedAt.empty()
                         ? QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString()
                         : importedAt;
    rec.providers = builder.providers();
    if (!r.records.empty()) {
        // The roll-up is monthly: the range runs from the first day of the first month to the
        // last day of the last one, so that overlapping months meet the file imports' question.
        rec.firstDay = first;
        rec.lastDay = {last.year, last.month, daysInMonth(last.year, last.month)};
    }
    rec.rowsRead = r.sourceRows;
    rec.rowsUsed = r.sourceRows;
    rec.rowsUnpriced = builder.rowsUnpriced();
    out.result.ok = true;
    out.result.stats.rowsRead = r.sourceRows;
    out.result.stats.rowsUsed = r.sourceRows;
    out.pending.table = builder.finish();
    out.ok = true;
    return out;
}

QString testWarehouseConnection(const WarehouseConnection &c, const QString &password,
                                int connectTimeoutSeconds)
{
    const WarehouseResult r = readWarehouseRollup(c, password, connectTimeoutSeconds, true);
    QString error = r.error;
    error.remove(QStringLiteral(" Nothing was imported.")); // a test imports nothing anyway
    return error;
}

} // namespace roi
