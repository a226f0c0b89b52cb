// The results of the selected use case (or the portfolio) under the chosen scenario: KPI tiles
// with worst–best ranges and the live charts.
#pragma once

#include "charts.h"

#include <QWidget>

class QTabWidget;
class QLabel;

namespace roi {

class ChartView;
class KpiTile;

class ResultsPanel : public QWidget
{
    Q_OBJECT

public:
    enum TileId {
        RoiTile,
        NpvTile,
        PaybackTile,
        CostPerOutcomeTile,
        TcoTile,
        HardSoftTile,
        TileCount
    };

    explicit ResultsPanel(QWidget *parent = nullptr);

    /// `useCase` -1 shows the portfolio.
    void setData(const Workbook &workbook, const Results &results, int useCase, int scenario,
                 bool allScenarios);
    KpiTile *tile(TileId id) const { return m_tiles[id]; }
    ChartView *chart(ChartKind kind) const;
    QTabWidget *chartTabs() const { return m_charts; }
    QLabel *stageLine() const { return m_stage; }
    void setPresentation(bool on);

private:
    QLabel *m_heading;
    QLabel *m_stage; // what the maturity stage leads with, and when to measure it
    KpiTile *m_tiles[TileCount];
    QTabWidget *m_charts;
    QList<ChartView *> m_views;
    ChartInput m_input;
    bool m_hasInput = false;
    QList<ChartView *> m_stale; // charts on hidden tabs, drawn when their tab is shown
};

} // namespace roi
