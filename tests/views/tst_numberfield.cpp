// The numeric field: display units (shares as percent), parsing with range checks and inline
// reasons, keystroke merge keys per visit, Escape and refused entries taking the visit back.
#include "fieldform.h"
#include "numberfield.h"
#include "numberformat.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace roi;

class TestNumberField : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void parse_data();
    void parse();
    void sharesShowAsPercent();
    void typingEmitsLegalValuesWithOneMergeKey();
    void escapeTakesTheVisitBack();
    void formBuildsRowsFromFieldTables();
    void moneyInTheCurrencysUnits();
};

static const FieldInfo &field(std::span<const Field<Baseline>> fields, const char *key)
{
    return findField(fields, key)->info;
}

void TestNumberField::parse_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("why");
    QTest::newRow("plain") << "volume"
                           << "50000" << true << 50000.0 << "";
    QTest::newRow("grouped") << "volume"
                             << "50,000" << true << 50000.0 << "";
    QTest::newRow("decimal") << "hourlyRate"
                             << "36.5" << true << 36.5 << "";
    QTest::newRow("exponent") << "volume"
                              << "1e12" << true << 1e12 << "";
    QTest::newRow("empty") << "volume"
                           << "" << false << 0.0 << "Enter a number.";
    QTest::newRow("over max") << "volume"
                              << "2e13" << false << 0.0 << "Must be at most";
    QTest::newRow("negative") << "volume"
                              << "-1" << false << 0.0 << "Must be at least 0";
    QTest::newRow("percent") << "errorRate"
                             << "8" << true << 0.08 << "";
    QTest::newRow("percent over") << "errorRate"
                                  << "101" << false << 0.0 << "at most 100%";
    QTest::newRow("infinity") << "volume"
                              << "1e999" << false << 0.0 << "Not a number.";
}

void TestNumberField::parse()
{
    QFETCH(QString, key);
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(double, value);
    QFETCH(QString, why);
    NumberField f(field(baselineFields(), key.toLatin1().constData()));
    QString reason;
    const auto parsed = f.parse(text, &reason);
    QCOMPARE(parsed.has_value(), ok);
    if (ok)
        QCOMPARE(*parsed, value);
    else
        QVERIFY2(reason.contains(why), qPrintable(reason));
}

void TestNumberField::sharesShowAsPercent()
{
    NumberField f(field(baselineFields(), "errorRate"));
    f.setValue(0.085);
    QCOMPARE(f.text(), QStringLiteral("8.5"));
    QCOMPARE(NumberField::unitSuffix(f.info(), QStringLiteral("$")), QStringLiteral("%"));
    NumberField money(field(baselineFields(), "hourlyRate"));
    money.setValue(36);
    QCOMPARE(money.text(), QStringLiteral("36"));
    QCOMPARE(NumberField::unitSuffix(money.info(), QStringLiteral("€")), QStringLiteral("€/h"));
}

void TestNumberField::typingEmitsLegalValuesWithOneMergeKey()
{
    QWidget window;
    auto *f = new NumberField(field(baselineFields(), "volume"), &window);
    auto *other = new QLineEdit(&window);
    window.show();
    QSignalSpy spy(f, &NumberField::valueEdited);
    f->setFocus();
    QVERIFY(QTest::qWaitFor([&] { return f->hasFocus(); }));
    f->selectAll();
    const QString firstKey = f->mergeKey();
    QTest::keyClicks(f, QStringLiteral("120"));
    QCOMPARE(spy.count(), 3); // 1, 12, 120
    QCOMPARE(spy.last().first().toDouble(), 120.0);
    QCOMPARE(f->mergeKey(), firstKey);
    other->setFocus();
    QVERIFY(QTest::qWaitFor([&] { return other->hasFocus(); }));
    QVERIFY(f->mergeKey() != firstKey); // a new visit, a new undo command
}

void TestNumberField::escapeTakesTheVisitBack()
{
    QWidget window;
    auto *f = new NumberField(field(baselineFields(), "volume"), &window);
    window.show();
    f->setValue(500);
    f->setFocus();
    QVERIFY(QTest::qWaitFor([&] { return f->hasFocus(); }));
    QSignalSpy spy(f, &NumberField::valueEdited);
    f->selectAll();
    QTest::keyClicks(f, QStringLiteral("77"));
    QCOMPARE(f->value(), 77.0);
    QTest::keyClick(f, Qt::Key_Escape);
    QCOMPARE(f->value(), 500.0);
    QCOMPARE(spy.last().first().toDouble(), 500.0);
    QCOMPARE(f->text(), QStringLiteral("500"));
}

void TestNumberField::formBuildsRowsFromFieldTables()
{
    FieldForm form;
    CostLayer review;
    review.type = LayerType::HumanReview;
    form.setFields(FieldForm::infos(
        layerFields(), [&](const Field<CostLayer> &f) { return fieldApplies(f, review); }));
    QCOMPARE(form.rowCount(), 3);
    QVERIFY(form.field("share"));
    QVERIFY(form.field("minutesPerReview"));
    QVERIFY(form.field("hourlyRate"));
    QVERIFY(!form.field("amount"));
    QSignalSpy edited(&form, &FieldForm::edited);
    form.field("share")->setText(QString());
    QTest::keyClicks(form.field("share"), QStringLiteral("10"));
    QCOMPARE(edited.last().at(0).toString(), QStringLiteral("share"));
    QCOMPARE(edited.last().at(1).toDouble(), 0.10);
}

void TestNumberField::moneyInTheCurrencysUnits()
{
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    const NumberFormat usd(QStringLiteral("USD"), english);
    QCOMPARE(usd.money(1234.5), QStringLiteral("$1,234.50"));
    QCOMPARE(usd.unitCost(0.10075), QStringLiteral("$0.10075"));
    const NumberFormat yen(QStringLiteral("JPY"), english);
    QCOMPARE(yen.money(1234.5), QStringLiteral("¥1,235"));
    QCOMPARE(yen.unitCost(24), QStringLiteral("¥24"));
    QCOMPARE(yen.unitCost(0.5), QStringLiteral("¥0.50000"));
    QCOMPARE(yen.money(1234.5, 2), QStringLiteral("¥1,234.50")); // asked for explicitly
    const NumberFormat franc(QStringLiteral("CHF"), QLocale(QLocale::German, QLocale::Switzerland));
    QCOMPARE(franc.money(1234.5), QStringLiteral("CHF 1’234.50"));
}

QTEST_MAIN(TestNumberField)
#include "tst_numberfield.moc"
