// Runs a Monte Carlo plan's fixed chunks on a thread pool with QtConcurrent (mappedReduced,
// ordered). The chunks are seeded by the plan, not by the threads, so the result is the same
// whatever the pool size. The window watches the future for progress and cancel.
#pragma once

#include "analytics/montecarlo.h"

#include <QFuture>

#include <memory>

class QThreadPool;

namespace roi {

using MonteCarloRunPtr = std::shared_ptr<MonteCarloRun>;

/// Starts the run; the future's single result is the filled run (complete unless cancelled).
/// `plan` must outlive the future. A null pool means QThreadPool::globalInstance().
QFuture<MonteCarloRunPtr> startMonteCarlo(const MonteCarloPlan &plan, QThreadPool *pool = nullptr);

/// Runs to the end and summarises (the command line and the report).
MonteCarloSummary runMonteCarloParallel(const MonteCarloPlan &plan, QThreadPool *pool = nullptr);

} // namespace roi
