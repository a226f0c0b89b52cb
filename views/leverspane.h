// The Levers tab of a use case: the three numbers (baseline, optimised, savings %), the savings
// waterfall, the levers ranked by payback, and for each token layer every lever's inputs.
// Emits whole edited layer lists; never writes the model itself.
#pragma once

#include "numberformat.h"
#include "results.h"
#include "usecase.h"
#include "workbook.h"

#include <QWidget>

#include <array>
#include <functional>

class QComboBox;
class QCustomPlot;
class QGroupBox;
class QLabel;
class QTableWidget;

namespace roi {

class FieldForm;
class KpiTile;
class TextField;

class LeversPane : public QWidget
{
    Q_OBJECT

public:
    explicit LeversPane(QWidget *parent = nullptr);

    void setData(const Workbook &workbook, int useCase, const CaseResult *result,
                 const NumberFormat &format);

    /// The token layer whose levers the form shows (index into the use case's layers), or -1.
    int currentLayer() const { return m_layer; }
    void selectLayer(int layer);

    KpiTile *baselineTile() const { return m_baselineTile; }
    KpiTile *optimisedTile() const { return m_optimisedTile; }
    KpiTile *savingsTile() const { return m_savingsTile; }
    QCustomPlot *waterfall() const { return m_plot; }
    QTableWidget *ranking() const { return m_ranking; }
    QGroupBox *leverBox(LeverKind kind) const { return m_boxes[static_cast<std::size_t>(kind)]; }
    FieldForm *leverForm(LeverKind kind) const { return m_forms[static_cast<std::size_t>(kind)]; }

Q_SIGNALS:
    void edited(const std::vector<roi::CostLayer> &layers, const QString &text,
                const QString &mergeKey);

private:
    void editLevers(const std::function<void(LayerLevers &)> &change, const QString &text,
                    const QString &mergeKey = {});
    void showLayer();
    void refreshResults();

    Workbook m_workbook;
    UseCase m_useCase;
    int m_index = -1;
    int m_layer = -1;
    CaseResult m_result;
    bool m_hasResult = false;
    NumberFormat m_format;
    bool m_filling = false;

    KpiTile *m_baselineTile;
    KpiTile *m_optimisedTile;
    KpiTile *m_savingsTile;
    QCustomPlot *m_plot;
    QTableWidget *m_ranking;
    QComboBox *m_layerCombo;
    QLabel *m_layerNote;
    FieldForm *m_layerForm;
    std::array<QGroupBox *, kLeverCount> m_boxes{};
    std::array<FieldForm *, kLeverCount> m_forms{};
    QComboBox *m_routeTarget;
    TextField *m_qualityGate;
};

} // namespace roi
