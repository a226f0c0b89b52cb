// The price book: models with their dated prices per million tokens, edited in a table.
#pragma once

#include "workbook.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace roi {

class PriceBookEditor : public QWidget
{
    Q_OBJECT

public:
    explicit PriceBookEditor(QWidget *parent = nullptr);
    void setPrices(const std::vector<PriceEntry> &prices, const QString &currencyPrefix);
    void focusEntry(const QString &model, const QString &field);
    QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void edited(const std::vector<roi::PriceEntry> &prices, const QString &text,
                const QString &mergeKey);

private:
    void refresh();
    void cellEdited(int row, int column);

    std::vector<PriceEntry> m_prices;
    QTableWidget *m_table;
    QLabel *m_hint;
    bool m_filling = false;
};

} // namespace roi
