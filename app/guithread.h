// Running a piece of work on the GUI thread from an export running on a worker thread. Charts
// are QCustomPlot widgets, and widgets live on the GUI thread only: a worker asks the GUI thread
// to draw each chart (blocking until it is drawn) and carries on with the result. The GUI
// thread must then be running its event loop, not waiting for the worker.
#pragma once

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QThread>

#include <memory>
#include <type_traits>

namespace roi {

inline bool onGuiThreadNow()
{
    return QCoreApplication::instance() == nullptr
           || QThread::currentThread() == QCoreApplication::instance()->thread();
}

/// Calls `work` on the GUI thread and returns its result: directly on the GUI thread, else
/// through the GUI thread's event loop, waiting for it.
template<typename F>
auto onGuiThread(F work) -> std::invoke_result_t<F>
{
    using R = std::invoke_result_t<F>;
    if (onGuiThreadNow())
        return work();
    if constexpr (std::is_void_v<R>) {
        QMetaObject::invokeMethod(QCoreApplication::instance(), work, Qt::BlockingQueuedConnection);
    } else {
        R result{};
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), [&] { result = work(); }, Qt::BlockingQueuedConnection);
        return result;
    }
}

/// A QCustomPlot created and destroyed on the GUI thread, whatever thread owns this handle;
/// use it only inside onGuiThread.
class GuiPlot
{
public:
    GuiPlot()
        : m_plot(onGuiThread([] { return new QCustomPlot; }))
    {}
    ~GuiPlot()
    {
        QCustomPlot *plot = m_plot;
        onGuiThread([plot] { delete plot; });
    }
    GuiPlot(const GuiPlot &) = delete;
    GuiPlot &operator=(const GuiPlot &) = delete;

    QCustomPlot &operator*() const { return *m_plot; }
    QCustomPlot *operator->() const { return m_plot; }

private:
    QCustomPlot *m_plot;
};

} // namespace roi
