#include "pdfreport.h"

#include "chartexport.h"
#include "guithread.h"
#include "numberformat.h"

#include <qcustomplot.h>

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QBuffer>
#include <QPdfWriter>
#include <QPicture>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextObjectInterface>
#include <QTextTable>

#include <algorithm>
#include <cmath>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <memory>
#include <optional>

namespace roi {

using namespace Qt::StringLiterals;

namespace {

// Page geometry in CSS pixels: the PDF writer works at 96 dpi, so the document, the charts and
// the HTML report share one unit. A4 is 793.7 × 1122.5 px.
constexpr double kDpi = 96.0;
constexpr double kMarginLeft = 64;
constexpr double kMarginRight = 64;
constexpr double kMarginTop = 84;
constexpr double kMarginBottom = 76;

const QSizeF kA4 = QPageSize(QPageSize::A4).size(QPageSize::Point) * (kDpi / 72.0);

constexpr int kChartObjectType = QTextFormat::UserObject + 1;
constexpr int kChartIndexProperty = QTextFormat::UserProperty + 1;

/// Draws the report's charts where the text layout placed them. On the page painter (a
/// QCPPainter) the plot paints itself as vectors; anywhere else it falls back to a pixmap.
class ChartObject : public QObject, public QTextObjectInterface
{
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)

public:
    ChartObject(const ReportContent &content, const Workbook &wb, const Results &res,
                const ReportOptions &options)
        : m_content(content)
        , m_wb(wb)
        , m_res(res)
        , m_format(QString::fromStdString(wb.settings.currency), options.locale)
    {}

    void setPagePainter(QCPPainter *painter) { m_pagePainter = painter; }

    QSizeF intrinsicSize(QTextDocument *, int, const QTextFormat &format) override
    {
        // The size on the page, from the placeholder's width and height.
        const QTextImageFormat image = format.toImageFormat();
        return chart(format) ? QSizeF(image.width(), image.height()) : QSizeF();
    }

    void drawObject(QPainter *painter, const QRectF &rect, QTextDocument *, int,
                    const QTextFormat &format) override
    {
        const ReportChart *c = chart(format);
        if (!c)
            return;
        // A chart is never split, so it belongs to the page its centre is on; the plot sets its
        // own clip regions, so a neighbouring page must not draw it.
        if (painter->hasClipping() && !painter->clipBoundingRect().contains(rect.center()))
            return;
        ChartInput in{&m_wb, &m_res, c->useCase, c->scenario, m_format, c->allScenarios};
        painter->save();
        painter->translate(rect.topLeft());
        painter->scale(rect.width() / c->size.width(), rect.height() / c->size.height());
        if (!onGuiThreadNow()) {
            // On a worker: the GUI thread records the chart's vectors, the page replays them.
            const QPicture picture = onGuiThread([&] {
                m_plot->resize(c->size);
                drawReportChart(*m_plot, *c, in);
                QPicture recorded;
                QCPPainter recorder(&recorded);
                recorder.setMode(QCPPainter::pmVectorized, true);
                m_plot->toPainter(&recorder, c->size.width(), c->size.height());
                recorder.end();
                return recorded;
            });
            painter->drawPicture(QPointF(0, 0), picture);
        } else if (painter == m_pagePainter) {
            m_plot->resize(c->size);
            drawReportChart(*m_plot, *c, in);
            m_pagePainter->setMode(QCPPainter::pmVectorized, true);
            m_plot->toPainter(m_pagePainter, c->size.width(), c->size.height());
        } else {
            m_plot->resize(c->size);
            drawReportChart(*m_plot, *c, in);
            painter->drawPixmap(QPointF(0, 0),
                                m_plot->toPixmap(c->size.width(), c->size.height(), 2.0),
                                QRectF(0, 0, c->size.width() * 2.0, c->size.height() * 2.0));
        }
        painter->restore();
    }

private:
    const ReportChart *chart(const QTextFormat &format) const
    {
        const int index = format.intProperty(kChartIndexProperty);
        if (index < 0 || index >= static_cast<int>(m_content.charts.size()))
            return nullptr;
        return &m_content.charts[static_cast<std::size_t>(index)];
    }

    const ReportContent &m_content;
    const Workbook &m_wb;
    const Results &m_res;
    NumberFormat m_format;
    GuiPlot m_plot;
    QCPPainter *m_pagePainter = nullptr;
};

/// Turns the `<img src="roi-chart:N">` placeholders into chart objects.
void bindCharts(QTextDocument &doc)
{
    struct Hit
    {
        int position;
        int index;
        QTextImageFormat format;
    };
    std::vector<Hit> hits;
    const QString scheme = QLatin1String(kChartScheme);
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            const QTextCharFormat format = fragment.charFormat();
            if (!format.isImageFormat())
                continue;
            const QTextImageFormat image = format.toImageFormat();
            if (!image.name().startsWith(scheme))
                continue;
            bool ok = false;
            const int index = image.name().mid(scheme.size()).toInt(&ok);
            if (ok)
                hits.push_back({fragment.position(), index, image});
        }
    }
    for (const Hit &hit : hits) {
        QTextCursor cursor(&doc);
        cursor.setPosition(hit.position);
        cursor.setPosition(hit.position + 1, QTextCursor::KeepAnchor);
        QTextImageFormat format = hit.format;
        format.setObjectType(kChartObjectType);
        format.setProperty(kChartIndexProperty, hit.index);
        cursor.setCharFormat(format);
    }
}

/// QTextDocument has no "keep with next" nor "keep together": lay out, look, break, lay out
/// again. A heading that would end a page (or stand apart from what it introduces) moves to the
/// next page, and so does a short table that would be split.
/// A page break keepTogether added: before the block or the table at `position`.
struct AddedBreak
{
    int position;
    bool table;
};

/// The first break keepTogether would add to the document as it is laid out now, if any.
std::optional<AddedBreak> findBreak(QTextDocument &doc)
{
    const double pageHeight = doc.pageSize().height();
    auto page = [&](double y) {
        return static_cast<int>(std::floor(y / pageHeight));
    };
    QAbstractTextDocumentLayout *layout = doc.documentLayout();
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        const QTextBlockFormat format = block.blockFormat();
        if (format.headingLevel() == 0
            || (format.pageBreakPolicy() & QTextFormat::PageBreak_AlwaysBefore))
            continue;
        const QTextBlock next = block.next();
        if (!next.isValid())
            continue;
        const QRectF heading = layout->blockBoundingRect(block);
        const QRectF following = layout->blockBoundingRect(next);
        // The heading plus the first lines (or the whole chart) of what follows.
        const double needed = std::min(following.bottom(), following.top() + 70.0);
        if (page(heading.top()) == page(needed) && page(heading.top()) == page(following.top()))
            continue;
        return AddedBreak{block.position(), false};
    }
    for (QTextFrame *frame : doc.rootFrame()->childFrames()) {
        auto *table = qobject_cast<QTextTable *>(frame);
        if (!table || table->rows() > 8
            || (table->format().pageBreakPolicy() & QTextFormat::PageBreak_AlwaysBefore))
            continue;
        const QRectF rect = layout->frameBoundingRect(table);
        if (rect.height() >= pageHeight * 0.5 || page(rect.top()) == page(rect.bottom() - 1))
            continue;
        // A heading right above the table goes with it, not left alone at the foot of a page.
        const QTextBlock above = doc.findBlock(table->firstPosition()).previous();
        const QTextBlockFormat aboveFormat =
            above.isValid() ? above.blockFormat() : QTextBlockFormat();
        if (aboveFormat.headingLevel() > 0
            && !(aboveFormat.pageBreakPolicy() & QTextFormat::PageBreak_AlwaysBefore)
            && page(layout->blockBoundingRect(above).top()) == page(rect.top()))
            return AddedBreak{above.position(), false};
        return AddedBreak{table->firstPosition(), true};
    }
    return std::nullopt;
}

/// The breaks keepTogether found for the same content, set before the first layout: the
/// document then lays out once, as it ended up after keepTogether's passes.
void applyBreaks(QTextDocument &doc, const std::vector<AddedBreak> &breaks)
{
    for (const AddedBreak &b : breaks) {
        QTextCursor cursor(&doc);
        cursor.setPosition(b.position);
        if (b.table) {
            if (QTextTable *table = cursor.currentTable()) {
                QTextTableFormat format = table->format();
                format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
                table->setFormat(format);
            }
        } else {
            QTextBlockFormat format = cursor.blockFormat();
            format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
            cursor.setBlockFormat(format);
        }
    }
}

std::vector<AddedBreak> keepTogether(QTextDocument &doc)
{
    // Each pass adds one break; positions after it change, so look again from the start. The
    // incremental relayout after a table's format changes can leave the block before the table
    // unlaid (no lines, nothing drawn): lay the whole document out again each time, once: the
    // format is set while the page size is null (the layout does nothing then).
    std::vector<AddedBreak> added;
    const QSizeF size = doc.pageSize();
    for (int pass = 0; pass < 200; ++pass) {
        const std::optional<AddedBreak> b = findBreak(doc);
        if (!b)
            break;
        doc.setPageSize(QSizeF(0, 0));
        applyBreaks(doc, {*b});
        doc.setPageSize(size);
        added.push_back(*b);
    }
    return added;
}

void drawRunningText(QPainter &painter, const ReportContent &content, int page, int pages)
{
    const QColor grey(0x6b, 0x75, 0x82);
    const double width = kA4.width() - kMarginLeft - kMarginRight;
    painter.save();
    painter.setFont(reportFont(7.5));
    painter.setPen(grey);
    const QFontMetricsF metrics(painter.font(), painter.device());
    // Header: workbook and date above a hairline.
    const double headerBase = kMarginTop - 34;
    const QString left = metrics.elidedText(content.headerLeft, Qt::ElideRight, width * 0.68);
    painter.drawText(QPointF(kMarginLeft, headerBase), left);
    painter.drawText(
        QPointF(kMarginLeft + width - metrics.horizontalAdvance(content.headerRight), headerBase),
        content.headerRight);
    painter.setPen(QPen(QColor(0xc9, 0xd0, 0xd9), 0.75));
    painter.drawLine(QPointF(kMarginLeft, headerBase + 8),
                     QPointF(kMarginLeft + width, headerBase + 8));
    // Footer: who prepared it and the page number.
    const double footerLine = kA4.height() - kMarginBottom + 30;
    painter.drawLine(QPointF(kMarginLeft, footerLine), QPointF(kMarginLeft + width, footerLine));
    painter.setPen(grey);
    const double footerBase = footerLine + 16;
    painter.drawText(QPointF(kMarginLeft, footerBase),
                     metrics.elidedText(content.footerLeft, Qt::ElideRight, width * 0.7));
    const QString number = u"Page %1 of %2"_s.arg(page).arg(pages);
    painter.drawText(QPointF(kMarginLeft + width - metrics.horizontalAdvance(number), footerBase),
                     number);
    painter.restore();
}

/// Where a section of the report body is: [from, from + length), and whether it opens with a
/// page heading whose class is to go (see reportSections).
struct SectionSpan
{
    qsizetype from;
    qsizetype length;
    bool strip;
};

constexpr QStringView kPageMarkers[] = {u"<h1 class=\"page\">", u"<h2 class=\"page\">"};
constexpr qsizetype kPageMarkerSize = 17; // both markers

/// The sections as spans of the body rather than copies: a 2,000-page body is tens of MB.
std::vector<SectionSpan> sectionSpans(const QString &body)
{
    // A section begins at each heading of class "page", which breaks the page before it; at the
    // start of its own document that break would leave an empty page, so the class goes.
    static_assert(kPageMarkers[0].size() == kPageMarkerSize
                  && kPageMarkers[1].size() == kPageMarkerSize);
    auto next = [&](qsizetype from) {
        qsizetype best = -1;
        for (QStringView m : kPageMarkers) {
            const qsizetype at = body.indexOf(m, from);
            if (at >= 0 && (best < 0 || at < best))
                best = at;
        }
        return best;
    };
    std::vector<SectionSpan> spans;
    qsizetype from = 0;
    bool first = true;
    while (true) {
        const qsizetype at = next(first ? from : from + 1);
        const qsizetype length = (at < 0 ? body.size() : at) - from;
        if (!first || !QStringView(body).mid(from, length).trimmed().isEmpty())
            spans.push_back({from, length, !first});
        if (at < 0)
            break;
        from = at;
        first = false;
    }
    return spans;
}

QString sectionHtml(const QString &body, const SectionSpan &span)
{
    const QStringView part = QStringView(body).mid(span.from, span.length);
    if (!span.strip)
        return part.toString();
    // "<h1 class="page">" becomes "<h1>".
    QString html;
    html.reserve(part.size());
    html.append(part.left(3)).append(u'>').append(part.mid(kPageMarkerSize));
    return html;
}

} // namespace

int pdfContentWidth()
{
    return static_cast<int>(std::floor(kA4.width() - kMarginLeft - kMarginRight));
}

QByteArray renderPdfReport(ReportContent &content, const Workbook &workbook, const Results &results,
                           const ReportOptions &options, QString *error)
{
    if (!qobject_cast<QApplication *>(QCoreApplication::instance())) {
        *error = u"The PDF report draws charts and needs a QApplication"_s;
        return {};
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(static_cast<int>(kDpi));
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout::Point));
    writer.setTitle(content.title);
    writer.setCreator(u"ROI Workbench "_s + QLatin1String(ROI_VERSION));

    ChartObject charts(content, workbook, results, options);
    const QSizeF body(kA4.width() - kMarginLeft - kMarginRight,
                      kA4.height() - kMarginTop - kMarginBottom);
    // Every section begins on a new page, so each is laid out as its own document: the cost of
    // a layout, of keepTogether's passes and of finding what a page draws then grows with the
    // section, not with the whole report (one document of 2,000 pages took minutes).
    const std::vector<SectionSpan> sections = sectionSpans(content.body);
    const int sectionCount = static_cast<int>(sections.size());
    // Per section, the breaks keepTogether added (to lay a section out again in one pass).
    std::vector<std::vector<AddedBreak>> breaks(static_cast<std::size_t>(sections.size()));
    auto layOut = [&](int i) {
        auto doc = std::make_unique<QTextDocument>();
        doc->setUseDesignMetrics(true);
        doc->setDocumentMargin(0);
        doc->setDefaultFont(reportFont(9));
        doc->setDefaultStyleSheet(reportStyleSheet());
        // A null page size: the layout does nothing while the content and the formats below
        // are set (each edit would lay out again what follows it); setPageSize lays out once.
        doc->setPageSize(QSizeF(0, 0));
        if (!content.logo.isNull())
            doc->addResource(QTextDocument::ImageResource, QUrl(QLatin1String(kLogoName)),
                             content.logo);
        doc->documentLayout()->setPaintDevice(&writer);
        doc->documentLayout()->registerHandler(kChartObjectType, &charts);
        doc->setHtml(u"<html><body>%1</body></html>"_s.arg(resolveParts(
            content, sectionHtml(content.body, sections[static_cast<std::size_t>(i)]))));
        bindCharts(*doc);
        auto &sectionBreaks = breaks[static_cast<std::size_t>(i)];
        const bool again = !sectionBreaks.empty();
        if (again)
            applyBreaks(*doc, sectionBreaks);
        doc->setPageSize(body);
        if (!again)
            sectionBreaks = keepTogether(*doc);
        return doc;
    };
    // The running footer says "Page n of N": count the pages first. A section's layout is kept
    // for printing unless the ones kept already hold many pages; the others are laid out again
    // when printed, so memory stays bounded whatever the length of the report.
    const int kKeptPages = qEnvironmentVariableIsSet("ROI_PDF_KEPT_PAGES")
                               ? qEnvironmentVariableIntValue("ROI_PDF_KEPT_PAGES")
                               : 2500;
    std::vector<std::unique_ptr<QTextDocument>> kept(static_cast<std::size_t>(sections.size()));
    std::vector<int> sectionPages(static_cast<std::size_t>(sections.size()));
    int pages = 0;
    // Progress: laying out is the first third, printing the rest.
    auto goOn = [&](double done) {
        if (!options.progress || options.progress(done))
            return true;
        *error = u"Cancelled"_s;
        return false;
    };
    for (int i = 0; i < sectionCount; ++i) {
        if (!goOn(i / 3.0 / sectionCount))
            return {};
        auto doc = layOut(i);
        sectionPages[static_cast<std::size_t>(i)] = doc->pageCount();
        if (pages + doc->pageCount() <= kKeptPages)
            kept[static_cast<std::size_t>(i)] = std::move(doc);
        pages += sectionPages[static_cast<std::size_t>(i)];
    }
    // Every section kept: the body is not read again, and a long report's is tens of MB.
    if (std::all_of(kept.begin(), kept.end(), [](const auto &doc) { return doc != nullptr; }))
        content.body = QString();
#ifdef __GLIBC__
    // Laying out again after the keep-together breaks left freed blocks between the kept
    // layouts: the free pages go back before the pages are drawn (and the PDF grows).
    malloc_trim(0);
#endif

    QCPPainter painter;
    if (!painter.begin(&writer)) {
        *error = u"Cannot start the PDF writer"_s;
        return {};
    }
    charts.setPagePainter(&painter);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    int page = 0;
    for (int s = 0; s < sectionCount; ++s) {
        std::unique_ptr<QTextDocument> doc = std::move(kept[static_cast<std::size_t>(s)]);
        if (!doc)
            doc = layOut(s);
        const int count = doc->pageCount();
        for (int i = 0; i < count; ++i, ++page) {
            if (!goOn(1.0 / 3.0 + 2.0 / 3.0 * page / pages))
                return {};
            if (page > 0) {
                writer.newPage();
                drawRunningText(painter, content, page + 1, pages);
            }
            painter.save();
            painter.translate(kMarginLeft, kMarginTop - i * body.height());
            QAbstractTextDocumentLayout::PaintContext context;
            context.clip = QRectF(0, i * body.height(), body.width(), body.height());
            // Dark text whatever the desktop theme: the page is white.
            context.palette.setColor(QPalette::Text, QColor(0x1d, 0x24, 0x30));
            painter.setClipRect(context.clip);
            doc->documentLayout()->draw(&painter, context);
            painter.restore();
        }
    }
    charts.setPagePainter(nullptr);
    if (!painter.end()) {
        *error = u"Cannot finish the PDF"_s;
        return {};
    }
    buffer.close();
    return bytes;
}

QStringList reportSections(const QString &body)
{
    QStringList out;
    for (const SectionSpan &span : sectionSpans(body))
        out << sectionHtml(body, span);
    return out;
}

} // namespace roi

#include "pdfreport.moc"
