// Combo boxes over the model's enums, labelled for users, carrying the enum value as item data.
#pragma once

#include "enums.h"

#include <QComboBox>
#include <QSignalBlocker>

namespace roi {

template<typename E>
QComboBox *makeEnumCombo(QWidget *parent, const QString &objectName)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    for (std::size_t i = 0; i < enumCount<E>(); ++i) {
        const auto label = enumLabel(static_cast<E>(i));
        combo->addItem(QString::fromUtf8(label.data(), static_cast<qsizetype>(label.size())),
                       static_cast<int>(i));
    }
    return combo;
}

template<typename E>
void setEnumCombo(QComboBox *combo, E value)
{
    const QSignalBlocker block(combo);
    combo->setCurrentIndex(combo->findData(static_cast<int>(value)));
}

template<typename E>
E enumComboValue(const QComboBox *combo)
{
    return static_cast<E>(combo->currentData().toInt());
}

template<typename E>
QString enumText(E value)
{
    const auto label = enumLabel(value);
    return QString::fromUtf8(label.data(), static_cast<qsizetype>(label.size()));
}

} // namespace roi
