#include "attributionruleseditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace roi {

using actuals::AllocationMode;
using actuals::AttributionRule;

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

std::string AttributionRule::*patternMember(int column)
{
    switch (column) {
    case AttributionRulesEditor::FeatureColumn:
        return &AttributionRule::feature;
    case AttributionRulesEditor::TeamColumn:
        return &AttributionRule::team;
    case AttributionRulesEditor::CustomerColumn:
        return &AttributionRule::customer;
    case AttributionRulesEditor::ProjectColumn:
        return &AttributionRule::project;
    case AttributionRulesEditor::ModelColumn:
        return &AttributionRule::model;
    case AttributionRulesEditor::TagColumn:
        return &AttributionRule::tag;
    default:
        return &AttributionRule::useCase;
    }
}

} // namespace

AttributionRulesEditor::AttributionRulesEditor(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("attributionRulesEditor"));
    auto *layout = new QVBoxLayout(this);
    m_help = new QLabel(
        tr("Each rule gives the usage whose keys match all of its patterns to a use case; the "
           "first rule that matches wins. Patterns are exact or use * (any text) and ? (one "
           "character); a tag is key=value. Empty patterns are not checked."),
        this);
    m_help->setWordWrap(true);
    m_help->setStyleSheet(QStringLiteral("color: #5a6370"));
    layout->addWidget(m_help);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("rulesTable"));
    m_table->setHorizontalHeaderLabels({tr("Use case"), tr("Feature"), tr("Team"), tr("Customer"),
                                        tr("Project"), tr("Model"), tr("Tag (key=value)")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(UseCaseColumn, QHeaderView::ResizeToContents);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setMinimumHeight(140);
    layout->addWidget(m_table, 1);

    auto *buttons = new QHBoxLayout;
    m_add = new QPushButton(tr("&Add Rule"), this);
    m_add->setObjectName(QStringLiteral("addRule"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeRule"));
    m_up = new QPushButton(tr("Move &Up"), this);
    m_up->setObjectName(QStringLiteral("ruleUp"));
    m_down = new QPushButton(tr("Move &Down"), this);
    m_down->setObjectName(QStringLiteral("ruleDown"));
    for (QPushButton *b : {m_add, m_remove, m_up, m_down})
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto *allocLabel = new QLabel(tr("Cost no rule takes:"), this);
    m_allocation = new QComboBox(this);
    m_allocation->setObjectName(QStringLiteral("allocationMode"));
    m_allocation->addItem(tr("kept apart as “(unallocated)”"),
                          static_cast<int>(AllocationMode::Unallocated));
    m_allocation->addItem(tr("shared pro rata to tokens"),
                          static_cast<int>(AllocationMode::Tokens));
    m_allocation->addItem(tr("shared pro rata to requests"),
                          static_cast<int>(AllocationMode::Requests));
    m_allocation->addItem(tr("shared pro rata to cost"), static_cast<int>(AllocationMode::Cost));
    allocLabel->setBuddy(m_allocation);
    buttons->addWidget(allocLabel);
    buttons->addWidget(m_allocation);
    layout->addLayout(buttons);

    connect(m_table, &QTableWidget::cellChanged, this, &AttributionRulesEditor::cellEdited);
    connect(m_table, &QTableWidget::currentCellChanged, this,
            &AttributionRulesEditor::updateButtons);
    connect(m_add, &QPushButton::clicked, this, [this] {
        std::vector<AttributionRule> rules = m_rules;
        AttributionRule rule;
        rule.useCase = m_useCases.isEmpty() ? std::string() : m_useCases.first().toStdString();
        rule.feature.assign(1, '*'); // not = "*": GCC 12 false -Wrestrict (PR 105329)
        rules.push_back(rule);
        m_rules = rules;
        rebuild();
        m_table->setCurrentCell(static_cast<int>(rules.size()) - 1, FeatureColumn);
        Q_EMIT rulesEdited(rules, tr("Add attribution rule"));
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0 || row >= static_cast<int>(m_rules.size()))
            return;
        std::vector<AttributionRule> rules = m_rules;
        rules.erase(rules.begin() + row);
        m_rules = rules;
        rebuild();
        Q_EMIT rulesEdited(rules, tr("Remove attribution rule"));
    });
    connect(m_up, &QPushButton::clicked, this, [this] { move(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { move(1); });
    connect(m_allocation, &QComboBox::currentIndexChanged, this, [this] {
        if (m_filling)
            return;
        Q_EMIT allocationEdited(static_cast<AllocationMode>(m_allocation->currentData().toInt()),
                                tr("Change allocation of unattributed cost"));
    });
    updateButtons();
}

void AttributionRulesEditor::setRules(const std::vector<AttributionRule> &rules,
                                      AllocationMode allocation, const QStringList &useCases)
{
    m_filling = true;
    m_allocation->setCurrentIndex(m_allocation->findData(static_cast<int>(allocation)));
    m_filling = false;
    if (rules == m_rules && useCases == m_useCases && m_table->rowCount() == int(rules.size()))
        return; // what the table shows (an edit made here coming back): keep the cursor
    m_rules = rules;
    m_useCases = useCases;
    rebuild();
}

void AttributionRulesEditor::rebuild()
{
    m_filling = true;
    const int row = m_table->currentRow();
    const int column = m_table->currentColumn();
    m_table->setRowCount(static_cast<int>(m_rules.size()));
    for (int r = 0; r < static_cast<int>(m_rules.size()); ++r) {
        const AttributionRule &rule = m_rules[static_cast<std::size_t>(r)];
        auto *combo = new QComboBox(m_table);
        combo->setObjectName(QStringLiteral("ruleUseCase%1").arg(r));
        combo->addItems(m_useCases);
        if (!rule.useCase.empty() && !m_useCases.contains(qs(rule.useCase)))
            combo->addItem(tr("%1 (no such use case)").arg(qs(rule.useCase)), qs(rule.useCase));
        for (int i = 0; i < combo->count(); ++i) {
            if (!combo->itemData(i).isValid())
                combo->setItemData(i, combo->itemText(i));
        }
        combo->setCurrentIndex(combo->findData(qs(rule.useCase)));
        connect(combo, &QComboBox::currentIndexChanged, this, [this, combo, r] {
            if (m_filling || r >= static_cast<int>(m_rules.size()))
                return;
            std::vector<AttributionRule> rules = m_rules;
            rules[static_cast<std::size_t>(r)].useCase =
                combo->currentData().toString().toStdString();
            m_rules = rules;
            Q_EMIT rulesEdited(rules, tr("Change rule's use case"));
        });
        m_table->setCellWidget(r, UseCaseColumn, combo);
        for (int c = FeatureColumn; c < ColumnCount; ++c) {
            auto *item = new QTableWidgetItem(qs(rule.*patternMember(c)));
            m_table->setItem(r, c, item);
        }
    }
    if (row >= 0 && row < m_table->rowCount())
        m_table->setCurrentCell(row, column);
    m_filling = false;
    updateButtons();
}

void AttributionRulesEditor::setMatchCounts(const std::vector<int> &counts)
{
    QStringList labels;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        labels
            << (r < static_cast<int>(counts.size())
                    ? tr("%1 · %n row(s)", nullptr, counts[static_cast<std::size_t>(r)]).arg(r + 1)
                    : QString::number(r + 1));
    }
    m_table->setVerticalHeaderLabels(labels);
}

void AttributionRulesEditor::cellEdited(int row, int column)
{
    if (m_filling || row < 0 || row >= static_cast<int>(m_rules.size()) || column == UseCaseColumn)
        return;
    std::vector<AttributionRule> rules = m_rules;
    const std::string value = m_table->item(row, column)->text().trimmed().toStdString();
    std::string &slot = rules[static_cast<std::size_t>(row)].*patternMember(column);
    if (slot == value)
        return;
    slot = value;
    m_rules = rules;
    Q_EMIT rulesEdited(rules, tr("Edit attribution rule"));
}

void AttributionRulesEditor::move(int delta)
{
    const int row = m_table->currentRow();
    const int to = row + delta;
    if (row < 0 || to < 0 || to >= static_cast<int>(m_rules.size()))
        return;
    std::vector<AttributionRule> rules = m_rules;
    std::swap(rules[static_cast<std::size_t>(row)], rules[static_cast<std::size_t>(to)]);
    m_rules = rules;
    rebuild();
    m_table->setCurrentCell(to, std::max(0, m_table->currentColumn()));
    Q_EMIT rulesEdited(rules, tr("Move attribution rule"));
}

void AttributionRulesEditor::updateButtons()
{
    const int row = m_table->currentRow();
    const int n = static_cast<int>(m_rules.size());
    m_add->setEnabled(!m_useCases.isEmpty());
    m_add->setToolTip(m_useCases.isEmpty() ? tr("Add a use case first: a rule names one")
                                           : QString());
    m_remove->setEnabled(row >= 0 && row < n);
    m_up->setEnabled(row > 0 && row < n);
    m_down->setEnabled(row >= 0 && row + 1 < n);
}

} // namespace roi
