// File > New from Template: a gallery of the bundled workbook templates, each with its name,
// description and the ROI range it expects, to start a new workbook from.
#pragma once

#include <QDialog>
#include <QString>
#include <QVector>

class QLabel;
class QListWidget;

namespace roi {

/// What the gallery shows of one template file.
struct TemplateInfo
{
    QString path;
    QString name;
    QString description; // without the "Expected ROI" line
    QString expected;    // e.g. "Expected ROI: 60% to 180% over 36 months." or empty
    QString stage;       // maturity stage of the first use case
    QString baseline;    // "Baseline 2026-10-15: Helpdesk analytics export, ..."
};

/// Reads the templates (unreadable files are left out).
QVector<TemplateInfo> readTemplates(const QStringList &files);

class TemplateGallery : public QDialog
{
    Q_OBJECT

public:
    explicit TemplateGallery(const QVector<TemplateInfo> &templates, QWidget *parent = nullptr);

    /// The file of the selected template; empty when none.
    QString selectedPath() const;
    QListWidget *list() const { return m_list; }

private:
    void showDetails(int row);

    QVector<TemplateInfo> m_templates;
    QListWidget *m_list;
    QLabel *m_details;
};

} // namespace roi
