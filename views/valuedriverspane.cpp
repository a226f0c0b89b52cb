#include "valuedriverspane.h"

#include "enumcombo.h"
#include "fieldform.h"
#include "tablemodel.h"
#include "textfield.h"

#include "inputs.h"
#include "results.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace roi {

QString driverSummary(const ValueDriver &d, const Baseline &b, const NumberFormat &f)
{
    const QLocale &loc = f.locale();
    QString s;
    switch (d.kind) {
    case DriverKind::LaborReclaimed:
        s = QStringLiteral("(%1 → %2 min) × %3/h × handled units")
                .arg(loc.toString(b.minutesPerUnit, 'g', 5), loc.toString(d.minutesWithAi, 'g', 5),
                     f.money(b.hourlyRate));
        break;
    case DriverKind::AddedCapacity:
        s = d.capacityMode == CapacityMode::PerUnit
                ? QStringLiteral("%1 extra units × %2")
                      .arg(loc.toString(d.extraUnits, 'f', 0), f.unitCost(d.valuePerUnit))
                : QStringLiteral("%1 hires × %2 a year")
                      .arg(loc.toString(d.hires, 'g', 4), f.money(d.annualCostPerHire, 0));
        break;
    case DriverKind::RevenueUplift:
        s = QStringLiteral("handled × %1 pts lift × %2 per conversion")
                .arg(loc.toString(d.conversionLift * 100, 'g', 4), f.money(d.valuePerConversion));
        break;
    case DriverKind::Retention:
        s = QStringLiteral("%1 customers × %2 pts churn × %3 a year")
                .arg(loc.toString(d.customers, 'f', 0),
                     loc.toString(d.churnReduction * 100, 'g', 4),
                     f.money(d.annualValuePerCustomer, 0));
        break;
    case DriverKind::NewRevenue:
        s = QStringLiteral("%1 sold × (%2 − %3)")
                .arg(loc.toString(d.unitsSold, 'f', 0), f.money(d.price), f.money(d.costToServe));
        break;
    case DriverKind::GrossMarginGain:
        s = QStringLiteral("%1 pts × %2 a month")
                .arg(loc.toString(d.marginPoints * 100, 'g', 4), f.money(d.revenueBase, 0));
        break;
    case DriverKind::AvoidedCost:
        s = d.avoidedMode == AvoidedMode::FixedMonthly
                ? QStringLiteral("%1 a month").arg(f.money(d.amount))
                : QStringLiteral("%1 pts fewer errors × %2 per error")
                      .arg(loc.toString(d.errorReduction * 100, 'g', 4), f.money(d.costPerError));
        break;
    case DriverKind::SoftValue:
        s = QStringLiteral("%1: %2 → %3%4")
                .arg(QString::fromStdString(d.metric), loc.toString(d.metricBaseline, 'g', 6),
                     loc.toString(d.metricTarget, 'g', 6),
                     d.moneyValue > 0 ? QStringLiteral(" · %1 a month").arg(f.money(d.moneyValue))
                                      : QString());
        break;
    }
    if (d.shareCounted < 1)
        s += QStringLiteral(" · %1 counted").arg(f.percent(d.shareCounted, 0));
    return s;
}

namespace {

QToolButton *toolButton(const QString &text, const QString &tip, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    return b;
}

QString uniqueName(const std::vector<ValueDriver> &drivers, const QString &base)
{
    QString name = base;
    for (int n = 2;; ++n) {
        const bool taken = std::any_of(drivers.begin(), drivers.end(), [&](const ValueDriver &d) {
            return QString::fromStdString(d.name) == name;
        });
        if (!taken)
            return name;
        name = QStringLiteral("%1 %2").arg(base).arg(n);
    }
}

NumeratorTerm defaultTerm(DriverKind kind)
{
    switch (kind) {
    case DriverKind::RevenueUplift:
    case DriverKind::Retention:
    case DriverKind::NewRevenue:
        return NumeratorTerm::Revenue;
    case DriverKind::GrossMarginGain:
        return NumeratorTerm::GrossMargin;
    default:
        return NumeratorTerm::AvoidedCost;
    }
}

ValueArea defaultArea(DriverKind kind)
{
    switch (kind) {
    case DriverKind::RevenueUplift:
    case DriverKind::Retention:
    case DriverKind::NewRevenue:
    case DriverKind::GrossMarginGain:
        return ValueArea::RevenueGrowth;
    case DriverKind::SoftValue:
        return ValueArea::DecisionIntelligence;
    default:
        return ValueArea::OperationalEfficiency;
    }
}

} // namespace

ValueDriversPane::ValueDriversPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new TableModel(this))
    , m_table(new QTableView(this))
{
    m_model->setHeaders({tr("Driver"), tr("Kind"), tr("Inputs"), tr("Over horizon")},
                        {tr("Hover a driver for its ROI term and value area"),
                         tr("Hard value counts in ROI; soft value is reported apart"), QString(),
                         tr("Value over the horizon after the risk discount (soft: as entered)")});
    m_table->setObjectName(QStringLiteral("driversTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);

    m_add = toolButton(tr("Add driver"), tr("Add a value driver of a given kind"), this);
    m_add->setObjectName(QStringLiteral("addDriver"));
    m_add->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_add);
    for (std::size_t i = 0; i < enumCount<DriverKind>(); ++i) {
        const auto kind = static_cast<DriverKind>(i);
        menu->addAction(enumText(kind), this, [this, kind] { addDriver(kind); });
    }
    m_add->setMenu(menu);
    m_duplicate = toolButton(tr("Duplicate"), tr("Duplicate the selected driver"), this);
    m_remove = toolButton(tr("Remove"), tr("Remove the selected driver"), this);
    m_remove->setObjectName(QStringLiteral("removeDriver"));
    m_up = toolButton(tr("Move up"), tr("Move the selected driver up"), this);
    m_up->setObjectName(QStringLiteral("driverUp"));
    m_down = toolButton(tr("Move down"), tr("Move the selected driver down"), this);
    m_down->setObjectName(QStringLiteral("driverDown"));
    connect(m_duplicate, &QToolButton::clicked, this, &ValueDriversPane::duplicateDriver);
    connect(m_remove, &QToolButton::clicked, this, &ValueDriversPane::removeDriver);
    connect(m_up, &QToolButton::clicked, this, [this] { moveDriver(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveDriver(1); });
    auto *buttons = new QHBoxLayout;
    for (QToolButton *b : {m_add, m_duplicate, m_remove, m_up, m_down})
        buttons->addWidget(b);
    buttons->addStretch(1);

    m_detail = new QGroupBox(tr("Selected driver"), this);
    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_name = new TextField(QStringLiteral("driverName"), m_detail);
    m_name->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral(".+")), m_name));
    m_kind = makeEnumCombo<DriverKind>(m_detail, QStringLiteral("driverKind"));
    m_hard = new QCheckBox(tr("Hard value (counts in ROI)"), m_detail);
    m_hard->setObjectName(QStringLiteral("driverHard"));
    m_hard->setToolTip(tr("Hard value is money the finance team can trace; soft value (CSAT, "
                          "speed) is reported apart and never in the headline unless the "
                          "workbook says so."));
    m_term = makeEnumCombo<NumeratorTerm>(m_detail, QStringLiteral("driverTerm"));
    m_area = makeEnumCombo<ValueArea>(m_detail, QStringLiteral("driverArea"));
    m_capacityMode = makeEnumCombo<CapacityMode>(m_detail, QStringLiteral("capacityMode"));
    m_capacityLabel = new QLabel(tr("Valued as:"), m_detail);
    m_avoidedMode = makeEnumCombo<AvoidedMode>(m_detail, QStringLiteral("avoidedMode"));
    m_avoidedLabel = new QLabel(tr("Avoided as:"), m_detail);
    m_metric = new TextField(QStringLiteral("metric"), m_detail);
    m_metricLabel = new QLabel(tr("Metric:"), m_detail);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Kind:"), m_kind);
    form->addRow(QString(), m_hard);
    form->addRow(tr("ROI term:"), m_term);
    form->addRow(tr("Value area:"), m_area);
    form->addRow(m_capacityLabel, m_capacityMode);
    form->addRow(m_avoidedLabel, m_avoidedMode);
    form->addRow(m_metricLabel, m_metric);
    m_fields = new FieldForm(m_detail);
    form->addRow(m_fields);
    auto *detailLayout = new QVBoxLayout(m_detail);
    detailLayout->addLayout(form);
    detailLayout->addStretch(1);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(buttons);
    topLayout->addWidget(m_table);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(top);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        showDetail();
        updateButtons();
    });
    connect(m_name, &TextField::valueEdited, this, [this](const QString &text) {
        editCurrent([&](ValueDriver &d) { d.name = text.toStdString(); }, tr("Rename driver"),
                    m_name->mergeKey());
    });
    connect(m_metric, &TextField::valueEdited, this, [this](const QString &text) {
        editCurrent([&](ValueDriver &d) { d.metric = text.toStdString(); }, tr("Edit metric"),
                    m_metric->mergeKey());
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        const auto kind = enumComboValue<DriverKind>(m_kind);
        editCurrent(
            [&](ValueDriver &d) {
                d.kind = kind;
                d.term = defaultTerm(kind);
                d.area = defaultArea(kind);
                d.hard = kind != DriverKind::SoftValue;
            },
            tr("Change driver kind"));
    });
    connect(m_hard, &QCheckBox::toggled, this, [this](bool hard) {
        editCurrent([&](ValueDriver &d) { d.hard = hard; },
                    hard ? tr("Count driver as hard value") : tr("Count driver as soft value"));
    });
    connect(m_term, &QComboBox::currentIndexChanged, this, [this] {
        const auto term = enumComboValue<NumeratorTerm>(m_term);
        editCurrent([&](ValueDriver &d) { d.term = term; }, tr("Change ROI term"));
    });
    connect(m_area, &QComboBox::currentIndexChanged, this, [this] {
        const auto area = enumComboValue<ValueArea>(m_area);
        editCurrent([&](ValueDriver &d) { d.area = area; }, tr("Change value area"));
    });
    connect(m_capacityMode, &QComboBox::currentIndexChanged, this, [this] {
        const auto mode = enumComboValue<CapacityMode>(m_capacityMode);
        editCurrent([&](ValueDriver &d) { d.capacityMode = mode; }, tr("Change capacity mode"));
    });
    connect(m_avoidedMode, &QComboBox::currentIndexChanged, this, [this] {
        const auto mode = enumComboValue<AvoidedMode>(m_avoidedMode);
        editCurrent([&](ValueDriver &d) { d.avoidedMode = mode; }, tr("Change avoided-cost mode"));
    });
    connect(m_fields, &FieldForm::edited, this,
            [this](const QString &key, double value, const QString &mergeKey) {
                const Field<ValueDriver> *f = findField(driverFields(), key.toStdString());
                if (!f)
                    return;
                editCurrent([&](ValueDriver &d) { d.*(f->member) = value; },
                            tr("Edit %1").arg(fieldLabel(f->info).toLower()), mergeKey);
            });
    updateButtons();
}

void ValueDriversPane::setData(const UseCase &useCase, const CaseResult *base,
                               const NumberFormat &format)
{
    m_drivers = useCase.drivers;
    m_baseline = useCase.baseline;
    m_format = format;
    QVector<QVector<TableCell>> rows;
    for (std::size_t i = 0; i < m_drivers.size(); ++i) {
        const ValueDriver &d = m_drivers[i];
        double total = 0;
        if (base && static_cast<int>(i) < base->driverCount()) {
            for (double v : base->driverNet(static_cast<int>(i)))
                total += v;
        }
        const bool hard = d.hard && d.kind != DriverKind::SoftValue;
        const QString summary = driverSummary(d, m_baseline, format);
        rows.push_back({
            {QString::fromStdString(d.name),
             {},
             hard ? QStringLiteral("%1 · %2").arg(enumText(d.term), enumText(d.area))
                  : QStringLiteral("Soft value · %1").arg(enumText(d.area)),
             false},
            {QStringLiteral("%1 (%2)").arg(enumText(d.kind), hard ? tr("hard") : tr("soft")),
             {},
             {},
             false},
            {summary, {}, summary, false},
            {format.money(total, 0), total, {}, true},
        });
    }
    m_model->setRows(std::move(rows));
    if (currentDriver() < 0 && !m_drivers.empty())
        selectDriver(0);
    showDetail();
    updateButtons();
}

int ValueDriversPane::currentDriver() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() && current.row() < static_cast<int>(m_drivers.size()) ? current.row()
                                                                                   : -1;
}

void ValueDriversPane::selectDriver(int index)
{
    if (index < 0 || index >= static_cast<int>(m_drivers.size()))
        return;
    m_table->selectionModel()->setCurrentIndex(
        m_model->index(index, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void ValueDriversPane::focusField(int driver, const QString &key)
{
    selectDriver(driver);
    showDetail();
    QWidget *target = m_fields->field(key.toStdString());
    (target ? target : m_name)->setFocus(Qt::OtherFocusReason);
}

void ValueDriversPane::showDetail()
{
    const int i = currentDriver();
    m_detail->setEnabled(i >= 0);
    if (i < 0)
        return;
    const ValueDriver &d = m_drivers[static_cast<std::size_t>(i)];
    m_detail->setTitle(tr("Driver “%1”").arg(QString::fromStdString(d.name)));
    m_name->setValue(QString::fromStdString(d.name));
    m_metric->setValue(QString::fromStdString(d.metric));
    setEnumCombo(m_kind, d.kind);
    setEnumCombo(m_term, d.term);
    setEnumCombo(m_area, d.area);
    setEnumCombo(m_capacityMode, d.capacityMode);
    setEnumCombo(m_avoidedMode, d.avoidedMode);
    {
        const QSignalBlocker block(m_hard);
        m_hard->setChecked(d.hard && d.kind != DriverKind::SoftValue);
    }
    const bool soft = d.kind == DriverKind::SoftValue;
    m_hard->setEnabled(!soft);
    m_term->setEnabled(d.hard && !soft);
    m_capacityMode->setVisible(d.kind == DriverKind::AddedCapacity);
    m_capacityLabel->setVisible(d.kind == DriverKind::AddedCapacity);
    m_avoidedMode->setVisible(d.kind == DriverKind::AvoidedCost);
    m_avoidedLabel->setVisible(d.kind == DriverKind::AvoidedCost);
    m_metric->setVisible(soft);
    m_metricLabel->setVisible(soft);
    const QString shape = QStringLiteral("%1/%2/%3")
                              .arg(static_cast<int>(d.kind))
                              .arg(static_cast<int>(d.capacityMode))
                              .arg(static_cast<int>(d.avoidedMode));
    if (shape != m_shownShape) {
        m_fields->setFields(FieldForm::infos(
            driverFields(), [&](const Field<ValueDriver> &f) { return fieldApplies(f, d); }));
        m_shownShape = shape;
    }
    m_fields->setCurrencyPrefix(m_format.prefix());
    for (const auto &f : driverFields()) {
        if (fieldApplies(f, d))
            m_fields->setValue(f.info.key, d.*(f.member));
    }
}

void ValueDriversPane::editCurrent(const std::function<void(ValueDriver &)> &change,
                                   const QString &text, const QString &mergeKey)
{
    const int i = currentDriver();
    if (i < 0)
        return;
    std::vector<ValueDriver> drivers = m_drivers;
    change(drivers[static_cast<std::size_t>(i)]);
    if (drivers == m_drivers)
        return;
    Q_EMIT edited(drivers, text, mergeKey);
}

void ValueDriversPane::addDriver(DriverKind kind)
{
    ValueDriver d;
    d.kind = kind;
    d.hard = kind != DriverKind::SoftValue;
    d.term = defaultTerm(kind);
    d.area = defaultArea(kind);
    d.minutesWithAi = m_baseline.minutesPerUnit; // no time saved until entered
    d.name = uniqueName(m_drivers, enumText(kind)).toStdString();
    std::vector<ValueDriver> drivers = m_drivers;
    const int at = currentDriver() < 0 ? static_cast<int>(drivers.size()) : currentDriver() + 1;
    drivers.insert(drivers.begin() + at, d);
    Q_EMIT edited(drivers, tr("Add driver “%1”").arg(QString::fromStdString(d.name)), {});
    selectDriver(at);
    m_name->setFocus();
    m_name->selectAll();
}

void ValueDriversPane::removeDriver()
{
    const int i = currentDriver();
    if (i < 0)
        return;
    std::vector<ValueDriver> drivers = m_drivers;
    const QString name = QString::fromStdString(drivers[static_cast<std::size_t>(i)].name);
    drivers.erase(drivers.begin() + i);
    Q_EMIT edited(drivers, tr("Remove driver “%1”").arg(name), {});
    selectDriver(std::min(i, static_cast<int>(m_drivers.size()) - 1));
}

void ValueDriversPane::duplicateDriver()
{
    const int i = currentDriver();
    if (i < 0)
        return;
    std::vector<ValueDriver> drivers = m_drivers;
    ValueDriver copy = drivers[static_cast<std::size_t>(i)];
    copy.name = uniqueName(drivers, QString::fromStdString(copy.name)).toStdString();
    drivers.insert(drivers.begin() + i + 1, copy);
    Q_EMIT edited(drivers, tr("Duplicate driver"), {});
    selectDriver(i + 1);
}

void ValueDriversPane::moveDriver(int delta)
{
    const int i = currentDriver();
    const int j = i + delta;
    if (i < 0 || j < 0 || j >= static_cast<int>(m_drivers.size()))
        return;
    std::vector<ValueDriver> drivers = m_drivers;
    std::swap(drivers[static_cast<std::size_t>(i)], drivers[static_cast<std::size_t>(j)]);
    Q_EMIT edited(drivers, tr("Move driver"), {});
    selectDriver(j);
}

void ValueDriversPane::updateButtons()
{
    const int i = currentDriver();
    const int n = static_cast<int>(m_drivers.size());
    m_remove->setEnabled(i >= 0);
    m_duplicate->setEnabled(i >= 0);
    m_up->setEnabled(i > 0);
    m_down->setEnabled(i >= 0 && i < n - 1);
}

} // namespace roi
