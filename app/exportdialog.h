// The Export dialog the window opens from its Export menu: format, scenario and output file
// (typed or chosen with Browse), remembering the last folder and format in QSettings. It only
// collects the choices; the caller exports and reports errors:
//
//     ExportDialog dialog(workbook, filePath, this);
//     if (dialog.exec() == QDialog::Accepted) {
//         QString error;
//         if (!exportReport(workbook, results, dialog.format(), dialog.options(), &error))
//             QMessageBox::warning(this, tr("Export"), error);
//     }
#pragma once

#include "reportexporter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace roi {

class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    /// `workbookPath` (may be empty) is where the workbook lives; the first export goes beside
    /// it, later ones to the folder used last.
    explicit ExportDialog(const Workbook &workbook, const QString &workbookPath = {},
                          QWidget *parent = nullptr);

    ReportFormat format() const;
    void setFormat(ReportFormat format);
    /// -1: every scenario (Base the headline), else the scenario's index.
    int scenario() const;
    void setScenario(int scenario);
    QString outputPath() const;
    void setOutputPath(const QString &path);
    /// PDF and HTML: which use cases get a full section (Auto, All, Top or None; a named list
    /// is the command line's --section).
    UseCaseSections sections() const;
    void setSections(UseCaseSections sections);
    /// CSV and XLSX: every Monte Carlo trial's samples too (ReportOptions::includeTrialSamples).
    QCheckBox *trialSamplesBox() const { return m_trialSamples; }
    /// Scenario, output path, today's date, the sections and the trial samples for
    /// exportReport().
    ReportOptions options() const;

    /// The QSettings keys the dialog remembers.
    static QString lastFolderKey();
    static QString lastFormatKey();

    void accept() override;

private:
    void browse();
    void formatChanged();
    void updateState();

    QString m_baseName; // the default file name without suffix
    QComboBox *m_format = nullptr;
    QComboBox *m_scenario = nullptr;
    QComboBox *m_sections = nullptr;
    QSpinBox *m_topCount = nullptr;
    QComboBox *m_rankBy = nullptr;
    QCheckBox *m_trialSamples = nullptr;
    QWidget *m_sectionsRow = nullptr;
    QLineEdit *m_path = nullptr;
    QPushButton *m_browse = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_warning = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    ReportFormat m_shownFormat = ReportFormat::Pdf; // the format the path's suffix follows
};

} // namespace roi
