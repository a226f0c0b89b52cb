// File > Import Actuals…: the format detected from the file (and a way to override it), a
// preview of the first rows as the importer reads them, the refused rows with file:line:column,
// and for a plain CSV the column mapping, picked from the workbook's saved mappings by name or
// set up here and saved under a name. Reads only the first rows; the import itself runs later
// on a worker thread (actualscontroller.h).
#pragma once

#include "actuals/actuals.h"
#include "actuals/import/importer.h"

#include <QDialog>
#include <QStringList>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QGroupBox;
class QPushButton;
class QTableView;
class QTimer;

namespace roi {

class ColumnMappingEditor;
class TableModel;

/// Records shown in the preview.
inline constexpr int kPreviewRecords = 50;

/// What the preview read: the first records and the refused rows among the rows read.
struct ImportPreview
{
    bool ok = false;
    QString error; // file-level: unreadable, unknown format, bad mapping
    actuals::ImportStats stats;
    std::vector<actuals::UsageRecord> records;
};

/// Reads up to `maxRecords` records of `path` with `options` (stops early through the progress
/// callback).
ImportPreview readPreview(const QString &path, const actuals::ImportOptions &options,
                          int maxRecords = kPreviewRecords);

/// The first bytes of a file (decompressed when gzip), for detection and the CSV headers.
QByteArray fileHead(const QString &path, qint64 maxBytes = 64 * 1024);

QString formatText(actuals::SourceFormat format);

class ImportActualsDialog : public QDialog
{
    Q_OBJECT

public:
    ImportActualsDialog(const QString &path, std::vector<actuals::ColumnMapping> saved,
                        const QString &currency, QWidget *parent = nullptr);

    QString path() const { return m_path; }
    /// What the file looks like (Auto when nothing fits).
    actuals::SourceFormat detected() const { return m_detected; }
    /// The format the import will use (the detected one unless overridden).
    actuals::SourceFormat format() const;
    void setFormat(actuals::SourceFormat format);
    /// The options of the import: format, and the mapping for a plain CSV.
    actuals::ImportOptions options() const;
    /// Rates the workbook already has (currencies the dialog then does not ask about).
    void setKnownRates(std::vector<actuals::CurrencyRate> rates);
    /// The rates entered for the currencies of the preview's rows that the workbook lacks
    /// ("1 EUR = 1.08 USD"); the import is refused without them.
    std::vector<actuals::CurrencyRate> rates() const;
    /// The rate field of a currency, or null when the dialog does not ask for it.
    QLineEdit *rateEdit(const QString &currency) const;
    /// The mapping to save in the workbook with the import (new or changed), if any.
    std::optional<actuals::ColumnMapping> mappingToSave() const;
    const ImportPreview &preview() const { return m_preview; }

    // For tests: the widgets a user drives.
    QComboBox *formatCombo() const { return m_formatCombo; }
    QComboBox *savedMappingCombo() const { return m_savedCombo; }
    QLineEdit *mappingNameEdit() const { return m_nameEdit; }
    ColumnMappingEditor *mappingEditor() const { return m_editor; }
    QTableView *previewTable() const { return m_table; }
    QLabel *summaryLabel() const { return m_summary; }
    QPushButton *importButton() const { return m_importButton; }
    /// Re-reads the preview now (it otherwise follows edits after a short pause).
    void refreshPreview();

private:
    void formatChanged();
    void savedMappingChosen();
    void readHeaders(char delimiter);
    void updateButtons();
    void updateRates();

    QString m_path;
    std::vector<actuals::ColumnMapping> m_saved;
    QString m_currency;
    QByteArray m_head;
    actuals::SourceFormat m_detected = actuals::SourceFormat::Auto;
    ImportPreview m_preview;
    bool m_filling = false;

    QLabel *m_fileLabel;
    QComboBox *m_formatCombo;
    QLabel *m_detectedLabel;
    QGroupBox *m_mappingBox;
    QComboBox *m_savedCombo;
    QLineEdit *m_nameEdit;
    QCheckBox *m_saveCheck;
    ColumnMappingEditor *m_editor;
    QLabel *m_mappingProblem;
    TableModel *m_model;
    QTableView *m_table;
    QLabel *m_summary;
    QLabel *m_issues;
    QWidget *m_ratesBox;
    std::vector<actuals::CurrencyRate> m_knownRates;
    std::vector<std::pair<QString, QLineEdit *>> m_rateEdits;
    QPushButton *m_importButton;
    QTimer *m_previewTimer;
};

} // namespace roi
