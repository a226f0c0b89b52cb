// Text inputs that commit as the user types, merge keystrokes into one undo command per visit
// and never move the cursor when the model echoes the value back.
#pragma once

#include <QLineEdit>
#include <QPlainTextEdit>

namespace roi {

class TextField : public QLineEdit
{
    Q_OBJECT

public:
    explicit TextField(const QString &key, QWidget *parent = nullptr);
    void setValue(const QString &text);
    QString mergeKey() const;

Q_SIGNALS:
    /// Text typed (valid per the validator, if any).
    void valueEdited(const QString &text);

protected:
    void focusOutEvent(QFocusEvent *event) override;

private:
    int m_session = 0;
    QString m_value;
};

class NotesField : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit NotesField(const QString &key, QWidget *parent = nullptr);
    void setValue(const QString &text);
    QString mergeKey() const;

Q_SIGNALS:
    void valueEdited(const QString &text);

protected:
    void focusOutEvent(QFocusEvent *event) override;

private:
    int m_session = 0;
    bool m_settingValue = false;
};

} // namespace roi
