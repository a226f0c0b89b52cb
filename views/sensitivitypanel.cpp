#include "sensitivitypanel.h"

#include "analytics/tornadorange.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace roi {

SensitivityPanel::SensitivityPanel(QWidget *parent)
    : QWidget(parent)
    , m_subject(new QComboBox)
    , m_metric(new QComboBox)
    , m_range(new QComboBox)
    , m_tabs(new QTabWidget)
    , m_tornadoChart(new TornadoChart)
    , m_spiderChart(new TornadoChart)
    , m_table(new QTableWidget)
    , m_note(new QLabel)
{
    m_subject->setObjectName(QStringLiteral("sensitivitySubject"));
    m_metric->setObjectName(QStringLiteral("sensitivityMetric"));
    m_range->setObjectName(QStringLiteral("sensitivityRange"));
    m_metric->addItem(tr("NPV"), static_cast<int>(SensitivityMetric::Npv));
    m_metric->addItem(tr("ROI %"), static_cast<int>(SensitivityMetric::Roi));
    m_range->addItem(tr("Worst to Best values"), 0.0);
    m_range->addItem(tr("P10 to P90 of the uncertainty set-up"), kPercentileRange);
    m_range->addItem(tr("±10%"), 0.10);
    m_range->addItem(tr("±20%"), 0.20);
    m_range->addItem(tr("±30%"), 0.30);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("For")));
    controls->addWidget(m_subject, 1);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Metric")));
    controls->addWidget(m_metric);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Range")));
    controls->addWidget(m_range);
    controls->addStretch();

    m_tabs->addTab(m_tornadoChart, tr("Tornado"));
    m_tabs->addTab(m_spiderChart, tr("Spider"));
    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels(
        {tr("Input"), tr("Low"), tr("High"), tr("At low"), tr("At high"), tr("Swing")});
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->setMaximumHeight(190);
    m_note->setWordWrap(true);
    m_note->setStyleSheet(QStringLiteral("color: #5a6370;"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_table);
    layout->addWidget(m_note);

    for (QComboBox *c : {m_subject, m_metric, m_range}) {
        connect(c, &QComboBox::currentIndexChanged, this, [this] { recompute(); });
    }
    // A range chosen in the combo stays (defaultRange() sets it with signals blocked).
    connect(m_range, &QComboBox::currentIndexChanged, this, [this] { m_rangeChosen = true; });
}

void SensitivityPanel::fillSubjects()
{
    const QSignalBlocker block(m_subject);
    const int keep = m_subject->currentData().isValid() ? m_subject->currentData().toInt() : -1;
    m_subject->clear();
    m_subject->addItem(tr("Portfolio (all use cases)"), -1);
    for (std::size_t u = 0; u < m_workbook.useCases.size(); ++u)
        m_subject->addItem(QString::fromStdString(m_workbook.useCases[u].name),
                           static_cast<int>(u));
    const int at = m_subject->findData(keep);
    m_subject->setCurrentIndex(std::max(0, at));
}

void SensitivityPanel::defaultRange()
{
    // As the tornado command: P10 to P90 when the workbook has an uncertainty set-up, else the
    // Worst and Best values; a range the user picked stays.
    if (m_rangeChosen)
        return;
    const QSignalBlocker block(m_range);
    m_range->setCurrentIndex(
        m_range->findData(m_workbook.uncertainty.inputs.empty() ? 0.0 : kPercentileRange));
}

void SensitivityPanel::setData(const Workbook &workbook, int useCase, int scenario)
{
    m_workbook = workbook;
    m_scenario = scenario;
    fillSubjects();
    {
        const QSignalBlocker block(m_subject);
        m_subject->setCurrentIndex(std::max(0, m_subject->findData(useCase)));
    }
    defaultRange();
    recompute();
}

void SensitivityPanel::setWorkbook(const Workbook &workbook)
{
    m_workbook = workbook;
    m_scenario = std::min<int>(m_scenario,
                               std::max<int>(0, static_cast<int>(workbook.scenarios.size()) - 1));
    fillSubjects();
    defaultRange();
    recompute();
}

void SensitivityPanel::recompute()
{
    const int useCase = m_subject->currentData().toInt();
    const auto metric = static_cast<SensitivityMetric>(m_metric->currentData().toInt());
    const double pct = m_range->currentData().toDouble();
    const bool percentiles = pct == kPercentileRange;
    TornadoOptions o;
    o.metric = metric;
    o.range = pct > 0 ? TornadoRange::Percent : TornadoRange::WorstBest;
    o.percent = pct > 0 ? pct : 0.2;
    const ProbeTarget target{useCase, m_scenario};
    std::string rangeError;
    if (percentiles && !setPercentileRange(m_workbook, target, o, &rangeError)) {
        m_tornado = TornadoResult();
        m_tornado.metric = metric;
        m_tornado.error = "P10 to P90: " + rangeError;
    } else {
        m_tornado = tornado(m_workbook, target, o);
    }
    const NumberFormat fmt(QString::fromStdString(m_workbook.settings.currency));
    const QString scenario =
        m_workbook.scenarios.empty()
            ? QStringLiteral("Base")
            : QString::fromStdString(
                m_workbook.scenarios[static_cast<std::size_t>(m_scenario)].name);
    const QString subject = tr("%1, %2 scenario").arg(m_subject->currentText(), scenario);
    const QString rangeText =
        percentiles ? tr("each uncertain input alone at the P10 and P90 of its distribution")
        : pct > 0   ? tr("each input alone at ±%1%").arg(pct * 100)
                    : tr("each input alone at its Worst and Best values");
    m_tornadoChart->showTornado(m_tornado, fmt, subject, rangeText);

    SpiderOptions so;
    so.metric = metric;
    for (std::size_t i = 0; i < m_tornado.bars.size() && i < 8; ++i)
        so.inputs.push_back(m_tornado.bars[i].input); // the eight that matter most
    SpiderResult sp;
    if (!so.inputs.empty())
        sp = spider(m_workbook, target, so);
    else
        sp.metric = metric;
    m_spiderChart->showSpider(sp, fmt, subject);

    m_table->setRowCount(static_cast<int>(m_tornado.bars.size()));
    auto metricText = [&](const Kpi &k) {
        if (!k.ok())
            return NumberFormat::stateText(k.state);
        return metric == SensitivityMetric::Npv ? fmt.money(k.value, 0)
                                                : fmt.number(k.value, 1) + QLatin1Char('%');
    };
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const TornadoBar &b = m_tornado.bars[static_cast<std::size_t>(r)];
        const QStringList cells = {
            QString::fromStdString(b.label) + (b.clamped ? QStringLiteral(" *") : QString()),
            inputValueText(b.input, b.lowValue, fmt),
            inputValueText(b.input, b.highValue, fmt),
            metricText(b.atLow),
            metricText(b.atHigh),
            metric == SensitivityMetric::Npv ? fmt.money(b.swing, 0)
                                             : fmt.number(b.swing, 1) + tr(" pts")};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(r, c, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    if (!m_tornado.ok()) {
        m_note->setText(QString::fromStdString(m_tornado.error));
    } else {
        bool clamped = false;
        for (const TornadoBar &b : m_tornado.bars)
            clamped = clamped || b.clamped;
        m_note->setText(
            tr("%1 inputs, %2 model runs. Low and high are the input's values at each end; "
               "the metric is recomputed with that one input changed.%3")
                .arg(m_tornado.bars.size())
                .arg(m_tornado.evaluations)
                .arg(clamped ? tr(" * a bound fell outside the input's legal range and was "
                                  "clamped.")
                             : QString()));
    }
}

} // namespace roi
