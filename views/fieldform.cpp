#include "fieldform.h"

#include "formhints.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace roi {

QString fieldLabel(const FieldInfo &info)
{
    return QString::fromUtf8(info.label.data(), static_cast<qsizetype>(info.label.size()));
}

FieldForm::FieldForm(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QFormLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_layout->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_layout->setRowWrapPolicy(QFormLayout::DontWrapRows);
}

void FieldForm::setFields(const std::vector<FieldInfo> &fields)
{
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_rows.clear();
    for (const FieldInfo &info : fields) {
        auto *cell = new QWidget(this);
        auto *column = new QVBoxLayout(cell);
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(1);
        auto *line = new QHBoxLayout;
        line->setSpacing(6);
        auto *field = new NumberField(info, cell);
        field->setFixedWidth(140);
        auto *unit = new QLabel(cell);
        unit->setMinimumWidth(90);
        QLabel *hint = makeHintLabel(cell);
        line->addWidget(field);
        line->addWidget(unit);
        line->addStretch(1);
        column->addLayout(line);
        column->addWidget(hint);
        auto *label = new QLabel(fieldLabel(info) + QLatin1Char(':'), this);
        label->setBuddy(field);
        label->setToolTip(field->toolTip());
        m_layout->addRow(label, cell);
        const QString key = field->objectName();
        connect(field, &NumberField::valueEdited, this,
                [this, key, field](double v) { Q_EMIT edited(key, v, field->mergeKey()); });
        connect(field, &NumberField::problemChanged, hint,
                [hint](const QString &problem) { showHint(hint, problem); });
        m_rows.push_back({info, field, unit, hint});
    }
    updateUnits();
}

void FieldForm::setCurrencyPrefix(const QString &prefix)
{
    if (prefix == m_prefix)
        return;
    m_prefix = prefix;
    updateUnits();
}

void FieldForm::updateUnits()
{
    for (Row &row : m_rows)
        row.unit->setText(NumberField::unitSuffix(row.info, m_prefix));
}

void FieldForm::setValue(std::string_view key, double value)
{
    if (NumberField *f = field(key))
        f->setValue(value);
}

NumberField *FieldForm::field(std::string_view key) const
{
    for (const Row &row : m_rows) {
        if (row.info.key == key)
            return row.field;
    }
    return nullptr;
}

} // namespace roi
