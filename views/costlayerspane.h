// The cost layers of a use case: a table of every layer with its run-rate cost, and below it a
// form for the selected layer whose fields follow its type.
#pragma once

#include "listpane.h"
#include "numberformat.h"
#include "usecase.h"
#include "workbook.h"

#include <functional>

class QComboBox;
class QLabel;

namespace roi {

class CaseResult;
class TextField;

class CostLayersPane : public ListPane
{
    Q_OBJECT

public:
    explicit CostLayersPane(QWidget *parent = nullptr);

    void setData(const UseCase &useCase, const std::vector<PriceEntry> &prices,
                 const CaseResult *base, const NumberFormat &format);
    int currentLayer() const { return currentRow(); }
    void selectLayer(int index) { selectRow(index); }
    /// Selects the layer and focuses the field with this key (or the name).
    void focusField(int layer, const QString &key);

Q_SIGNALS:
    void edited(const std::vector<roi::CostLayer> &layers, const QString &text,
                const QString &mergeKey);

protected:
    int itemCount() const override { return static_cast<int>(m_layers.size()); }
    void showDetail() override;
    void removeAt(int row) override;
    void duplicateAt(int row) override;
    void moveTo(int from, int to) override;

private:
    void editCurrent(const std::function<void(CostLayer &)> &change, const QString &text,
                     const QString &mergeKey = {});
    void addLayer(LayerType type);

    std::vector<CostLayer> m_layers;
    NumberFormat m_format;
    TextField *m_name;
    QComboBox *m_type;
    QComboBox *m_category;
    QComboBox *m_modelCombo;
    QLabel *m_modelLabel;
    QComboBox *m_basis;
    QLabel *m_basisLabel;
    int m_shownType = -1;
};

/// A one-line summary of a layer's inputs ("frontier-large · 1 call · 1,500 in / 500 out").
QString layerSummary(const CostLayer &layer, const NumberFormat &format);
CostCategory defaultCategory(LayerType type);

} // namespace roi
