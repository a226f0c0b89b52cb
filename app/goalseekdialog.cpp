#include "goalseekdialog.h"

#include "document.h"

#include "numberformat.h"
#include "tornadochart.h"

#include "analytics/montecarlo.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStringListModel>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace roi {

namespace {

struct Cancelled
{};

/// Goal seek on the P10 of NPV (of a use case, or the portfolio) over the workbook's Monte Carlo
/// set-up, with `input` held at each value tried and every other draw as in the run without the
/// hold (common random numbers), as `goal-seek --target p10-npv=X` does (montecarlostatistics.h):
/// the same plan, chunks and summary, so the same answer. Runs the chunks itself to stop within
/// one chunk when cancelled; reports each simulation as progress.
void seekSimulatedP10(QPromise<GoalSeekResult> &promise, const Workbook &wb,
                      const VariedInput &input, int useCase, int scenario, double target)
{
    MonteCarloOptions options = MonteCarloOptions::fromWorkbook(wb);
    options.keepFan = false;
    if (scenario >= 0 && static_cast<std::size_t>(scenario) < wb.scenarios.size())
        options.scenario = wb.scenarios[static_cast<std::size_t>(scenario)].name;
    FixedInput fixed;
    fixed.input = input.path.toString();
    if (!input.shared() && input.useCase >= 0
        && static_cast<std::size_t>(input.useCase) < wb.useCases.size())
        fixed.useCase = wb.useCases[static_cast<std::size_t>(input.useCase)].name;
    const std::size_t series = useCase >= 0 ? static_cast<std::size_t>(useCase) + 1 : 0;
    const FieldInfo *info = input.path.info();
    GoalSeekResult r;
    r.min = info ? info->min : 0;
    r.max = info ? info->max : 1;
    r.stored = storedValue(wb, input).value_or(r.min);
    std::map<double, double> seen; // the statistic at each value tried
    int runs = 0;
    std::string error;
    const auto statistic = [&](double x) {
        if (const auto it = seen.find(x); it != seen.end())
            return it->second;
        MonteCarloOptions o = options;
        FixedInput at = fixed;
        at.value = x;
        o.fixed.push_back(at);
        const MonteCarloPlan plan(wb, o);
        if (!plan.ok()) {
            error = plan.error();
            throw Cancelled{};
        }
        MonteCarloRun run(plan);
        for (int c = 0; c < plan.chunkCount(); ++c) {
            if (promise.isCanceled())
                throw Cancelled{};
            run.add(runChunk(plan, c));
        }
        const double p10 = run.summary().series[series].stats(Metric::Npv).percentiles[1].value;
        seen.emplace(x, p10);
        ++runs;
        promise.setProgressValueAndText(
            runs, QStringLiteral("%1 simulations of %2 trials; last: %3 = %4, P10 of NPV %5")
                      .arg(runs)
                      .arg(plan.trials())
                      .arg(QString::fromStdString(fixed.input))
                      .arg(x, 0, 'g', 6)
                      .arg(p10, 0, 'f', 0));
        return p10;
    };
    try {
        SeekOptions o;
        o.min = r.min;
        o.max = r.max;
        o.start = r.stored;
        const SeekResult s = seekZero([&](double x) { return statistic(x) - target; }, o);
        r.value = s.x;
        r.meetsAbove = s.meetsAbove;
        r.flat = s.flat;
        r.evaluations = s.evaluations;
        r.metric = Kpi::of(statistic(s.x));
        r.storedMetric = Kpi::of(statistic(r.stored));
        r.evaluations = runs; // simulations run (a value tried twice is run once)
        // A simulated statistic can jump (e.g. the NPV at exactly zero adoption): a change of
        // side across a jump is no answer, so the target must hold there to a small tolerance
        // (as the command line).
        const double scale = std::max({1.0, std::abs(target), std::abs(r.storedMetric.value)});
        r.reached = s.reached && std::abs(r.metric.value - target) <= 1e-4 * scale;
    } catch (const Cancelled &) {
        if (error.empty())
            return; // cancelled: no result
        r.error = error;
    }
    promise.addResult(r);
}

} // namespace

GoalSeekDialog::GoalSeekDialog(Document *doc, QWidget *parent)
    : QDialog(parent)
    , m_doc(doc)
    , m_subject(new QComboBox)
    , m_scenario(new QComboBox)
    , m_inputEdit(new QLineEdit)
    , m_goal(new QComboBox)
    , m_value(new QDoubleSpinBox)
    , m_valueUnit(new QLabel)
    , m_seekButton(new QPushButton(tr("&Find")))
    , m_applyButton(new QPushButton(tr("&Apply to Workbook")))
    , m_cancelButton(new QPushButton(tr("Cancel")))
    , m_progress(new QProgressBar)
    , m_answer(new QLabel)
    , m_watcher(new QFutureWatcher<GoalSeekResult>(this))
{
    setWindowTitle(tr("Goal Seek"));
    setObjectName(QStringLiteral("goalSeekDialog"));
    m_inputEdit->setPlaceholderText(tr("e.g. ramp.steadyAdoption"));
    m_inputEdit->setCompleter(new QCompleter(new QStringListModel(this), this));
    m_inputEdit->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_inputEdit->completer()->setFilterMode(Qt::MatchContains);
    m_goal->addItem(tr("ROI % equals"), static_cast<int>(GoalKind::Roi));
    m_goal->addItem(tr("NPV equals"), static_cast<int>(GoalKind::Npv));
    m_goal->addItem(tr("Payback by month"), static_cast<int>(GoalKind::Payback));
    m_goal->addItem(tr("Cost per outcome at most"), static_cast<int>(GoalKind::CostPerOutcome));
    m_goal->addItem(tr("P10 of NPV (simulated) equals"), kSimulatedP10Npv);
    m_goal->setItemData(m_goal->count() - 1,
                        tr("The 10th percentile of NPV over the Monte Carlo set-up (Analysis → "
                           "Uncertainty), every other input drawn as in the run (common random "
                           "numbers); runs one simulation per step"),
                        Qt::ToolTipRole);
    m_cancelButton->setObjectName(QStringLiteral("goalSeekCancel"));
    m_cancelButton->setEnabled(false);
    m_progress->setObjectName(QStringLiteral("goalSeekProgress"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_value->setRange(-1e12, 1e12);
    m_value->setDecimals(2);
    m_answer->setWordWrap(true);
    m_answer->setTextFormat(Qt::RichText);
    m_answer->setMinimumHeight(80);
    m_answer->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_applyButton->setEnabled(false);
    m_seekButton->setDefault(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Use case"), m_subject);
    form->addRow(tr("Scenario"), m_scenario);
    form->addRow(tr("Change input"), m_inputEdit);
    auto *goalRow = new QHBoxLayout;
    goalRow->addWidget(m_goal);
    goalRow->addWidget(m_value, 1);
    goalRow->addWidget(m_valueUnit);
    form->addRow(tr("Until"), goalRow);
    auto *buttons = new QDialogButtonBox;
    buttons->addButton(m_seekButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancelButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_applyButton, QDialogButtonBox::ApplyRole);
    buttons->addButton(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_seekButton, &QPushButton::clicked, this, [this] { seek(); });
    connect(m_applyButton, &QPushButton::clicked, this, [this] { apply(); });
    connect(m_cancelButton, &QPushButton::clicked, this, &GoalSeekDialog::cancelSeek);
    connect(m_watcher, &QFutureWatcherBase::progressTextChanged, this, [this](const QString &text) {
        m_answer->setText(
            tr("<p>Seeking…</p><p style='color:#5a6370'>%1</p>").arg(text.toHtmlEscaped()));
    });
    connect(m_watcher, &QFutureWatcherBase::finished, this, &GoalSeekDialog::simulatedFinished);
    connect(m_subject, &QComboBox::currentIndexChanged, this, [this] {
        updateCompleter();
        invalidate();
    });
    connect(m_scenario, &QComboBox::currentIndexChanged, this, [this] { invalidate(); });
    connect(m_inputEdit, &QLineEdit::textChanged, this, [this] { invalidate(); });
    connect(m_goal, &QComboBox::currentIndexChanged, this, [this] {
        goalChanged();
        invalidate();
    });
    connect(m_value, &QDoubleSpinBox::valueChanged, this, [this] { invalidate(); });
    connect(m_doc, &Document::changed, this, [this] {
        if (m_applying)
            return;
        // A search of the workbook as it was has no answer for this one.
        if (isSeeking())
            cancelSeek();
        fillFromWorkbook();
        invalidate();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_answer, 1);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);
    resize(560, 330);
    fillFromWorkbook();
    goalChanged();
}

GoalSeekDialog::~GoalSeekDialog()
{
    // The worker reads its own copy of the workbook; stop it before the dialog goes.
    QFuture<GoalSeekResult> future = m_watcher->future();
    future.cancel();
    future.waitForFinished();
}

void GoalSeekDialog::fillFromWorkbook()
{
    const Workbook &wb = m_doc->workbook();
    {
        const QSignalBlocker b1(m_subject);
        const int keep = m_subject->currentData().isValid() ? m_subject->currentData().toInt() : 0;
        m_subject->clear();
        for (std::size_t u = 0; u < wb.useCases.size(); ++u)
            m_subject->addItem(QString::fromStdString(wb.useCases[u].name), static_cast<int>(u));
        m_subject->addItem(tr("Portfolio (input set in every use case)"), -1);
        m_subject->setCurrentIndex(std::max(0, m_subject->findData(keep)));
    }
    {
        const QSignalBlocker b2(m_scenario);
        const int keep = std::max(0, m_scenario->currentIndex());
        m_scenario->clear();
        for (const Scenario &s : wb.scenarios)
            m_scenario->addItem(QString::fromStdString(s.name));
        if (wb.scenarios.empty())
            m_scenario->addItem(QStringLiteral("Base"));
        m_scenario->setCurrentIndex(std::min(keep, m_scenario->count() - 1));
    }
    updateCompleter();
}

void GoalSeekDialog::setTarget(int useCase, int scenario)
{
    fillFromWorkbook();
    m_subject->setCurrentIndex(std::max(0, m_subject->findData(useCase)));
    m_scenario->setCurrentIndex(std::clamp(scenario, 0, m_scenario->count() - 1));
}

void GoalSeekDialog::updateCompleter()
{
    const Workbook &wb = m_doc->workbook();
    const int useCase = m_subject->currentData().toInt();
    QStringList names;
    for (std::size_t u = 0; u < wb.useCases.size(); ++u) {
        if (useCase >= 0 && static_cast<int>(u) != useCase)
            continue;
        for (const std::string &n : listInputs(wb.useCases[u], wb.priceBook)) {
            const QString name = QString::fromStdString(n);
            if (!names.contains(name))
                names << name;
        }
    }
    static_cast<QStringListModel *>(m_inputEdit->completer()->model())->setStringList(names);
}

void GoalSeekDialog::goalChanged()
{
    const QString currency = QString::fromStdString(m_doc->workbook().settings.currency);
    const QSignalBlocker block(m_value);
    if (m_goal->currentData().toInt() == kSimulatedP10Npv) {
        m_value->setDecimals(2);
        m_value->setValue(0);
        m_valueUnit->setText(currency);
        return;
    }
    const auto kind = static_cast<GoalKind>(m_goal->currentData().toInt());
    switch (kind) {
    case GoalKind::Roi:
        m_value->setDecimals(2);
        m_value->setValue(0);
        m_valueUnit->setText(QStringLiteral("%"));
        break;
    case GoalKind::Npv:
        m_value->setDecimals(2);
        m_value->setValue(0);
        m_valueUnit->setText(currency);
        break;
    case GoalKind::Payback:
        m_value->setDecimals(0);
        m_value->setValue(12);
        m_valueUnit->setText(tr("month"));
        break;
    case GoalKind::CostPerOutcome:
        m_value->setDecimals(4);
        m_value->setValue(1);
        m_valueUnit->setText(currency);
        break;
    }
}

void GoalSeekDialog::invalidate()
{
    if (isSeeking())
        cancelSeek();
    m_input.reset();
    m_applyButton->setEnabled(false);
    if (!m_answer->text().isEmpty())
        m_answer->setText(tr("<span style='color:#5a6370'>Press Find for an answer.</span>"));
}

bool GoalSeekDialog::seek()
{
    if (isSeeking())
        return false;
    const Workbook &wb = m_doc->workbook();
    const int useCase = m_subject->currentData().toInt();
    const int scenario = std::max(0, m_scenario->currentIndex());
    std::string error;
    const auto input =
        resolveInput(wb, useCase, m_inputEdit->text().trimmed().toStdString(), &error);
    m_input.reset();
    m_applyButton->setEnabled(false);
    if (!input) {
        m_answer->setText(
            tr("<b>Cannot seek:</b> %1").arg(QString::fromStdString(error).toHtmlEscaped()));
        return false;
    }
    const NumberFormat fmt(QString::fromStdString(wb.settings.currency));
    if (m_goal->currentData().toInt() == kSimulatedP10Npv)
        return startSimulated(*input, useCase, scenario, m_value->value());
    const Goal goal{static_cast<GoalKind>(m_goal->currentData().toInt()), m_value->value()};
    m_result = goalSeek(wb, {{useCase, scenario}, *input, goal});
    if (!m_result.ok()) {
        m_answer->setText(tr("<b>Cannot seek:</b> %1")
                              .arg(QString::fromStdString(m_result.error).toHtmlEscaped()));
        return false;
    }
    auto metric = [&](Kpi k) {
        // At the answer the metric is the target up to rounding: show the target, not "-0.0%".
        if (k.ok() && goal.kind != GoalKind::Payback
            && std::abs(k.value - goal.value) <= 1e-6 * std::max(1.0, std::abs(goal.value)))
            k.value = goal.value;
        switch (goal.kind) {
        case GoalKind::Roi:
            return fmt.kpi(k, NumberFormat::Kind::Percent);
        case GoalKind::Npv:
            return k.ok() ? fmt.money(k.value, 0) : NumberFormat::stateText(k.state);
        case GoalKind::Payback:
            return k.ok() ? tr("month %1").arg(fmt.number(k.value, 1))
                          : NumberFormat::stateText(k.state);
        case GoalKind::CostPerOutcome:
            return fmt.kpi(k, NumberFormat::Kind::UnitCost);
        }
        return QString();
    };
    showAnswer(*input, m_goal->currentText().section(QLatin1Char(' '), 0, 1), metric);
    return true;
}

void GoalSeekDialog::showAnswer(const VariedInput &input, const QString &goalText,
                                const std::function<QString(const Kpi &)> &metric)
{
    const NumberFormat fmt(QString::fromStdString(m_doc->workbook().settings.currency));
    auto value = [&](double v) {
        const FieldInfo *info = input.path.info();
        if (info && info->unit == ValueUnit::Share)
            return fmt.percent(v, 3);
        if (info
            && (info->unit == ValueUnit::Money || info->unit == ValueUnit::MoneyPerHour
                || info->unit == ValueUnit::MoneyPerMillion))
            return fmt.money(v, 2);
        return fmt.number(v, std::abs(v) >= 1000 ? 1 : 4);
    };
    const QString name = QString::fromStdString(input.path.toString()).toHtmlEscaped();
    if (m_result.reached) {
        m_answer->setText(tr("<p><b>%1 = %2</b> (now %3)</p><p>%4 there: %5 (now %6). The target "
                             "holds for values %7 this one.</p>")
                              .arg(name, value(m_result.value), value(m_result.stored), goalText,
                                   metric(m_result.metric), metric(m_result.storedMetric),
                                   m_result.meetsAbove ? tr("above") : tr("below")));
        m_input = input;
        m_applyButton->setEnabled(m_result.value != m_result.stored);
    } else {
        m_answer->setText(
            tr("<p><b>Not reachable</b> inside the legal range of %1 (%2 to %3).</p><p>Closest: "
               "%4, where the metric is %5 (now %6).%7</p>")
                .arg(name, value(m_result.min), value(m_result.max), value(m_result.value),
                     metric(m_result.metric), metric(m_result.storedMetric),
                     m_result.flat ? tr(" This input does not move the metric at all.")
                                   : QString()));
    }
}

bool GoalSeekDialog::startSimulated(const VariedInput &input, int useCase, int scenario,
                                    double target)
{
    const Workbook &wb = m_doc->workbook();
    // Say at once what cannot run rather than after a worker's round trip.
    MonteCarloOptions options = MonteCarloOptions::fromWorkbook(wb);
    if (static_cast<std::size_t>(scenario) < wb.scenarios.size())
        options.scenario = wb.scenarios[static_cast<std::size_t>(scenario)].name;
    options.keepFan = false;
    options.trials = std::min(options.trials, kChunkTrials); // the check only: a small plan
    if (const MonteCarloPlan plan(wb, options); !plan.ok() || plan.inputs().empty()) {
        m_answer->setText(tr("<b>Cannot simulate:</b> %1")
                              .arg(plan.ok()
                                       ? tr("no input is uncertain (set one up in Analysis → "
                                            "Uncertainty, or give the Worst and Best scenarios "
                                            "adjustments)")
                                       : QString::fromStdString(plan.error()).toHtmlEscaped()));
        return false;
    }
    m_pending = input;
    setSeeking(true);
    m_answer->setText(tr("<p>Seeking: one simulation of %1 trials per step…</p>")
                          .arg(wb.settings.monteCarloTrials));
    m_watcher->setFuture(
        QtConcurrent::run(&seekSimulatedP10, wb, input, useCase, scenario, target));
    return true;
}

void GoalSeekDialog::simulatedFinished()
{
    const QFuture<GoalSeekResult> future = m_watcher->future();
    setSeeking(false);
    const std::optional<VariedInput> input = std::exchange(m_pending, std::nullopt);
    if (future.isCanceled() || future.resultCount() == 0 || !input) {
        m_answer->setText(tr("<p><b>Cancelled.</b> Press Find to seek again.</p>"));
        Q_EMIT seekFinished(false);
        return;
    }
    m_result = future.result();
    if (!m_result.ok()) {
        m_answer->setText(tr("<b>Cannot simulate:</b> %1")
                              .arg(QString::fromStdString(m_result.error).toHtmlEscaped()));
        Q_EMIT seekFinished(false);
        return;
    }
    const NumberFormat fmt(QString::fromStdString(m_doc->workbook().settings.currency));
    const double target = m_value->value();
    showAnswer(*input, tr("P10 of NPV"), [&](Kpi k) {
        if (k.ok() && std::abs(k.value - target) <= 1e-4 * std::max(1.0, std::abs(target)))
            k.value = target;
        return k.ok() ? fmt.money(k.value, 0) : NumberFormat::stateText(k.state);
    });
    m_answer->setText(m_answer->text()
                      + tr("<p style='color:#5a6370'>%1 simulations of %2 trials, seed %3, with "
                           "common random numbers.</p>")
                            .arg(m_result.evaluations)
                            .arg(m_doc->workbook().settings.monteCarloTrials)
                            .arg(m_doc->workbook().settings.monteCarloSeed));
    Q_EMIT seekFinished(true);
}

void GoalSeekDialog::cancelSeek()
{
    // The future itself, not the watcher's cached state (which lags behind by an event).
    QFuture<GoalSeekResult> future = m_watcher->future();
    future.cancel();
}

bool GoalSeekDialog::isSeeking() const
{
    return m_pending.has_value();
}

void GoalSeekDialog::setSeeking(bool seeking)
{
    m_seekButton->setEnabled(!seeking);
    m_cancelButton->setEnabled(seeking);
    m_progress->setVisible(seeking);
}

bool GoalSeekDialog::apply()
{
    if (!m_input || !m_result.reached)
        return false;
    const Workbook &before = m_doc->workbook();
    Workbook after = before;
    if (!setStoredValue(after, *m_input, m_result.value))
        return false;
    const QString text = tr("Goal seek: %1 = %2")
                             .arg(QString::fromStdString(m_input->path.toString()))
                             .arg(m_result.value, 0, 'g', 10);
    m_applying = true;
    if (m_input->path.section == InputSection::Settings) {
        m_doc->setSettings(after.settings, text);
    } else if (m_input->path.section == InputSection::Prices) {
        m_doc->setPriceBook(after.priceBook, text);
    } else {
        std::vector<int> changed;
        for (std::size_t u = 0; u < after.useCases.size(); ++u) {
            if (!(after.useCases[u] == before.useCases[u]))
                changed.push_back(static_cast<int>(u));
        }
        // Several use cases (the portfolio) change in one step of the undo history.
        if (changed.size() > 1)
            m_doc->undoStack()->beginMacro(text);
        for (int u : changed)
            m_doc->setUseCase(u, after.useCases[static_cast<std::size_t>(u)], text);
        if (changed.size() > 1)
            m_doc->undoStack()->endMacro();
    }
    m_applying = false;
    m_applyButton->setEnabled(false);
    m_answer->setText(m_answer->text() + tr("<p><i>Applied; Edit → Undo takes it back.</i></p>"));
    return true;
}

} // namespace roi
