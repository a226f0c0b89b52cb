// A line edit for one numeric input: shows the value in its display unit (shares as percent),
// refuses characters that cannot make a number, reports out-of-range values inline and emits a
// value only when it is legal, so the model never sees a bad number.
#pragma once

#include "inputs.h"

#include <QLineEdit>
#include <QLocale>

namespace roi {

class NumberField : public QLineEdit
{
    Q_OBJECT

public:
    NumberField(const FieldInfo &info, QWidget *parent = nullptr);

    const FieldInfo &info() const { return m_info; }
    /// Shows a model value. Leaves the text alone while the user is typing an equal value, so
    /// the cursor never jumps under their hands.
    void setValue(double value);
    double value() const { return m_value; }
    /// The problem with the current text, or empty when it is a legal value.
    QString problem() const { return m_problem; }
    /// A key that is the same for successive edits while the field keeps focus, and new after,
    /// so typing merges into one undo command but two separate visits do not.
    QString mergeKey() const;

    /// Parses display text into a model value; nullopt with a reason when it is not legal.
    std::optional<double> parse(const QString &text, QString *why = nullptr) const;
    QString display(double value) const;
    /// "%", "$/h", "min", ... for the label beside the field.
    static QString unitSuffix(const FieldInfo &info, const QString &currencyPrefix);

Q_SIGNALS:
    void valueEdited(double value);
    void problemChanged(const QString &problem);

protected:
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void onTextEdited(const QString &text);
    void setProblem(const QString &problem);
    /// Puts back the value the field had when this visit began (Escape, or leaving the field
    /// with text that is not a legal value), so a refused entry leaves the model unchanged.
    void revertVisit();
    double scale() const;

    FieldInfo m_info;
    double m_value = 0;
    QString m_problem;
    int m_session = 0;
    double m_visitStart = 0;
    QLocale m_locale;
};

} // namespace roi
