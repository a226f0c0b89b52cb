// The warehouse connection in the workbook (model/warehouse): saved and read back without a
// password; a password in a file is refused with its path.
#include "warehouse/warehousejson.h"

#include "../testutil.h"

#include <QTest>

using namespace roi;

class TestWarehouseConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripWithoutPassword();
    void passwordInFileIsRefused();
    void notSavedWhenUnset();
};

void TestWarehouseConnection::roundTripWithoutPassword()
{
    Workbook wb = roitest::bareWorkbook();
    wb.scenarios = defaultScenarios();
    wb.warehouse = {"db.example.com", 6543, "finops", "analyst", "billing.focus_ai"};
    const SaveResult saved = writeWorkbook(wb);
    QVERIFY(saved.ok());
    QVERIFY(saved.text.find("\"table\": \"billing.focus_ai\"") != std::string::npos);
    QVERIFY(saved.text.find("password") == std::string::npos);
    const LoadResult r = readWorkbook(saved.text);
    QVERIFY(r.ok());
    QVERIFY(r.diagnostics.empty());
    QCOMPARE(r.workbook->warehouse, wb.warehouse);
}

void TestWarehouseConnection::passwordInFileIsRefused()
{
    Workbook wb = roitest::bareWorkbook();
    wb.scenarios = defaultScenarios();
    wb.warehouse = {"db", 5432, "finops", "analyst", "focus"};
    auto j = nlohmann::ordered_json::parse(writeWorkbook(wb).text);
    j["warehouse"]["password"] = "secret";
    j["warehouse"]["port"] = 70000;
    const LoadResult r = readWorkbook(j.dump());
    QVERIFY(!r.ok());
    QCOMPARE(r.diagnostics.size(), std::size_t(2));
    QCOMPARE(r.diagnostics[0].path, std::string("/warehouse/port"));
    QCOMPARE(r.diagnostics[1].path, std::string("/warehouse/password"));
    QVERIFY(r.diagnostics[1].message.find("never stored") != std::string::npos);
}

void TestWarehouseConnection::notSavedWhenUnset()
{
    Workbook wb = roitest::bareWorkbook();
    const SaveResult saved = writeWorkbook(wb);
    QVERIFY(saved.text.find("\"warehouse\"") == std::string::npos);
}

QTEST_APPLESS_MAIN(TestWarehouseConnection)
#include "tst_warehouseconnection.moc"
