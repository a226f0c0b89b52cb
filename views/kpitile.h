// One KPI tile: the figure, its worst–best range, and an explanation of the formula and the
// inputs behind it on hover and on click.
#pragma once

#include <QFrame>

class QLabel;

namespace roi {

class KpiTile : public QFrame
{
    Q_OBJECT

public:
    explicit KpiTile(const QString &title, QWidget *parent = nullptr);

    void setValue(const QString &value, const QString &range, const QString &explanation,
                  bool warning = false);
    QString value() const;
    QString range() const;
    QString explanation() const { return m_explanation; }
    void setLarge(bool large);
    void setTitle(const QString &title);
    QString title() const;

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    /// Keeps the tile tall enough for its wrapped range text at its current width: a grid of
    /// tiles gets its height from sizeHint, which knows nothing of the width the text wraps at.
    void fitHeight();

    QLabel *m_title;
    QLabel *m_value;
    QLabel *m_range;
    QString m_explanation;
    int m_warning = -1; // the value's colour as last styled: -1 none yet, 0 normal, 1 warning
};

} // namespace roi
