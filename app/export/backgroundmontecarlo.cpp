#include "export/backgroundmontecarlo.h"

namespace roi {

BackgroundMonteCarlo::BackgroundMonteCarlo(const MonteCarloPlan &plan, bool keepRun)
    : m_run(startMonteCarlo(plan))
{
    m_done = std::async(std::launch::async, [this, keepRun] {
        m_run.waitForFinished();
        Outcome out;
        if (m_abandoned || m_run.isCanceled() || m_run.resultCount() == 0)
            return out;
        out.run = m_run.result();
        if (out.run && out.run->complete())
            out.summary = std::make_shared<const MonteCarloSummary>(out.run->summary());
        if (!keepRun) {
            out.run.reset();
            const std::lock_guard lock(m_mutex);
            m_run = QFuture<MonteCarloRunPtr>(); // the future holds the run too
        }
        return out;
    });
}

BackgroundMonteCarlo::~BackgroundMonteCarlo()
{
    if (!m_outcome) {
        {
            const std::lock_guard lock(m_mutex);
            m_abandoned = true;
            m_run.cancel();
        }
        m_done.wait();
    }
}

const BackgroundMonteCarlo::Outcome &BackgroundMonteCarlo::get()
{
    if (!m_outcome)
        m_outcome = m_done.get();
    return *m_outcome;
}

} // namespace roi
