#include "uncertaintypane.h"

#include "inputs.h"
#include "numberformat.h"
#include "uncertaintycharts.h"

#include "analytics/summaryexport.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace roi {

namespace {

enum Column { ColInput, ColUseCase, ColKind, ColP1, ColP2, ColP3, ColMean, ColPreview, ColCount };

// The parameter each of the three parameter columns holds for a kind (nullptr: none).
struct ParamSlot
{
    const char *name;
    double DistributionSpec::*member;
};

ParamSlot slotOf(DistributionKind kind, int column)
{
    using S = DistributionSpec;
    switch (kind) {
    case DistributionKind::Pert:
    case DistributionKind::Triangular:
        return column == ColP1   ? ParamSlot{"min", &S::min}
               : column == ColP2 ? ParamSlot{"mode", &S::mode}
                                 : ParamSlot{"max", &S::max};
    case DistributionKind::Uniform:
        return column == ColP1   ? ParamSlot{"min", &S::min}
               : column == ColP3 ? ParamSlot{"max", &S::max}
                                 : ParamSlot{nullptr, nullptr};
    case DistributionKind::Normal:
        return column == ColP1   ? ParamSlot{"mean", &S::mean}
               : column == ColP2 ? ParamSlot{"sd", &S::sd}
                                 : ParamSlot{nullptr, nullptr};
    case DistributionKind::LogNormal:
        return column == ColP1   ? ParamSlot{"p10", &S::p10}
               : column == ColP3 ? ParamSlot{"p90", &S::p90}
                                 : ParamSlot{nullptr, nullptr};
    }
    return {nullptr, nullptr};
}

const QStringList kKindLabels = {QStringLiteral("PERT"), QStringLiteral("Triangular"),
                                 QStringLiteral("Uniform"), QStringLiteral("Normal"),
                                 QStringLiteral("Lognormal")};

bool legalRange(const std::string &input, double &lo, double &hi)
{
    const auto path = InputPath::parse(input);
    if (!path || !path->info())
        return false;
    lo = path->info()->min;
    hi = path->info()->max;
    return true;
}

QPixmap densityPreview(const DistributionSpec &spec, const std::string &input)
{
    QPixmap pixmap(96, 22);
    pixmap.fill(Qt::transparent);
    double lo = 0, hi = 0;
    if (!legalRange(input, lo, hi) || !Distribution::check(spec, lo, hi).empty())
        return pixmap;
    const Distribution d(spec, lo, hi);
    const double a = d.lower(), b = d.upper();
    if (!(b > a))
        return pixmap;
    std::vector<double> ys;
    double top = 0;
    for (int i = 0; i <= 48; ++i) {
        ys.push_back(d.density(a + (b - a) * i / 48));
        top = std::max(top, ys.back());
    }
    if (!(top > 0))
        return pixmap;
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath path(QPointF(1, 21));
    for (int i = 0; i <= 48; ++i)
        path.lineTo(1 + 94.0 * i / 48, 21 - 19 * ys[static_cast<std::size_t>(i)] / top);
    path.lineTo(95, 21);
    painter.fillPath(path, QColor(0x7d, 0xa7, 0xd9));
    painter.setPen(QPen(QColor(0x1f, 0x5f, 0xa8), 1));
    painter.drawPath(path);
    return pixmap;
}

std::optional<double> parseCell(const QString &text)
{
    QString t = text;
    const qsizetype eq = t.lastIndexOf(QLatin1Char('='));
    if (eq >= 0)
        t = t.mid(eq + 1);
    t = t.trimmed().remove(QLatin1Char(','));
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

} // namespace

UncertaintyPane::UncertaintyPane(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *split = new QSplitter(Qt::Vertical);
    layout->addWidget(split);

    // Set-up: inputs, correlations, run controls.
    auto *setup = new QWidget;
    auto *setupLayout = new QVBoxLayout(setup);
    setupLayout->setContentsMargins(0, 0, 0, 0);
    m_setupNote = new QLabel;
    m_setupNote->setWordWrap(true);
    setupLayout->addWidget(m_setupNote);
    m_inputs = new QTableWidget(0, ColCount);
    m_inputs->setObjectName(QStringLiteral("uncertainInputs"));
    m_inputs->setHorizontalHeaderLabels({tr("Input"), tr("Use case"), tr("Distribution"),
                                         tr("Low (min, mean, P10)"), tr("Mode / SD"),
                                         tr("High (max, P90)"), tr("Mean"), tr("Density")});
    m_inputs->horizontalHeader()->setSectionResizeMode(ColInput, QHeaderView::Stretch);
    m_inputs->verticalHeader()->setVisible(false);
    m_inputs->setIconSize(QSize(96, 22));
    setupLayout->addWidget(m_inputs, 3);
    auto *rowButtons = new QHBoxLayout;
    m_addInput = new QComboBox;
    m_addInput->setObjectName(QStringLiteral("addInput"));
    m_addInput->setMinimumContentsLength(30);
    auto *add = new QPushButton(tr("Add"));
    auto *remove = new QPushButton(tr("Remove"));
    auto *defaults = new QPushButton(tr("Use the default set-up"));
    rowButtons->addWidget(m_addInput, 1);
    rowButtons->addWidget(add);
    rowButtons->addWidget(remove);
    rowButtons->addWidget(defaults);
    setupLayout->addLayout(rowButtons);

    auto *corrBox = new QGroupBox(tr("Rank correlations between inputs"));
    auto *corrLayout = new QVBoxLayout(corrBox);
    m_correlation = new QTableWidget;
    m_correlation->setObjectName(QStringLiteral("correlationMatrix"));
    corrLayout->addWidget(m_correlation);
    m_repairNote = new QLabel;
    m_repairNote->setWordWrap(true);
    corrLayout->addWidget(m_repairNote);
    m_repaired = new QTableWidget;
    m_repaired->setEditTriggers(QAbstractItemView::NoEditTriggers);
    corrLayout->addWidget(m_repaired);
    setupLayout->addWidget(corrBox, 1);

    auto *runRow = new QHBoxLayout;
    m_trials = new QSpinBox;
    m_trials->setRange(1, kMaxTrials);
    m_trials->setSingleStep(1000);
    m_trials->setObjectName(QStringLiteral("trials"));
    m_seed = new QSpinBox;
    m_seed->setRange(0, 2147483647);
    m_seed->setObjectName(QStringLiteral("seed"));
    m_sampling = new QComboBox;
    m_sampling->addItems({tr("Latin Hypercube"), tr("Random")});
    m_scenario = new QComboBox;
    m_scenario->setObjectName(QStringLiteral("uncertaintyScenario"));
    m_scenario->setToolTip(tr("The scenario the simulation starts from: its adjustments apply "
                              "to every trial (the command line's analyze --scenario)"));
    m_run = new QPushButton(tr("Run"));
    m_run->setObjectName(QStringLiteral("runSimulation"));
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar;
    runRow->addWidget(new QLabel(tr("Trials")));
    runRow->addWidget(m_trials);
    runRow->addWidget(new QLabel(tr("Seed")));
    runRow->addWidget(m_seed);
    runRow->addWidget(m_sampling);
    runRow->addWidget(new QLabel(tr("Scenario")));
    runRow->addWidget(m_scenario);
    runRow->addWidget(m_run);
    runRow->addWidget(m_cancel);
    runRow->addWidget(m_progress, 1);
    setupLayout->addLayout(runRow);
    split->addWidget(setup);

    // Results.
    auto *results = new QWidget;
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    m_status = new QLabel(tr("Not run yet."));
    m_status->setWordWrap(true);
    m_series = new QComboBox;
    top->addWidget(m_status, 1);
    top->addWidget(m_series);
    resultsLayout->addLayout(top);
    m_tabs = new QTabWidget;
    for (int i = 0; i < kUncertaintyChartCount; ++i) {
        m_charts[i] = new QCustomPlot;
        m_charts[i]->setMinimumHeight(260);
        m_tabs->addTab(m_charts[i], uncertaintyChartTitle(kAllUncertaintyCharts[i])
                                        .section(QLatin1Char(':'), 0, 0)
                                        .section(QLatin1String(" ("), 0, 0));
    }
    m_percentiles = new QTableWidget;
    m_percentiles->setObjectName(QStringLiteral("percentiles"));
    m_percentiles->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tabs->insertTab(0, m_percentiles, tr("Percentiles"));
    m_tabs->setCurrentIndex(0);
    resultsLayout->addWidget(m_tabs, 1);
    split->addWidget(results);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    connect(m_inputs, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (!m_updating)
            editInput(item->row(), item->column(), item->text());
    });
    connect(m_correlation, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (!m_updating)
            editCorrelation(item->row(), item->column(), item->text());
    });
    connect(add, &QPushButton::clicked, this, [this] {
        const QStringList data = m_addInput->currentData().toStringList();
        if (data.size() != 2)
            return;
        UncertaintySetup s = visibleSetup();
        UncertainInput in;
        in.input = data[0].toStdString();
        in.useCase = data[1].toStdString();
        // A PERT of +-20% around today's value, inside the legal range.
        const int u = m_workbook.findUseCase(in.useCase);
        const auto path = InputPath::parse(in.input);
        double value = 0;
        if (path && u >= 0) {
            if (auto v = readInput(*path, m_workbook.useCases[static_cast<std::size_t>(u)],
                                   m_workbook.priceBook, m_workbook.settings))
                value = *v;
        }
        double lo = 0, hi = 0;
        legalRange(in.input, lo, hi);
        in.distribution.kind = DistributionKind::Pert;
        in.distribution.mode = std::clamp(value, lo, hi);
        in.distribution.min = std::clamp(value * 0.8, lo, hi);
        in.distribution.max = std::clamp(value * 1.2, lo, hi);
        if (in.distribution.min > in.distribution.max)
            std::swap(in.distribution.min, in.distribution.max);
        if (path
            && (path->section == InputSection::Prices || path->section == InputSection::Settings))
            in.useCase.clear();
        s.inputs.push_back(in);
        Q_EMIT setupEdited(s, tr("Add uncertain input"), {});
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_inputs->currentRow();
        if (row < 0)
            return;
        UncertaintySetup s = visibleSetup();
        s.inputs.erase(s.inputs.begin() + row);
        // Correlations follow their inputs: drop the removed one's, renumber the rest.
        std::vector<InputCorrelation> kept;
        for (InputCorrelation c : s.correlations) {
            if (c.a == row || c.b == row)
                continue;
            c.a -= c.a > row ? 1 : 0;
            c.b -= c.b > row ? 1 : 0;
            kept.push_back(c);
        }
        s.correlations = kept;
        Q_EMIT setupEdited(s, tr("Remove uncertain input"), {});
    });
    connect(defaults, &QPushButton::clicked, this, [this] {
        UncertaintySetup s = m_workbook.uncertainty;
        s.inputs.clear();
        s.correlations.clear();
        Q_EMIT setupEdited(s, tr("Use the default uncertainty set-up"), {});
    });
    connect(m_trials, &QSpinBox::valueChanged, this, [this](int v) {
        if (m_updating)
            return;
        Settings s = m_workbook.settings;
        s.monteCarloTrials = v;
        Q_EMIT settingsEdited(s, tr("Change trials"), QStringLiteral("monteCarloTrials"));
    });
    connect(m_seed, &QSpinBox::valueChanged, this, [this](int v) {
        if (m_updating)
            return;
        Settings s = m_workbook.settings;
        s.monteCarloSeed = static_cast<std::uint32_t>(v);
        Q_EMIT settingsEdited(s, tr("Change seed"), QStringLiteral("monteCarloSeed"));
    });
    connect(m_sampling, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (m_updating)
            return;
        UncertaintySetup s = m_workbook.uncertainty;
        s.sampling = index == 1 ? SamplingMethod::Random : SamplingMethod::LatinHypercube;
        Q_EMIT setupEdited(s, tr("Change sampling method"), {});
    });
    connect(m_scenario, &QComboBox::currentIndexChanged, this, [this] {
        if (m_updating)
            return;
        // Stored in the workbook's set-up (format 4): one undo command; Base is stored as none.
        UncertaintySetup s = m_workbook.uncertainty;
        const std::string chosen = m_scenario->currentText().toStdString();
        s.scenario = chosen == kBaseScenario ? std::string() : chosen;
        Q_EMIT setupEdited(s, tr("Simulate the %1 scenario").arg(m_scenario->currentText()), {});
    });
    connect(m_run, &QPushButton::clicked, this, &UncertaintyPane::runRequested);
    connect(m_cancel, &QPushButton::clicked, this, &UncertaintyPane::cancelRequested);
    connect(m_series, &QComboBox::currentIndexChanged, this, [this] { showResults(); });
}

std::string UncertaintyPane::scenario() const
{
    return m_workbook.uncertainty.scenario.empty() ? std::string(kBaseScenario)
                                                   : m_workbook.uncertainty.scenario;
}

UncertaintySetup UncertaintyPane::visibleSetup() const
{
    UncertaintySetup s = m_workbook.uncertainty;
    if (s.inputs.empty())
        s.inputs = m_shown;
    return s;
}

void UncertaintyPane::setWorkbook(const Workbook &workbook)
{
    m_workbook = workbook;
    m_updating = true;
    m_trials->setValue(workbook.settings.monteCarloTrials);
    m_seed->setValue(
        static_cast<int>(std::min<std::uint32_t>(workbook.settings.monteCarloSeed, 2147483647u)));
    m_sampling->setCurrentIndex(workbook.uncertainty.sampling == SamplingMethod::Random ? 1 : 0);
    // The scenarios as the workbook names them now, the stored choice selected.
    const QString chosen = QString::fromStdString(scenario());
    m_scenario->clear();
    for (const Scenario &sc : workbook.scenarios)
        m_scenario->addItem(QString::fromStdString(sc.name));
    if (m_scenario->count() == 0)
        m_scenario->addItem(QString::fromUtf8(kBaseScenario.data(), kBaseScenario.size()));
    int at = m_scenario->findText(chosen);
    if (at < 0)
        at = m_scenario->findText(QString::fromUtf8(kBaseScenario.data(), kBaseScenario.size()));
    m_scenario->setCurrentIndex(std::max(0, at));
    m_addInput->clear();
    for (const UseCase &uc : workbook.useCases) {
        for (const std::string &name : listInputs(uc, workbook.priceBook)) {
            const auto path = InputPath::parse(name);
            const bool shared = path
                                && (path->section == InputSection::Prices
                                    || path->section == InputSection::Settings);
            if (shared && &uc != &workbook.useCases.front())
                continue;
            const QString label = shared ? QString::fromStdString(name)
                                         : QString::fromStdString(uc.name + ": " + name);
            m_addInput->addItem(
                label, QStringList{QString::fromStdString(name), QString::fromStdString(uc.name)});
        }
    }
    m_updating = false;
    rebuildInputs();
    rebuildCorrelation();
}

void UncertaintyPane::rebuildInputs()
{
    m_updating = true;
    m_defaults = m_workbook.uncertainty.inputs.empty();
    m_shown = m_defaults ? defaultUncertainInputs(m_workbook) : m_workbook.uncertainty.inputs;
    m_setupNote->setText(
        m_defaults ? tr("Default set-up: every input the Worst and Best scenarios move, as a PERT "
                        "from its Worst, Base and Best values. Edit a row to make the set-up your "
                        "own.")
                   : tr("%n uncertain input(s). Parameters are in the input's own unit (shares as "
                        "fractions: 0.25 = 25%).",
                        nullptr, static_cast<int>(m_shown.size())));
    m_inputs->setRowCount(static_cast<int>(m_shown.size()));
    for (int row = 0; row < static_cast<int>(m_shown.size()); ++row) {
        const UncertainInput &in = m_shown[static_cast<std::size_t>(row)];
        auto fixedItem = [](const QString &text) {
            auto *item = new QTableWidgetItem(text);
            item->setFlags(item->flags() & ~Qt::ItemIsEditable);
            return item;
        };
        m_inputs->setItem(row, ColInput, fixedItem(QString::fromStdString(in.input)));
        m_inputs->setItem(row, ColUseCase,
                          fixedItem(in.useCase.empty() ? tr("(whole workbook)")
                                                       : QString::fromStdString(in.useCase)));
        auto *kind = new QComboBox;
        kind->addItems(kKindLabels);
        kind->setCurrentIndex(static_cast<int>(in.distribution.kind));
        connect(kind, &QComboBox::currentIndexChanged, this, [this, row](int k) {
            if (!m_updating)
                changeKind(row, static_cast<DistributionKind>(k));
        });
        m_inputs->setCellWidget(row, ColKind, kind);
        for (int col : {ColP1, ColP2, ColP3}) {
            const ParamSlot slot = slotOf(in.distribution.kind, col);
            if (!slot.name) {
                m_inputs->setItem(row, col, fixedItem(QString()));
                continue;
            }
            m_inputs->setItem(row, col,
                              new QTableWidgetItem(QStringLiteral("%1 = %2").arg(
                                  QLatin1String(slot.name),
                                  QString::number(in.distribution.*(slot.member), 'g', 8))));
        }
        double lo = 0, hi = 0;
        QString mean;
        if (legalRange(in.input, lo, hi) && Distribution::check(in.distribution, lo, hi).empty())
            mean = QString::number(Distribution(in.distribution, lo, hi).mean(), 'g', 6);
        else
            mean = tr("invalid");
        m_inputs->setItem(row, ColMean, fixedItem(mean));
        auto *preview = fixedItem(QString());
        preview->setData(Qt::DecorationRole, densityPreview(in.distribution, in.input));
        m_inputs->setItem(row, ColPreview, preview);
    }
    m_inputs->resizeColumnsToContents();
    m_inputs->horizontalHeader()->setSectionResizeMode(ColInput, QHeaderView::Stretch);
    m_updating = false;
}

void UncertaintyPane::rebuildCorrelation()
{
    m_updating = true;
    const int k = m_defaults ? 0 : static_cast<int>(m_shown.size());
    m_correlation->setRowCount(k);
    m_correlation->setColumnCount(k);
    QStringList labels;
    for (int i = 0; i < k; ++i)
        labels << QString::number(i + 1);
    m_correlation->setHorizontalHeaderLabels(labels);
    m_correlation->setVerticalHeaderLabels(labels);
    correlation::Matrix requested = correlation::Matrix::identity(k);
    for (const auto &c : m_workbook.uncertainty.correlations) {
        if (c.a < k && c.b < k && c.a >= 0 && c.b >= 0) {
            requested(c.a, c.b) = c.rho;
            requested(c.b, c.a) = c.rho;
        }
    }
    for (int i = 0; i < k; ++i) {
        for (int j = 0; j < k; ++j) {
            auto *item = new QTableWidgetItem(QString::number(requested(i, j), 'g', 4));
            if (i == j)
                item->setFlags(item->flags() & ~Qt::ItemIsEditable);
            item->setToolTip(QString::fromStdString(m_shown[static_cast<std::size_t>(i)].input
                                                    + "  ~  "
                                                    + m_shown[static_cast<std::size_t>(j)].input));
            m_correlation->setItem(i, j, item);
        }
    }
    m_correlation->resizeColumnsToContents();
    const correlation::Repair repair = correlation::nearestCorrelation(requested);
    m_correlation->setVisible(k > 0);
    m_repaired->setVisible(repair.repaired);
    if (k == 0) {
        m_repairNote->setText(m_defaults ? tr("The default set-up draws its inputs independently. "
                                              "Make the set-up your own to correlate inputs.")
                                         : tr("No inputs."));
    } else if (repair.repaired) {
        m_repairNote->setText(
            tr("These correlations cannot hold together (smallest eigenvalue %1). The simulation "
               "uses the nearest valid matrix below, %2 away (Frobenius norm).")
                .arg(repair.minEigenvalue, 0, 'g', 3)
                .arg(repair.distance, 0, 'f', 4));
        m_repaired->setRowCount(k);
        m_repaired->setColumnCount(k);
        m_repaired->setHorizontalHeaderLabels(labels);
        m_repaired->setVerticalHeaderLabels(labels);
        for (int i = 0; i < k; ++i)
            for (int j = 0; j < k; ++j)
                m_repaired->setItem(
                    i, j, new QTableWidgetItem(QString::number(repair.matrix(i, j), 'f', 3)));
        m_repaired->resizeColumnsToContents();
    } else {
        m_repairNote->setText(tr("Rows and columns follow the input table (1 = its first row). "
                                 "The matrix is valid."));
    }
    m_updating = false;
}

void UncertaintyPane::editInput(int row, int column, const QString &text)
{
    if (row < 0 || row >= static_cast<int>(m_shown.size()))
        return;
    UncertaintySetup s = visibleSetup();
    UncertainInput &in = s.inputs[static_cast<std::size_t>(row)];
    const ParamSlot slot = slotOf(in.distribution.kind, column);
    const auto value = parseCell(text);
    if (!slot.name || !value) {
        rebuildInputs(); // put the cell back
        return;
    }
    in.distribution.*(slot.member) = *value;
    double lo = 0, hi = 0;
    legalRange(in.input, lo, hi);
    std::string param;
    const std::string bad = Distribution::check(in.distribution, lo, hi, &param);
    if (!bad.empty()) {
        setError(tr("%1, %2: %3")
                     .arg(QString::fromStdString(in.input), QString::fromStdString(param),
                          QString::fromStdString(bad)));
        rebuildInputs();
        return;
    }
    Q_EMIT setupEdited(
        s, tr("Edit %1 of %2").arg(QLatin1String(slot.name), QString::fromStdString(in.input)), {});
}

void UncertaintyPane::changeKind(int row, DistributionKind kind)
{
    if (row < 0 || row >= static_cast<int>(m_shown.size()))
        return;
    UncertaintySetup s = visibleSetup();
    UncertainInput &in = s.inputs[static_cast<std::size_t>(row)];
    double lo = 0, hi = 0;
    legalRange(in.input, lo, hi);
    DistributionSpec next;
    next.kind = kind;
    if (Distribution::check(in.distribution, lo, hi).empty()) {
        // Carry the old distribution's centre and spread over to the new kind.
        const Distribution old(in.distribution, lo, hi);
        const double p10 = old.quantile(0.1), p90 = old.quantile(0.9);
        next.min = std::clamp(old.quantile(0.001), lo, hi);
        next.max = std::clamp(old.quantile(0.999), lo, hi);
        next.mode = std::clamp(old.quantile(0.5), next.min, next.max);
        next.mean = old.mean();
        next.sd = std::max(std::sqrt(old.variance()), 1e-9);
        next.p10 = p10 > 0 ? p10 : std::max(1e-6, next.mode * 0.8);
        next.p90 = p90 > next.p10 ? p90 : next.p10 * 1.5;
    }
    in.distribution = next;
    Q_EMIT setupEdited(s, tr("Change distribution of %1").arg(QString::fromStdString(in.input)),
                       {});
}

void UncertaintyPane::editCorrelation(int row, int column, const QString &text)
{
    const auto value = parseCell(text);
    if (!value || *value < -1 || *value > 1 || row == column) {
        setError(tr("A correlation is a number from -1 to 1."));
        rebuildCorrelation();
        return;
    }
    UncertaintySetup s = m_workbook.uncertainty;
    bool found = false;
    for (auto &c : s.correlations) {
        if ((c.a == row && c.b == column) || (c.a == column && c.b == row)) {
            c.rho = *value;
            found = true;
        }
    }
    if (!found)
        s.correlations.push_back({std::min(row, column), std::max(row, column), *value});
    std::erase_if(s.correlations, [](const InputCorrelation &c) { return c.rho == 0; });
    Q_EMIT setupEdited(s, tr("Edit correlation"), {});
}

void UncertaintyPane::setRunning(bool running)
{
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    if (running) {
        m_progress->setValue(0);
        m_status->setText(tr("Running…"));
    }
}

void UncertaintyPane::setProgress(int done, int total)
{
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(done);
}

void UncertaintyPane::setStale(bool stale, const QString &message)
{
    if (!message.isEmpty()) {
        m_status->setText(message);
        return;
    }
    if (stale && m_summary)
        m_status->setText(tr("The workbook changed since this run: results are stale. Run again."));
}

void UncertaintyPane::setError(const QString &message)
{
    m_status->setText(message);
}

void UncertaintyPane::setSummary(std::shared_ptr<const MonteCarloSummary> summary)
{
    m_summary = std::move(summary);
    const int current = m_series->currentIndex();
    m_updating = true;
    m_series->clear();
    if (m_summary) {
        for (const auto &s : m_summary->series)
            m_series->addItem(QString::fromStdString(s.name));
        m_series->setCurrentIndex(std::clamp(current, 0, m_series->count() - 1));
    }
    m_updating = false;
    showResults();
}

void UncertaintyPane::showResults()
{
    if (!m_summary)
        return;
    const MonteCarloSummary &s = *m_summary;
    const int series = std::max(0, m_series->currentIndex());
    const QString currency = QString::fromStdString(m_workbook.settings.currency);
    for (int i = 0; i < kUncertaintyChartCount; ++i)
        drawUncertaintyChart(*m_charts[i], kAllUncertaintyCharts[i], s, series, currency);
    const SeriesSummary &ss = s.series[static_cast<std::size_t>(series)];
    const std::string cur = m_workbook.settings.currency;
    m_percentiles->clear();
    QStringList header = {tr("Mean"), tr("SD")};
    for (std::size_t p = 0; p < kPercentiles.size(); ++p)
        header << QString::fromStdString(percentileLabel(p));
    m_percentiles->setColumnCount(static_cast<int>(header.size()));
    m_percentiles->setRowCount(kMetricCount + 3);
    m_percentiles->setHorizontalHeaderLabels(header);
    QStringList rows;
    for (int m = 0; m < kMetricCount; ++m) {
        const Metric metric = static_cast<Metric>(m);
        const OutputStats &st = ss.stats(metric);
        rows << QString::fromUtf8(metricLabel(metric).data(),
                                  static_cast<qsizetype>(metricLabel(metric).size()));
        m_percentiles->setItem(
            m, 0, new QTableWidgetItem(QString::fromStdString(formatStat(st.mean, metric, cur))));
        m_percentiles->setItem(
            m, 1,
            new QTableWidgetItem(metric == Metric::Payback && st.sd.ok()
                                     ? tr("%1 months").arg(st.sd.value, 0, 'f', 1)
                                     : QString::fromStdString(formatStat(st.sd, metric, cur))));
        for (std::size_t p = 0; p < kPercentiles.size(); ++p)
            m_percentiles->setItem(m, static_cast<int>(p) + 2,
                                   new QTableWidgetItem(QString::fromStdString(
                                       formatStat(st.percentiles[p], metric, cur))));
    }
    const NumberFormat format(currency);
    const std::pair<QString, QString> probs[] = {
        {tr("P(ROI > 0)"), format.percent(ss.pRoiPositive)},
        {tr("P(NPV > 0)"), format.percent(ss.pNpvPositive)},
        {tr("P(payback within %1 months)").arg(s.months), format.percent(ss.pPayback)}};
    for (int i = 0; i < 3; ++i) {
        rows << probs[i].first;
        m_percentiles->setItem(kMetricCount + i, 0, new QTableWidgetItem(probs[i].second));
    }
    m_percentiles->setVerticalHeaderLabels(rows);
    for (int r = 0; r < m_percentiles->rowCount(); ++r)
        for (int c = 0; c < m_percentiles->columnCount(); ++c)
            if (auto *item = m_percentiles->item(r, c))
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_percentiles->resizeColumnsToContents();
    m_status->setText(
        tr("%1 trials, seed %2, %3 sampling, scenario %4. Standard error of the mean "
           "NPV %5.%6")
            .arg(s.trials)
            .arg(s.seed)
            .arg(s.sampling == SamplingMethod::Random ? tr("random") : tr("Latin Hypercube"))
            .arg(QString::fromStdString(s.scenario))
            .arg(format.money(ss.npvStandardError))
            .arg(s.correlation.repaired ? tr(" Correlations repaired (moved %1).")
                                              .arg(s.correlation.distance, 0, 'f', 4)
                                        : QString()));
}

} // namespace roi
