#include "usecaseeditor.h"

#include "costlayerspane.h"
#include "enumcombo.h"
#include "fieldform.h"
#include "formhints.h"
#include "leverspane.h"
#include "stagesummary.h"
#include "textfield.h"
#include "valuedriverspane.h"

#include "inputs.h"
#include "results.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

namespace roi {

namespace {

QWidget *scrolled(QWidget *content)
{
    auto *area = new QScrollArea;
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidget(content);
    return area;
}

} // namespace

UseCaseEditor::UseCaseEditor(QWidget *parent)
    : QTabWidget(parent)
{
    setObjectName(QStringLiteral("useCaseEditor"));
    setDocumentMode(true);
    addTab(scrolled(buildBaselineTab()), tr("Baseline"));
    m_costs = new CostLayersPane(this);
    addTab(m_costs, tr("Costs"));
    m_value = new ValueDriversPane(this);
    addTab(m_value, tr("Value"));
    addTab(scrolled(buildRiskRampTab()), tr("Risk && ramp-up"));
    addTab(buildScorecardTab(), tr("Scorecard"));
    m_levers = new LeversPane(this);
    addTab(m_levers, tr("Levers"));
    connect(
        m_levers, &LeversPane::edited, this,
        [this](const std::vector<CostLayer> &layers, const QString &text, const QString &mergeKey) {
            edit([&](UseCase &uc) { uc.layers = layers; }, text, mergeKey);
        });

    connect(
        m_costs, &CostLayersPane::edited, this,
        [this](const std::vector<CostLayer> &layers, const QString &text, const QString &mergeKey) {
            edit([&](UseCase &uc) { uc.layers = layers; }, text, mergeKey);
        });
    connect(m_value, &ValueDriversPane::edited, this,
            [this](const std::vector<ValueDriver> &drivers, const QString &text,
                   const QString &mergeKey) {
                edit([&](UseCase &uc) { uc.drivers = drivers; }, text, mergeKey);
            });
}

QWidget *UseCaseEditor::buildBaselineTab()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);

    auto *about = new QGroupBox(tr("Use case"), page);
    auto *aboutForm = new QFormLayout(about);
    m_description = new TextField(QStringLiteral("description"), about);
    m_description->setMaxLength(10000);
    m_description->setPlaceholderText(tr("What the AI does, for whom"));
    aboutForm->addRow(tr("Description:"), m_description);
    layout->addWidget(about);

    auto *baseline = new QGroupBox(tr("Baseline — the work as it is done today, before AI"), page);
    auto *form = new QFormLayout(baseline);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_capturedOn = new TextField(QStringLiteral("capturedOn"), baseline);
    m_capturedOn->setPlaceholderText(QStringLiteral("YYYY-MM-DD"));
    m_capturedOn->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("(\\d{4}-\\d{2}-\\d{2})?")), m_capturedOn));
    m_capturedOn->setToolTip(tr("The date the baseline figures were measured. A baseline dated "
                                "after go-live is flagged: reconstructed after launch."));
    m_capturedOn->setFixedWidth(140);
    m_capturedHint = makeHintLabel(baseline);
    m_source = new TextField(QStringLiteral("source"), baseline);
    m_source->setMaxLength(10000);
    m_source->setPlaceholderText(tr("System, report or survey the figures come from"));
    m_unit = new TextField(QStringLiteral("unit"), baseline);
    m_unit->setPlaceholderText(tr("e.g. conversation"));
    m_unit->setFixedWidth(220);
    m_unit->setToolTip(tr("The unit of work the volume counts, singular"));
    form->addRow(tr("Captured on:"), withHint(m_capturedOn, m_capturedHint));
    form->addRow(tr("Source:"), m_source);
    form->addRow(tr("Unit of work:"), m_unit);
    m_baselineFields = new FieldForm(baseline);
    m_baselineFields->setFields(FieldForm::infos(baselineFields()));
    form->addRow(m_baselineFields);
    m_notes = new NotesField(QStringLiteral("notes"), baseline);
    m_notes->setPlaceholderText(tr("KPI notes: how the figures were measured, caveats"));
    m_notes->setMaximumHeight(70);
    form->addRow(tr("Notes:"), m_notes);
    layout->addWidget(baseline);

    auto *outcome = new QGroupBox(tr("Outcome — what one delivered result is"), page);
    auto *outcomeForm = new QFormLayout(outcome);
    outcomeForm->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_outcomeName = new TextField(QStringLiteral("outcomeName"), outcome);
    m_outcomeName->setPlaceholderText(tr("e.g. resolved conversation"));
    m_outcomeName->setFixedWidth(260);
    outcomeForm->addRow(tr("Outcome:"), m_outcomeName);
    m_outcomeFields = new FieldForm(outcome);
    m_outcomeFields->setFields(FieldForm::infos(outcomeFields()));
    outcomeForm->addRow(m_outcomeFields);
    layout->addWidget(outcome);
    layout->addStretch(1);

    connect(m_description, &TextField::valueEdited, this, [this](const QString &t) {
        edit([&](UseCase &uc) { uc.description = t.toStdString(); }, tr("Edit description"),
             m_description->mergeKey());
    });
    connect(m_capturedOn, &TextField::valueEdited, this, [this](const QString &t) {
        const auto date = Date::parse(t.toStdString());
        if (!t.isEmpty() && !date) {
            showHint(m_capturedHint, tr("Not a calendar date."));
            return;
        }
        showHint(m_capturedHint, {});
        edit([&](UseCase &uc) { uc.baseline.capturedOn = date.value_or(Date{}); },
             tr("Edit baseline date"), m_capturedOn->mergeKey());
    });
    connect(m_capturedOn, &QLineEdit::editingFinished, this,
            [this] { showHint(m_capturedHint, {}); });
    connect(m_source, &TextField::valueEdited, this, [this](const QString &t) {
        edit([&](UseCase &uc) { uc.baseline.source = t.toStdString(); }, tr("Edit baseline source"),
             m_source->mergeKey());
    });
    connect(m_unit, &TextField::valueEdited, this, [this](const QString &t) {
        edit([&](UseCase &uc) { uc.baseline.unit = t.toStdString(); }, tr("Edit unit of work"),
             m_unit->mergeKey());
    });
    connect(m_notes, &NotesField::valueEdited, this, [this](const QString &t) {
        edit([&](UseCase &uc) { uc.baseline.notes = t.toStdString(); }, tr("Edit baseline notes"),
             m_notes->mergeKey());
    });
    connect(m_baselineFields, &FieldForm::edited, this,
            [this](const QString &key, double v, const QString &mergeKey) {
                const auto *f = findField(baselineFields(), key.toStdString());
                edit([&](UseCase &uc) { uc.baseline.*(f->member) = v; },
                     tr("Edit %1").arg(fieldLabel(f->info).toLower()), mergeKey);
            });
    connect(m_outcomeName, &TextField::valueEdited, this, [this](const QString &t) {
        edit([&](UseCase &uc) { uc.outcome.name = t.toStdString(); }, tr("Edit outcome"),
             m_outcomeName->mergeKey());
    });
    connect(m_outcomeFields, &FieldForm::edited, this,
            [this](const QString &key, double v, const QString &mergeKey) {
                const auto *f = findField(outcomeFields(), key.toStdString());
                edit([&](UseCase &uc) { uc.outcome.*(f->member) = v; },
                     tr("Edit %1").arg(fieldLabel(f->info).toLower()), mergeKey);
            });
    return page;
}

QWidget *UseCaseEditor::buildRiskRampTab()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *risk = new QGroupBox(tr("Risk discount — haircuts on the gross hard benefit"), page);
    auto *riskLayout = new QVBoxLayout(risk);
    m_riskFields = new FieldForm(risk);
    m_riskFields->setFields(FieldForm::infos(riskFields()));
    m_riskSummary = new QLabel(risk);
    m_riskSummary->setObjectName(QStringLiteral("riskSummary"));
    m_riskSummary->setWordWrap(true);
    riskLayout->addWidget(m_riskFields);
    riskLayout->addWidget(m_riskSummary);
    layout->addWidget(risk);

    auto *ramp = new QGroupBox(tr("Ramp-up — from go-live to steady state"), page);
    auto *form = new QFormLayout(ramp);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_goLive = new TextField(QStringLiteral("goLive"), ramp);
    m_goLive->setPlaceholderText(QStringLiteral("YYYY-MM"));
    m_goLive->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("\\d{4}-\\d{2}")), m_goLive));
    m_goLive->setFixedWidth(140);
    m_goLive->setToolTip(tr("The month the AI starts handling units"));
    m_goLiveHint = makeHintLabel(ramp);
    m_curve = makeEnumCombo<RampCurve>(ramp, QStringLiteral("curve"));
    m_curve->setToolTip(tr("Linear: even steps to steady state. S-curve: slow start, fast middle, "
                           "slow finish (3x² − 2x³). Immediate: steady from go-live."));
    form->addRow(tr("Go-live:"), withHint(m_goLive, m_goLiveHint));
    form->addRow(tr("Curve:"), m_curve);
    m_rampFields = new FieldForm(ramp);
    m_rampFields->setFields(FieldForm::infos(rampFields()));
    form->addRow(m_rampFields);
    layout->addWidget(ramp);
    layout->addStretch(1);

    connect(m_riskFields, &FieldForm::edited, this,
            [this](const QString &key, double v, const QString &mergeKey) {
                const auto *f = findField(riskFields(), key.toStdString());
                edit([&](UseCase &uc) { uc.risk.*(f->member) = v; },
                     tr("Edit %1").arg(fieldLabel(f->info).toLower()), mergeKey);
            });
    connect(m_rampFields, &FieldForm::edited, this,
            [this](const QString &key, double v, const QString &mergeKey) {
                const auto *f = findField(rampFields(), key.toStdString());
                edit([&](UseCase &uc) { uc.ramp.*(f->member) = v; },
                     tr("Edit %1").arg(fieldLabel(f->info).toLower()), mergeKey);
            });
    connect(m_goLive, &TextField::valueEdited, this, [this](const QString &t) {
        const auto month = YearMonth::parse(t.toStdString());
        if (!month) {
            showHint(m_goLiveHint, tr("Not a month (YYYY-MM)."));
            return;
        }
        showHint(m_goLiveHint, {});
        edit([&](UseCase &uc) { uc.ramp.goLive = *month; }, tr("Edit go-live"),
             m_goLive->mergeKey());
    });
    connect(m_goLive, &QLineEdit::editingFinished, this, [this] { showHint(m_goLiveHint, {}); });
    connect(m_curve, &QComboBox::currentIndexChanged, this, [this] {
        const auto curve = enumComboValue<RampCurve>(m_curve);
        edit([&](UseCase &uc) { uc.ramp.curve = curve; }, tr("Change ramp curve"));
    });
    return page;
}

QWidget *UseCaseEditor::buildScorecardTab()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *top = new QFormLayout;
    m_maturity = makeEnumCombo<MaturityStage>(page, QStringLiteral("maturity"));
    m_maturity->setToolTip(tr("Readiness → productivity → decision → business impact. Measure "
                              "productivity over 2-4 weeks, decision quality and business impact "
                              "over 1-2 quarters."));
    top->addRow(tr("Maturity stage:"), m_maturity);
    m_reviewDates = new QLabel(page);
    m_reviewDates->setObjectName(QStringLiteral("reviewDates"));
    m_reviewDates->setWordWrap(true);
    m_reviewDates->setTextFormat(Qt::RichText);
    top->addRow(tr("Reviews:"), m_reviewDates);
    layout->addLayout(top);
    auto *hint = new QLabel(tr("One or two metrics per bucket: outcomes, adoption, quality, "
                               "speed, cost."),
                            page);
    hint->setStyleSheet(QStringLiteral("color: #5a6370;"));
    layout->addWidget(hint);
    m_scorecard = new QTableWidget(0, 6, page);
    m_scorecard->setObjectName(QStringLiteral("scorecardTable"));
    m_scorecard->setHorizontalHeaderLabels(
        {tr("Bucket"), tr("Metric"), tr("Unit"), tr("Baseline"), tr("Target"), tr("Actual")});
    m_scorecard->verticalHeader()->hide();
    m_scorecard->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_scorecard->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    layout->addWidget(m_scorecard);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add metric"), page);
    auto *remove = new QPushButton(tr("Remove metric"), page);
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    connect(m_maturity, &QComboBox::currentIndexChanged, this, [this] {
        const auto stage = enumComboValue<MaturityStage>(m_maturity);
        edit([&](UseCase &uc) { uc.maturity = stage; }, tr("Change maturity stage"));
    });
    connect(m_scorecard, &QTableWidget::itemChanged, this, [this] { scorecardEdited(); });
    connect(add, &QPushButton::clicked, this, [this] {
        edit(
            [](UseCase &uc) {
                ScorecardMetric m;
                m.name = "New metric";
                uc.scorecard.push_back(m);
            },
            tr("Add scorecard metric"));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_scorecard->currentRow();
        if (row < 0 || row >= static_cast<int>(m_useCase.scorecard.size()))
            return;
        edit([&](UseCase &uc) { uc.scorecard.erase(uc.scorecard.begin() + row); },
             tr("Remove scorecard metric"));
    });
    return page;
}

void UseCaseEditor::refreshScorecard()
{
    m_reviewDates->setText(reviewDatesHtml(m_useCase));
    m_fillingScorecard = true;
    const auto &metrics = m_useCase.scorecard;
    m_scorecard->setRowCount(static_cast<int>(metrics.size()));
    for (int r = 0; r < static_cast<int>(metrics.size()); ++r) {
        const ScorecardMetric &m = metrics[static_cast<std::size_t>(r)];
        auto *bucket = qobject_cast<QComboBox *>(m_scorecard->cellWidget(r, 0));
        if (!bucket) {
            bucket = makeEnumCombo<ScorecardBucket>(m_scorecard, QStringLiteral("bucket"));
            m_scorecard->setCellWidget(r, 0, bucket);
            connect(bucket, &QComboBox::currentIndexChanged, this, [this] { scorecardEdited(); });
        }
        setEnumCombo(bucket, m.bucket);
        auto set = [&](int column, const QString &text, bool number) {
            QTableWidgetItem *item = m_scorecard->item(r, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_scorecard->setItem(r, column, item);
            }
            if (item->text() != text)
                item->setText(text);
            if (number)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        };
        const QLocale &loc = m_format.locale();
        set(1, QString::fromStdString(m.name), false);
        set(2, QString::fromStdString(m.unit), false);
        set(3, loc.toString(m.baseline, 'g', 10), true);
        set(4, loc.toString(m.target, 'g', 10), true);
        set(5, m.actual ? loc.toString(*m.actual, 'g', 10) : QString(), true);
    }
    m_fillingScorecard = false;
}

void UseCaseEditor::scorecardEdited()
{
    if (m_fillingScorecard)
        return;
    std::vector<ScorecardMetric> metrics = m_useCase.scorecard;
    const QLocale &loc = m_format.locale();
    auto number = [&](const QString &text, bool *ok) {
        double v = loc.toDouble(text, ok);
        if (!*ok)
            v = text.toDouble(ok);
        *ok = *ok && std::isfinite(v) && std::abs(v) <= 1e15;
        return v;
    };
    for (int r = 0; r < m_scorecard->rowCount() && r < static_cast<int>(metrics.size()); ++r) {
        ScorecardMetric &m = metrics[static_cast<std::size_t>(r)];
        if (auto *bucket = qobject_cast<QComboBox *>(m_scorecard->cellWidget(r, 0)))
            m.bucket = enumComboValue<ScorecardBucket>(bucket);
        const QString name = m_scorecard->item(r, 1)->text().trimmed();
        if (!name.isEmpty())
            m.name = name.left(200).toStdString();
        m.unit = m_scorecard->item(r, 2)->text().left(100).toStdString();
        bool ok = false;
        double v = number(m_scorecard->item(r, 3)->text(), &ok);
        if (ok)
            m.baseline = v;
        v = number(m_scorecard->item(r, 4)->text(), &ok);
        if (ok)
            m.target = v;
        const QString actual = m_scorecard->item(r, 5)->text().trimmed();
        if (actual.isEmpty()) {
            m.actual.reset();
        } else {
            v = number(actual, &ok);
            if (ok)
                m.actual = v;
        }
    }
    edit([&](UseCase &uc) { uc.scorecard = metrics; }, tr("Edit scorecard"));
    // Refused text (not a number) goes back to the model's value.
    refreshScorecard();
}

void UseCaseEditor::setData(const Workbook &wb, const Results &results, int index, int scenario)
{
    if (index < 0 || index >= static_cast<int>(wb.useCases.size())) {
        m_index = -1;
        setEnabled(false);
        return;
    }
    setEnabled(true);
    m_index = index;
    m_useCase = wb.useCases[static_cast<std::size_t>(index)];
    m_format = NumberFormat(QString::fromStdString(wb.settings.currency));
    const UseCase &uc = m_useCase;
    const CaseResult *base =
        index < results.useCaseCount && !results.scenarios.empty() ? &results.at(
            index, std::clamp(scenario, 0, static_cast<int>(results.scenarios.size()) - 1))
                                                                   : nullptr;

    m_description->setValue(QString::fromStdString(uc.description));
    m_capturedOn->setValue(QString::fromStdString(uc.baseline.capturedOn.toString()));
    m_source->setValue(QString::fromStdString(uc.baseline.source));
    m_unit->setValue(QString::fromStdString(uc.baseline.unit));
    m_notes->setValue(QString::fromStdString(uc.baseline.notes));
    m_baselineFields->setCurrencyPrefix(m_format.prefix());
    for (const auto &f : baselineFields())
        m_baselineFields->setValue(f.info.key, uc.baseline.*(f.member));
    m_outcomeName->setValue(QString::fromStdString(uc.outcome.name));
    for (const auto &f : outcomeFields())
        m_outcomeFields->setValue(f.info.key, uc.outcome.*(f.member));

    m_costs->setData(uc, wb.priceBook, base, m_format);
    m_value->setData(uc, base, m_format);
    m_levers->setData(wb, index, base, m_format);

    for (const auto &f : riskFields())
        m_riskFields->setValue(f.info.key, uc.risk.*(f.member));
    const double factor = uc.risk.factor();
    QString riskText =
        tr("Net hard benefit = gross × %1: a %2 haircut.")
            .arg(m_format.locale().toString(factor, 'f', 4), m_format.percent(1 - factor));
    if (base) {
        const Kpis &k = base->kpis;
        riskText += QLatin1Char(' ')
                    + tr("Over the horizon: %1 gross → %2 discount → %3 net.")
                          .arg(m_format.money(k.hardBenefitGross, 0),
                               m_format.money(k.riskDiscount, 0), m_format.money(k.hardBenefit, 0));
    }
    m_riskSummary->setText(riskText);
    m_goLive->setValue(QString::fromStdString(uc.ramp.goLive.toString()));
    setEnumCombo(m_curve, uc.ramp.curve);
    for (const auto &f : rampFields())
        m_rampFields->setValue(f.info.key, uc.ramp.*(f.member));

    setEnumCombo(m_maturity, uc.maturity);
    refreshScorecard();
}

void UseCaseEditor::edit(const std::function<void(UseCase &)> &change, const QString &text,
                         const QString &mergeKey)
{
    if (m_index < 0)
        return;
    UseCase updated = m_useCase;
    change(updated);
    if (updated == m_useCase)
        return;
    Q_EMIT edited(m_index, updated, text, mergeKey);
}

void UseCaseEditor::focusInput(const QString &path)
{
    std::string error;
    const auto parsed = InputPath::parse(path.toStdString(), &error);
    const QString section = path.section(QLatin1Char('.'), 0, 0).section(QLatin1Char('['), 0, 0);
    const QString field = path.section(QLatin1Char('.'), -1);
    auto indexOf = [&](const auto &items) {
        if (!parsed)
            return 0;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if ((parsed->selector == InputPath::Selector::Key && items[i].name == parsed->key)
                || (parsed->selector == InputPath::Selector::Index
                    && static_cast<int>(i) == parsed->index))
                return static_cast<int>(i);
        }
        return 0;
    };
    if (section == QLatin1String("layers")) {
        setCurrentIndex(CostsTab);
        // Paths that are not numeric inputs ("layers", `layers["x"].model`) still find the layer.
        int layer = indexOf(m_useCase.layers);
        if (!parsed) {
            const int open = path.indexOf(QLatin1String("[\""));
            const int close = path.indexOf(QLatin1String("\"]"));
            if (open >= 0 && close > open) {
                const std::string name = path.mid(open + 2, close - open - 2).toStdString();
                for (std::size_t i = 0; i < m_useCase.layers.size(); ++i) {
                    if (m_useCase.layers[i].name == name)
                        layer = static_cast<int>(i);
                }
            }
        }
        m_costs->focusField(layer, field);
    } else if (section == QLatin1String("drivers")) {
        setCurrentIndex(ValueTab);
        m_value->focusField(indexOf(m_useCase.drivers), field);
    } else if (section == QLatin1String("risk")) {
        setCurrentIndex(RiskRampTab);
        if (NumberField *f = m_riskFields->field(field.toStdString()))
            f->setFocus(Qt::OtherFocusReason);
    } else if (section == QLatin1String("ramp")) {
        setCurrentIndex(RiskRampTab);
        if (field == QLatin1String("goLive"))
            m_goLive->setFocus(Qt::OtherFocusReason);
        else if (NumberField *f = m_rampFields->field(field.toStdString()))
            f->setFocus(Qt::OtherFocusReason);
    } else {
        setCurrentIndex(BaselineTab);
        if (field == QLatin1String("capturedOn"))
            m_capturedOn->setFocus(Qt::OtherFocusReason);
        else if (field == QLatin1String("unit"))
            m_unit->setFocus(Qt::OtherFocusReason);
        else if (NumberField *f = m_baselineFields->field(field.toStdString()))
            f->setFocus(Qt::OtherFocusReason);
        else if (NumberField *o = m_outcomeFields->field(field.toStdString()))
            o->setFocus(Qt::OtherFocusReason);
    }
}

} // namespace roi
