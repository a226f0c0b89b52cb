// The report logo is the one binary format read from a workbook: base64 PNG bytes that a client's
// file can make anything. decodeLogo() must turn every corruption into "no logo" or a small
// image, never a crash or a huge bitmap: truncations at every length, seeded byte flips, and
// headers that claim enormous sizes.
#include "reportcontent.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QTest>

#include <string>

using namespace roi;

class TestLogoDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void validLogoDecodes();
    void notBase64OrNotPng_data();
    void notBase64OrNotPng();
    void everyTruncation();
    void byteFlips();
    void hugeClaimedSize_data();
    void hugeClaimedSize();

private:
    static std::string base64(const QByteArray &bytes) { return bytes.toBase64().toStdString(); }
    static bool acceptable(const QImage &image)
    {
        return image.isNull() || (image.width() <= 4096 && image.height() <= 4096);
    }

    QByteArray m_png;
};

void TestLogoDecoder::initTestCase()
{
    QImage logo(64, 32, QImage::Format_ARGB32);
    logo.fill(Qt::transparent);
    QPainter p(&logo);
    p.fillRect(4, 4, 56, 24, QColor(0x16, 0x36, 0x5c));
    p.end();
    QBuffer buffer(&m_png);
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QVERIFY(logo.save(&buffer, "PNG"));
    QVERIFY(m_png.size() > 60);
}

void TestLogoDecoder::validLogoDecodes()
{
    const QImage image = decodeLogo(base64(m_png));
    QCOMPARE(image.size(), QSize(64, 32));
}

void TestLogoDecoder::notBase64OrNotPng_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not base64") << QByteArray("this is *not* base64!");
    QTest::newRow("base64 of text") << QByteArray("aGVsbG8gd29ybGQ=");
    QTest::newRow("a JPEG header") << QByteArray::fromHex("ffd8ffe000104a464946").toBase64();
    QTest::newRow("PNG magic alone") << QByteArray("\x89PNG\r\n\x1a\n").toBase64();
}

void TestLogoDecoder::notBase64OrNotPng()
{
    QFETCH(QByteArray, text);
    QVERIFY(decodeLogo(text.toStdString()).isNull());
}

void TestLogoDecoder::everyTruncation()
{
    int decoded = 0;
    for (qsizetype n = 0; n < m_png.size(); ++n) {
        const QImage image = decodeLogo(base64(m_png.left(n)));
        QVERIFY2(acceptable(image), qPrintable(QString::number(n)));
        decoded += image.isNull() ? 0 : 1;
    }
    // A PNG cut before its end chunk may still give its pixels; the whole file always does.
    QVERIFY(decoded < m_png.size());
}

void TestLogoDecoder::byteFlips()
{
    QRandomGenerator random(20261123);
    for (int i = 0; i < 3000; ++i) {
        QByteArray bytes = m_png;
        const int flips = 1 + static_cast<int>(random.bounded(4));
        for (int f = 0; f < flips; ++f) {
            const auto at = static_cast<qsizetype>(random.bounded(static_cast<int>(bytes.size())));
            bytes[at] = static_cast<char>(random.bounded(256));
        }
        QVERIFY2(acceptable(decodeLogo(base64(bytes))), qPrintable(QString::number(i)));
    }
}

void TestLogoDecoder::hugeClaimedSize_data()
{
    QTest::addColumn<quint32>("width");
    QTest::addColumn<quint32>("height");
    QTest::newRow("wide") << quint32(100000) << quint32(1);
    QTest::newRow("tall") << quint32(1) << quint32(100000);
    QTest::newRow("both") << quint32(65535) << quint32(65535);
    QTest::newRow("largest PNG allows") << quint32(0x7fffffff) << quint32(0x7fffffff);
    QTest::newRow("just over the limit") << quint32(4097) << quint32(16);
}

void TestLogoDecoder::hugeClaimedSize()
{
    QFETCH(quint32, width);
    QFETCH(quint32, height);
    // IHDR's width and height sit at bytes 16-23, big-endian; the chunk's CRC is left stale,
    // as a hostile file would, and then made right, as a careful one would.
    QByteArray bytes = m_png;
    for (int i = 0; i < 4; ++i) {
        bytes[16 + i] = static_cast<char>((width >> (24 - 8 * i)) & 0xff);
        bytes[20 + i] = static_cast<char>((height >> (24 - 8 * i)) & 0xff);
    }
    QVERIFY(decodeLogo(base64(bytes)).isNull());
    // CRC-32 of the chunk type and data (bytes 12-28), the polynomial PNG uses.
    quint32 crc = 0xffffffffu;
    for (int i = 12; i < 29; ++i) {
        crc ^= static_cast<quint8>(bytes[i]);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    crc ^= 0xffffffffu;
    for (int i = 0; i < 4; ++i)
        bytes[29 + i] = static_cast<char>((crc >> (24 - 8 * i)) & 0xff);
    QVERIFY(decodeLogo(base64(bytes)).isNull());
}

QTEST_GUILESS_MAIN(TestLogoDecoder)
#include "tst_logodecoder.moc"
