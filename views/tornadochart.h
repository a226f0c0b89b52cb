// Tornado and spider charts of a sensitivity run (model/analytics/tornado.h), drawn onto a
// QCustomPlot so the window and the reports show the same picture.
#pragma once

#include "numberformat.h"

#include "analytics/tornado.h"

#include <qcustomplot.h>

#include <QString>
#include <QStringList>

namespace roi {

/// Horizontal bars from the base value to the metric at each input's low and high value,
/// largest swing on top, input names on the vertical axis. At most `maxBars` bars.
void drawTornado(QCustomPlot &plot, const TornadoResult &tornado, const NumberFormat &format,
                 const QString &subject, const QString &rangeText, int maxBars = 12);
/// The metric against the relative change of each input, one line per input.
void drawSpider(QCustomPlot &plot, const SpiderResult &spider, const NumberFormat &format,
                const QString &subject, int maxLines = 8);

/// The tornado the report and the chart command draw for `target`, on the NPV: when the
/// workbook has an uncertainty set-up, each uncertain input between the P10 and the P90 of its
/// distribution (as the tornado command does); else each input Worst and Best move, at its Worst
/// and Best values when the workbook has both scenarios, else at ±20%.
TornadoOptions defaultTornadoOptions(const Workbook &workbook, const ProbeTarget &target);
/// Words for the range of those options: "each input alone at its Worst and Best values".
QString tornadoRangeText(const TornadoOptions &options);

/// An input's value in its unit: shares as percentages, money compact in the currency.
QString inputValueText(const VariedInput &input, double value, const NumberFormat &format);

/// A plot that shows a tornado or a spider and remembers what it shows (for tests).
class TornadoChart : public QCustomPlot
{
    Q_OBJECT

public:
    explicit TornadoChart(QWidget *parent = nullptr);
    void showTornado(const TornadoResult &tornado, const NumberFormat &format,
                     const QString &subject, const QString &rangeText);
    void showSpider(const SpiderResult &spider, const NumberFormat &format, const QString &subject);
    /// The bar labels from the top of the chart down (empty for a spider).
    const QStringList &barLabels() const { return m_labels; }

private:
    QStringList m_labels;
};

} // namespace roi
