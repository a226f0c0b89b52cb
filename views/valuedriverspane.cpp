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
#include <QLabel>
#include <QMenu>

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
    : ListPane(QStringLiteral("Driver"), tr("Add driver"),
               {tr("Driver"), tr("Kind"), tr("Inputs"), tr("Over horizon")},
               {tr("Hover a driver for its ROI term and value area"),
                tr("Hard value counts in ROI; soft value is reported apart"), QString(),
                tr("Value over the horizon after the risk discount (soft: as entered)")},
               2, parent)
{
    for (std::size_t i = 0; i < enumCount<DriverKind>(); ++i) {
        const auto kind = static_cast<DriverKind>(i);
        addMenu()->addAction(enumText(kind), this, [this, kind] { addDriver(kind); });
    }
    QGroupBox *box = detail();
    m_name = new TextField(QStringLiteral("driverName"), box);
    m_name->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral(".+")), m_name));
    m_kind = makeEnumCombo<DriverKind>(box, QStringLiteral("driverKind"));
    m_hard = new QCheckBox(tr("Hard value (counts in ROI)"), box);
    m_hard->setObjectName(QStringLiteral("driverHard"));
    m_hard->setToolTip(tr("Hard value is money the finance team can trace; soft value (CSAT, "
                          "speed) is reported apart and never in the headline unless the "
                          "workbook says so."));
    m_term = makeEnumCombo<NumeratorTerm>(box, QStringLiteral("driverTerm"));
    m_area = makeEnumCombo<ValueArea>(box, QStringLiteral("driverArea"));
    m_capacityMode = makeEnumCombo<CapacityMode>(box, QStringLiteral("capacityMode"));
    m_capacityLabel = new QLabel(tr("Valued as:"), box);
    m_avoidedMode = makeEnumCombo<AvoidedMode>(box, QStringLiteral("avoidedMode"));
    m_avoidedLabel = new QLabel(tr("Avoided as:"), box);
    m_metric = new TextField(QStringLiteral("metric"), box);
    m_metricLabel = new QLabel(tr("Metric:"), box);
    QFormLayout *form = detailForm();
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Kind:"), m_kind);
    form->addRow(QString(), m_hard);
    form->addRow(tr("ROI term:"), m_term);
    form->addRow(tr("Value area:"), m_area);
    form->addRow(m_capacityLabel, m_capacityMode);
    form->addRow(m_avoidedLabel, m_avoidedMode);
    form->addRow(m_metricLabel, m_metric);

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
    connect(fields(), &FieldForm::edited, this,
            [this](const QString &key, double value, const QString &mergeKey) {
                const Field<ValueDriver> *f = findField(driverFields(), key.toStdString());
                if (!f)
                    return;
                editCurrent([&](ValueDriver &d) { d.*(f->member) = value; },
                            tr("Edit %1").arg(fieldLabel(f->info).toLower()), mergeKey);
            });
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
    setRows(std::move(rows));
}

void ValueDriversPane::focusField(int driver, const QString &key)
{
    selectDriver(driver);
    showDetail();
    QWidget *target = fields()->field(key.toStdString());
    (target ? target : m_name)->setFocus(Qt::OtherFocusReason);
}

void ValueDriversPane::showDetail()
{
    const int i = currentDriver();
    detail()->setEnabled(i >= 0);
    if (i < 0)
        return;
    const ValueDriver &d = m_drivers[static_cast<std::size_t>(i)];
    detail()->setTitle(tr("Driver “%1”").arg(QString::fromStdString(d.name)));
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
        fields()->setFields(FieldForm::infos(
            driverFields(), [&](const Field<ValueDriver> &f) { return fieldApplies(f, d); }));
        m_shownShape = shape;
    }
    fields()->setCurrencyPrefix(m_format.prefix());
    for (const auto &f : driverFields()) {
        if (fieldApplies(f, d))
            fields()->setValue(f.info.key, d.*(f.member));
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
    d.cashableShare = kDefaultCashableShare;
    d.name = uniqueName(m_drivers, enumText(kind)).toStdString();
    std::vector<ValueDriver> drivers = m_drivers;
    const int at = currentDriver() < 0 ? static_cast<int>(drivers.size()) : currentDriver() + 1;
    drivers.insert(drivers.begin() + at, d);
    Q_EMIT edited(drivers, tr("Add driver “%1”").arg(QString::fromStdString(d.name)), {});
    selectDriver(at);
    m_name->setFocus();
    m_name->selectAll();
}

void ValueDriversPane::removeAt(int row)
{
    std::vector<ValueDriver> drivers = m_drivers;
    const QString name = QString::fromStdString(drivers[static_cast<std::size_t>(row)].name);
    drivers.erase(drivers.begin() + row);
    Q_EMIT edited(drivers, tr("Remove driver “%1”").arg(name), {});
}

void ValueDriversPane::duplicateAt(int row)
{
    Q_EMIT edited(withDuplicate(m_drivers, row), tr("Duplicate driver"), {});
}

void ValueDriversPane::moveTo(int from, int to)
{
    Q_EMIT edited(withMoved(m_drivers, from, to), tr("Move driver"), {});
}

} // namespace roi
