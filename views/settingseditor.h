// The workbook settings: name, currency, start month, horizon, discount rate, soft value in the
// headline, report cover details and Monte Carlo settings.
#pragma once

#include "workbook.h"

#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace roi {

class FieldForm;
class TextField;

class SettingsEditor : public QWidget
{
    Q_OBJECT

public:
    explicit SettingsEditor(QWidget *parent = nullptr);
    void setSettings(const Settings &settings);
    void focusField(const QString &key);

Q_SIGNALS:
    void edited(const roi::Settings &settings, const QString &text, const QString &mergeKey);
    /// The user wants to pick a logo image; the application reads the file.
    void logoRequested();

private:
    void edit(const std::function<void(Settings &)> &change, const QString &text,
              const QString &mergeKey = {});

    Settings m_settings;
    TextField *m_name;
    QComboBox *m_currency;
    QLabel *m_currencyHint;
    TextField *m_start;
    QLabel *m_startHint;
    QSpinBox *m_horizon;
    FieldForm *m_fields;
    QCheckBox *m_soft;
    QCheckBox *m_capacity;
    TextField *m_preparedBy;
    QLabel *m_logo;
    QPushButton *m_removeLogo;
    QSpinBox *m_trials;
    QSpinBox *m_seed;
    int m_spinSession = 0;
};

} // namespace roi
