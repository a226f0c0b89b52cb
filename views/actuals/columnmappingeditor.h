// The column-mapping editor of a plain CSV import: one combo per field of the normalised record
// listing the file's headers, and how to read the values (date format, cents, defaults,
// delimiter, whether the input column includes cached tokens). Emits `changed` on every edit.
#pragma once

#include "actuals/columnmapping.h"

#include <QStringList>
#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace roi {

/// The fields of a ColumnMapping a combo edits: key (object name), label, member.
struct MappingField
{
    const char *key;
    const char *label;
    std::string actuals::ColumnMapping::*member;
    bool required = false;
};
const std::vector<MappingField> &mappingFields();

/// A first guess from header names ("date", "model", "input_tokens", "cost_usd", ...): what a
/// user would pick for a file they have never mapped.
actuals::ColumnMapping guessMapping(const QStringList &headers);

/// The header names of a CSV's first line, split on `delimiter` (quotes honoured).
QStringList csvHeaders(const QString &firstLine, char delimiter);

class ColumnMappingEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ColumnMappingEditor(QWidget *parent = nullptr);

    /// The file's headers, offered in every combo (after "(not in the file)").
    void setHeaders(const QStringList &headers);
    QStringList headers() const { return m_headers; }
    /// Shows a mapping; a header it names that the file lacks is kept and marked missing.
    void setMapping(const actuals::ColumnMapping &mapping);
    /// The mapping as edited (its name is the one last set).
    actuals::ColumnMapping mapping() const;
    /// Empty when usable, else what is missing ("Map the date column").
    QString problem() const;
    QComboBox *combo(const QString &key) const;
    QComboBox *delimiterCombo() const { return m_delimiter; }

Q_SIGNALS:
    void changed();
    /// The delimiter changed: the owner re-reads the headers.
    void delimiterChanged(char delimiter);

private:
    void fillCombo(QComboBox *combo, const QString &current);

    QStringList m_headers;
    QString m_name;
    bool m_filling = false;
    std::vector<QComboBox *> m_combos; // in mappingFields() order
    QComboBox *m_dateFormat;
    QComboBox *m_delimiter;
    QCheckBox *m_cents;
    QCheckBox *m_inputIncludesCached;
    QLineEdit *m_defaultCurrency;
    QLineEdit *m_defaultProvider;
};

} // namespace roi
