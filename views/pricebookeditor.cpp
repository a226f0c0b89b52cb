#include "pricebookeditor.h"

#include "inputs.h"

#include <QDate>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace roi {

namespace {

enum Column { ModelColumn, InputColumn, OutputColumn, CachedColumn, AsOfColumn, ColumnCount };

double PriceEntry::*priceMember(int column)
{
    switch (column) {
    case InputColumn:
        return &PriceEntry::input;
    case OutputColumn:
        return &PriceEntry::output;
    default:
        return &PriceEntry::cachedInput;
    }
}

} // namespace

PriceBookEditor::PriceBookEditor(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_hint(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Prices per million tokens, as quoted on a date. Output tokens "
                                "usually cost 4-5× input tokens; cached input is heavily "
                                "discounted. Quotes older than 6 months are flagged."),
                             this);
    intro->setWordWrap(true);
    intro->setStyleSheet(QStringLiteral("color: #5a6370;"));
    layout->addWidget(intro);
    m_table->setObjectName(QStringLiteral("priceTable"));
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ModelColumn, QHeaderView::Stretch);
    layout->addWidget(m_table);
    m_hint->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_hint->setVisible(false);
    layout->addWidget(m_hint);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add model"), this);
    auto *remove = new QPushButton(tr("Remove model"), this);
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    connect(m_table, &QTableWidget::cellChanged, this, &PriceBookEditor::cellEdited);
    connect(add, &QPushButton::clicked, this, [this] {
        std::vector<PriceEntry> prices = m_prices;
        PriceEntry e;
        QString name = QStringLiteral("new-model");
        for (int n = 2; std::any_of(
                 prices.begin(), prices.end(),
                 [&](const PriceEntry &p) { return QString::fromStdString(p.model) == name; });
             ++n)
            name = QStringLiteral("new-model-%1").arg(n);
        e.model = name.toStdString();
        const QDate today = QDate::currentDate();
        e.asOf = Date{today.year(), today.month(), today.day()};
        prices.push_back(e);
        Q_EMIT edited(prices, tr("Add model to price book"), {});
        m_table->setCurrentCell(static_cast<int>(m_prices.size()) - 1, ModelColumn);
        m_table->editItem(m_table->currentItem());
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0 || row >= static_cast<int>(m_prices.size()))
            return;
        std::vector<PriceEntry> prices = m_prices;
        prices.erase(prices.begin() + row);
        Q_EMIT edited(prices, tr("Remove model from price book"), {});
    });
}

void PriceBookEditor::setPrices(const std::vector<PriceEntry> &prices,
                                const QString &currencyPrefix)
{
    m_prices = prices;
    // Two-line headers: the unit on its own line keeps the price columns narrow, so the model
    // names keep the room they need in a narrow editor.
    const QString unit = currencyPrefix.trimmed() + tr(" / 1M");
    m_table->setHorizontalHeaderLabels({tr("Model"), tr("Input\n%1").arg(unit),
                                        tr("Output\n%1").arg(unit),
                                        tr("Cached input\n%1").arg(unit), tr("Quoted on")});
    refresh();
}

void PriceBookEditor::refresh()
{
    m_filling = true;
    const QLocale loc;
    m_table->setRowCount(static_cast<int>(m_prices.size()));
    for (int r = 0; r < static_cast<int>(m_prices.size()); ++r) {
        const PriceEntry &p = m_prices[static_cast<std::size_t>(r)];
        auto set = [&](int column, const QString &text, bool number) {
            QTableWidgetItem *item = m_table->item(r, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_table->setItem(r, column, item);
            }
            if (item->text() != text)
                item->setText(text);
            if (number)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        };
        set(ModelColumn, QString::fromStdString(p.model), false);
        set(InputColumn, loc.toString(p.input, 'g', 10), true);
        set(OutputColumn, loc.toString(p.output, 'g', 10), true);
        set(CachedColumn, loc.toString(p.cachedInput, 'g', 10), true);
        set(AsOfColumn, QString::fromStdString(p.asOf.toString()), false);
    }
    m_filling = false;
}

void PriceBookEditor::cellEdited(int row, int column)
{
    if (m_filling || row < 0 || row >= static_cast<int>(m_prices.size()))
        return;
    const QString text = m_table->item(row, column)->text().trimmed();
    std::vector<PriceEntry> prices = m_prices;
    PriceEntry &p = prices[static_cast<std::size_t>(row)];
    QString problem;
    if (column == ModelColumn) {
        const bool taken = std::any_of(prices.begin(), prices.end(), [&](const PriceEntry &o) {
            return &o != &p && QString::fromStdString(o.model) == text;
        });
        if (text.isEmpty())
            problem = tr("A model needs a name.");
        else if (taken)
            problem = tr("“%1” is already in the price book.").arg(text);
        else
            p.model = text.left(200).toStdString();
    } else if (column == AsOfColumn) {
        const auto date = Date::parse(text.toStdString());
        if (!text.isEmpty() && !date)
            problem = tr("The quote date must be YYYY-MM-DD.");
        else
            p.asOf = date.value_or(Date{});
    } else {
        bool ok = false;
        double v = QLocale().toDouble(text, &ok);
        if (!ok)
            v = text.toDouble(&ok);
        const FieldInfo &info = priceFields()[0].info;
        if (!ok || !std::isfinite(v))
            problem = tr("A price must be a number.");
        else if (v < info.min || v > info.max)
            problem = tr("A price must be between 0 and 1,000,000 per million tokens.");
        else
            p.*priceMember(column) = v;
    }
    m_hint->setText(problem);
    m_hint->setVisible(!problem.isEmpty());
    if (!problem.isEmpty()) {
        refresh(); // the refused text goes back to the model's value
        return;
    }
    // A renamed model carries its layers along only when the user renames them too; the model
    // checks flag layers whose model left the price book.
    Q_EMIT edited(prices, tr("Edit price book"),
                  QStringLiteral("price:%1:%2").arg(row).arg(column));
}

void PriceBookEditor::focusEntry(const QString &model, const QString &field)
{
    for (int r = 0; r < static_cast<int>(m_prices.size()); ++r) {
        if (QString::fromStdString(m_prices[static_cast<std::size_t>(r)].model) != model)
            continue;
        int column = ModelColumn;
        if (field == QLatin1String("input"))
            column = InputColumn;
        else if (field == QLatin1String("output"))
            column = OutputColumn;
        else if (field == QLatin1String("cachedInput"))
            column = CachedColumn;
        else if (field == QLatin1String("asOf"))
            column = AsOfColumn;
        m_table->setCurrentCell(r, column);
        m_table->setFocus(Qt::OtherFocusReason);
        return;
    }
}

} // namespace roi
