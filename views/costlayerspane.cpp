#include "costlayerspane.h"

#include "enumcombo.h"
#include "fieldform.h"
#include "tablemodel.h"
#include "textfield.h"

#include "results.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>

namespace roi {

CostCategory defaultCategory(LayerType type)
{
    switch (type) {
    case LayerType::TokenUsage:
        return CostCategory::ModelTokens;
    case LayerType::FixedMonthly:
    case LayerType::PerUnit:
        return CostCategory::Infrastructure;
    case LayerType::Staff:
    case LayerType::OneTime:
        return CostCategory::Integration;
    case LayerType::HumanReview:
        return CostCategory::HumanReview;
    }
    return CostCategory::Other;
}

QString layerSummary(const CostLayer &l, const NumberFormat &f)
{
    const QLocale &loc = f.locale();
    switch (l.type) {
    case LayerType::TokenUsage:
        return QStringLiteral("%1 · %2 call(s) · %3 in / %4 out / %5 cached tokens%6")
            .arg(QString::fromStdString(l.model).isEmpty() ? QStringLiteral("(no model)")
                                                           : QString::fromStdString(l.model),
                 loc.toString(l.callsPerUnit, 'g', 6), loc.toString(l.inputTokens, 'f', 0),
                 loc.toString(l.outputTokens, 'f', 0), loc.toString(l.cachedInputTokens, 'f', 0),
                 l.overhead > 0 ? QStringLiteral(" · +%1 overhead").arg(f.percent(l.overhead, 0))
                                : QString());
    case LayerType::FixedMonthly:
        return QStringLiteral("%1 a month").arg(f.money(l.amount));
    case LayerType::Staff:
        return QStringLiteral("%1 FTE × %2 a year")
            .arg(loc.toString(l.fte, 'g', 4), f.money(l.annualCost, 0));
    case LayerType::HumanReview:
        return QStringLiteral("%1 reviewed × %2 min × %3/h")
            .arg(f.percent(l.share), loc.toString(l.minutesPerReview, 'g', 4),
                 f.money(l.hourlyRate));
    case LayerType::PerUnit:
        return QStringLiteral("%1 %2").arg(f.unitCost(l.unitCost), enumText(l.basis));
    case LayerType::OneTime:
        return l.spreadMonths > 1
                   ? QStringLiteral("%1 from month %2 over %3 months")
                         .arg(f.money(l.amount, 0))
                         .arg(l.month)
                         .arg(l.spreadMonths)
                   : QStringLiteral("%1 in month %2").arg(f.money(l.amount, 0)).arg(l.month);
    }
    return {};
}

CostLayersPane::CostLayersPane(QWidget *parent)
    : ListPane(QStringLiteral("Layer"), tr("Add layer"),
               {tr("Layer"), tr("Inputs"), tr("Month 1"), tr("Run rate / month")},
               {tr("Hover a layer for its type and category"), QString(),
                tr("Cost in the first month of the horizon"),
                tr("Steady month: baseline volume, full ramp, today's prices; one-time costs "
                   "excluded")},
               1, parent)
{
    for (std::size_t i = 0; i < enumCount<LayerType>(); ++i) {
        const auto type = static_cast<LayerType>(i);
        addMenu()->addAction(enumText(type), this, [this, type] { addLayer(type); });
    }
    QGroupBox *box = detail();
    m_name = new TextField(QStringLiteral("layerName"), box);
    m_name->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral(".+")), m_name));
    m_type = makeEnumCombo<LayerType>(box, QStringLiteral("layerType"));
    m_category = makeEnumCombo<CostCategory>(box, QStringLiteral("layerCategory"));
    m_modelCombo = new QComboBox(box);
    m_modelCombo->setObjectName(QStringLiteral("layerModel"));
    m_modelCombo->setToolTip(tr("The price-book entry whose prices this layer uses"));
    m_modelLabel = new QLabel(tr("Model:"), box);
    m_basis = makeEnumCombo<UnitBasis>(box, QStringLiteral("layerBasis"));
    m_basisLabel = new QLabel(tr("Charged:"), box);
    QFormLayout *form = detailForm();
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Type:"), m_type);
    form->addRow(tr("Category:"), m_category);
    form->addRow(m_modelLabel, m_modelCombo);
    form->addRow(m_basisLabel, m_basis);

    connect(m_name, &TextField::valueEdited, this, [this](const QString &text) {
        editCurrent([&](CostLayer &l) { l.name = text.toStdString(); }, tr("Rename layer"),
                    m_name->mergeKey());
    });
    connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
        const auto type = enumComboValue<LayerType>(m_type);
        editCurrent(
            [&](CostLayer &l) {
                l.type = type;
                l.category = defaultCategory(type);
            },
            tr("Change layer type"));
    });
    connect(m_category, &QComboBox::currentIndexChanged, this, [this] {
        const auto category = enumComboValue<CostCategory>(m_category);
        editCurrent([&](CostLayer &l) { l.category = category; }, tr("Change layer category"));
    });
    connect(m_modelCombo, &QComboBox::currentIndexChanged, this, [this] {
        const std::string model = m_modelCombo->currentData().toString().toStdString();
        editCurrent([&](CostLayer &l) { l.model = model; }, tr("Change layer model"));
    });
    connect(m_basis, &QComboBox::currentIndexChanged, this, [this] {
        const auto basis = enumComboValue<UnitBasis>(m_basis);
        editCurrent([&](CostLayer &l) { l.basis = basis; }, tr("Change layer basis"));
    });
    connect(fields(), &FieldForm::edited, this,
            [this](const QString &key, double value, const QString &mergeKey) {
                const Field<CostLayer> *f = findField(layerFields(), key.toStdString());
                if (!f)
                    return;
                editCurrent([&](CostLayer &l) { l.*(f->member) = value; },
                            tr("Edit %1").arg(fieldLabel(f->info).toLower()), mergeKey);
            });
}

void CostLayersPane::setData(const UseCase &useCase, const std::vector<PriceEntry> &prices,
                             const CaseResult *base, const NumberFormat &format)
{
    m_layers = useCase.layers;
    m_format = format;
    {
        const QSignalBlocker block(m_modelCombo);
        m_modelCombo->clear();
        m_modelCombo->addItem(tr("(none)"), QString());
        for (const PriceEntry &p : prices) {
            const QString name = QString::fromStdString(p.model);
            m_modelCombo->addItem(name, name);
        }
    }
    QVector<QVector<TableCell>> rows;
    double total = 0;
    if (base) {
        for (double v : base->runRate.costByLayer)
            total += v;
    }
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        const CostLayer &l = m_layers[i];
        const double first =
            base && base->months() > 0 ? base->layerCost(static_cast<int>(i))[0] : 0.0;
        const double run =
            base && i < base->runRate.costByLayer.size() ? base->runRate.costByLayer[i] : 0.0;
        QString runText = l.type == LayerType::OneTime ? tr("one-time") : format.money(run);
        if (l.type != LayerType::OneTime && total > 0)
            runText += QStringLiteral("  (%1)").arg(format.percent(run / total, 0));
        const QString summary = layerSummary(l, format);
        rows.push_back({
            {QString::fromStdString(l.name),
             {},
             QStringLiteral("%1 · %2").arg(enumText(l.type), enumText(l.category)),
             false},
            {summary, {}, summary, false},
            {format.money(first), first, {}, true},
            {runText, run, {}, true},
        });
    }
    setRows(std::move(rows));
}

void CostLayersPane::focusField(int layer, const QString &key)
{
    selectLayer(layer);
    showDetail();
    QWidget *target = fields()->field(key.toStdString());
    if (!target)
        target = key == QLatin1String("model") ? static_cast<QWidget *>(m_modelCombo) : m_name;
    target->setFocus(Qt::OtherFocusReason);
}

void CostLayersPane::showDetail()
{
    const int i = currentLayer();
    detail()->setEnabled(i >= 0);
    if (i < 0) {
        m_name->setValue({});
        return;
    }
    const CostLayer &l = m_layers[static_cast<std::size_t>(i)];
    detail()->setTitle(tr("Layer “%1”").arg(QString::fromStdString(l.name)));
    m_name->setValue(QString::fromStdString(l.name));
    setEnumCombo(m_type, l.type);
    setEnumCombo(m_category, l.category);
    setEnumCombo(m_basis, l.basis);
    {
        const QSignalBlocker block(m_modelCombo);
        int idx = m_modelCombo->findData(QString::fromStdString(l.model));
        if (idx < 0 && !l.model.empty()) {
            // A model missing from the price book stays visible (a model check flags it).
            m_modelCombo->addItem(tr("%1 (not in price book)").arg(QString::fromStdString(l.model)),
                                  QString::fromStdString(l.model));
            idx = m_modelCombo->count() - 1;
        }
        m_modelCombo->setCurrentIndex(std::max(idx, 0));
    }
    const bool token = l.type == LayerType::TokenUsage;
    m_modelCombo->setVisible(token);
    m_modelLabel->setVisible(token);
    m_basis->setVisible(l.type == LayerType::PerUnit);
    m_basisLabel->setVisible(l.type == LayerType::PerUnit);
    if (m_shownType != static_cast<int>(l.type)) {
        fields()->setFields(FieldForm::infos(
            layerFields(), [&](const Field<CostLayer> &f) { return fieldApplies(f, l); }));
        m_shownType = static_cast<int>(l.type);
    }
    fields()->setCurrencyPrefix(m_format.prefix());
    for (const auto &f : layerFields()) {
        if (fieldApplies(f, l))
            fields()->setValue(f.info.key, l.*(f.member));
    }
}

void CostLayersPane::editCurrent(const std::function<void(CostLayer &)> &change,
                                 const QString &text, const QString &mergeKey)
{
    const int i = currentLayer();
    if (i < 0)
        return;
    std::vector<CostLayer> layers = m_layers;
    change(layers[static_cast<std::size_t>(i)]);
    if (layers == m_layers)
        return;
    Q_EMIT edited(layers, text, mergeKey);
}

void CostLayersPane::addLayer(LayerType type)
{
    CostLayer l;
    l.type = type;
    l.category = defaultCategory(type);
    l.name = uniqueName(m_layers, enumText(type)).toStdString();
    std::vector<CostLayer> layers = m_layers;
    const int at = currentLayer() < 0 ? static_cast<int>(layers.size()) : currentLayer() + 1;
    layers.insert(layers.begin() + at, l);
    Q_EMIT edited(layers, tr("Add layer “%1”").arg(QString::fromStdString(l.name)), {});
    selectLayer(at);
    m_name->setFocus();
    m_name->selectAll();
}

void CostLayersPane::removeAt(int row)
{
    std::vector<CostLayer> layers = m_layers;
    const QString name = QString::fromStdString(layers[static_cast<std::size_t>(row)].name);
    layers.erase(layers.begin() + row);
    Q_EMIT edited(layers, tr("Remove layer “%1”").arg(name), {});
}

void CostLayersPane::duplicateAt(int row)
{
    Q_EMIT edited(withDuplicate(m_layers, row), tr("Duplicate layer"), {});
}

void CostLayersPane::moveTo(int from, int to)
{
    Q_EMIT edited(withMoved(m_layers, from, to), tr("Move layer"), {});
}

} // namespace roi
