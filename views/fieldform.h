// A form of numeric inputs built from the model's field tables: label, field, unit and an inline
// hint per row. Owners map each key back to the model member; the form only reports edits.
#pragma once

#include "inputs.h"
#include "numberfield.h"

#include <QWidget>

#include <vector>

class QFormLayout;
class QLabel;

namespace roi {

class FieldForm : public QWidget
{
    Q_OBJECT

public:
    explicit FieldForm(QWidget *parent = nullptr);

    /// Replaces the rows with one per field (in order).
    void setFields(const std::vector<FieldInfo> &fields);
    void setCurrencyPrefix(const QString &prefix);
    /// Shows a value in the field with this key.
    void setValue(std::string_view key, double value);
    NumberField *field(std::string_view key) const;
    int rowCount() const { return static_cast<int>(m_rows.size()); }
    QFormLayout *formLayout() const { return m_layout; }

    /// Builds the field list of a section, optionally filtered (e.g. by layer type).
    template<typename T, typename Keep>
    static std::vector<FieldInfo> infos(std::span<const Field<T>> fields, Keep keep)
    {
        std::vector<FieldInfo> out;
        for (const auto &f : fields) {
            if (keep(f))
                out.push_back(f.info);
        }
        return out;
    }
    template<typename T>
    static std::vector<FieldInfo> infos(std::span<const Field<T>> fields)
    {
        return infos(fields, [](const Field<T> &) { return true; });
    }

Q_SIGNALS:
    /// A legal value typed into a field; `mergeKey` folds keystrokes into one undo command.
    void edited(const QString &key, double value, const QString &mergeKey);

private:
    struct Row
    {
        FieldInfo info;
        NumberField *field;
        QLabel *unit;
        QLabel *hint;
    };
    void updateUnits();

    QFormLayout *m_layout;
    std::vector<Row> m_rows;
    QString m_prefix = QStringLiteral("$");
};

/// The label of a field as a QString.
QString fieldLabel(const FieldInfo &info);

} // namespace roi
