#include "columnmappingeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace roi {

using actuals::ColumnMapping;

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

/// Lower case with separators dropped: "Input Tokens" and "input_tokens" compare equal.
QString squash(const QString &header)
{
    QString out = header.toLower();
    out.remove(QRegularExpression(QStringLiteral("[^a-z0-9]")));
    return out;
}

} // namespace

const std::vector<MappingField> &mappingFields()
{
    static const std::vector<MappingField> fields = {
        {"date", QT_TR_NOOP("Date"), &ColumnMapping::date, true},
        {"model", QT_TR_NOOP("Model"), &ColumnMapping::model, true},
        {"provider", QT_TR_NOOP("Provider"), &ColumnMapping::provider},
        {"uncachedInput", QT_TR_NOOP("Input tokens"), &ColumnMapping::uncachedInput},
        {"cacheReadInput", QT_TR_NOOP("Cache-read input"), &ColumnMapping::cacheReadInput},
        {"cacheWriteInput", QT_TR_NOOP("Cache-write input"), &ColumnMapping::cacheWriteInput},
        {"outputTokens", QT_TR_NOOP("Output tokens"), &ColumnMapping::outputTokens},
        {"requests", QT_TR_NOOP("Requests"), &ColumnMapping::requests},
        {"outcomes", QT_TR_NOOP("Outcomes"), &ColumnMapping::outcomes},
        {"cost", QT_TR_NOOP("Cost"), &ColumnMapping::cost},
        {"currency", QT_TR_NOOP("Currency"), &ColumnMapping::currency},
        {"feature", QT_TR_NOOP("Feature"), &ColumnMapping::feature},
        {"team", QT_TR_NOOP("Team"), &ColumnMapping::team},
        {"customer", QT_TR_NOOP("Customer"), &ColumnMapping::customer},
        {"project", QT_TR_NOOP("Project"), &ColumnMapping::project},
        {"user", QT_TR_NOOP("User"), &ColumnMapping::user},
        {"tags", QT_TR_NOOP("Tags"), &ColumnMapping::tags},
    };
    return fields;
}

ColumnMapping guessMapping(const QStringList &headers)
{
    // Names seen in gateway and billing exports, most specific first.
    static const std::vector<std::pair<std::string ColumnMapping::*, QStringList>> names = {
        {&ColumnMapping::date,
         {QStringLiteral("date"), QStringLiteral("day"), QStringLiteral("usagedate"),
          QStringLiteral("timestamp"), QStringLiteral("starttime"), QStringLiteral("time")}},
        {&ColumnMapping::model,
         {QStringLiteral("model"), QStringLiteral("modelname"), QStringLiteral("modelid")}},
        {&ColumnMapping::provider, {QStringLiteral("provider"), QStringLiteral("vendor")}},
        {&ColumnMapping::cacheReadInput,
         {QStringLiteral("cachedinputtokens"), QStringLiteral("cachereadtokens"),
          QStringLiteral("cachedtokens"), QStringLiteral("cacheread")}},
        {&ColumnMapping::cacheWriteInput,
         {QStringLiteral("cachewritetokens"), QStringLiteral("cachecreationtokens"),
          QStringLiteral("cachewrite")}},
        {&ColumnMapping::uncachedInput,
         {QStringLiteral("uncachedinputtokens"), QStringLiteral("inputtokens"),
          QStringLiteral("prompttokens"), QStringLiteral("input")}},
        {&ColumnMapping::outputTokens,
         {QStringLiteral("outputtokens"), QStringLiteral("completiontokens"),
          QStringLiteral("output")}},
        {&ColumnMapping::requests,
         {QStringLiteral("requests"), QStringLiteral("numrequests"), QStringLiteral("calls")}},
        {&ColumnMapping::outcomes, {QStringLiteral("outcomes"), QStringLiteral("resolved")}},
        {&ColumnMapping::cost,
         {QStringLiteral("cost"), QStringLiteral("costusd"), QStringLiteral("spend"),
          QStringLiteral("amount"), QStringLiteral("spendusd")}},
        {&ColumnMapping::currency, {QStringLiteral("currency")}},
        {&ColumnMapping::feature, {QStringLiteral("feature"), QStringLiteral("usecase")}},
        {&ColumnMapping::team, {QStringLiteral("team"), QStringLiteral("department")}},
        {&ColumnMapping::customer,
         {QStringLiteral("customer"), QStringLiteral("client"), QStringLiteral("account"),
          QStringLiteral("enduser")}},
        {&ColumnMapping::project, {QStringLiteral("project"), QStringLiteral("application")}},
        {&ColumnMapping::user, {QStringLiteral("user"), QStringLiteral("userid")}},
        {&ColumnMapping::tags, {QStringLiteral("tags"), QStringLiteral("labels")}},
    };
    ColumnMapping m;
    QStringList taken;
    // Exact names first, then names that start with one ("Spend USD", "Cost (EUR)").
    for (const bool prefix : {false, true}) {
        for (const auto &[member, candidates] : names) {
            if (!(m.*member).empty())
                continue;
            for (const QString &candidate : candidates) {
                for (const QString &h : headers) {
                    const QString sq = squash(h);
                    const bool fits = prefix ? sq.startsWith(candidate) : sq == candidate;
                    if (fits && !taken.contains(h)) {
                        m.*member = h.trimmed().toStdString();
                        taken << h;
                        break;
                    }
                }
                if (!(m.*member).empty())
                    break;
            }
        }
    }
    return m;
}

QStringList csvHeaders(const QString &firstLine, char delimiter)
{
    QStringList out;
    QString field;
    bool quoted = false;
    const QChar sep = QLatin1Char(delimiter);
    for (qsizetype i = 0; i < firstLine.size(); ++i) {
        const QChar c = firstLine[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < firstLine.size() && firstLine[i + 1] == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == sep) {
            out << field.trimmed();
            field.clear();
        } else if (c != QLatin1Char('\r') && c != QLatin1Char('\n')) {
            field += c;
        }
    }
    out << field.trimmed();
    if (!out.isEmpty() && out.first().startsWith(QChar(0xfeff)))
        out.first().remove(0, 1); // a UTF-8 byte-order mark
    out.removeAll(QString());
    return out;
}

ColumnMappingEditor::ColumnMappingEditor(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("columnMappingEditor"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);

    // Three columns of label + combo: 17 fields in 6 rows.
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(8);
    const auto &fields = mappingFields();
    const int rows = static_cast<int>((fields.size() + 2) / 3);
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const MappingField &f = fields[i];
        auto *combo = new QComboBox(this);
        combo->setObjectName(QString::fromLatin1(f.key));
        combo->setMinimumContentsLength(12);
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        QString label = tr(f.label);
        if (f.required)
            label += QStringLiteral(" *");
        auto *l = new QLabel(label + QLatin1Char(':'), this);
        l->setBuddy(combo);
        const int row = static_cast<int>(i) % rows;
        const int col = static_cast<int>(i) / rows * 2;
        grid->addWidget(l, row, col, Qt::AlignRight);
        grid->addWidget(combo, row, col + 1);
        grid->setColumnStretch(col + 1, 1);
        m_combos.push_back(combo);
        connect(combo, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_filling)
                Q_EMIT changed();
        });
    }
    outer->addLayout(grid);

    auto *options = new QHBoxLayout;
    auto *form1 = new QFormLayout;
    m_dateFormat = new QComboBox(this);
    m_dateFormat->setObjectName(QStringLiteral("dateFormat"));
    m_dateFormat->addItem(tr("Automatic (ISO, RFC 3339, Unix)"), QStringLiteral("auto"));
    m_dateFormat->addItem(QStringLiteral("YYYY-MM-DD"), QStringLiteral("YYYY-MM-DD"));
    m_dateFormat->addItem(QStringLiteral("DD/MM/YYYY"), QStringLiteral("DD/MM/YYYY"));
    m_dateFormat->addItem(QStringLiteral("MM/DD/YYYY"), QStringLiteral("MM/DD/YYYY"));
    m_dateFormat->addItem(tr("Unix seconds"), QStringLiteral("unix"));
    form1->addRow(tr("Dates:"), m_dateFormat);
    m_delimiter = new QComboBox(this);
    m_delimiter->setObjectName(QStringLiteral("delimiter"));
    m_delimiter->addItem(tr("Comma ,"), static_cast<int>(','));
    m_delimiter->addItem(tr("Semicolon ;"), static_cast<int>(';'));
    m_delimiter->addItem(tr("Tab"), static_cast<int>('\t'));
    m_delimiter->addItem(tr("Pipe |"), static_cast<int>('|'));
    form1->addRow(tr("Delimiter:"), m_delimiter);
    options->addLayout(form1);

    auto *form2 = new QFormLayout;
    m_defaultCurrency = new QLineEdit(this);
    m_defaultCurrency->setObjectName(QStringLiteral("defaultCurrency"));
    m_defaultCurrency->setPlaceholderText(tr("workbook's"));
    m_defaultCurrency->setMaxLength(3);
    m_defaultCurrency->setMaximumWidth(110);
    m_defaultCurrency->setToolTip(tr("ISO 4217 code of the amounts when no column gives it"));
    form2->addRow(tr("Currency:"), m_defaultCurrency);
    m_defaultProvider = new QLineEdit(this);
    m_defaultProvider->setObjectName(QStringLiteral("defaultProvider"));
    m_defaultProvider->setPlaceholderText(tr("e.g. OpenAI"));
    m_defaultProvider->setMaximumWidth(200);
    m_defaultProvider->setToolTip(tr("The provider of every row when no column gives it"));
    form2->addRow(tr("Provider:"), m_defaultProvider);
    options->addLayout(form2);

    auto *checks = new QVBoxLayout;
    m_cents = new QCheckBox(tr("Amounts in cents"), this);
    m_cents->setObjectName(QStringLiteral("costInCents"));
    m_inputIncludesCached = new QCheckBox(tr("Input includes cached tokens"), this);
    m_inputIncludesCached->setObjectName(QStringLiteral("inputIncludesCached"));
    m_inputIncludesCached->setToolTip(
        tr("Checked: the input column counts every input token, cache reads and writes "
           "included (OpenAI's convention); the uncached input is what is left."));
    checks->addWidget(m_cents);
    checks->addWidget(m_inputIncludesCached);
    checks->addStretch(1);
    options->addLayout(checks);
    options->addStretch(1);
    outer->addLayout(options);

    auto emitChanged = [this] {
        if (!m_filling)
            Q_EMIT changed();
    };
    connect(m_dateFormat, &QComboBox::currentIndexChanged, this, emitChanged);
    connect(m_cents, &QCheckBox::toggled, this, emitChanged);
    connect(m_inputIncludesCached, &QCheckBox::toggled, this, emitChanged);
    connect(m_defaultCurrency, &QLineEdit::editingFinished, this, emitChanged);
    connect(m_defaultProvider, &QLineEdit::editingFinished, this, emitChanged);
    connect(m_delimiter, &QComboBox::currentIndexChanged, this, [this] {
        if (m_filling)
            return;
        Q_EMIT delimiterChanged(static_cast<char>(m_delimiter->currentData().toInt()));
        Q_EMIT changed();
    });
}

void ColumnMappingEditor::fillCombo(QComboBox *combo, const QString &current)
{
    combo->clear();
    combo->addItem(tr("(not in the file)"), QString());
    for (const QString &h : m_headers)
        combo->addItem(h, h);
    if (!current.isEmpty() && !m_headers.contains(current))
        combo->addItem(tr("%1 (missing)").arg(current), current);
    combo->setCurrentIndex(std::max(0, combo->findData(current)));
}

void ColumnMappingEditor::setHeaders(const QStringList &headers)
{
    const ColumnMapping current = mapping();
    m_headers = headers;
    setMapping(current);
}

void ColumnMappingEditor::setMapping(const ColumnMapping &m)
{
    m_filling = true;
    m_name = qs(m.name);
    const auto &fields = mappingFields();
    for (std::size_t i = 0; i < fields.size(); ++i)
        fillCombo(m_combos[i], qs(m.*(fields[i].member)));
    m_dateFormat->setCurrentIndex(std::max(0, m_dateFormat->findData(qs(m.dateFormat))));
    m_delimiter->setCurrentIndex(std::max(0, m_delimiter->findData(static_cast<int>(m.delimiter))));
    m_cents->setChecked(m.costInCents);
    m_inputIncludesCached->setChecked(m.inputIncludesCached);
    m_defaultCurrency->setText(qs(m.defaultCurrency));
    m_defaultProvider->setText(qs(m.defaultProvider));
    m_filling = false;
}

ColumnMapping ColumnMappingEditor::mapping() const
{
    ColumnMapping m;
    m.name = m_name.toStdString();
    const auto &fields = mappingFields();
    for (std::size_t i = 0; i < fields.size(); ++i)
        m.*(fields[i].member) = m_combos[i]->currentData().toString().toStdString();
    m.dateFormat = m_dateFormat->currentData().toString().toStdString();
    m.delimiter = static_cast<char>(m_delimiter->currentData().toInt());
    m.costInCents = m_cents->isChecked();
    m.inputIncludesCached = m_inputIncludesCached->isChecked();
    m.defaultCurrency = m_defaultCurrency->text().trimmed().toUpper().toStdString();
    m.defaultProvider = m_defaultProvider->text().trimmed().toStdString();
    return m;
}

QString ColumnMappingEditor::problem() const
{
    const ColumnMapping m = mapping();
    if (m.date.empty())
        return tr("Choose the column that holds the date.");
    if (m.model.empty())
        return tr("Choose the column that holds the model.");
    if (m.cost.empty() && m.uncachedInput.empty() && m.outputTokens.empty())
        return tr("Choose a cost column or the token columns (rows without a cost are priced "
                  "from the price book).");
    return {};
}

QComboBox *ColumnMappingEditor::combo(const QString &key) const
{
    const auto &fields = mappingFields();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (key == QLatin1String(fields[i].key))
            return m_combos[i];
    }
    return nullptr;
}

} // namespace roi
