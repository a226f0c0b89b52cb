// The value drivers of a use case: a table of every driver with its value over the horizon, and a
// form for the selected one whose fields follow its kind (and mode).
#pragma once

#include "listpane.h"
#include "numberformat.h"
#include "usecase.h"

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;

namespace roi {

class CaseResult;
class TextField;

class ValueDriversPane : public ListPane
{
    Q_OBJECT

public:
    explicit ValueDriversPane(QWidget *parent = nullptr);

    void setData(const UseCase &useCase, const CaseResult *base, const NumberFormat &format);
    int currentDriver() const { return currentRow(); }
    void selectDriver(int index) { selectRow(index); }
    void focusField(int driver, const QString &key);

Q_SIGNALS:
    void edited(const std::vector<roi::ValueDriver> &drivers, const QString &text,
                const QString &mergeKey);

protected:
    int itemCount() const override { return static_cast<int>(m_drivers.size()); }
    void showDetail() override;
    void removeAt(int row) override;
    void duplicateAt(int row) override;
    void moveTo(int from, int to) override;

private:
    void editCurrent(const std::function<void(ValueDriver &)> &change, const QString &text,
                     const QString &mergeKey = {});
    void addDriver(DriverKind kind);

    std::vector<ValueDriver> m_drivers;
    Baseline m_baseline;
    NumberFormat m_format;
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
    QString m_shownShape;
};

QString driverSummary(const ValueDriver &driver, const Baseline &baseline,
                      const NumberFormat &format);

} // namespace roi
