// Inline hints under form fields: a small red line that says why an entry was refused.
#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace roi {

/// A hidden hint label, styled as an inline error.
QLabel *makeHintLabel(QWidget *parent);
/// Shows `text` (hides the label when empty).
void showHint(QLabel *hint, const QString &text);
/// The field with its hint under it, as one form cell.
QWidget *withHint(QWidget *field, QLabel *hint);

} // namespace roi
