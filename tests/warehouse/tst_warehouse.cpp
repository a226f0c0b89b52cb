// The warehouse reader (app/warehouse) against the PostgreSQL server the ctest fixture started
// (start-postgres.sh) with the generated FOCUS table of 1,000,000 rows (generate-focus.sql):
// the roll-up is one GROUP BY on the server, it equals the same rows exported to a FOCUS CSV
// and aggregated on this side, and a server that is down, a wrong password and a table without
// the FOCUS columns each give a clear message and no record.
#include "actuals/import/importer.h"
#include "warehouse/warehousereader.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <map>
#include <tuple>

using namespace roi;

namespace {

QString pgDir()
{
    return qEnvironmentVariable("ROI_PG_DIR");
}

int pgPort()
{
    return qEnvironmentVariableIntValue("ROI_PG_PORT");
}

WarehouseConnection connection(const char *table = "focus_ai_usage")
{
    return {"127.0.0.1", pgPort(), "warehouse", "roi", table};
}

const QString kPassword = QStringLiteral("roi-test-password");

/// The key of one group, as the reader forms it.
using GroupKey = std::tuple<std::string, std::string, std::string, std::string, std::string,
                            std::string, std::string>; // month, provider, model, project,
                                                       // feature, team, customer
struct Sums
{
    double uncached = 0, cacheRead = 0, output = 0, cost = 0;
};

GroupKey keyOf(const actuals::UsageRecord &r)
{
    return {r.day.yearMonth().toString(),
            r.provider,
            r.model,
            r.keys.project,
            r.keys.feature,
            r.keys.team,
            r.keys.customer};
}

/// Splits one CSV line as PostgreSQL's COPY writes it (quotes doubled inside quoted fields).
QStringList splitCsv(const QString &line)
{
    QStringList out;
    QString field;
    bool quoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            out << field;
            field.clear();
        } else {
            field += c;
        }
    }
    out << field;
    return out;
}

} // namespace

class TestWarehouse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rollupRunsOnTheServer();
    void rollupEqualsTheFileExport();
    void serverDown();
    void wrongPassword();
    void missingColumns();
    void badTableName();
    void sqlNamesEveryFocusColumn();

private:
    WarehouseResult m_result; // the roll-up of focus_ai_usage, read once
};

void TestWarehouse::initTestCase()
{
    QVERIFY2(!pgDir().isEmpty() && pgPort() > 0,
             "ROI_PG_DIR and ROI_PG_PORT come from the ctest fixture (tests/warehouse)");
    QVERIFY2(QFile::exists(pgDir() + QStringLiteral("/server.log")),
             "the PostgreSQL fixture (warehouse_postgres_start) did not start the server");
    m_result = readWarehouseRollup(connection(), kPassword);
    QVERIFY2(m_result.ok, qPrintable(m_result.error));
}

void TestWarehouse::rollupRunsOnTheServer()
{
    // By hand (generate-focus.sql): 1,000,000 rows, one tax row in 1,000 (g % 1000 = 999), so
    // 999,000 usage rows; groups: 6 months × 3 models × 4 features (each with one team and
    // account) × 10 customers = 720 — every combination occurs (g % 3, g % 10 and g / 9 % 4
    // cycle through all 120 with period 180, and the 181-day calendar shifts them each month).
    const int rows = qEnvironmentVariableIntValue("ROI_PG_ROWS");
    QCOMPARE(rows, 1000000);
    QCOMPARE(m_result.sourceRows, std::uint64_t(999000));
    QCOMPARE(m_result.groups, std::uint64_t(720));
    QCOMPARE(m_result.records.size(), std::size_t(720));
    // Only the groups crossed the wire: the number of rows returned is the number of groups,
    // and the server's log holds the one GROUP BY statement the reader sent.
    QFile log(pgDir() + QStringLiteral("/server.log"));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray text = log.readAll();
    QVERIFY(text.contains("GROUP BY month, provider, model, currency, project, feature, team, "
                          "customer"));
    QVERIFY(text.contains("FROM \"focus_ai_usage\""));
    QVERIFY(!text.contains("SELECT * FROM \"focus_ai_usage\"\n")); // never the raw rows
    QVERIFY(m_result.sql.contains(QLatin1String("GROUP BY")));
    // Month totals by hand: sum of EffectiveCost of the usage rows = 5,466.358874875 (exact in
    // numeric; computed on the server with SUM over focus_usage).
    double cost = 0;
    for (const auto &r : m_result.records) {
        QCOMPARE(r.costKind, actuals::CostKind::Effective);
        QCOMPARE(r.day.day, 1);
        cost += r.cost;
    }
    QVERIFY(std::abs(cost - 5466.358874875) < 1e-6);
}

void TestWarehouse::rollupEqualsTheFileExport()
{
    // The same rows exported by the server to a FOCUS CSV (timestamps as FOCUS writes them),
    // then read and aggregated on this side, row by row.
    const QString csv = pgDir() + QStringLiteral("/focus-export.csv");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("x"));
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(pgPort());
        db.setDatabaseName(QStringLiteral("warehouse"));
        db.setUserName(QStringLiteral("roi"));
        db.setPassword(kPassword);
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        const QString copy =
            QStringLiteral(
                "COPY (SELECT \"ChargeCategory\", to_char(\"ChargePeriodStart\" AT TIME ZONE "
                "'UTC', "
                "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS \"ChargePeriodStart\", \"ConsumedQuantity\", "
                "\"ConsumedUnit\", \"EffectiveCost\", \"ProviderName\", \"SkuPriceDetails\", "
                "\"SubAccountName\", \"Tags\" FROM focus_usage) TO '%1' WITH (FORMAT csv, HEADER)")
                .arg(csv);
        QVERIFY2(q.exec(copy), qPrintable(q.lastError().text()));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("x"));

    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList header = splitCsv(QString::fromUtf8(file.readLine()).trimmed());
    QCOMPARE(header.size(), 9);
    std::map<GroupKey, Sums> local;
    std::uint64_t usage = 0;
    while (!file.atEnd()) {
        const QStringList f = splitCsv(QString::fromUtf8(file.readLine()).chopped(1));
        QCOMPARE(f.size(), 9);
        if (f[0] != QLatin1String("Usage"))
            continue;
        ++usage;
        const auto details = nlohmann::json::parse(f[6].toStdString());
        const auto tags = nlohmann::json::parse(f[8].toStdString());
        const GroupKey key{f[1].left(7).toStdString(),
                           f[5].toStdString(),
                           details["x_ModelName"].get<std::string>(),
                           f[7].toStdString(),
                           tags["feature"].get<std::string>(),
                           tags["team"].get<std::string>(),
                           tags["customer"].get<std::string>()};
        Sums &s = local[key];
        const double tokens = f[2].toDouble(); // ConsumedUnit is "Tokens"
        QCOMPARE(f[3], QStringLiteral("Tokens"));
        const std::string kind = details["x_TokenType"].get<std::string>();
        (kind == "input" ? s.uncached : kind == "output" ? s.output : s.cacheRead) += tokens;
        s.cost += f[4].toDouble();
    }
    QCOMPARE(usage, std::uint64_t(999000));
    QCOMPARE(local.size(), m_result.records.size());

    // And through the FOCUS importer of the file import (roi_import), the same rows again.
    std::map<GroupKey, Sums> imported;
    actuals::ImportOptions options;
    options.format = actuals::SourceFormat::Focus;
    const actuals::ImportResult ir =
        actuals::importFile(csv.toStdString(), options, [&](const actuals::UsageRecord &r) {
            Sums &s = imported[keyOf(r)];
            s.uncached += r.uncachedInput;
            s.cacheRead += r.cacheReadInput;
            s.output += r.outputTokens;
            s.cost += r.cost;
        });
    QVERIFY2(ir.ok, ir.error.c_str());
    QCOMPARE(ir.stats.rowsUsed, std::uint64_t(999000));
    QCOMPARE(ir.stats.rowsSkipped, std::uint64_t(1000)); // the tax rows
    QCOMPARE(ir.stats.rowsRefused, std::uint64_t(0));
    QCOMPARE(imported.size(), m_result.records.size());
    for (const auto &r : m_result.records) {
        const auto it = imported.find(keyOf(r));
        QVERIFY(it != imported.end());
        QCOMPARE(r.uncachedInput, it->second.uncached);
        QCOMPARE(r.cacheReadInput, it->second.cacheRead);
        QCOMPARE(r.outputTokens, it->second.output);
        QVERIFY(std::abs(r.cost - it->second.cost) <= 1e-9 * std::max(1.0, r.cost));
    }
    for (const auto &r : m_result.records) {
        const auto it = local.find(keyOf(r));
        QVERIFY(it != local.end());
        QCOMPARE(r.uncachedInput, it->second.uncached); // whole numbers of tokens: exact
        QCOMPARE(r.cacheReadInput, it->second.cacheRead);
        QCOMPARE(r.outputTokens, it->second.output);
        QCOMPARE(r.cacheWriteInput, 0.0);
        QVERIFY2(std::abs(r.cost - it->second.cost) <= 1e-9 * std::max(1.0, r.cost),
                 qPrintable(QString::number(r.cost - it->second.cost)));
    }
}

void TestWarehouse::serverDown()
{
    // Port 1 (tcpmux): nothing listens there on a build machine, so the connection is refused.
    const int port = 1;
    WarehouseConnection c = connection();
    c.port = port;
    const WarehouseResult r = readWarehouseRollup(c, kPassword, 5);
    QVERIFY(!r.ok);
    QVERIFY(r.records.empty());
    QVERIFY2(r.error.startsWith(
                 QStringLiteral("Cannot reach a PostgreSQL server at 127.0.0.1:%1: is it running")
                     .arg(port)),
             qPrintable(r.error));
    QVERIFY(r.error.contains(QLatin1String("Nothing was imported.")));
}

void TestWarehouse::wrongPassword()
{
    const WarehouseResult r = readWarehouseRollup(connection(), QStringLiteral("not-it"));
    QVERIFY(!r.ok);
    QVERIFY(r.records.empty());
    QCOMPARE(r.error, QStringLiteral("The PostgreSQL server at 127.0.0.1:%1 refused the password "
                                     "for user \"roi\". Check the password (or the user's line "
                                     "in ~/.pgpass). Nothing was imported.")
                          .arg(pgPort()));
}

void TestWarehouse::missingColumns()
{
    const WarehouseResult r = readWarehouseRollup(connection("focus_missing_unit"), kPassword);
    QVERIFY(!r.ok);
    QVERIFY(r.records.empty());
    QCOMPARE(r.error, QStringLiteral("The table or view focus_missing_unit is not FOCUS-shaped: "
                                     "it has no ConsumedUnit column. Nothing was imported."));
    const WarehouseResult none = readWarehouseRollup(connection("no_such_table"), kPassword);
    QVERIFY(!none.ok);
    QVERIFY2(none.error.startsWith(QStringLiteral("Cannot read the table or view no_such_table: "
                                                  "ERROR:  relation \"no_such_table\" does not "
                                                  "exist")),
             qPrintable(none.error));
}

void TestWarehouse::badTableName()
{
    const WarehouseResult r =
        readWarehouseRollup(connection("focus; DROP TABLE focus_usage"), kPassword);
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("\"focus; DROP TABLE focus_usage\" is not a table or view "
                                     "name (letters, digits and _, optionally schema.table). "
                                     "Nothing was imported."));
    QCOMPARE(quoteTableName(QStringLiteral("billing.focus_ai")),
             QStringLiteral("\"billing\".\"focus_ai\""));
}

void TestWarehouse::sqlNamesEveryFocusColumn()
{
    // FOCUS 1.3 names (ServiceProviderName) are preferred; columns match in any case.
    QStringList missing;
    const FocusColumns f =
        matchFocusColumns({QStringLiteral("chargeperiodstart"), QStringLiteral("ConsumedQuantity"),
                           QStringLiteral("ConsumedUnit"), QStringLiteral("EffectiveCost"),
                           QStringLiteral("ProviderName"), QStringLiteral("ServiceProviderName"),
                           QStringLiteral("SkuMeter")},
                          &missing);
    QVERIFY(missing.isEmpty());
    QCOMPARE(f.provider, QStringLiteral("ServiceProviderName"));
    QCOMPARE(f.chargePeriodStart, QStringLiteral("chargeperiodstart"));
    const QString sql = focusRollupSql(f, QStringLiteral("\"t\""));
    QVERIFY(sql.contains(QLatin1String("\"ServiceProviderName\"")));
    QVERIFY(sql.contains(QLatin1String("WHERE TRUE"))); // no ChargeCategory: all rows usage
    QVERIFY(!sql.contains(QLatin1String("PricingQuantity")));
}

QTEST_GUILESS_MAIN(TestWarehouse)
#include "tst_warehouse.moc"
