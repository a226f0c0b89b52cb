#include "numberfield.h"

#include <QFocusEvent>
#include <QKeyEvent>
#include <QRegularExpressionValidator>

#include <cmath>

namespace roi {

NumberField::NumberField(const FieldInfo &info, QWidget *parent)
    : QLineEdit(parent)
    , m_info(info)
{
    setObjectName(QString::fromUtf8(info.key.data(), static_cast<qsizetype>(info.key.size())));
    setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // Digits, one sign, the locale's decimal and group marks, and an exponent: anything else
    // is refused as typed. Range is checked on parse, with a message instead of a silent no.
    const QString dec = QRegularExpression::escape(m_locale.decimalPoint());
    const QString group = QRegularExpression::escape(m_locale.groupSeparator());
    const QString sign = info.min < 0 ? QStringLiteral("[-+]?") : QStringLiteral("[+]?");
    const QString pattern =
        QStringLiteral("%1[0-9%2 ]*(%3[0-9]*)?([eE][-+]?[0-9]*)?").arg(sign, group, dec);
    setValidator(new QRegularExpressionValidator(QRegularExpression(pattern), this));
    const QString range = QStringLiteral("%1 to %2").arg(display(info.min), display(info.max));
    setToolTip(
        QStringLiteral("<p>%1</p><p><i>Range: %2 %3</i></p>")
            .arg(QString::fromUtf8(info.help.data(), static_cast<qsizetype>(info.help.size()))
                     .toHtmlEscaped(),
                 range, unitSuffix(info, QStringLiteral("$")).toHtmlEscaped()));
    setMinimumWidth(110);
    connect(this, &QLineEdit::textEdited, this, &NumberField::onTextEdited);
    setValue(0);
}

double NumberField::scale() const
{
    return m_info.unit == ValueUnit::Share ? 100.0 : 1.0;
}

QString NumberField::display(double value) const
{
    const double shown = value * scale();
    // Enough decimals to show what was entered, without trailing noise.
    QString text = m_locale.toString(shown, 'f', 6);
    if (text.contains(m_locale.decimalPoint())) {
        while (text.endsWith(m_locale.zeroDigit()))
            text.chop(1);
        if (text.endsWith(m_locale.decimalPoint()))
            text.chop(1);
    }
    return text;
}

QString NumberField::unitSuffix(const FieldInfo &info, const QString &currencyPrefix)
{
    const QString c = currencyPrefix.trimmed();
    switch (info.unit) {
    case ValueUnit::Count:
    case ValueUnit::Number:
    case ValueUnit::MonthNumber:
        return {};
    case ValueUnit::Money:
        return c;
    case ValueUnit::MoneyPerHour:
        return c + QStringLiteral("/h");
    case ValueUnit::MoneyPerMillion:
        return c + QStringLiteral(" / 1M tokens");
    case ValueUnit::Share:
        return QStringLiteral("%");
    case ValueUnit::Minutes:
        return QStringLiteral("min");
    case ValueUnit::Months:
        return QStringLiteral("months");
    case ValueUnit::Tokens:
        return QStringLiteral("tokens");
    }
    return {};
}

std::optional<double> NumberField::parse(const QString &text, QString *why) const
{
    QString cleaned = text.trimmed();
    cleaned.remove(m_locale.groupSeparator());
    cleaned.remove(QLatin1Char(' '));
    bool ok = false;
    double shown = m_locale.toDouble(cleaned, &ok);
    if (!ok) {
        // Accept the C locale's dot too, so pasted figures work in any locale.
        shown = cleaned.toDouble(&ok);
    }
    if (!ok || !std::isfinite(shown)) {
        if (why)
            *why = cleaned.isEmpty() ? tr("Enter a number.") : tr("Not a number.");
        return std::nullopt;
    }
    const double value = shown / scale();
    if (value < m_info.min) {
        if (why)
            *why =
                tr("Must be at least %1.").arg(display(m_info.min) + unitSuffix(m_info, QString()));
        return std::nullopt;
    }
    if (value > m_info.max) {
        if (why)
            *why =
                tr("Must be at most %1.").arg(display(m_info.max) + unitSuffix(m_info, QString()));
        return std::nullopt;
    }
    if (m_info.integer && value != std::floor(value)) {
        if (why)
            *why = tr("Must be a whole number.");
        return std::nullopt;
    }
    return value;
}

void NumberField::setValue(double value)
{
    m_value = value;
    if (hasFocus()) {
        const auto typed = parse(text());
        if (typed && *typed == value)
            return;
    }
    setText(display(value));
    setProblem({});
}

QString NumberField::mergeKey() const
{
    return objectName() + QLatin1Char('#') + QString::number(m_session);
}

void NumberField::onTextEdited(const QString &text)
{
    QString why;
    const auto value = parse(text, &why);
    setProblem(value ? QString() : why);
    if (value && *value != m_value) {
        m_value = *value;
        Q_EMIT valueEdited(*value);
    }
}

void NumberField::focusInEvent(QFocusEvent *event)
{
    m_visitStart = m_value;
    QLineEdit::focusInEvent(event);
}

void NumberField::focusOutEvent(QFocusEvent *event)
{
    // Typing "150" into a percentage passes through 1% and 15% on the way; when the entry
    // ends refused, the whole visit is taken back, not just its last keystroke.
    if (!parse(text()))
        revertVisit();
    // A visit ends: the next edit starts a new undo command.
    ++m_session;
    setProblem({});
    QLineEdit::focusOutEvent(event);
}

void NumberField::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && (m_value != m_visitStart || !m_problem.isEmpty())) {
        revertVisit();
        selectAll();
        event->accept();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

void NumberField::revertVisit()
{
    if (m_value != m_visitStart) {
        m_value = m_visitStart;
        Q_EMIT valueEdited(m_value); // same merge key: the merged command becomes a no-op
    }
    setText(display(m_value));
    setProblem({});
}

void NumberField::setProblem(const QString &problem)
{
    if (problem == m_problem)
        return;
    m_problem = problem;
    setStyleSheet(problem.isEmpty() ? QString()
                                    : QStringLiteral("QLineEdit { border: 1px solid #c0392b; "
                                                     "background: #fff4f2; }"));
    Q_EMIT problemChanged(problem);
}

} // namespace roi
