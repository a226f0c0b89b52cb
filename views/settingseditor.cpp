#include "settingseditor.h"

#include "fieldform.h"
#include "formhints.h"
#include "textfield.h"

#include "inputs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

namespace roi {

SettingsEditor::SettingsEditor(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *general = new QGroupBox(tr("Workbook"), this);
    auto *form = new QFormLayout(general);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_name = new TextField(QStringLiteral("workbookName"), general);
    m_name->setMinimumWidth(280);
    m_currency = new QComboBox(general);
    m_currency->setObjectName(QStringLiteral("currency"));
    m_currency->setEditable(true);
    m_currency->addItems({QStringLiteral("USD"), QStringLiteral("EUR"), QStringLiteral("GBP"),
                          QStringLiteral("CHF"), QStringLiteral("JPY"), QStringLiteral("CAD"),
                          QStringLiteral("AUD"), QStringLiteral("SEK"), QStringLiteral("INR")});
    m_currency->lineEdit()->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[A-Za-z]{0,3}")), m_currency));
    m_currency->setToolTip(tr("ISO 4217 code of the currency every amount is in"));
    m_currencyHint = makeHintLabel(general);
    m_start = new TextField(QStringLiteral("startMonth"), general);
    m_start->setPlaceholderText(QStringLiteral("YYYY-MM"));
    m_start->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("\\d{4}-\\d{2}")), m_start));
    m_start->setFixedWidth(120);
    m_start->setToolTip(tr("The first month of the projection"));
    m_startHint = makeHintLabel(general);
    m_horizon = new QSpinBox(general);
    m_horizon->setObjectName(QStringLiteral("horizonMonths"));
    m_horizon->setRange(1, 120);
    m_horizon->setSuffix(tr(" months"));
    m_horizon->setToolTip(tr("Months the projection covers (1 to 120)"));
    m_fields = new FieldForm(general);
    m_fields->setFields(FieldForm::infos(settingsFields()));
    m_soft = new QCheckBox(tr("Count soft value in the headline ROI"), general);
    m_soft->setObjectName(QStringLiteral("softValueInHeadline"));
    m_soft->setToolTip(tr("Off by default: finance reviewers count hard value only. Turning it on "
                          "is flagged in the model checks."));
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Currency:"), withHint(m_currency, m_currencyHint));
    form->addRow(tr("Start month:"), withHint(m_start, m_startHint));
    form->addRow(tr("Horizon:"), m_horizon);
    form->addRow(m_fields);
    form->addRow(QString(), m_soft);
    m_capacity = new QCheckBox(tr("Count capacity-only value in the headline ROI"), general);
    m_capacity->setObjectName(QStringLiteral("capacityInHeadline"));
    m_capacity->setToolTip(
        tr("Off by default: freed hours that release no budget (the part of labor reclaimed and "
           "added capacity above each driver's cashable share) are shown apart, like soft value."));
    form->addRow(QString(), m_capacity);
    layout->addWidget(general);

    auto *report = new QGroupBox(tr("Report cover"), this);
    auto *reportForm = new QFormLayout(report);
    reportForm->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_preparedBy = new TextField(QStringLiteral("preparedBy"), report);
    m_preparedBy->setPlaceholderText(tr("e.g. Finance & Strategy"));
    m_preparedBy->setMinimumWidth(280);
    m_logo = new QLabel(tr("No logo"), report);
    m_logo->setMinimumSize(120, 48);
    m_logo->setFrameShape(QFrame::StyledPanel);
    m_logo->setAlignment(Qt::AlignCenter);
    auto *chooseLogo = new QPushButton(tr("Choose logo…"), report);
    m_removeLogo = new QPushButton(tr("Remove"), report);
    auto *logoRow = new QHBoxLayout;
    logoRow->addWidget(m_logo);
    logoRow->addWidget(chooseLogo);
    logoRow->addWidget(m_removeLogo);
    logoRow->addStretch(1);
    reportForm->addRow(tr("Prepared by:"), m_preparedBy);
    reportForm->addRow(tr("Logo:"), logoRow);
    layout->addWidget(report);

    auto *mc = new QGroupBox(tr("Monte Carlo"), this);
    auto *mcForm = new QFormLayout(mc);
    mcForm->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_trials = new QSpinBox(mc);
    m_trials->setRange(1, 1'000'000);
    m_trials->setSingleStep(500);
    m_seed = new QSpinBox(mc);
    m_seed->setRange(0, 2'000'000'000);
    mcForm->addRow(tr("Trials:"), m_trials);
    mcForm->addRow(tr("Seed:"), m_seed);
    layout->addWidget(mc);
    layout->addStretch(1);

    connect(m_name, &TextField::valueEdited, this, [this](const QString &t) {
        edit([&](Settings &s) { s.name = t.toStdString(); }, tr("Rename workbook"),
             m_name->mergeKey());
    });
    connect(m_currency, &QComboBox::currentTextChanged, this, [this](const QString &t) {
        const QString code = t.toUpper();
        if (code.size() != 3) {
            showHint(m_currencyHint, tr("Three letters, e.g. USD."));
            return;
        }
        showHint(m_currencyHint, {});
        edit([&](Settings &s) { s.currency = code.toStdString(); }, tr("Change currency"),
             QStringLiteral("currency"));
    });
    connect(m_start, &TextField::valueEdited, this, [this](const QString &t) {
        const auto month = YearMonth::parse(t.toStdString());
        if (!month) {
            showHint(m_startHint, tr("Not a month (YYYY-MM)."));
            return;
        }
        showHint(m_startHint, {});
        edit([&](Settings &s) { s.startMonth = *month; }, tr("Change start month"),
             m_start->mergeKey());
    });
    connect(m_start, &QLineEdit::editingFinished, this, [this] { showHint(m_startHint, {}); });
    connect(m_horizon, &QSpinBox::valueChanged, this, [this](int v) {
        edit([&](Settings &s) { s.horizonMonths = v; }, tr("Change horizon"),
             QStringLiteral("horizon#%1").arg(m_spinSession));
    });
    connect(m_horizon, &QSpinBox::editingFinished, this, [this] { ++m_spinSession; });
    connect(m_fields, &FieldForm::edited, this,
            [this](const QString &key, double v, const QString &mergeKey) {
                const auto *f = findField(settingsFields(), key.toStdString());
                edit([&](Settings &s) { s.*(f->member) = v; },
                     tr("Edit %1").arg(fieldLabel(f->info).toLower()), mergeKey);
            });
    connect(m_soft, &QCheckBox::toggled, this, [this](bool on) {
        edit([&](Settings &s) { s.softValueInHeadline = on; },
             on ? tr("Count soft value in headline") : tr("Keep soft value out of headline"));
    });
    connect(m_capacity, &QCheckBox::toggled, this, [this](bool on) {
        edit([&](Settings &s) { s.capacityInHeadline = on; },
             on ? tr("Count capacity value in headline")
                : tr("Keep capacity value out of headline"));
    });
    connect(m_preparedBy, &TextField::valueEdited, this, [this](const QString &t) {
        edit([&](Settings &s) { s.preparedBy = t.toStdString(); }, tr("Edit prepared by"),
             m_preparedBy->mergeKey());
    });
    connect(chooseLogo, &QPushButton::clicked, this, &SettingsEditor::logoRequested);
    connect(m_removeLogo, &QPushButton::clicked, this,
            [this] { edit([](Settings &s) { s.logoPng.clear(); }, tr("Remove logo")); });
    connect(m_trials, &QSpinBox::valueChanged, this, [this](int v) {
        edit([&](Settings &s) { s.monteCarloTrials = v; }, tr("Change Monte Carlo trials"),
             QStringLiteral("trials#%1").arg(m_spinSession));
    });
    connect(m_seed, &QSpinBox::valueChanged, this, [this](int v) {
        edit([&](Settings &s) { s.monteCarloSeed = static_cast<std::uint32_t>(v); },
             tr("Change Monte Carlo seed"), QStringLiteral("seed#%1").arg(m_spinSession));
    });
    connect(m_trials, &QSpinBox::editingFinished, this, [this] { ++m_spinSession; });
    connect(m_seed, &QSpinBox::editingFinished, this, [this] { ++m_spinSession; });
}

void SettingsEditor::setSettings(const Settings &s)
{
    m_settings = s;
    m_name->setValue(QString::fromStdString(s.name));
    {
        const QSignalBlocker block(m_currency);
        if (m_currency->currentText() != QString::fromStdString(s.currency))
            m_currency->setCurrentText(QString::fromStdString(s.currency));
    }
    m_start->setValue(QString::fromStdString(s.startMonth.toString()));
    {
        const QSignalBlocker block(m_horizon);
        m_horizon->setValue(s.horizonMonths);
    }
    for (const auto &f : settingsFields())
        m_fields->setValue(f.info.key, s.*(f.member));
    {
        const QSignalBlocker block(m_soft);
        m_soft->setChecked(s.softValueInHeadline);
    }
    {
        const QSignalBlocker block(m_capacity);
        m_capacity->setChecked(s.capacityInHeadline);
    }
    m_preparedBy->setValue(QString::fromStdString(s.preparedBy));
    QImage logo;
    if (!s.logoPng.empty())
        logo.loadFromData(QByteArray::fromBase64(QByteArray::fromStdString(s.logoPng)), "PNG");
    if (logo.isNull()) {
        m_logo->setPixmap({});
        m_logo->setText(s.logoPng.empty() ? tr("No logo") : tr("Unreadable logo"));
    } else {
        m_logo->setPixmap(QPixmap::fromImage(
            logo.scaled(160, 48, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
    }
    m_removeLogo->setEnabled(!s.logoPng.empty());
    {
        const QSignalBlocker block(m_trials);
        m_trials->setValue(s.monteCarloTrials);
    }
    {
        const QSignalBlocker block(m_seed);
        m_seed->setValue(
            static_cast<int>(std::min<std::uint32_t>(s.monteCarloSeed, 2'000'000'000)));
    }
}

void SettingsEditor::focusField(const QString &key)
{
    if (key == QLatin1String("softValueInHeadline"))
        m_soft->setFocus(Qt::OtherFocusReason);
    else if (key == QLatin1String("capacityInHeadline"))
        m_capacity->setFocus(Qt::OtherFocusReason);
    else if (NumberField *f = m_fields->field(key.toStdString()))
        f->setFocus(Qt::OtherFocusReason);
    else
        m_name->setFocus(Qt::OtherFocusReason);
}

void SettingsEditor::edit(const std::function<void(Settings &)> &change, const QString &text,
                          const QString &mergeKey)
{
    Settings updated = m_settings;
    change(updated);
    if (updated == m_settings)
        return;
    Q_EMIT edited(updated, text, mergeKey);
}

} // namespace roi
