#include "importactualsdialog.h"

#include "actuals/columnmappingeditor.h"
#include "numberformat.h"
#include "tablemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleValidator>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <zlib.h>

namespace roi {

using actuals::ColumnMapping;
using actuals::SourceFormat;
using actuals::UsageRecord;

namespace {

constexpr SourceFormat kFormats[] = {SourceFormat::Focus,          SourceFormat::OpenAiUsage,
                                     SourceFormat::OpenAiCosts,    SourceFormat::AnthropicUsage,
                                     SourceFormat::AnthropicCosts, SourceFormat::LiteLlm,
                                     SourceFormat::MappedCsv};

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString costKindText(actuals::CostKind kind)
{
    switch (kind) {
    case actuals::CostKind::None:
        return ImportActualsDialog::tr("priced by date");
    case actuals::CostKind::Billed:
        return ImportActualsDialog::tr("billed");
    case actuals::CostKind::Effective:
        return ImportActualsDialog::tr("effective");
    case actuals::CostKind::List:
        return ImportActualsDialog::tr("list");
    case actuals::CostKind::Estimated:
        return ImportActualsDialog::tr("estimated");
    }
    return {};
}

QString keysText(const actuals::AttributionKeys &k)
{
    QStringList parts;
    auto add = [&](const QString &name, const std::string &value) {
        if (!value.empty())
            parts << name + QLatin1Char('=') + qs(value);
    };
    add(QStringLiteral("feature"), k.feature);
    add(QStringLiteral("team"), k.team);
    add(QStringLiteral("customer"), k.customer);
    add(QStringLiteral("project"), k.project);
    add(QStringLiteral("user"), k.user);
    for (const auto &[key, value] : k.tags)
        add(qs(key), value);
    return parts.join(QStringLiteral(", "));
}

QString issueText(const actuals::ImportIssue &issue)
{
    QString where = QFileInfo(qs(issue.file)).fileName();
    if (issue.line > 0) {
        where += QLatin1Char(':') + QString::number(issue.line);
        if (issue.column > 0)
            where += QLatin1Char(':') + QString::number(issue.column);
    }
    return where + QStringLiteral(": ") + qs(issue.message);
}

} // namespace

QString formatText(SourceFormat format)
{
    if (format == SourceFormat::Auto)
        return ImportActualsDialog::tr("not recognised");
    return qs(actuals::formatLabel(format));
}

QByteArray fileHead(const QString &path, qint64 maxBytes)
{
    // gzread reads plain files as they are and inflates gzip ones.
    QByteArray out;
    gzFile f = gzopen(QFile::encodeName(path).constData(), "rb");
    if (!f)
        return out;
    out.resize(static_cast<qsizetype>(maxBytes));
    const int n = gzread(f, out.data(), static_cast<unsigned>(maxBytes));
    gzclose(f);
    out.resize(std::max(0, n));
    return out;
}

ImportPreview readPreview(const QString &path, const actuals::ImportOptions &options,
                          int maxRecords)
{
    ImportPreview preview;
    actuals::ImportOptions opts = options;
    const auto limit = static_cast<std::size_t>(maxRecords);
    opts.progress = [&preview, limit](std::uint64_t, std::uint64_t) {
        return preview.records.size() < limit;
    };
    const actuals::ImportResult result = actuals::importFile(
        QFile::encodeName(path).toStdString(), opts, [&preview, limit](const UsageRecord &r) {
            if (preview.records.size() < limit)
                preview.records.push_back(r);
        });
    preview.stats = result.stats;
    // Stopping after the first rows is what the preview asked for, not a failure.
    preview.ok = result.ok || result.cancelled;
    preview.error = qs(result.error);
    return preview;
}

ImportActualsDialog::ImportActualsDialog(const QString &path, std::vector<ColumnMapping> saved,
                                         const QString &currency, QWidget *parent)
    : QDialog(parent)
    , m_path(path)
    , m_saved(std::move(saved))
    , m_currency(currency)
    , m_previewTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("importActualsDialog"));
    setWindowTitle(tr("Import Actuals"));
    auto *layout = new QVBoxLayout(this);

    const QFileInfo info(path);
    m_fileLabel = new QLabel(this);
    m_fileLabel->setTextFormat(Qt::RichText);
    m_fileLabel->setText(tr("<b>%1</b> &nbsp; %2 &nbsp; <span style='color:#5a6370'>%3</span>")
                             .arg(info.fileName().toHtmlEscaped(),
                                  QLocale().formattedDataSize(info.size()),
                                  info.absolutePath().toHtmlEscaped()));
    layout->addWidget(m_fileLabel);

    auto *formatRow = new QHBoxLayout;
    auto *formatLabel = new QLabel(tr("&Format:"), this);
    m_formatCombo = new QComboBox(this);
    m_formatCombo->setObjectName(QStringLiteral("formatCombo"));
    formatLabel->setBuddy(m_formatCombo);
    m_detectedLabel = new QLabel(this);
    m_detectedLabel->setObjectName(QStringLiteral("detectedFormat"));
    formatRow->addWidget(formatLabel);
    formatRow->addWidget(m_formatCombo);
    formatRow->addWidget(m_detectedLabel, 1);
    layout->addLayout(formatRow);

    m_mappingBox = new QGroupBox(tr("Column mapping of this CSV"), this);
    m_mappingBox->setObjectName(QStringLiteral("mappingBox"));
    auto *mapLayout = new QVBoxLayout(m_mappingBox);
    auto *savedRow = new QHBoxLayout;
    m_savedCombo = new QComboBox(m_mappingBox);
    m_savedCombo->setObjectName(QStringLiteral("savedMappings"));
    m_savedCombo->setToolTip(tr("Mappings saved in this workbook by earlier imports"));
    m_nameEdit = new QLineEdit(m_mappingBox);
    m_nameEdit->setObjectName(QStringLiteral("mappingName"));
    m_nameEdit->setPlaceholderText(tr("e.g. Gateway export"));
    m_saveCheck = new QCheckBox(tr("Save in the workbook as"), m_mappingBox);
    m_saveCheck->setObjectName(QStringLiteral("saveMapping"));
    m_saveCheck->setChecked(true);
    auto *savedLabel = new QLabel(tr("&Saved mapping:"), m_mappingBox);
    savedLabel->setBuddy(m_savedCombo);
    savedRow->addWidget(savedLabel);
    savedRow->addWidget(m_savedCombo, 1);
    savedRow->addSpacing(16);
    savedRow->addWidget(m_saveCheck);
    savedRow->addWidget(m_nameEdit, 1);
    mapLayout->addLayout(savedRow);
    m_editor = new ColumnMappingEditor(m_mappingBox);
    mapLayout->addWidget(m_editor);
    m_mappingProblem = new QLabel(m_mappingBox);
    m_mappingProblem->setObjectName(QStringLiteral("mappingProblem"));
    m_mappingProblem->setStyleSheet(QStringLiteral("color: #b3261e"));
    mapLayout->addWidget(m_mappingProblem);
    layout->addWidget(m_mappingBox);

    auto *previewBox = new QGroupBox(tr("Preview: the first rows as read"), this);
    auto *previewLayout = new QVBoxLayout(previewBox);
    m_model = new TableModel(this);
    m_model->setHeaders({tr("Day"), tr("Provider"), tr("Model"), tr("Input"), tr("Cache read"),
                         tr("Cache write"), tr("Output"), tr("Requests"), tr("Cost"), tr("Kind"),
                         tr("Keys")},
                        {tr("UTC day of the usage"),
                         {},
                         {},
                         tr("Uncached input tokens (billed at the full input rate)"),
                         tr("Input tokens read from a prompt cache"),
                         tr("Input tokens written to a prompt cache"),
                         tr("Output tokens"),
                         tr("Model calls"),
                         tr("Cost in the row's currency"),
                         tr("What the cost is: billed, effective, list, estimated, or none "
                            "(priced from the price book by date)"),
                         tr("Attribution keys: feature, team, customer, project, user, tags")});
    m_table = new QTableView(previewBox);
    m_table->setObjectName(QStringLiteral("previewTable"));
    m_table->setModel(m_model);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setMinimumHeight(200);
    previewLayout->addWidget(m_table);
    m_summary = new QLabel(previewBox);
    m_summary->setObjectName(QStringLiteral("previewSummary"));
    m_summary->setWordWrap(true);
    previewLayout->addWidget(m_summary);
    m_issues = new QLabel(previewBox);
    m_issues->setObjectName(QStringLiteral("previewIssues"));
    m_issues->setWordWrap(true);
    m_issues->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_issues->setStyleSheet(QStringLiteral("color: #b3261e"));
    previewLayout->addWidget(m_issues);
    m_ratesBox = new QWidget(previewBox);
    m_ratesBox->setObjectName(QStringLiteral("ratesBox"));
    new QHBoxLayout(m_ratesBox);
    m_ratesBox->layout()->setContentsMargins(0, 0, 0, 0);
    m_ratesBox->hide();
    previewLayout->addWidget(m_ratesBox);
    layout->addWidget(previewBox, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_importButton = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_importButton->setObjectName(QStringLiteral("importButton"));
    m_importButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    // Detection from the first bytes; a CSV no importer knows is a plain CSV to map.
    m_head = fileHead(path);
    const std::string head(m_head.constData(), static_cast<std::size_t>(m_head.size()));
    m_detected = actuals::detectFormat(head, info.fileName().toStdString());
    const bool csvLike = info.fileName().contains(QLatin1String(".csv"), Qt::CaseInsensitive)
                         || info.fileName().contains(QLatin1String(".tsv"), Qt::CaseInsensitive);
    const SourceFormat initial =
        m_detected == SourceFormat::Auto && csvLike ? SourceFormat::MappedCsv : m_detected;

    m_filling = true;
    for (SourceFormat f : kFormats)
        m_formatCombo->addItem(formatText(f), static_cast<int>(f));
    m_formatCombo->setCurrentIndex(std::max(0, m_formatCombo->findData(static_cast<int>(initial))));
    if (m_detected != SourceFormat::Auto)
        m_detectedLabel->setText(tr("detected: %1").arg(formatText(m_detected)));
    else
        m_detectedLabel->setText(csvLike ? tr("no known export: map its columns below")
                                         : tr("not recognised: pick the format if you know it"));
    m_savedCombo->addItem(tr("New mapping…"), -1);
    for (std::size_t i = 0; i < m_saved.size(); ++i)
        m_savedCombo->addItem(qs(m_saved[i].name), static_cast<int>(i));
    m_filling = false;

    readHeaders(',');
    m_editor->setMapping(guessMapping(m_editor->headers()));
    // A saved mapping whose columns are all in this file is the likely one.
    for (std::size_t i = 0; i < m_saved.size(); ++i) {
        const ColumnMapping &m = m_saved[i];
        const QStringList headers =
            csvHeaders(QString::fromUtf8(m_head.left(m_head.indexOf('\n'))), m.delimiter);
        if (headers.contains(qs(m.date)) && headers.contains(qs(m.model))) {
            m_savedCombo->setCurrentIndex(m_savedCombo->findData(static_cast<int>(i)));
            savedMappingChosen();
            break;
        }
    }

    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(200);
    connect(m_previewTimer, &QTimer::timeout, this, &ImportActualsDialog::refreshPreview);
    connect(m_formatCombo, &QComboBox::currentIndexChanged, this,
            &ImportActualsDialog::formatChanged);
    connect(m_savedCombo, &QComboBox::currentIndexChanged, this,
            &ImportActualsDialog::savedMappingChosen);
    connect(m_editor, &ColumnMappingEditor::changed, m_previewTimer, qOverload<>(&QTimer::start));
    connect(m_editor, &ColumnMappingEditor::delimiterChanged, this,
            &ImportActualsDialog::readHeaders);
    connect(m_nameEdit, &QLineEdit::textChanged, this, &ImportActualsDialog::updateButtons);
    connect(m_saveCheck, &QCheckBox::toggled, this, &ImportActualsDialog::updateButtons);

    m_mappingBox->setVisible(format() == SourceFormat::MappedCsv);
    refreshPreview();
    resize(1060, format() == SourceFormat::MappedCsv ? 760 : 560);
}

SourceFormat ImportActualsDialog::format() const
{
    return static_cast<SourceFormat>(m_formatCombo->currentData().toInt());
}

void ImportActualsDialog::setFormat(SourceFormat format)
{
    m_formatCombo->setCurrentIndex(m_formatCombo->findData(static_cast<int>(format)));
}

actuals::ImportOptions ImportActualsDialog::options() const
{
    actuals::ImportOptions o;
    o.format = format();
    if (o.format == SourceFormat::MappedCsv) {
        ColumnMapping m = m_editor->mapping();
        m.name = m_nameEdit->text().trimmed().toStdString();
        o.mapping = m;
    }
    return o;
}

std::optional<ColumnMapping> ImportActualsDialog::mappingToSave() const
{
    if (format() != SourceFormat::MappedCsv || !m_saveCheck->isChecked())
        return std::nullopt;
    const ColumnMapping m = *options().mapping;
    if (m.name.empty())
        return std::nullopt;
    for (const ColumnMapping &s : m_saved) {
        if (s == m)
            return std::nullopt; // saved as it is
    }
    return m;
}

void ImportActualsDialog::formatChanged()
{
    if (m_filling)
        return;
    const bool mapped = format() == SourceFormat::MappedCsv;
    if (mapped != m_mappingBox->isVisible()) {
        m_mappingBox->setVisible(mapped);
        if (mapped && height() < 700)
            resize(width(), 760);
    }
    refreshPreview();
}

void ImportActualsDialog::savedMappingChosen()
{
    if (m_filling)
        return;
    const int i = m_savedCombo->currentData().toInt();
    if (i >= 0 && i < static_cast<int>(m_saved.size())) {
        const ColumnMapping &m = m_saved[static_cast<std::size_t>(i)];
        readHeaders(m.delimiter);
        m_editor->setMapping(m);
        m_nameEdit->setText(qs(m.name));
    } else {
        m_nameEdit->clear();
        m_editor->setMapping(guessMapping(m_editor->headers()));
    }
    m_previewTimer->start();
}

void ImportActualsDialog::readHeaders(char delimiter)
{
    qsizetype end = m_head.indexOf('\n');
    if (end < 0)
        end = m_head.size();
    m_editor->setHeaders(csvHeaders(QString::fromUtf8(m_head.left(end)), delimiter));
}

void ImportActualsDialog::refreshPreview()
{
    m_previewTimer->stop();
    QVector<QVector<TableCell>> rows;
    const SourceFormat f = format();
    const QString problem = f == SourceFormat::MappedCsv ? m_editor->problem() : QString();
    m_mappingProblem->setText(problem);
    m_mappingProblem->setVisible(!problem.isEmpty());
    if (!problem.isEmpty()) {
        m_preview = {};
        m_preview.error = problem;
    } else {
        m_preview = readPreview(m_path, options());
    }
    const NumberFormat money(m_currency);
    for (const UsageRecord &r : m_preview.records) {
        auto count = [&](double v) {
            return TableCell(money.number(v), v, {}, true);
        };
        const QString currency = r.currency.empty() ? m_currency : qs(r.currency);
        const QString cost = r.costKind == actuals::CostKind::None
                                 ? QStringLiteral("—")
                                 : NumberFormat(currency).money(r.cost, r.cost < 1 ? 5 : 2);
        rows.push_back({TableCell(qs(r.day.toString())), TableCell(qs(r.provider)),
                        TableCell(qs(r.model)), count(r.uncachedInput), count(r.cacheReadInput),
                        count(r.cacheWriteInput), count(r.outputTokens), count(r.requests),
                        TableCell(cost, r.cost, {}, true), TableCell(costKindText(r.costKind)),
                        TableCell(keysText(r.keys), {}, keysText(r.keys))});
    }
    m_model->setRows(std::move(rows));
    m_table->resizeColumnsToContents();

    const actuals::ImportStats &s = m_preview.stats;
    QString summary;
    if (!m_preview.ok) {
        summary = m_preview.error.isEmpty()
                      ? tr("The file cannot be read as %1.").arg(formatText(f))
                      : m_preview.error;
    } else {
        summary = tr("%1 — first %n row(s) read: ", nullptr, static_cast<int>(s.rowsRead))
                      .arg(s.formatDetail.empty() ? formatText(f) : qs(s.formatDetail));
        summary += tr("%1 used, %2 refused, %3 not usage (tax, credits).")
                       .arg(s.rowsUsed)
                       .arg(s.rowsRefused)
                       .arg(s.rowsSkipped);
        if (m_preview.records.empty())
            summary += tr(" No usage row in the first rows read.");
    }
    m_summary->setText(summary);
    QStringList issues;
    for (std::size_t i = 0; i < s.issues.size() && i < 5; ++i)
        issues << issueText(s.issues[i]);
    if (s.rowsRefused > static_cast<std::uint64_t>(issues.size()))
        issues << tr("… and %n more", nullptr, static_cast<int>(s.rowsRefused - issues.size()));
    m_issues->setText(issues.join(QLatin1Char('\n')));
    m_issues->setVisible(!issues.isEmpty());
    updateRates();
    updateButtons();
}

void ImportActualsDialog::setKnownRates(std::vector<actuals::CurrencyRate> rates)
{
    m_knownRates = std::move(rates);
    updateRates();
    updateButtons();
}

void ImportActualsDialog::updateRates()
{
    // Currencies of the rows read that are neither the workbook's nor rated in it.
    QStringList needed;
    for (const UsageRecord &r : m_preview.records) {
        const QString c = qs(r.currency).toUpper();
        if (c.isEmpty() || c == m_currency || needed.contains(c))
            continue;
        const bool known = std::any_of(m_knownRates.begin(), m_knownRates.end(),
                                       [&](const auto &k) { return qs(k.currency) == c; });
        if (!known)
            needed << c;
    }
    QStringList shown;
    for (const auto &[c, edit] : m_rateEdits)
        shown << c;
    if (shown == needed)
        return;
    auto *layout = static_cast<QHBoxLayout *>(m_ratesBox->layout());
    while (QLayoutItem *item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_rateEdits.clear();
    for (const QString &c : needed) {
        layout->addWidget(new QLabel(tr("1 %1 =").arg(c), m_ratesBox));
        auto *edit = new QLineEdit(m_ratesBox);
        edit->setObjectName(QStringLiteral("rate") + c);
        edit->setMaximumWidth(100);
        edit->setPlaceholderText(tr("rate"));
        edit->setValidator(new QDoubleValidator(1e-9, 1e9, 6, edit));
        edit->setToolTip(
            tr("How many %1 one %2 is worth; stored with the import").arg(m_currency, c));
        layout->addWidget(edit);
        layout->addWidget(new QLabel(m_currency, m_ratesBox));
        layout->addSpacing(12);
        connect(edit, &QLineEdit::textChanged, this, &ImportActualsDialog::updateButtons);
        m_rateEdits.emplace_back(c, edit);
    }
    if (!needed.isEmpty()) {
        auto *note = new QLabel(
            tr("Amounts in other currencies need a rate to %1.").arg(m_currency), m_ratesBox);
        note->setStyleSheet(QStringLiteral("color: #5a6370"));
        layout->addWidget(note, 1);
    }
    m_ratesBox->setVisible(!needed.isEmpty());
}

std::vector<actuals::CurrencyRate> ImportActualsDialog::rates() const
{
    std::vector<actuals::CurrencyRate> out;
    for (const auto &[c, edit] : m_rateEdits) {
        bool ok = false;
        const double rate = QLocale().toDouble(edit->text(), &ok);
        if (ok && rate > 0)
            out.push_back({c.toStdString(), rate});
    }
    return out;
}

QLineEdit *ImportActualsDialog::rateEdit(const QString &currency) const
{
    for (const auto &[c, edit] : m_rateEdits) {
        if (c == currency)
            return edit;
    }
    return nullptr;
}

void ImportActualsDialog::updateButtons()
{
    bool ok = m_preview.ok && format() != SourceFormat::Auto;
    if (rates().size() < m_rateEdits.size())
        ok = false;
    if (format() == SourceFormat::MappedCsv && m_saveCheck->isChecked()
        && m_nameEdit->text().trimmed().isEmpty()) {
        ok = false;
        m_importButton->setToolTip(tr("Name the mapping to save it, or untick “Save”"));
    } else {
        m_importButton->setToolTip({});
    }
    m_importButton->setEnabled(ok);
}

} // namespace roi
