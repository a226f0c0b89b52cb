// Scenario → Approve and Snapshot… (see snapshotdialog.h).
#include "snapshotdialog.h"

#include "document.h"
#include "format.h"
#include "snapshotcommands.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace roi {

namespace {

QString money(double v, const std::string &currency)
{
    return QString::fromStdString(formatMoney(v, currency, 0));
}

QTableWidgetItem *cell(const QString &text, bool number = false)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

SnapshotDialog::SnapshotDialog(Document *doc, int scenario, QWidget *parent)
    : QDialog(parent)
    , m_doc(doc)
    , m_label(new QLineEdit)
    , m_who(new QLineEdit)
    , m_scenario(new QComboBox)
    , m_take(new QPushButton(tr("&Take Snapshot")))
    , m_table(new QTableWidget)
    , m_compare(new QTableWidget)
{
    setWindowTitle(tr("Approve and Snapshot"));
    const Workbook &wb = doc->workbook();
    for (const std::string &name : doc->results().scenarios)
        m_scenario->addItem(QString::fromStdString(name));
    m_scenario->setCurrentIndex(std::max(0, scenario));
    m_who->setText(QString::fromStdString(wb.settings.preparedBy));
    m_label->setPlaceholderText(tr("e.g. Approved by the steering committee"));

    auto *intro = new QLabel(
        tr("A snapshot freezes the monthly forecast of a scenario (cost by layer, tokens, volume, "
           "outcomes, benefit, net) so that later edits never rewrite what actuals are compared "
           "against."));
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Scenario:"), m_scenario);
    form->addRow(tr("Label:"), m_label);
    form->addRow(tr("Approved by:"), m_who);
    form->addRow(QString(), m_take);

    const QStringList headers = {tr("Label"), tr("Scenario"), tr("Taken on"), tr("By"),
                                 tr("From"),  tr("Months"),   tr("TCO"),      tr("Net value")};
    m_table->setColumnCount(static_cast<int>(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *rename = new QPushButton(tr("&Rename…"));
    auto *remove = new QPushButton(tr("&Delete"));
    auto *compareButton = new QPushButton(tr("&Compare Two"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(rename);
    buttons->addWidget(remove);
    buttons->addWidget(compareButton);
    buttons->addStretch();

    m_compare->setColumnCount(7);
    m_compare->setHorizontalHeaderLabels({tr("Use case"), tr("TCO (A)"), tr("TCO (B)"), tr("Δ TCO"),
                                          tr("Net (A)"), tr("Net (B)"), tr("Δ Net")});
    m_compare->verticalHeader()->hide();
    m_compare->horizontalHeader()->setStretchLastSection(true);

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Snapshots in this workbook:")));
    layout->addWidget(m_table, 2);
    layout->addLayout(buttons);
    layout->addWidget(new QLabel(tr("Comparison (select two snapshots):")));
    layout->addWidget(m_compare, 2);
    layout->addWidget(close);
    resize(820, 620);

    connect(m_take, &QPushButton::clicked, this, &SnapshotDialog::take);
    connect(rename, &QPushButton::clicked, this, &SnapshotDialog::renameSelected);
    connect(remove, &QPushButton::clicked, this, &SnapshotDialog::deleteSelected);
    connect(compareButton, &QPushButton::clicked, this, &SnapshotDialog::compareSelected);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(doc, &Document::changed, this, &SnapshotDialog::refresh);
    refresh();
}

void SnapshotDialog::refresh()
{
    const auto &list = m_doc->workbook().snapshots;
    m_table->setRowCount(static_cast<int>(list.size()));
    for (int r = 0; r < static_cast<int>(list.size()); ++r) {
        const Snapshot &s = list[static_cast<std::size_t>(r)];
        const SnapshotCase p = s.portfolio();
        m_table->setItem(r, 0, cell(QString::fromStdString(s.label)));
        m_table->setItem(r, 1, cell(QString::fromStdString(s.scenario)));
        m_table->setItem(r, 2, cell(QString::fromStdString(s.takenOn.toString())));
        m_table->setItem(r, 3, cell(QString::fromStdString(s.takenBy)));
        m_table->setItem(r, 4, cell(QString::fromStdString(s.startMonth.toString())));
        m_table->setItem(r, 5, cell(QString::number(s.months), true));
        m_table->setItem(r, 6, cell(money(p.total(SnapshotRow::Cost), s.currency), true));
        m_table->setItem(r, 7, cell(money(p.total(SnapshotRow::Net), s.currency), true));
    }
    m_table->resizeColumnsToContents();
}

void SnapshotDialog::take()
{
    QString error;
    if (!takeSnapshot(m_doc, m_scenario->currentIndex(), m_label->text(), m_who->text(),
                      QDate::currentDate(), &error)) {
        QMessageBox::warning(this, windowTitle(), error);
        return;
    }
    m_label->clear();
}

QList<int> SnapshotDialog::selectedRows() const
{
    QList<int> rows;
    const auto ranges = m_table->selectedRanges();
    for (const QTableWidgetSelectionRange &range : ranges) {
        for (int r = range.topRow(); r <= range.bottomRow(); ++r)
            rows << r;
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

void SnapshotDialog::renameSelected()
{
    const QList<int> rows = selectedRows();
    if (rows.size() != 1)
        return;
    const auto &s = m_doc->workbook().snapshots[static_cast<std::size_t>(rows[0])];
    bool ok = false;
    const QString label =
        QInputDialog::getText(this, tr("Rename Snapshot"), tr("Label:"), QLineEdit::Normal,
                              QString::fromStdString(s.label), &ok);
    if (!ok)
        return;
    QString error;
    if (!renameSnapshot(m_doc, rows[0], label, &error))
        QMessageBox::warning(this, windowTitle(), error);
}

void SnapshotDialog::deleteSelected()
{
    const QList<int> rows = selectedRows();
    for (auto it = rows.rbegin(); it != rows.rend(); ++it)
        deleteSnapshot(m_doc, *it);
}

void SnapshotDialog::compareSelected()
{
    const QList<int> rows = selectedRows();
    if (rows.size() == 2)
        compare(rows[0], rows[1]);
}

void SnapshotDialog::compare(int a, int b)
{
    const auto &list = m_doc->workbook().snapshots;
    if (a < 0 || b < 0 || static_cast<std::size_t>(std::max(a, b)) >= list.size())
        return;
    const Snapshot &sa = list[static_cast<std::size_t>(a)];
    const Snapshot &sb = list[static_cast<std::size_t>(b)];
    const auto diff = compareSnapshots(sa, sb);
    const auto cost = static_cast<std::size_t>(SnapshotRow::Cost);
    const auto net = static_cast<std::size_t>(SnapshotRow::Net);
    m_compare->setHorizontalHeaderLabels(
        {tr("Use case"), tr("TCO (%1)").arg(QString::fromStdString(sa.label)),
         tr("TCO (%1)").arg(QString::fromStdString(sb.label)), tr("Δ TCO"),
         tr("Net (%1)").arg(QString::fromStdString(sa.label)),
         tr("Net (%1)").arg(QString::fromStdString(sb.label)), tr("Δ Net")});
    m_compare->setRowCount(static_cast<int>(diff.size()));
    const std::string &cur = sa.currency;
    for (int r = 0; r < static_cast<int>(diff.size()); ++r) {
        const SnapshotDifference &d = diff[static_cast<std::size_t>(r)];
        const auto side = [&](bool in, double v) {
            return in ? money(v, cur) : tr("—");
        };
        m_compare->setItem(r, 0, cell(QString::fromStdString(d.useCase)));
        m_compare->setItem(r, 1, cell(side(d.inA, d.totalA[cost]), true));
        m_compare->setItem(r, 2, cell(side(d.inB, d.totalB[cost]), true));
        m_compare->setItem(r, 3, cell(money(d.totalB[cost] - d.totalA[cost], cur), true));
        m_compare->setItem(r, 4, cell(side(d.inA, d.totalA[net]), true));
        m_compare->setItem(r, 5, cell(side(d.inB, d.totalB[net]), true));
        m_compare->setItem(r, 6, cell(money(d.totalB[net] - d.totalA[net], cur), true));
    }
    m_compare->resizeColumnsToContents();
}

} // namespace roi
