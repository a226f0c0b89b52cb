#include "templategallery.h"

#include "filebytes.h"

#include "templates.h"
#include "workbookfile.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace roi {

QVector<TemplateInfo> readTemplates(const QStringList &files)
{
    QVector<TemplateInfo> out;
    for (const QString &path : files) {
        const auto bytes = readFileBytes(path, static_cast<qint64>(limits::kMaxFileBytes), nullptr);
        if (!bytes)
            continue;
        const LoadResult r = readWorkbook(
            std::string_view(bytes->constData(), static_cast<std::size_t>(bytes->size())));
        if (!r.ok() || r.workbook->useCases.empty())
            continue;
        const Workbook &wb = *r.workbook;
        const UseCase &uc = wb.useCases.front();
        TemplateInfo t;
        t.path = path;
        t.name = QString::fromStdString(wb.settings.name);
        QString description = QString::fromStdString(uc.description);
        const qsizetype at = description.lastIndexOf(QStringLiteral("Expected ROI: "));
        if (at >= 0 && expectedRoiRange(uc.description)) {
            t.expected = description.mid(at).trimmed();
            description = description.left(at).trimmed();
        }
        t.description = description;
        t.stage = QString::fromUtf8(enumLabel(uc.maturity).data(),
                                    static_cast<qsizetype>(enumLabel(uc.maturity).size()));
        t.baseline = QObject::tr("Baseline %1: %2")
                         .arg(QString::fromStdString(uc.baseline.capturedOn.toString()),
                              QString::fromStdString(uc.baseline.source));
        out.append(t);
    }
    return out;
}

TemplateGallery::TemplateGallery(const QVector<TemplateInfo> &templates, QWidget *parent)
    : QDialog(parent)
    , m_templates(templates)
    , m_list(new QListWidget(this))
    , m_details(new QLabel(this))
{
    setWindowTitle(tr("New from Template"));
    setObjectName(QStringLiteral("templateGallery"));
    m_list->setObjectName(QStringLiteral("templateList"));
    m_list->setMinimumWidth(260);
    m_list->setSpacing(2);
    for (const TemplateInfo &t : templates) {
        // The expected range under the name, so the list compares the cases at a glance.
        QString range;
        if (const auto r = expectedRoiRange(t.expected.toStdString()))
            range = tr("\nROI %1% to %2%").arg(r->low).arg(r->high);
        auto *item = new QListWidgetItem(t.name + range, m_list);
        item->setToolTip(t.expected);
    }
    m_details->setObjectName(QStringLiteral("templateDetails"));
    m_details->setWordWrap(true);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setMinimumWidth(380);
    m_details->setTextFormat(Qt::RichText);
    m_details->setMargin(8);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create Workbook"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, [this, buttons](int row) {
        showDetails(row);
        buttons->button(QDialogButtonBox::Ok)->setEnabled(row >= 0);
    });
    connect(m_list, &QListWidget::itemDoubleClicked, this, &QDialog::accept);

    auto *intro = new QLabel(tr("Each template is a realistic, dated case: the headline counts "
                                "only value that releases budget, capacity is shown apart, and "
                                "every model check passes. Start from the closest one and "
                                "replace the figures with yours."),
                             this);
    intro->setWordWrap(true);
    auto *body = new QHBoxLayout;
    body->addWidget(m_list);
    body->addWidget(m_details, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(body, 1);
    layout->addWidget(buttons);
    resize(760, 440);
    if (!templates.isEmpty())
        m_list->setCurrentRow(0);
    else
        showDetails(-1);
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!templates.isEmpty());
}

QString TemplateGallery::selectedPath() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_templates.size() ? m_templates[row].path : QString();
}

void TemplateGallery::showDetails(int row)
{
    if (row < 0 || row >= m_templates.size()) {
        m_details->setText(tr("No templates are installed."));
        return;
    }
    const TemplateInfo &t = m_templates[row];
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p>")
                       .arg(t.name.toHtmlEscaped(), t.description.toHtmlEscaped());
    if (!t.expected.isEmpty())
        html += QStringLiteral("<p><b>%1</b></p>").arg(t.expected.toHtmlEscaped());
    html +=
        QStringLiteral("<p style=\"color:#555\">%1<br>%2</p>")
            .arg(tr("Maturity stage: %1").arg(t.stage).toHtmlEscaped(), t.baseline.toHtmlEscaped());
    m_details->setText(html);
}

} // namespace roi
