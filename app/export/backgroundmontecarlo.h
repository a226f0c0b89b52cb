// A Monte Carlo run for an export, started when the export starts so that it runs while the
// export writes its other parts: the trials on the thread pool (startMonteCarlo), then the summary
// (percentiles, rank correlations) on a thread of its own. The result is the same run and summary
// as runMonteCarloParallel gives: the chunks are seeded by the plan and reduced in order.
#pragma once

#include "montecarlorunner.h"

#include <QFuture>

#include <atomic>
#include <future>
#include <memory>
#include <mutex>
#include <optional>

namespace roi {

class BackgroundMonteCarlo
{
public:
    struct Outcome
    {
        MonteCarloRunPtr run;                             // null when cancelled
        std::shared_ptr<const MonteCarloSummary> summary; // null when the run is not complete
    };

    /// Starts the run of `plan`, which must outlive this object. Without `keepRun` the trials
    /// are let go as soon as they are summarised (Outcome::run is then null): at 200 use cases
    /// they are tens of MB that a report would otherwise hold while it is drawn.
    explicit BackgroundMonteCarlo(const MonteCarloPlan &plan, bool keepRun = true);
    /// Cancels the run when it is not finished, and waits for the threads to let go of the plan.
    ~BackgroundMonteCarlo();
    BackgroundMonteCarlo(const BackgroundMonteCarlo &) = delete;
    BackgroundMonteCarlo &operator=(const BackgroundMonteCarlo &) = delete;

    /// Waits for the run and its summary.
    const Outcome &get();

private:
    std::mutex m_mutex; // guards m_run, which the summarising thread may drop
    QFuture<MonteCarloRunPtr> m_run;
    std::atomic<bool> m_abandoned{false};
    std::future<Outcome> m_done;
    std::optional<Outcome> m_outcome;
};

} // namespace roi
