#include "leverspane.h"

#include "fieldform.h"
#include "kpitile.h"
#include "leverchart.h"
#include "textfield.h"

#include "levers/leverengine.h"
#include "levers/leverfields.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace roi {

namespace {

QString text(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

std::vector<FieldInfo> infosOf(LeverKind kind)
{
    std::vector<FieldInfo> out;
    for (const LeverField &f : leverFields(kind))
        out.push_back(f.info);
    return out;
}

QString leverHelp(LeverKind kind)
{
    switch (kind) {
    case LeverKind::SemanticCache:
        return LeversPane::tr("Answer repeated questions from a response cache: those calls reach "
                              "no model. Applied first: a cached call is not routed or batched.");
    case LeverKind::Routing:
        return LeversPane::tr("Send a share of the remaining calls to a cheaper model of the price "
                              "book; escalated calls are paid twice.");
    case LeverKind::PromptOptimisation:
        return LeversPane::tr("Shorter prompts: fewer input tokens on every remaining call.");
    case LeverKind::OutputShortening:
        return LeversPane::tr("Shorter answers: fewer output tokens on every remaining call.");
    case LeverKind::PromptCache:
        return LeversPane::tr("Provider prompt caching: a share of the input read at the model's "
                              "cached price, with a premium on tokens written to the cache.");
    case LeverKind::Batch:
    case LeverKind::Count:
        break;
    }
    return LeversPane::tr("Calls that can wait go through the provider's batch interface at a "
                          "discount. Applied last, to what the other levers leave.");
}

} // namespace

LeversPane::LeversPane(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("leversPane"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *area = new QScrollArea(this);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    auto *page = new QWidget;
    area->setWidget(page);
    outer->addWidget(area);
    auto *layout = new QVBoxLayout(page);

    // The three numbers.
    auto *tiles = new QHBoxLayout;
    m_baselineTile = new KpiTile(tr("Baseline cost"), page);
    m_optimisedTile = new KpiTile(tr("Optimised cost"), page);
    m_savingsTile = new KpiTile(tr("Savings"), page);
    m_baselineTile->setObjectName(QStringLiteral("baselineTile"));
    m_optimisedTile->setObjectName(QStringLiteral("optimisedTile"));
    m_savingsTile->setObjectName(QStringLiteral("savingsTile"));
    for (KpiTile *t : {m_baselineTile, m_optimisedTile, m_savingsTile})
        tiles->addWidget(t);
    layout->addLayout(tiles);

    m_plot = new QCustomPlot(page);
    m_plot->setObjectName(QStringLiteral("waterfall"));
    m_plot->setMinimumHeight(260);
    layout->addWidget(m_plot);

    auto *rankBox = new QGroupBox(tr("Levers ranked by payback — order the work by it"), page);
    auto *rankLayout = new QVBoxLayout(rankBox);
    m_ranking = new QTableWidget(0, 7, rankBox);
    m_ranking->setObjectName(QStringLiteral("leverRanking"));
    m_ranking->setHorizontalHeaderLabels({tr("Lever"), tr("Layer"), tr("Saving"), tr("Cost"),
                                          tr("Net saving"), tr("Payback"), tr("ROI")});
    m_ranking->verticalHeader()->setVisible(false);
    m_ranking->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_ranking->setSelectionMode(QAbstractItemView::NoSelection);
    m_ranking->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ranking->horizontalHeader()->setStretchLastSection(true);
    m_ranking->setMinimumHeight(120);
    m_ranking->setMaximumHeight(200);
    rankLayout->addWidget(m_ranking);
    layout->addWidget(rankBox);

    // The inputs of the selected token layer's levers.
    auto *inputs = new QGroupBox(tr("Levers of a token layer"), page);
    auto *inputsLayout = new QVBoxLayout(inputs);
    auto *top = new QFormLayout;
    m_layerCombo = new QComboBox(inputs);
    m_layerCombo->setObjectName(QStringLiteral("leverLayer"));
    m_layerCombo->setToolTip(tr("The token-usage layer whose levers are shown"));
    top->addRow(tr("Layer:"), m_layerCombo);
    m_layerNote = new QLabel(inputs);
    m_layerNote->setWordWrap(true);
    m_layerNote->setStyleSheet(QStringLiteral("color: #5a6370"));
    top->addRow(m_layerNote);
    m_layerForm = new FieldForm(inputs);
    m_layerForm->setFields(infosOf(LeverKind::Count));
    top->addRow(m_layerForm);
    inputsLayout->addLayout(top);

    auto *grid = new QGridLayout;
    for (int k = 0; k < kLeverCount; ++k) {
        const auto kind = static_cast<LeverKind>(k);
        auto *box = new QGroupBox(text(leverLabel(kind)), inputs);
        box->setObjectName(text(leverKey(kind)));
        box->setCheckable(true);
        box->setChecked(false);
        box->setToolTip(leverHelp(kind));
        auto *form = new QFormLayout(box);
        auto *help = new QLabel(leverHelp(kind), box);
        help->setWordWrap(true);
        help->setStyleSheet(QStringLiteral("color: #5a6370"));
        form->addRow(help);
        if (kind == LeverKind::Routing) {
            m_routeTarget = new QComboBox(box);
            m_routeTarget->setObjectName(QStringLiteral("targetModel"));
            m_routeTarget->setToolTip(tr("The cheaper price-book model routed calls go to"));
            form->addRow(tr("Route to:"), m_routeTarget);
            m_qualityGate = new TextField(QStringLiteral("qualityGate"), box);
            m_qualityGate->setMaxLength(10000);
            m_qualityGate->setPlaceholderText(tr("How routed answers are checked"));
            m_qualityGate->setToolTip(
                tr("The quality gate: how you know the cheaper model's answers are good enough"));
            form->addRow(tr("Quality gate:"), m_qualityGate);
            connect(m_routeTarget, &QComboBox::currentIndexChanged, this, [this] {
                if (m_filling)
                    return;
                const std::string model = m_routeTarget->currentData().toString().toStdString();
                editLevers([&](LayerLevers &l) { l.routing.targetModel = model; },
                           tr("Change routing target"));
            });
            connect(m_qualityGate, &TextField::valueEdited, this, [this](const QString &t) {
                editLevers([&](LayerLevers &l) { l.routing.qualityGate = t.toStdString(); },
                           tr("Edit quality gate"), m_qualityGate->mergeKey());
            });
        }
        auto *fields = new FieldForm(box);
        fields->setObjectName(text(leverKey(kind)) + QStringLiteral("Fields"));
        fields->setFields(infosOf(kind));
        form->addRow(fields);
        m_boxes[static_cast<std::size_t>(k)] = box;
        m_forms[static_cast<std::size_t>(k)] = fields;
        grid->addWidget(box, k, 0);
        connect(box, &QGroupBox::toggled, this, [this, kind](bool on) {
            if (m_filling)
                return;
            editLevers([&](LayerLevers &l) { l.plan(kind).enabled = on; },
                       on ? tr("Enable %1").arg(text(leverLabel(kind)))
                          : tr("Disable %1").arg(text(leverLabel(kind))));
        });
        connect(fields, &FieldForm::edited, this,
                [this, kind](const QString &key, double v, const QString &mergeKey) {
                    const std::string path = std::string(leverKey(kind)) + '.' + key.toStdString();
                    const LeverField *f = findLeverField(path);
                    if (!f)
                        return;
                    editLevers([&](LayerLevers &l) { *f->slot(l) = v; },
                               tr("Edit %1").arg(text(leverLabel(kind)).toLower()), mergeKey);
                });
    }
    inputsLayout->addLayout(grid);
    layout->addWidget(inputs);
    layout->addStretch(1);

    connect(m_layerCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (m_filling)
            return;
        m_layer = m_layerCombo->currentData().toInt();
        showLayer();
    });
    connect(m_layerForm, &FieldForm::edited, this,
            [this](const QString &key, double v, const QString &mergeKey) {
                const LeverField *f = findLeverField(key.toStdString());
                if (!f)
                    return;
                editLevers([&](LayerLevers &l) { *f->slot(l) = v; }, tr("Edit lever baseline"),
                           mergeKey);
            });
}

void LeversPane::setData(const Workbook &wb, int useCase, const CaseResult *result,
                         const NumberFormat &format)
{
    m_workbook = wb;
    m_index = useCase;
    m_format = format;
    m_hasResult = result != nullptr;
    if (result)
        m_result = *result;
    if (useCase < 0 || useCase >= static_cast<int>(wb.useCases.size())) {
        m_useCase = {};
        setEnabled(false);
        return;
    }
    setEnabled(true);
    m_useCase = wb.useCases[static_cast<std::size_t>(useCase)];
    m_filling = true;
    m_layerCombo->clear();
    int keep = -1;
    for (std::size_t i = 0; i < m_useCase.layers.size(); ++i) {
        const CostLayer &l = m_useCase.layers[i];
        if (l.type != LayerType::TokenUsage)
            continue;
        m_layerCombo->addItem(QString::fromStdString(l.name), static_cast<int>(i));
        if (static_cast<int>(i) == m_layer)
            keep = m_layerCombo->count() - 1;
    }
    if (keep < 0 && m_layerCombo->count() > 0)
        keep = 0;
    m_layerCombo->setCurrentIndex(keep);
    m_layer = keep >= 0 ? m_layerCombo->itemData(keep).toInt() : -1;
    m_filling = false;
    showLayer();
    refreshResults();
}

void LeversPane::selectLayer(int layer)
{
    const int row = m_layerCombo->findData(layer);
    if (row >= 0)
        m_layerCombo->setCurrentIndex(row);
}

void LeversPane::showLayer()
{
    m_filling = true;
    const bool has = m_layer >= 0 && m_layer < static_cast<int>(m_useCase.layers.size());
    m_layerNote->setText(
        has ? tr("Levers apply in order: semantic caching, routing, prompt optimisation, output "
                 "shortening, prompt caching, batch — each to what the ones before leave.")
            : tr("This use case has no token-usage layer: levers act on model tokens. Add one on "
                 "the Costs tab."));
    m_layerForm->setEnabled(has);
    for (QGroupBox *box : m_boxes)
        box->setVisible(has);
    if (has) {
        const CostLayer &layer = m_useCase.layers[static_cast<std::size_t>(m_layer)];
        const LayerLevers &lv = layer.levers;
        m_layerForm->setCurrencyPrefix(m_format.prefix());
        for (const LeverField &f : leverFields(LeverKind::Count))
            m_layerForm->setValue(f.info.key, f.read(lv));
        for (int k = 0; k < kLeverCount; ++k) {
            const auto kind = static_cast<LeverKind>(k);
            m_boxes[static_cast<std::size_t>(k)]->setChecked(lv.plan(kind).enabled);
            FieldForm *form = m_forms[static_cast<std::size_t>(k)];
            form->setCurrencyPrefix(m_format.prefix());
            for (const LeverField &f : leverFields(kind))
                form->setValue(f.info.key, f.read(lv));
        }
        m_routeTarget->clear();
        m_routeTarget->addItem(tr("(choose a model)"), QString());
        for (const PriceEntry &p : m_workbook.priceBook) {
            if (p.model == layer.model)
                continue;
            m_routeTarget->addItem(QString::fromStdString(p.model),
                                   QString::fromStdString(p.model));
        }
        const int target = m_routeTarget->findData(QString::fromStdString(lv.routing.targetModel));
        if (target < 0 && !lv.routing.targetModel.empty()) {
            m_routeTarget->addItem(QString::fromStdString(lv.routing.targetModel)
                                       + tr(" (not in the price book)"),
                                   QString::fromStdString(lv.routing.targetModel));
            m_routeTarget->setCurrentIndex(m_routeTarget->count() - 1);
        } else {
            m_routeTarget->setCurrentIndex(std::max(0, target));
        }
        m_qualityGate->setValue(QString::fromStdString(lv.routing.qualityGate));
    }
    m_filling = false;
}

void LeversPane::refreshResults()
{
    if (!m_hasResult) {
        m_baselineTile->setValue(tr("—"), {}, {});
        m_optimisedTile->setValue(tr("—"), {}, {});
        m_savingsTile->setValue(tr("—"), {}, {});
        m_ranking->setRowCount(0);
        m_plot->clearItems();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const CaseResult &r = m_result;
    const LeverSummary s = leverSummary(r);
    const QString months = tr("over %1 months").arg(r.months());
    m_baselineTile->setValue(
        m_format.money(s.baseline, 0),
        tr("%1 a month at steady state").arg(m_format.money(s.steadyBaseline, 0)),
        tr("Baseline cost: the TCO %1 without any savings lever (every layer, the premium model, "
           "no cache).")
            .arg(months));
    m_optimisedTile->setValue(
        m_format.money(s.optimised, 0),
        tr("%1 a month at steady state").arg(m_format.money(s.steadyOptimised, 0)),
        tr("Optimised cost: the TCO %1 with the enabled levers, their implementation and running "
           "costs included. This is the headline TCO.")
            .arg(months));
    const bool worse = s.savingsPercent.ok() && s.savingsPercent.value < 0;
    m_savingsTile->setValue(
        m_format.kpi(s.savingsPercent, NumberFormat::Kind::Percent),
        tr("%1 saved · %2 at steady state")
            .arg(m_format.money(s.saving(), 0),
                 m_format.kpi(s.steadySavingsPercent, NumberFormat::Kind::Percent)),
        tr("Savings % = (baseline − optimised) / baseline, over the whole TCO; undefined when the "
           "baseline is zero."),
        worse);

    drawWaterfall(*m_plot, m_workbook, r, m_format);
    m_plot->replot(QCustomPlot::rpQueuedReplot);

    // Ranked by payback: the levers that pay back soonest first, those that never do last.
    std::vector<const LeverLine *> lines;
    for (const LeverLine &l : r.levers.lines)
        lines.push_back(&l);
    auto rank = [](const LeverLine *l) {
        // Free levers first (nothing to pay back), then by payback month, then the rest.
        if (l->costTotal <= 0 && l->netTotal >= 0)
            return -1.0;
        const Kpi p = leverPayback(*l);
        return p.ok() ? p.value : 1e9 - l->netTotal * 1e-9;
    };
    std::stable_sort(lines.begin(), lines.end(),
                     [&](const LeverLine *a, const LeverLine *b) { return rank(a) < rank(b); });
    m_ranking->setRowCount(static_cast<int>(lines.size()));
    const YearMonth start = m_workbook.settings.startMonth;
    for (int row = 0; row < static_cast<int>(lines.size()); ++row) {
        const LeverLine &l = *lines[static_cast<std::size_t>(row)];
        const auto &layers = m_useCase.layers;
        const QString layer =
            static_cast<std::size_t>(l.layer) < layers.size()
                ? QString::fromStdString(layers[static_cast<std::size_t>(l.layer)].name)
                : QString();
        const QStringList cells = {
            text(leverLabel(l.kind)),
            layer,
            m_format.money(l.grossTotal, 0),
            m_format.money(l.costTotal, 0),
            m_format.money(l.netTotal, 0),
            m_format.kpi(leverPayback(l), NumberFormat::Kind::Month, start.year, start.month),
            m_format.kpi(leverRoi(l), NumberFormat::Kind::Percent)};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c >= 2)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (c == 4 && l.netTotal < 0)
                item->setForeground(QColor(0xc0, 0x50, 0x4d));
            m_ranking->setItem(row, c, item);
        }
    }
}

void LeversPane::editLevers(const std::function<void(LayerLevers &)> &change, const QString &text,
                            const QString &mergeKey)
{
    if (m_layer < 0 || m_layer >= static_cast<int>(m_useCase.layers.size()))
        return;
    std::vector<CostLayer> layers = m_useCase.layers;
    change(layers[static_cast<std::size_t>(m_layer)].levers);
    if (layers == m_useCase.layers)
        return;
    Q_EMIT edited(layers, text, mergeKey);
}

} // namespace roi
