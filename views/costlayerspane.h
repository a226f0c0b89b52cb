// The cost layers of a use case: a table of every layer with its run-rate cost, and below it a
// form for the selected layer whose fields follow its type.
#pragma once

#include "numberformat.h"
#include "usecase.h"
#include "workbook.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableView;
class QToolButton;
class QGroupBox;

namespace roi {

class FieldForm;
class TableModel;
class TextField;
class CaseResult;

class CostLayersPane : public QWidget
{
    Q_OBJECT

public:
    explicit CostLayersPane(QWidget *parent = nullptr);

    void setData(const UseCase &useCase, const std::vector<PriceEntry> &prices,
                 const CaseResult *base, const NumberFormat &format);
    int currentLayer() const;
    void selectLayer(int index);
    /// Selects the layer and focuses the field with this key (or the name).
    void focusField(int layer, const QString &key);
    QTableView *table() const { return m_table; }
    FieldForm *fields() const { return m_fields; }

Q_SIGNALS:
    void edited(const std::vector<roi::CostLayer> &layers, const QString &text,
                const QString &mergeKey);

private:
    void showDetail();
    void editCurrent(const std::function<void(CostLayer &)> &change, const QString &text,
                     const QString &mergeKey = {});
    void addLayer(LayerType type);
    void removeLayer();
    void duplicateLayer();
    void moveLayer(int delta);
    void updateButtons();

    std::vector<CostLayer> m_layers;
    NumberFormat m_format;
    TableModel *m_model;
    QTableView *m_table;
    QToolButton *m_add;
    QToolButton *m_remove;
    QToolButton *m_duplicate;
    QToolButton *m_up;
    QToolButton *m_down;
    QGroupBox *m_detail;
    TextField *m_name;
    QComboBox *m_type;
    QComboBox *m_category;
    QComboBox *m_modelCombo;
    QLabel *m_modelLabel;
    QComboBox *m_basis;
    QLabel *m_basisLabel;
    FieldForm *m_fields;
    int m_shownType = -1;
};

/// A one-line summary of a layer's inputs ("frontier-large · 1 call · 1,500 in / 500 out").
QString layerSummary(const CostLayer &layer, const NumberFormat &format);
CostCategory defaultCategory(LayerType type);

} // namespace roi
