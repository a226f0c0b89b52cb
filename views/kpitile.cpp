#include "kpitile.h"

#include <QLabel>
#include <QMouseEvent>
#include <QResizeEvent>
#include <QVBoxLayout>
#include <QWhatsThis>

namespace roi {

KpiTile::KpiTile(const QString &title, QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(title, this))
    , m_value(new QLabel(this))
    , m_range(new QLabel(this))
{
    setObjectName(QStringLiteral("kpiTile"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral("#kpiTile { background: #ffffff; border: 1px solid #d9dee5; "
                                 "border-radius: 6px; }"));
    setCursor(Qt::WhatsThisCursor);
    m_title->setStyleSheet(QStringLiteral("color: #5a6370; font-weight: 600;"));
    m_value->setObjectName(QStringLiteral("kpiValue"));
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_range->setObjectName(QStringLiteral("kpiRange"));
    m_range->setStyleSheet(QStringLiteral("color: #5a6370;"));
    m_range->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_range);
    layout->addStretch(1);
    setLarge(false);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    setMinimumWidth(150);
}

void KpiTile::setLarge(bool large)
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * (large ? 2.2 : 1.55));
    f.setBold(true);
    m_value->setFont(f);
}

void KpiTile::setValue(const QString &value, const QString &range, const QString &explanation,
                       bool warning)
{
    // A style sheet is parsed and the label re-polished on every set: only when the colour
    // changes. Unchanged texts leave the labels (and their wrapped layout) alone.
    if (m_warning != static_cast<int>(warning)) {
        m_warning = static_cast<int>(warning);
        m_value->setStyleSheet(warning ? QStringLiteral("color: #b03a2e;")
                                       : QStringLiteral("color: #1d2733;"));
    }
    const bool wasEmpty = m_value->text().isEmpty();
    if (m_value->text() != value)
        m_value->setText(value);
    const bool rangeChanged = m_range->text() != range;
    if (rangeChanged)
        m_range->setText(range);
    if (m_explanation != explanation) {
        m_explanation = explanation;
        setToolTip(explanation);
    }
    if (rangeChanged || wasEmpty)
        fitHeight();
}

void KpiTile::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    fitHeight();
}

void KpiTile::fitHeight()
{
    const int needed = layout()->totalHeightForWidth(width());
    if (needed > 0 && needed != minimumHeight())
        setMinimumHeight(needed);
}

QString KpiTile::value() const
{
    return m_value->text();
}

QString KpiTile::range() const
{
    return m_range->text();
}

void KpiTile::mousePressEvent(QMouseEvent *event)
{
    // A click keeps the explanation open until the next click, for reading it out in a meeting.
    QWhatsThis::showText(event->globalPosition().toPoint(), m_explanation, this);
    QFrame::mousePressEvent(event);
}

void KpiTile::setTitle(const QString &title)
{
    m_title->setText(title);
}

QString KpiTile::title() const
{
    return m_title->text();
}

} // namespace roi
