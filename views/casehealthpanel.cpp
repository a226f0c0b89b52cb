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
    m_list->clear();
    int errors = 0;
    int warnings = 0;
    QStyle *style = QApplication::style();
    for (const Finding &f : res.findings) {
        if (!m_all->isChecked() && f.useCase >= 0 && useCase >= 0 && f.useCase != useCase)
            continue;
        QString text = QString::fromStdString(f.message);
        if (m_all->isChecked() && f.useCase >= 0 && f.useCase < static_cast<int>(wb.useCases.size())
            && !text.startsWith(QLatin1Char('\'')))
            text = QStringLiteral("%1: %2").arg(
                QString::fromStdString(wb.useCases[static_cast<std::size_t>(f.useCase)].name),
                text);
        auto *item =
            new QListWidgetItem(text + QStringLiteral("\n→ ") + QString::fromStdString(f.fix));
        QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
        if (f.severity == Severity::Error) {
            icon = QStyle::SP_MessageBoxCritical;
            ++errors;
        } else if (f.severity == Severity::Warning) {
            icon = QStyle::SP_MessageBoxWarning;
            ++warnings;
        }
        item->setIcon(style->standardIcon(icon));
        item->setToolTip(tr("Input: %1\nClick to go there.").arg(QString::fromStdString(f.input)));
        item->setData(UseCaseRole, f.useCase);
        item->setData(InputRole, QString::fromStdString(f.input));
        item->setData(ScenarioRole, QString::fromStdString(f.scenario));
        m_list->addItem(item);
    }
    if (m_list->count() == 0)
        m_summary->setText(tr("✓ No red flags: the case holds up to the standard checks."));
    else
        m_summary->setText(tr("%1 error(s), %2 warning(s), %3 note(s)")
                               .arg(errors)
                               .arg(warnings)
                               .arg(m_list->count() - errors - warnings));
}

} // namespace roi
