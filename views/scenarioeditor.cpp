#include "scenarioeditor.h"

#include "enumcombo.h"
#include "textfield.h"

#include "inputs.h"

#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <set>

namespace roi {

bool isStandardScenario(const std::string &name)
{
    return name == kBaseScenario || name == kBestScenario || name == kWorstScenario;
}

namespace {

enum Column { InputColumn, OpColumn, ValueColumn, ScopeColumn, ColumnCount };

} // namespace

ScenarioEditor::ScenarioEditor(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_adjustments(new QTableWidget(0, ColumnCount, this))
    , m_hint(new QLabel(this))
{
    m_list->setObjectName(QStringLiteral("scenarioList"));
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Scenarios"), left));
    leftLayout->addWidget(m_list);
    auto *listButtons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add"), left);
    auto *duplicate = new QPushButton(tr("Duplicate"), left);
    m_remove = new QPushButton(tr("Remove"), left);
    listButtons->addWidget(add);
    listButtons->addWidget(duplicate);
    listButtons->addWidget(m_remove);
    leftLayout->addLayout(listButtons);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *form = new QFormLayout;
    m_name = new TextField(QStringLiteral("scenarioName"), right);
    m_name->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral(".+")), m_name));
    m_description = new TextField(QStringLiteral("scenarioDescription"), right);
    m_description->setMaxLength(10000);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Description:"), m_description);
    rightLayout->addLayout(form);
    auto *help = new QLabel(
        tr("Each adjustment multiplies (×), sets (=) or adds to (+) a named input, such as "
           "<code>baseline.volume</code>, <code>ramp.steadyAdoption</code>, "
           "<code>layers[\"Human review\"].share</code> or <code>drivers[*].minutesWithAi</code> "
           "(* = every element that has the field). Results outside an input's range are capped "
           "and flagged."),
        right);
    help->setWordWrap(true);
    help->setStyleSheet(QStringLiteral("color: #5a6370;"));
    rightLayout->addWidget(help);
    m_adjustments->setObjectName(QStringLiteral("adjustmentsTable"));
    m_adjustments->setHorizontalHeaderLabels(
        {tr("Input"), tr("Operation"), tr("Value"), tr("Applies to")});
    m_adjustments->verticalHeader()->hide();
    m_adjustments->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_adjustments->horizontalHeader()->setSectionResizeMode(InputColumn, QHeaderView::Stretch);
    rightLayout->addWidget(m_adjustments);
    m_hint->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_hint->setVisible(false);
    rightLayout->addWidget(m_hint);
    auto *adjButtons = new QHBoxLayout;
    auto *addAdj = new QPushButton(tr("Add adjustment"), right);
    auto *removeAdj = new QPushButton(tr("Remove adjustment"), right);
    adjButtons->addWidget(addAdj);
    adjButtons->addWidget(removeAdj);
    adjButtons->addStretch(1);
    rightLayout->addLayout(adjButtons);

    // The list above the details: a workbook has a handful of scenarios, while the adjustments
    // table needs the editor's whole width for its input names.
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({150, 600});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_list, &QListWidget::currentRowChanged, this, [this] { showCurrent(); });
    connect(add, &QPushButton::clicked, this, [this] {
        std::vector<Scenario> scenarios = m_scenarios;
        Scenario s;
        QString name = tr("Custom");
        for (int n = 2;
             std::any_of(scenarios.begin(), scenarios.end(),
                         [&](const Scenario &o) { return QString::fromStdString(o.name) == name; });
             ++n)
            name = tr("Custom %1").arg(n);
        s.name = name.toStdString();
        scenarios.push_back(s);
        Q_EMIT edited(scenarios, tr("Add scenario"), {});
        m_list->setCurrentRow(static_cast<int>(m_scenarios.size()) - 1);
    });
    connect(duplicate, &QPushButton::clicked, this, [this] {
        const int i = current();
        if (i < 0)
            return;
        std::vector<Scenario> scenarios = m_scenarios;
        Scenario s = scenarios[static_cast<std::size_t>(i)];
        QString name = QString::fromStdString(s.name) + tr(" copy");
        for (int n = 2;
             std::any_of(scenarios.begin(), scenarios.end(),
                         [&](const Scenario &o) { return QString::fromStdString(o.name) == name; });
             ++n)
            name = QString::fromStdString(s.name) + tr(" copy %1").arg(n);
        s.name = name.toStdString();
        scenarios.push_back(s);
        Q_EMIT edited(scenarios, tr("Duplicate scenario"), {});
        m_list->setCurrentRow(static_cast<int>(m_scenarios.size()) - 1);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int i = current();
        if (i < 0 || isStandardScenario(m_scenarios[static_cast<std::size_t>(i)].name))
            return;
        std::vector<Scenario> scenarios = m_scenarios;
        scenarios.erase(scenarios.begin() + i);
        Q_EMIT edited(scenarios, tr("Remove scenario"), {});
    });
    connect(m_name, &TextField::valueEdited, this, [this](const QString &t) {
        const int i = current();
        if (i < 0)
            return;
        const bool taken =
            std::any_of(m_scenarios.begin(), m_scenarios.end(), [&](const Scenario &o) {
                return &o != &m_scenarios[static_cast<std::size_t>(i)]
                       && QString::fromStdString(o.name) == t;
            });
        if (taken) {
            m_hint->setText(tr("Another scenario is called “%1”.").arg(t));
            m_hint->setVisible(true);
            return;
        }
        m_hint->setVisible(false);
        editCurrent([&](Scenario &s) { s.name = t.left(200).toStdString(); }, tr("Rename scenario"),
                    m_name->mergeKey());
    });
    connect(m_description, &TextField::valueEdited, this, [this](const QString &t) {
        editCurrent([&](Scenario &s) { s.description = t.toStdString(); },
                    tr("Edit scenario description"), m_description->mergeKey());
    });
    connect(m_adjustments, &QTableWidget::cellChanged, this,
            [this](int row, int) { adjustmentEdited(row); });
    connect(addAdj, &QPushButton::clicked, this, [this] {
        editCurrent(
            [](Scenario &s) {
                s.adjustments.push_back({"baseline.volume", AdjustmentOp::Multiply, 1.0, {}});
            },
            tr("Add adjustment"));
    });
    connect(removeAdj, &QPushButton::clicked, this, [this] {
        const int row = m_adjustments->currentRow();
        editCurrent(
            [&](Scenario &s) {
                if (row >= 0 && row < static_cast<int>(s.adjustments.size()))
                    s.adjustments.erase(s.adjustments.begin() + row);
            },
            tr("Remove adjustment"));
    });
}

void ScenarioEditor::setData(const Workbook &wb)
{
    m_scenarios = wb.scenarios;
    m_useCases.clear();
    for (const UseCase &uc : wb.useCases)
        m_useCases << QString::fromStdString(uc.name);
    // Suggestions: every input of every use case, plus the wildcards of the scenarios.
    std::set<std::string> inputs;
    for (const UseCase &uc : wb.useCases) {
        for (const std::string &name : listInputs(uc, wb.priceBook))
            inputs.insert(name);
    }
    for (const auto &f : layerFields())
        inputs.insert("layers[*]." + std::string(f.info.key));
    for (const auto &f : driverFields())
        inputs.insert("drivers[*]." + std::string(f.info.key));
    for (const auto &f : priceFields())
        inputs.insert("prices[*]." + std::string(f.info.key));
    m_inputs.clear();
    for (const std::string &name : inputs)
        m_inputs << QString::fromStdString(name);

    const int keep = std::max(0, m_list->currentRow());
    {
        const QSignalBlocker block(m_list);
        if (m_list->count() != static_cast<int>(m_scenarios.size())) {
            m_list->clear();
            for (const Scenario &s : m_scenarios)
                m_list->addItem(QString::fromStdString(s.name));
        } else {
            for (int r = 0; r < m_list->count(); ++r)
                m_list->item(r)->setText(
                    QString::fromStdString(m_scenarios[static_cast<std::size_t>(r)].name));
        }
        m_list->setCurrentRow(std::min(keep, m_list->count() - 1));
    }
    const int i = current();
    if (i >= 0 && i == m_shownIndex
        && m_adjustments->rowCount()
               == static_cast<int>(m_scenarios[static_cast<std::size_t>(i)].adjustments.size()))
        updateValues();
    else
        showCurrent();
}

void ScenarioEditor::selectScenario(const QString &name)
{
    const auto items = m_list->findItems(name, Qt::MatchExactly);
    if (!items.isEmpty())
        m_list->setCurrentItem(items.first());
}

int ScenarioEditor::current() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < static_cast<int>(m_scenarios.size()) ? row : -1;
}

void ScenarioEditor::showCurrent()
{
    const int i = current();
    m_filling = true;
    m_adjustments->setRowCount(0);
    if (i < 0) {
        m_filling = false;
        return;
    }
    m_shownIndex = i;
    const Scenario &s = m_scenarios[static_cast<std::size_t>(i)];
    const bool standard = isStandardScenario(s.name);
    m_name->setValue(QString::fromStdString(s.name));
    m_name->setReadOnly(standard);
    m_name->setToolTip(standard ? tr("Base, Best and Worst keep their names") : QString());
    m_remove->setEnabled(!standard);
    m_description->setValue(QString::fromStdString(s.description));
    m_adjustments->setRowCount(static_cast<int>(s.adjustments.size()));
    const QLocale loc;
    for (int r = 0; r < static_cast<int>(s.adjustments.size()); ++r) {
        const Adjustment &a = s.adjustments[static_cast<std::size_t>(r)];
        auto *input = new QComboBox(m_adjustments);
        input->setEditable(true);
        input->addItems(m_inputs);
        input->setCurrentText(QString::fromStdString(a.input));
        // Show the start of a long input name (which element it is), the whole on hover.
        input->lineEdit()->setCursorPosition(0);
        input->setToolTip(QString::fromStdString(a.input));
        input->completer()->setCompletionMode(QCompleter::PopupCompletion);
        input->completer()->setFilterMode(Qt::MatchContains);
        m_adjustments->setCellWidget(r, InputColumn, input);
        auto *op = makeEnumCombo<AdjustmentOp>(m_adjustments, QStringLiteral("op"));
        setEnumCombo(op, a.op);
        m_adjustments->setCellWidget(r, OpColumn, op);
        auto *value = new QTableWidgetItem(loc.toString(a.value, 'g', 12));
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_adjustments->setItem(r, ValueColumn, value);
        auto *scope = new QComboBox(m_adjustments);
        scope->addItem(tr("Every use case"), QString());
        for (const QString &name : m_useCases)
            scope->addItem(name, name);
        const int at = scope->findData(QString::fromStdString(a.useCase));
        if (at < 0)
            scope->addItem(QString::fromStdString(a.useCase), QString::fromStdString(a.useCase));
        scope->setCurrentIndex(at < 0 ? scope->count() - 1 : at);
        m_adjustments->setCellWidget(r, ScopeColumn, scope);
        connect(input, &QComboBox::currentTextChanged, this, [this, r] { adjustmentEdited(r); });
        connect(op, &QComboBox::currentIndexChanged, this, [this, r] { adjustmentEdited(r); });
        connect(scope, &QComboBox::currentIndexChanged, this, [this, r] { adjustmentEdited(r); });
    }
    m_filling = false;
}

void ScenarioEditor::updateValues()
{
    const int i = current();
    if (i < 0)
        return;
    m_filling = true;
    const Scenario &s = m_scenarios[static_cast<std::size_t>(i)];
    m_name->setValue(QString::fromStdString(s.name));
    m_description->setValue(QString::fromStdString(s.description));
    const QLocale loc;
    for (int r = 0; r < static_cast<int>(s.adjustments.size()); ++r) {
        const Adjustment &a = s.adjustments[static_cast<std::size_t>(r)];
        auto *input = qobject_cast<QComboBox *>(m_adjustments->cellWidget(r, InputColumn));
        if (input && !input->hasFocus() && !input->lineEdit()->hasFocus()) {
            const QSignalBlocker block(input);
            input->setCurrentText(QString::fromStdString(a.input));
            input->lineEdit()->setCursorPosition(0);
            input->setToolTip(QString::fromStdString(a.input));
        }
        if (auto *op = qobject_cast<QComboBox *>(m_adjustments->cellWidget(r, OpColumn)))
            setEnumCombo(op, a.op);
        QTableWidgetItem *value = m_adjustments->item(r, ValueColumn);
        if (value && m_adjustments->currentRow() != r)
            value->setText(loc.toString(a.value, 'g', 12));
        if (auto *scope = qobject_cast<QComboBox *>(m_adjustments->cellWidget(r, ScopeColumn))) {
            const QSignalBlocker block(scope);
            const int at = scope->findData(QString::fromStdString(a.useCase));
            if (at >= 0)
                scope->setCurrentIndex(at);
        }
    }
    m_filling = false;
}

void ScenarioEditor::adjustmentEdited(int row)
{
    const int i = current();
    if (m_filling || i < 0)
        return;
    const Scenario &s = m_scenarios[static_cast<std::size_t>(i)];
    if (row < 0 || row >= static_cast<int>(s.adjustments.size()))
        return;
    Adjustment a = s.adjustments[static_cast<std::size_t>(row)];
    QString problem;
    if (auto *input = qobject_cast<QComboBox *>(m_adjustments->cellWidget(row, InputColumn))) {
        std::string why;
        const std::string text = input->currentText().trimmed().toStdString();
        if (InputPath::parse(text, &why))
            a.input = text;
        else
            problem = tr("“%1” is not a named input: %2")
                          .arg(input->currentText(), QString::fromStdString(why));
    }
    if (auto *op = qobject_cast<QComboBox *>(m_adjustments->cellWidget(row, OpColumn)))
        a.op = enumComboValue<AdjustmentOp>(op);
    if (auto *scope = qobject_cast<QComboBox *>(m_adjustments->cellWidget(row, ScopeColumn)))
        a.useCase = scope->currentData().toString().toStdString();
    if (QTableWidgetItem *item = m_adjustments->item(row, ValueColumn)) {
        bool ok = false;
        double v = QLocale().toDouble(item->text(), &ok);
        if (!ok)
            v = item->text().toDouble(&ok);
        if (ok && std::isfinite(v) && std::abs(v) <= 1e12)
            a.value = v;
        else if (problem.isEmpty())
            problem = tr("The value must be a number.");
    }
    m_hint->setText(problem);
    m_hint->setVisible(!problem.isEmpty());
    editCurrent([&](Scenario &sc) { sc.adjustments[static_cast<std::size_t>(row)] = a; },
                tr("Edit adjustment"), QStringLiteral("adjustment:%1").arg(row));
}

void ScenarioEditor::editCurrent(const std::function<void(Scenario &)> &change, const QString &text,
                                 const QString &mergeKey)
{
    const int i = current();
    if (i < 0)
        return;
    std::vector<Scenario> scenarios = m_scenarios;
    change(scenarios[static_cast<std::size_t>(i)]);
    if (scenarios == m_scenarios)
        return;
    Q_EMIT edited(scenarios, text, mergeKey);
}

} // namespace roi
