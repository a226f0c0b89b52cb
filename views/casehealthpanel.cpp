#include "casehealthpanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QListWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace roi {

namespace {

enum Roles { UseCaseRole = Qt::UserRole + 1, InputRole, ScenarioRole };

} // namespace

CaseHealthPanel::CaseHealthPanel(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_all(new QCheckBox(tr("All use cases"), this))
    , m_summary(new QLabel(this))
{
    m_list->setObjectName(QStringLiteral("findings"));
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSpacing(2);
    m_summary->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_all);
    connect(m_all, &QCheckBox::toggled, this, [this] {
        if (m_workbook && m_results)
            setData(*m_workbook, *m_results, m_useCase);
    });
    auto go = [this](QListWidgetItem *item) {
        if (item)
            Q_EMIT navigate(item->data(UseCaseRole).toInt(), item->data(InputRole).toString(),
                            item->data(ScenarioRole).toString());
    };
    connect(m_list, &QListWidget::itemActivated, this, go);
    connect(m_list, &QListWidget::itemClicked, this, go);
}

void CaseHealthPanel::setData(const Workbook &wb, const Results &res, int useCase)
{
    m_workbook = &wb;
    m_results = &res;
    m_useCase = useCase;
    const bool all = m_all->isChecked();
    std::vector<Finding> shown;
    std::vector<std::string> names;
    for (const Finding &f : res.findings) {
        if (!all && f.useCase >= 0 && useCase >= 0 && f.useCase != useCase)
            continue;
        shown.push_back(f);
        if (all && f.useCase >= 0 && f.useCase < static_cast<int>(wb.useCases.size()))
            names.push_back(wb.useCases[static_cast<std::size_t>(f.useCase)].name);
    }
    if (m_filled && all == m_shownAll && shown == m_shown && names == m_shownNames)
        return;
    m_filled = true;
    m_shownAll = all;
    m_shownNames = std::move(names);
    m_shown = std::move(shown);

    if (m_icons[0].isNull()) {
        QStyle *style = QApplication::style();
        m_icons[0] = style->standardIcon(QStyle::SP_MessageBoxCritical);
        m_icons[1] = style->standardIcon(QStyle::SP_MessageBoxWarning);
        m_icons[2] = style->standardIcon(QStyle::SP_MessageBoxInformation);
    }
    // A portfolio of 200 use cases has thousands of findings: the view lays them out in
    // batches after the first screenful, not all before the window paints again.
    m_list->setLayoutMode(m_shown.size() > 200 ? QListView::Batched : QListView::SinglePass);
    m_list->setUpdatesEnabled(false);
    m_list->clear();
    int errors = 0;
    int warnings = 0;
    for (const Finding &f : m_shown) {
        QString text = QString::fromStdString(f.message);
        if (all && f.useCase >= 0 && f.useCase < static_cast<int>(wb.useCases.size())
            && !text.startsWith(QLatin1Char('\'')))
            text = QStringLiteral("%1: %2").arg(
                QString::fromStdString(wb.useCases[static_cast<std::size_t>(f.useCase)].name),
                text);
        auto *item =
            new QListWidgetItem(text + QStringLiteral("\n→ ") + QString::fromStdString(f.fix));
        int icon = 2;
        if (f.severity == Severity::Error) {
            icon = 0;
            ++errors;
        } else if (f.severity == Severity::Warning) {
            icon = 1;
            ++warnings;
        }
        item->setIcon(m_icons[icon]);
        item->setToolTip(tr("Input: %1\nClick to go there.").arg(QString::fromStdString(f.input)));
        item->setData(UseCaseRole, f.useCase);
        item->setData(InputRole, QString::fromStdString(f.input));
        item->setData(ScenarioRole, QString::fromStdString(f.scenario));
        m_list->addItem(item);
    }
    m_list->setUpdatesEnabled(true);
    if (m_list->count() == 0)
        m_summary->setText(tr("✓ No red flags: the case holds up to the standard checks."));
    else
        m_summary->setText(tr("%1 error(s), %2 warning(s), %3 note(s)")
                               .arg(errors)
                               .arg(warnings)
                               .arg(m_list->count() - errors - warnings));
}

} // namespace roi
