#include "textfield.h"

namespace roi {

TextField::TextField(const QString &key, QWidget *parent)
    : QLineEdit(parent)
{
    setObjectName(key);
    setMaxLength(200);
    connect(this, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (hasAcceptableInput() && text != m_value) {
            m_value = text;
            Q_EMIT valueEdited(text);
        }
    });
}

void TextField::setValue(const QString &text)
{
    m_value = text;
    if (hasFocus() && this->text() == text)
        return;
    setText(text);
    if (!hasFocus())
        setCursorPosition(0); // show the start of long text, not its end
}

QString TextField::mergeKey() const
{
    return objectName() + QLatin1Char('#') + QString::number(m_session);
}

void TextField::focusOutEvent(QFocusEvent *event)
{
    ++m_session;
    if (text() != m_value)
        setText(m_value); // unfinished or refused text goes back to the model's value
    QLineEdit::focusOutEvent(event);
}

NotesField::NotesField(const QString &key, QWidget *parent)
    : QPlainTextEdit(parent)
{
    setObjectName(key);
    setTabChangesFocus(true);
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_settingValue)
            Q_EMIT valueEdited(toPlainText());
    });
}

void NotesField::setValue(const QString &text)
{
    if (toPlainText() == text)
        return;
    m_settingValue = true;
    setPlainText(text);
    m_settingValue = false;
}

QString NotesField::mergeKey() const
{
    return objectName() + QLatin1Char('#') + QString::number(m_session);
}

void NotesField::focusOutEvent(QFocusEvent *event)
{
    ++m_session;
    QPlainTextEdit::focusOutEvent(event);
}

} // namespace roi
