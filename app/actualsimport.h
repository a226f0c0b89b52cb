// Running one import of a usage or cost export for the workbook: SHA-256 of the file
// (QCryptographicHash), the importer (roi_import) streaming into a RollupBuilder, and the
// audit record. Safe on a worker thread: it reads a copy of the workbook and changes nothing;
// the caller applies the result with actuals::applyImport through the Document (one undoable
// edit, app/actualscommands.h), or drops it.
#pragma once

#include "actuals/actualsimport.h"
#include "actuals/import/importer.h"
#include "workbook.h"

#include <QString>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace roi {

struct ActualsImportRequest
{
    QString path;
    actuals::SourceFormat format = actuals::SourceFormat::Auto;
    std::optional<actuals::ColumnMapping> mapping; // for SourceFormat::MappedCsv
    std::vector<actuals::CurrencyRate> rates;      // given for this import (--rate, the dialog)
    /// Bytes done and total; false cancels. May be empty.
    std::function<bool(std::uint64_t done, std::uint64_t total)> progress;
    /// importedAt; empty = now (UTC). Tests fix it.
    std::string importedAt;
};

struct ActualsImportOutcome
{
    bool ok = false; // false: nothing to apply (see error)
    bool cancelled = false;
    std::string error;              // file-level: unreadable, unknown format, missing rate
    /// Currencies the file has costs in with no rate to the workbook's currency (sorted): the
    /// import failed for them alone, so running it again with their rates succeeds.
    std::vector<std::string> missingRates;
    actuals::ImportResult result;   // the importer's statistics and refused rows
    actuals::PendingImport pending; // set when ok
};

/// Reads `request.path` for `workbook` (its price book, currency, rates, next import id).
ActualsImportOutcome runActualsImport(const Workbook &workbook,
                                      const ActualsImportRequest &request);

/// Why an import with costs in `currencies` (not empty) without rates was refused, naming
/// them and the --rate options that import it.
std::string missingRatesMessage(const std::vector<std::string> &currencies,
                                const std::string &workbookCurrency);

/// Lowercase hex SHA-256 of a file's bytes; empty with `error` set when it cannot be read.
std::string fileSha256(const QString &path, QString *error);

} // namespace roi
