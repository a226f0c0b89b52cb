// A live chart: draws one ChartKind on a QCustomPlot, replots on the next event-loop pass (so a
// burst of edits costs one replot) and shows the value under the mouse as a tooltip.
#pragma once

#include "charts.h"

#include <qcustomplot.h>

namespace roi {

class ChartView : public QCustomPlot
{
    Q_OBJECT

public:
    explicit ChartView(ChartKind kind, QWidget *parent = nullptr);

    ChartKind kind() const { return m_kind; }
    void setInput(const ChartInput &input);
    /// How many times the chart was redrawn (tests and benchmarks watch it).
    int drawCount() const { return m_draws; }

protected:
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    ChartKind m_kind;
    ChartInput m_input;
    int m_draws = 0;
};

} // namespace roi
