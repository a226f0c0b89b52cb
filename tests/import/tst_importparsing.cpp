// The shared parsers of roi_import: days from ISO dates, RFC 3339 timestamps with offsets
// (converted to the UTC day, which may be the day before or after) and Unix seconds; numbers.
#include "parsing.h"

#include <QTest>

using namespace roi;
using namespace roi::actuals::detail;

class TestImportParsing : public QObject
{
    Q_OBJECT

private slots:
    void day_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("style");
        QTest::addColumn<QString>("expected"); // "" = refused
        const int autoStyle = static_cast<int>(DateStyle::Auto);
        QTest::newRow("ISO date") << "2027-01-15" << autoStyle << "2027-01-15";
        QTest::newRow("RFC 3339 Z") << "2027-01-15T10:00:00Z" << autoStyle << "2027-01-15";
        // 23:30 at UTC-2 is 01:30 UTC the next day.
        QTest::newRow("offset west crosses midnight")
            << "2027-03-01T23:30:00-02:00" << autoStyle << "2027-03-02";
        // 00:30 at UTC+1 is 23:30 UTC the day before.
        QTest::newRow("offset east crosses midnight")
            << "2027-03-02T00:30:00+01:00" << autoStyle << "2027-03-01";
        // 00:00 at UTC+1 on 1 January is 23:00 UTC on 31 December of the year before.
        QTest::newRow("offset crosses the year")
            << "2027-01-01T00:00:00+0100" << autoStyle << "2026-12-31";
        QTest::newRow("fraction and offset")
            << "2027-03-16T08:00:00.250+05:30" << autoStyle << "2027-03-16";
        QTest::newRow("space, no zone = UTC") << "2027-03-10 23:59:59" << autoStyle << "2027-03-10";
        // 1800000000 s = 20833 days (1800000000 / 86400 = 20833.33) after 1970-01-01:
        // 2027-01-15 08:00:00 UTC.
        QTest::newRow("Unix seconds") << "1800000000" << autoStyle << "2027-01-15";
        QTest::newRow("Unix seconds, fraction") << "1800000000.5" << autoStyle << "2027-01-15";
        QTest::newRow("DD/MM/YYYY") << "05/01/2027" << static_cast<int>(DateStyle::Dmy)
                                    << "2027-01-05";
        QTest::newRow("MM/DD/YYYY") << "05/01/2027" << static_cast<int>(DateStyle::Mdy)
                                    << "2027-05-01";
        QTest::newRow("no 31 February") << "2027-02-31" << autoStyle << "";
        QTest::newRow("hour 24") << "2027-02-01T24:00:00Z" << autoStyle << "";
        QTest::newRow("garbage after zone") << "2027-02-01T10:00:00Zx" << autoStyle << "";
        QTest::newRow("negative Unix") << "-5" << autoStyle << "";
        QTest::newRow("text") << "yesterday" << autoStyle << "";
        QTest::newRow("empty") << "" << autoStyle << "";
        QTest::newRow("year 10000 in seconds") << "253402300800" << autoStyle << "";
    }
    void day()
    {
        QFETCH(QString, text);
        QFETCH(int, style);
        QFETCH(QString, expected);
        const std::string s = text.toStdString();
        const std::optional<Date> d = parseDay(s, static_cast<DateStyle>(style));
        QCOMPARE(d ? QString::fromStdString(d->toString()) : QString(), expected);
    }

    void number_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<double>("value");
        QTest::newRow("integer") << "1200000" << true << 1200000.0;
        QTest::newRow("decimal") << " 0.135 " << true << 0.135;
        QTest::newRow("plus") << "+4" << true << 4.0;
        QTest::newRow("exponent") << "1e3" << true << 1000.0;
        QTest::newRow("NaN") << "NaN" << false << 0.0;
        QTest::newRow("inf") << "inf" << false << 0.0;
        QTest::newRow("overflow") << "1e400" << false << 0.0;
        QTest::newRow("trailing text") << "12abc" << false << 0.0;
        QTest::newRow("empty") << "" << false << 0.0;
    }
    void number()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(double, value);
        const std::string s = text.toStdString();
        const std::optional<double> v = parseNumber(s);
        QCOMPARE(v.has_value(), ok);
        if (ok)
            QCOMPARE(*v, value);
    }

    void unixDays()
    {
        // 2027-01-20 00:00:00 UTC = 1800403200 s (20838 days * 86400); one second earlier is
        // still 2027-01-19.
        QCOMPARE(dayFromUnixSeconds(1800403200.0)->toString(), std::string("2027-01-20"));
        QCOMPARE(dayFromUnixSeconds(1800403199.0)->toString(), std::string("2027-01-19"));
        QCOMPARE(dateFromDays(0).toString(), std::string("1970-01-01"));
        QCOMPARE(dateFromDays(Date{2028, 2, 29}.daysSinceEpoch()).toString(),
                 std::string("2028-02-29"));
    }
};

QTEST_APPLESS_MAIN(TestImportParsing)
#include "tst_importparsing.moc"
