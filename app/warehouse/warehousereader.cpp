// Actuals from a warehouse (see warehousereader.h).
#include "warehousereader.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>
#include <QVariant>

namespace roi {

namespace {

QString quoteIdentifier(const QString &name)
{
    QString q = name;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString find(const QStringList &columns, const char *name)
{
    for (const QString &c : columns) {
        if (c.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
            return c;
    }
    return {};
}

/// An expression of a text or JSON column as jsonb; NULL for empty text.
QString asJson(const QString &column)
{
    if (column.isEmpty())
        return QStringLiteral("CAST(NULL AS jsonb)");
    return QStringLiteral("CAST(NULLIF(CAST(%1 AS text), '') AS jsonb)")
        .arg(quoteIdentifier(column));
}

QString orEmpty(const QString &expression)
{
    return QStringLiteral("COALESCE(%1, '')").arg(expression);
}

/// Removes the connection when the reader returns, whatever the path.
class ConnectionGuard
{
public:
    explicit ConnectionGuard(QString name)
        : m_name(std::move(name))
    {}
    ~ConnectionGuard()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    ConnectionGuard(const ConnectionGuard &) = delete;
    ConnectionGuard &operator=(const ConnectionGuard &) = delete;

private:
    QString m_name;
};

QString connectError(const WarehouseConnection &c, const QSqlError &e)
{
    const QString text = e.text();
    const QString where = QStringLiteral("%1:%2").arg(QString::fromStdString(c.host)).arg(c.port);
    if (text.contains(QLatin1String("password authentication failed"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("no password supplied"), Qt::CaseInsensitive))
        return QObject::tr("The PostgreSQL server at %1 refused the password for user \"%2\". "
                           "Check the password (or the user's line in ~/.pgpass). Nothing was "
                           "imported.")
            .arg(where, QString::fromStdString(c.user));
    if (text.contains(QLatin1String("does not exist"), Qt::CaseInsensitive))
        return QObject::tr("The PostgreSQL server at %1 says: %2 Nothing was imported.")
            .arg(where, e.driverText().isEmpty() ? text : e.databaseText().trimmed());
    if (text.contains(QLatin1String("Connection refused"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("could not connect"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("timeout"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("could not translate host"), Qt::CaseInsensitive))
        return QObject::tr("Cannot reach a PostgreSQL server at %1: is it running and does it "
                           "accept connections? Nothing was imported. (%2)")
            .arg(where, text.simplified());
    return QObject::tr("Cannot connect to the PostgreSQL server at %1: %2 Nothing was imported.")
        .arg(where, text.simplified());
}

} // namespace

QString quoteTableName(const QString &table)
{
    static const QRegularExpression part(QStringLiteral("^[A-Za-z_][A-Za-z0-9_$]*$"));
    const QStringList parts = table.trimmed().split(QLatin1Char('.'));
    if (parts.isEmpty() || parts.size() > 3)
        return {};
    QStringList quoted;
    for (const QString &p : parts) {
        if (!part.match(p).hasMatch())
            return {};
        quoted << quoteIdentifier(p); // as the user spelled it
    }
    return quoted.join(QLatin1Char('.'));
}

FocusColumns matchFocusColumns(const QStringList &columns, QStringList *missing)
{
    FocusColumns f;
    f.chargePeriodStart = find(columns, "ChargePeriodStart");
    f.chargeCategory = find(columns, "ChargeCategory");
    f.consumedQuantity = find(columns, "ConsumedQuantity");
    f.consumedUnit = find(columns, "ConsumedUnit");
    f.effectiveCost = find(columns, "EffectiveCost");
    f.billingCurrency = find(columns, "BillingCurrency");
    f.provider = find(columns, "ServiceProviderName");
    if (f.provider.isEmpty())
        f.provider = find(columns, "ProviderName");
    f.skuPriceDetails = find(columns, "SkuPriceDetails");
    f.skuMeter = find(columns, "SkuMeter");
    f.subAccountName = find(columns, "SubAccountName");
    f.tags = find(columns, "Tags");
    QStringList gaps;
    if (f.chargePeriodStart.isEmpty())
        gaps << QStringLiteral("ChargePeriodStart");
    if (f.consumedQuantity.isEmpty())
        gaps << QStringLiteral("ConsumedQuantity");
    if (f.consumedUnit.isEmpty())
        gaps << QStringLiteral("ConsumedUnit");
    if (f.effectiveCost.isEmpty())
        gaps << QStringLiteral("EffectiveCost");
    if (f.provider.isEmpty())
        gaps << QStringLiteral("ServiceProviderName (or ProviderName)");
    if (f.skuPriceDetails.isEmpty() && f.skuMeter.isEmpty())
        gaps << QStringLiteral("SkuPriceDetails or SkuMeter");
    if (missing)
        *missing = gaps;
    return f;
}

QString focusRollupSql(const FocusColumns &f, const QString &table)
{
    const auto col = [](const QString &c) {
        return quoteIdentifier(c);
    };
    const QString details = asJson(f.skuPriceDetails);
    const QString meter =
        f.skuMeter.isEmpty() ? QStringLiteral("CAST(NULL AS text)") : col(f.skuMeter);
    const QString model =
        QStringLiteral("COALESCE(d->>'x_ModelName', d->>'ModelName', d->>'Model', %1)").arg(meter);
    const QString kind = QStringLiteral("lower(COALESCE(d->>'x_TokenType', d->>'TokenType', "
                                        "d->>'x_TokenKind', d->>'TokenKind', %1, ''))")
                             .arg(meter);
    const QString tokens =
        QStringLiteral("%1 * CASE lower(replace(%2, ' ', '')) WHEN 'tokens' THEN 1 WHEN 'token' "
                       "THEN 1 WHEN '1ktokens' THEN 1000 WHEN '1000tokens' THEN 1000 WHEN "
                       "'1mtokens' THEN 1000000 WHEN '1000000tokens' THEN 1000000 ELSE 0 END")
            .arg(col(f.consumedQuantity), col(f.consumedUnit));
    const QString usage = f.chargeCategory.isEmpty()
                              ? QStringLiteral("TRUE")
                              : QStringLiteral("lower(%1) = 'usage'").arg(col(f.chargeCategory));
    QString sql;
    sql +=
        QStringLiteral(
            "SELECT month, provider, model, currency, project, feature, team, customer,\n"
            "  SUM(CASE WHEN kind LIKE '%cache%' AND kind LIKE '%write%' THEN 0\n"
            "           WHEN kind LIKE '%cache%' THEN 0\n"
            "           WHEN kind LIKE '%output%' THEN 0\n"
            "           WHEN kind LIKE '%input%' THEN tokens ELSE 0 END) AS uncached_input,\n"
            "  SUM(CASE WHEN kind LIKE '%cache%' AND kind LIKE '%write%' THEN 0\n"
            "           WHEN kind LIKE '%cache%' THEN tokens ELSE 0 END) AS cache_read_input,\n"
            "  SUM(CASE WHEN kind LIKE '%cache%' AND kind LIKE '%write%' THEN tokens ELSE 0 END)"
            " AS cache_write_input,\n"
            "  SUM(CASE WHEN kind LIKE '%cache%' THEN 0\n"
            "           WHEN kind LIKE '%output%' THEN tokens ELSE 0 END) AS output_tokens,\n"
            "  SUM(cost) AS cost,\n"
            "  COUNT(*) AS source_rows\n"
            "FROM (\n"
            "  SELECT to_char(date_trunc('month', CAST(%1 AS timestamptz)), 'YYYY-MM') AS month,\n"
            "    %2 AS provider,\n"
            "    %3 AS model,\n"
            "    %4 AS kind,\n"
            "    %5 AS tokens,\n"
            "    %6 AS cost,\n"
            "    %7 AS currency,\n"
            "    %8 AS project,\n"
            "    COALESCE(t->>'feature', '') AS feature,\n"
            "    COALESCE(t->>'team', '') AS team,\n"
            "    COALESCE(t->>'customer', '') AS customer\n"
            "  FROM (SELECT *, %9 AS d, %10 AS t FROM %11) AS source\n"
            "  WHERE %12\n"
            ") AS usage\n"
            "GROUP BY month, provider, model, currency, project, feature, team, customer\n"
            "ORDER BY month, provider, model, project, feature, team, customer")
            .arg(col(f.chargePeriodStart), orEmpty(col(f.provider)), orEmpty(model), kind, tokens,
                 QStringLiteral("COALESCE(%1, 0)").arg(col(f.effectiveCost)),
                 f.billingCurrency.isEmpty() ? QStringLiteral("''")
                                             : orEmpty(col(f.billingCurrency)),
                 f.subAccountName.isEmpty() ? QStringLiteral("''") : orEmpty(col(f.subAccountName)),
                 details)
            .arg(asJson(f.tags), table, usage);
    return sql;
}

WarehouseResult readWarehouseRollup(const WarehouseConnection &c, const QString &password,
                                    int connectTimeoutSeconds, bool checkOnly)
{
    WarehouseResult out;
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        out.error = QObject::tr("The PostgreSQL driver of Qt SQL is not installed (Debian: "
                                "libqt6sql6-psql). Nothing was imported.");
        return out;
    }
    const QString table = quoteTableName(QString::fromStdString(c.table));
    if (table.isEmpty()) {
        out.error = QObject::tr("\"%1\" is not a table or view name (letters, digits and _, "
                                "optionally schema.table). Nothing was imported.")
                        .arg(QString::fromStdString(c.table));
        return out;
    }
    const QString name = QStringLiteral("roi-warehouse-") + QUuid::createUuid().toString();
    ConnectionGuard guard(name);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(QString::fromStdString(c.host));
        db.setPort(c.port);
        db.setDatabaseName(QString::fromStdString(c.database));
        db.setUserName(QString::fromStdString(c.user));
        if (!password.isEmpty())
            db.setPassword(password);
        db.setConnectOptions(QStringLiteral("connect_timeout=%1;application_name=roi-workbench")
                                 .arg(std::max(1, connectTimeoutSeconds)));
        if (!db.open()) {
            out.error = connectError(c, db.lastError());
            return out;
        }
        QSqlQuery q(db);
        q.exec(QStringLiteral("SET TIME ZONE 'UTC'"));
        // The columns, from the server's description of an empty result: no rows are read.
        if (!q.exec(QStringLiteral("SELECT * FROM %1 WHERE FALSE").arg(table))) {
            out.error =
                QObject::tr("Cannot read the table or view %1: %2 Nothing was imported.")
                    .arg(QString::fromStdString(c.table), q.lastError().databaseText().trimmed());
            return out;
        }
        QStringList columns;
        const QSqlRecord record = q.record();
        for (int i = 0; i < record.count(); ++i)
            columns << record.fieldName(i);
        QStringList missing;
        const FocusColumns f = matchFocusColumns(columns, &missing);
        if (!missing.isEmpty()) {
            out.error =
                QObject::tr("The table or view %1 is not FOCUS-shaped: it has no %2 "
                            "column. Nothing was imported.")
                    .arg(QString::fromStdString(c.table), missing.join(QStringLiteral(", ")));
            return out;
        }
        out.sql = focusRollupSql(f, table);
        if (checkOnly) {
            out.ok = true;
            return out;
        }
        q.setForwardOnly(true);
        if (!q.exec(out.sql)) {
            out.error = QObject::tr("The roll-up query failed on the server: %1 Nothing was "
                                    "imported.")
                            .arg(q.lastError().databaseText().trimmed());
            return out;
        }
        while (q.next()) {
            actuals::UsageRecord r;
            const auto month = YearMonth::parse(q.value(0).toString().toStdString());
            if (!month)
                continue; // a NULL ChargePeriodStart: no month to put it in
            r.day = {month->year, month->month, 1};
            r.provider = q.value(1).toString().toStdString();
            r.model = q.value(2).toString().toStdString();
            r.currency = q.value(3).toString().toStdString();
            r.keys.project = q.value(4).toString().toStdString();
            r.keys.feature = q.value(5).toString().toStdString();
            r.keys.team = q.value(6).toString().toStdString();
            r.keys.customer = q.value(7).toString().toStdString();
            r.uncachedInput = q.value(8).toDouble();
            r.cacheReadInput = q.value(9).toDouble();
            r.cacheWriteInput = q.value(10).toDouble();
            r.outputTokens = q.value(11).toDouble();
            r.cost = q.value(12).toDouble();
            r.costKind = actuals::CostKind::Effective;
            out.sourceRows += q.value(13).toULongLong();
            ++out.groups;
            out.records.push_back(std::move(r));
        }
        if (q.lastError().isValid()) {
            out.records.clear();
            out.error = QObject::tr("Reading the roll-up failed: %1 Nothing was imported.")
                            .arg(q.lastError().text());
            return out;
        }
    }
    out.ok = true;
    return out;
}

} // namespace roi
