#include "formhints.h"

#include <QLabel>
#include <QVBoxLayout>

namespace roi {

QLabel *makeHintLabel(QWidget *parent)
{
    auto *hint = new QLabel(parent);
    hint->setObjectName(QStringLiteral("hint"));
    hint->setStyleSheet(QStringLiteral("color: #c0392b; font-size: small;"));
    hint->setWordWrap(true);
    hint->setVisible(false);
    return hint;
}

void showHint(QLabel *hint, const QString &text)
{
    hint->setText(text);
    hint->setVisible(!text.isEmpty());
}

QWidget *withHint(QWidget *field, QLabel *hint)
{
    auto *cell = new QWidget;
    auto *layout = new QVBoxLayout(cell);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    layout->addWidget(field);
    layout->addWidget(hint);
    return cell;
}

} // namespace roi
