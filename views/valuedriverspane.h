// The value drivers of a use case: a table of every driver with its value over the horizon, and a
// form for the selected one whose fields follow its kind (and mode).
#pragma once

#include "numberformat.h"
#include "usecase.h"

#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QTableView;
class QToolButton;

namespace roi {

class CaseResult;
class FieldForm;
class TableModel;
class TextField;

class ValueDriversPane : public QWidget
{
    Q_OBJECT

public:
    explicit ValueDriversPane(QWidget *parent = nullptr);

    void setData(const UseCase &useCase, const CaseResult *base, const NumberFormat &format);
    int currentDriver() const;
    void selectDriver(int index);
    void focusField(int driver, const QString &key);
    QTableView *table() const { return m_table; }
    FieldForm *fields() const { return m_fields; }

Q_SIGNALS:
    void edited(const std::vector<roi::ValueDriver> &drivers, const QString &text,
                const QString &mergeKey);

private:
    void showDetail();
    void editCurrent(const std::function<void(ValueDriver &)> &change, const QString &text,
                     const QString &mergeKey = {});
    void addDriver(DriverKind kind);
    void removeDriver();
    void duplicateDriver();
    void moveDriver(int delta);
    void updateButtons();

    std::vector<ValueDriver> m_drivers;
    Baseline m_baseline;
    NumberFormat m_format;
    TableModel *m_model;
    QTableView *m_table;
    QToolButton *m_add;
    QToolButton *m_remove;
    QToolButton *m_duplicate;
    QToolButton *m_up;
    QToolButton *m_down;
    QGroupBox *m_detail;
    TextField *m_name;
    QComboBox *m_kind;
    QCheckBox *m_hard;
    QComboBox *m_term;
    QComboBox *m_area;
    QComboBox *m_capacityMode;
    QLabel *m_capacityLabel;
    QComboBox *m_avoidedMode;
    QLabel *m_avoidedLabel;
    TextField *m_metric;
    QLabel *m_metricLabel;
    FieldForm *m_fields;
    QString m_shownShape;
};

QString driverSummary(const ValueDriver &driver, const Baseline &baseline,
                      const NumberFormat &format);

} // namespace roi
