// Actuals from a warehouse: the monthly roll-up of a FOCUS-shaped PostgreSQL table or view, read
// through Qt SQL (QPSQL) with the aggregation pushed to the server as ONE GROUP BY query, so only
// one row per group crosses the wire, never the raw rows. Each group becomes one normalised
// UsageRecord dated the first of its month, the same record the file importers produce, so the
// result feeds the same roll-up and import path. The SQL is documented in docs/warehouse.md.
#pragma once

#include "actuals/usagerecord.h"
#include "warehouse/warehouseconnection.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace roi {

/// The FOCUS columns the roll-up reads, as the table spells them (found case-insensitively).
struct FocusColumns
{
    QString chargePeriodStart;
    QString chargeCategory; // optional: without it every row is usage
    QString consumedQuantity;
    QString consumedUnit;
    QString effectiveCost;
    QString billingCurrency; // optional
    QString provider;        // ServiceProviderName (1.3+) or ProviderName (1.0-1.2)
    QString skuPriceDetails; // optional if SkuMeter is there
    QString skuMeter;        // optional if SkuPriceDetails is there
    QString subAccountName;  // optional
    QString tags;            // optional
};

/// Matches a table's column names to FOCUS; `missing` lists what a roll-up cannot do without.
FocusColumns matchFocusColumns(const QStringList &columns, QStringList *missing);

/// The one GROUP BY query (PostgreSQL dialect) over `table` (already quoted) for these columns.
QString focusRollupSql(const FocusColumns &columns, const QString &quotedTable);

/// Quotes a user-given table name, optionally schema-qualified ("billing.focus"); empty when the
/// name is not a plain identifier path.
QString quoteTableName(const QString &table);

struct WarehouseResult
{
    bool ok = false;
    QString error;                             // a sentence for the user; nothing changed
    std::vector<actuals::UsageRecord> records; // one per group, dated the 1st of its month
    std::uint64_t groups = 0;                  // rows the server returned
    std::uint64_t sourceRows = 0;              // usage rows the server aggregated
    QString sql;                               // the query that ran
};

/// Connects, checks the columns and runs the roll-up. `password` empty: libpq takes it from
/// ~/.pgpass (or PGPASSWORD). Never throws; on failure `error` says what went wrong (server
/// down, password refused, missing columns...). `connectTimeoutSeconds` bounds a dead host.
/// `checkOnly`: stop after the columns are checked (Test Connection), with `sql` set.
WarehouseResult readWarehouseRollup(const WarehouseConnection &connection, const QString &password,
                                    int connectTimeoutSeconds = 10, bool checkOnly = false);

} // namespace roi
