// An import of actuals from a warehouse (issue 13): the roll-up readWarehouseRollup brings back
// (one GROUP BY on the server) fed through the same RollupBuilder as a file import, with an
// audit record ("warehouse: DATABASE/TABLE", rows the server aggregated, groups, time). Safe on
// a worker thread: it reads a copy of the workbook and changes nothing; the caller applies the
// outcome like a file import's (duplicate and overlap handling, one undoable edit).
#pragma once

#include "actualsimport.h"
#include "warehouse/warehouseconnection.h"

#include <QString>

#include <atomic>
#include <string>

namespace roi {

inline constexpr char kWarehouseFormat[] = "warehouse";

/// The audit trail's name of a warehouse source: "warehouse: finops/billing.focus".
std::string warehouseSourceName(const WarehouseConnection &connection);

/// Reads the roll-up of `connection` for `workbook` (its price book, currency, rates, next
/// import id). `cancel`, when set by the time the server answers, drops the result (a running
/// query is not interrupted). `importedAt` empty: now (UTC).
ActualsImportOutcome
runWarehouseImport(const Workbook &workbook, const WarehouseConnection &connection,
                   const QString &password, const std::atomic<bool> *cancel = nullptr,
                   const std::string &importedAt = {}, int connectTimeoutSeconds = 10);

/// Connects and checks that the table has the FOCUS columns, without running the roll-up: an
/// empty string when all is well, else the reader's message.
QString testWarehouseConnection(const WarehouseConnection &connection, const QString &password,
                                int connectTimeoutSeconds = 10);

} // namespace roi
