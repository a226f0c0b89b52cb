#include "exportdialog.h"

#include "export/uncertaintyexport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace roi {

using namespace Qt::StringLiterals;

ExportDialog::ExportDialog(const Workbook &workbook, const QString &workbookPath, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export"));
    QString fileName = suggestedReportFileName(workbook, ReportFormat::Pdf);
    fileName.chop(4); // ".pdf"
    m_baseName = fileName;

    m_format = new QComboBox(this);
    m_format->setObjectName(u"format"_s);
    for (ReportFormat f : kAllReportFormats)
        m_format->addItem(reportFormatLabel(f), static_cast<int>(f));

    m_scenario = new QComboBox(this);
    m_scenario->setObjectName(u"scenario"_s);
    const auto base = std::find_if(workbook.scenarios.begin(), workbook.scenarios.end(),
                                   [](const Scenario &s) { return s.name == kBaseScenario; });
    const QString headline = base != workbook.scenarios.end() ? QString::fromStdString(base->name)
                             : workbook.scenarios.empty()
                                 ? QString()
                                 : QString::fromStdString(workbook.scenarios[0].name);
    m_scenario->addItem(headline.isEmpty() ? tr("Every scenario")
                                           : tr("Every scenario (headline: %1)").arg(headline),
                        -1);
    for (std::size_t s = 0; s < workbook.scenarios.size(); ++s)
        m_scenario->addItem(QString::fromStdString(workbook.scenarios[s].name),
                            static_cast<int>(s));

    m_path = new QLineEdit(this);
    m_path->setObjectName(u"path"_s);
    m_path->setMinimumWidth(360);
    m_path->setClearButtonEnabled(true);
    m_browse = new QPushButton(tr("Browse…"), this);
    m_browse->setObjectName(u"browse"_s);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);

    m_note = new QLabel(this);
    m_note->setObjectName(u"note"_s);
    m_note->setWordWrap(true);
    m_warning = new QLabel(this);
    m_warning->setObjectName(u"warning"_s);
    m_warning->setWordWrap(true);

    // Which use cases get a full section of a PDF or HTML report; the others are in the
    // comparison, the overview and the brief tables.
    m_sections = new QComboBox(this);
    m_sections->setObjectName(u"sections"_s);
    const int count = static_cast<int>(workbook.useCases.size());
    m_sections->addItem(count > kAutoFullSectionsUpTo
                            ? tr("Automatic (the best %1 of %2)").arg(kAutoTopCount).arg(count)
                            : tr("Automatic (all %1)").arg(count),
                        static_cast<int>(UseCaseSections::Auto));
    m_sections->addItem(tr("Every use case"), static_cast<int>(UseCaseSections::All));
    m_sections->addItem(tr("The best"), static_cast<int>(UseCaseSections::Top));
    m_sections->addItem(tr("None (overview and brief tables)"),
                        static_cast<int>(UseCaseSections::None));
    m_topCount = new QSpinBox(this);
    m_topCount->setObjectName(u"topCount"_s);
    m_topCount->setRange(1, 1000);
    m_topCount->setValue(kAutoTopCount);
    m_rankBy = new QComboBox(this);
    m_rankBy->setObjectName(u"rankBy"_s);
    m_rankBy->addItem(tr("by NPV"), static_cast<int>(RankKpi::Npv));
    m_rankBy->addItem(tr("by ROI"), static_cast<int>(RankKpi::Roi));
    m_rankBy->addItem(tr("by payback"), static_cast<int>(RankKpi::Payback));
    m_rankBy->addItem(tr("by hard benefit"), static_cast<int>(RankKpi::HardBenefit));
    m_sectionsRow = new QWidget(this);
    auto *sectionsRow = new QHBoxLayout(m_sectionsRow);
    sectionsRow->setContentsMargins(0, 0, 0, 0);
    sectionsRow->addWidget(m_sections, 1);
    sectionsRow->addWidget(m_topCount);
    sectionsRow->addWidget(m_rankBy);

    auto *form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("&Scenario:"), m_scenario);
    auto *sectionsLabel = new QLabel(tr("Use cases in &full:"), this);
    sectionsLabel->setBuddy(m_sections);
    form->addRow(sectionsLabel, m_sectionsRow);
    m_trialSamples = new QCheckBox(tr("Add every trial's outputs and drawn inputs"), this);
    m_trialSamples->setObjectName(u"trialSamples"_s);
    m_trialSamples->setToolTip(tr("CSV and Excel: the Monte Carlo percentile tables are always "
                                  "included; this adds one row per trial."));
    form->addRow(tr("Monte &Carlo:"), m_trialSamples);
    auto *pathLabel = new QLabel(tr("&Save as:"), this);
    pathLabel->setBuddy(m_path);
    form->addRow(pathLabel, pathRow);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(m_warning);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    // The folder used last, else the workbook's, else Documents; the format used last.
    QSettings settings;
    QString folder = settings.value(lastFolderKey()).toString();
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = workbookPath.isEmpty() ? QString() : QFileInfo(workbookPath).absolutePath();
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const auto remembered = reportFormatFromName(settings.value(lastFormatKey()).toString());
    m_shownFormat = remembered.value_or(ReportFormat::Pdf);
    m_format->setCurrentIndex(m_format->findData(static_cast<int>(m_shownFormat)));
    m_path->setText(QDir(folder).filePath(m_baseName + u'.' + reportFormatSuffix(m_shownFormat)));

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    connect(m_scenario, &QComboBox::currentIndexChanged, this, &ExportDialog::updateState);
    connect(m_sections, &QComboBox::currentIndexChanged, this, &ExportDialog::updateState);
    connect(m_path, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    connect(m_trialSamples, &QCheckBox::toggled, this, &ExportDialog::updateState);
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    updateState();
}

QString ExportDialog::lastFolderKey()
{
    return u"export/lastFolder"_s;
}

QString ExportDialog::lastFormatKey()
{
    return u"export/lastFormat"_s;
}

ReportFormat ExportDialog::format() const
{
    return static_cast<ReportFormat>(m_format->currentData().toInt());
}

void ExportDialog::setFormat(ReportFormat format)
{
    m_format->setCurrentIndex(m_format->findData(static_cast<int>(format)));
}

int ExportDialog::scenario() const
{
    return m_scenario->currentData().toInt();
}

void ExportDialog::setScenario(int scenario)
{
    const int index = m_scenario->findData(scenario);
    m_scenario->setCurrentIndex(index >= 0 ? index : 0);
}

QString ExportDialog::outputPath() const
{
    return m_path->text().trimmed();
}

void ExportDialog::setOutputPath(const QString &path)
{
    m_path->setText(path);
}

ReportOptions ExportDialog::options() const
{
    ReportOptions options;
    options.scenario = scenario();
    options.outputPath = outputPath();
    options.today = QDate::currentDate();
    options.locale = QLocale();
    options.sections = sections();
    options.topCount = m_topCount->value();
    options.rankBy = static_cast<RankKpi>(m_rankBy->currentData().toInt());
    options.includeTrialSamples = m_trialSamples->isEnabled() && m_trialSamples->isChecked();
    return options;
}

UseCaseSections ExportDialog::sections() const
{
    return static_cast<UseCaseSections>(m_sections->currentData().toInt());
}

void ExportDialog::setSections(UseCaseSections sections)
{
    const int index = m_sections->findData(static_cast<int>(sections));
    m_sections->setCurrentIndex(index >= 0 ? index : 0);
}

void ExportDialog::formatChanged()
{
    // Follow the format with the suffix when the path still has the previous one.
    const ReportFormat now = format();
    const QString oldSuffix = u'.' + reportFormatSuffix(m_shownFormat);
    QString path = m_path->text();
    if (path.endsWith(oldSuffix, Qt::CaseInsensitive)) {
        path.chop(oldSuffix.size());
        m_path->setText(path + u'.' + reportFormatSuffix(now));
    }
    m_shownFormat = now;
    updateState();
}

void ExportDialog::browse()
{
    const ReportFormat f = format();
    const QString chosen =
        QFileDialog::getSaveFileName(this, tr("Export as"), outputPath(), reportFormatFilter(f));
    if (chosen.isEmpty())
        return;
    const QString suffix = u'.' + reportFormatSuffix(f);
    m_path->setText(chosen.endsWith(suffix, Qt::CaseInsensitive) ? chosen : chosen + suffix);
}

void ExportDialog::updateState()
{
    const ReportFormat f = format();
    m_sectionsRow->setEnabled(reportFormatNeedsGui(f));
    m_trialSamples->setEnabled(f == ReportFormat::Csv || f == ReportFormat::Xlsx);
    const bool top = sections() == UseCaseSections::Top;
    m_topCount->setVisible(top);
    m_rankBy->setVisible(top);
    const QString path = outputPath();
    QString note;
    switch (f) {
    case ReportFormat::Pdf:
    case ReportFormat::Html:
        note = tr("The report shows every scenario; the one chosen is the headline.");
        break;
    case ReportFormat::Csv: {
        const QStringList files = csvOutputPaths(path.isEmpty() ? m_baseName : path);
        const QStringList more =
            csvUncertaintyPaths(path.isEmpty() ? m_baseName : path, m_trialSamples->isChecked());
        note = tr("Writes %1 (monthly series), %2 (KPIs), %3 (each cost layer and value driver) "
                  "and %4 (Monte Carlo percentiles)%5.")
                   .arg(QFileInfo(files[0]).fileName(), QFileInfo(files[1]).fileName(),
                        QFileInfo(files[2]).fileName(), QFileInfo(more[0]).fileName(),
                        more.size() > 1
                            ? tr(" and %1 (every trial)").arg(QFileInfo(more[1]).fileName())
                            : QString());
        break;
    }
    case ReportFormat::Xlsx:
        note = tr("A working model: named inputs, a scenario selector, every monthly figure and "
                  "KPI a formula; change an input and it recomputes. With the Monte Carlo "
                  "percentiles%1.")
                   .arg(m_trialSamples->isChecked() ? tr(" and every trial") : QString());
        break;
    case ReportFormat::XlsxValues:
        note = tr("A Summary sheet, the run rate, one sheet of monthly series per use case, "
                  "the model checks and the Monte Carlo percentiles%1.")
                   .arg(m_trialSamples->isChecked() ? tr(" with every trial") : QString());
        break;
    case ReportFormat::Json:
        note = tr("KPIs, run rate and model checks as JSON.");
        break;
    }
    if (!reportFormatNeedsGui(f) && scenario() >= 0)
        note += u' ' + tr("Only the chosen scenario is exported.");
    m_note->setText(note);

    QString warning;
    const QStringList targets =
        f == ReportFormat::Csv
            ? csvOutputPaths(path) + csvUncertaintyPaths(path, m_trialSamples->isChecked())
            : QStringList{path};
    if (!path.isEmpty()) {
        const QFileInfo info(path);
        if (info.isDir())
            warning = tr("This is a folder; add a file name.");
        else if (!QFileInfo(info.absolutePath()).isDir())
            warning = tr("The folder does not exist.");
        else if (std::any_of(targets.begin(), targets.end(),
                             [](const QString &t) { return QFileInfo::exists(t); }))
            warning = tr("A file of that name exists and will be replaced.");
    }
    m_warning->setText(warning);
    m_warning->setVisible(!warning.isEmpty());
    const bool usable = !path.isEmpty() && !QFileInfo(path).isDir()
                        && QFileInfo(QFileInfo(path).absolutePath()).isDir();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(usable);
}

void ExportDialog::accept()
{
    if (!m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return;
    QSettings settings;
    settings.setValue(lastFolderKey(), QFileInfo(outputPath()).absolutePath());
    settings.setValue(lastFormatKey(), reportFormatName(format()));
    QDialog::accept();
}

} // namespace roi
