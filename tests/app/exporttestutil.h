// Helpers shared by the exporter tests: the bundled examples, a fixed report date, and the
// poppler and unzip tools that read the files back.
#pragma once

#include "engine.h"
#include "workbookfile.h"

#include <QDate>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

namespace roi::test {

/// Every test reports as of this day, so the model checks and the printed date are fixed.
inline QDate reportDay()
{
    return QDate(2026, 11, 23);
}

inline Results computeAsOfReportDay(const Workbook &wb)
{
    const QDate d = reportDay();
    return compute(wb, ComputeOptions{Date{d.year(), d.month(), d.day()}, true});
}

/// A bundled example (resources/examples/NAME.roiwb); an empty workbook if it does not load.
inline Workbook example(const char *name)
{
    QFile f(QStringLiteral(ROI_SOURCE_DIR "/resources/examples/%1.roiwb")
                .arg(QString::fromLatin1(name)));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.readAll();
    auto loaded =
        readWorkbook(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    return loaded.ok() ? *loaded.workbook : Workbook{};
}

inline bool haveTool(const QString &name)
{
    return !QStandardPaths::findExecutable(name).isEmpty();
}

/// Runs a tool and returns its standard output (empty if it fails).
inline QByteArray run(const QString &program, const QStringList &args, int *exitCode = nullptr)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        if (exitCode)
            *exitCode = -1;
        return {};
    }
    if (exitCode)
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAllStandardOutput();
}

/// The text of a PDF (or of one page) as pdftotext extracts it, in reading order.
inline QString pdfText(const QString &path, int page = 0)
{
    QStringList args;
    if (page > 0)
        args << QStringLiteral("-f") << QString::number(page) << QStringLiteral("-l")
             << QString::number(page);
    args << path << QStringLiteral("-");
    return QString::fromUtf8(run(QStringLiteral("pdftotext"), args));
}

/// The value of a field of pdfinfo ("Pages", "Page size").
inline QString pdfInfo(const QString &path, const QString &field)
{
    const QString out = QString::fromUtf8(run(QStringLiteral("pdfinfo"), {path}));
    for (const QString &line : out.split(QLatin1Char('\n'))) {
        if (line.startsWith(field + QLatin1Char(':')))
            return line.mid(field.size() + 1).trimmed();
    }
    return {};
}

/// One member of a zip archive (unzip -p).
inline QByteArray unzipMember(const QString &archive, const QString &member)
{
    return run(QStringLiteral("unzip"), {QStringLiteral("-p"), archive, member});
}

/// Parses RFC 4180 CSV (quoted cells, doubled quotes, CRLF) into rows of cells.
inline QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    cell += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cell += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row << cell;
            cell.clear();
        } else if (c == QLatin1Char('\r')) {
            // part of CRLF
        } else if (c == QLatin1Char('\n')) {
            row << cell;
            cell.clear();
            rows << row;
            row.clear();
        } else {
            cell += c;
        }
    }
    if (!cell.isEmpty() || !row.isEmpty()) {
        row << cell;
        rows << row;
    }
    return rows;
}

} // namespace roi::test
