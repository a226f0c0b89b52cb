#include "montecarlorunner.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <numeric>
#include <vector>

namespace roi {

QFuture<MonteCarloRunPtr> startMonteCarlo(const MonteCarloPlan &plan, QThreadPool *pool)
{
    std::vector<int> chunks(static_cast<std::size_t>(plan.chunkCount()));
    std::iota(chunks.begin(), chunks.end(), 0);
    const MonteCarloPlan *p = &plan;
    auto map = [p](int chunk) {
        return runChunk(*p, chunk);
    };
    auto reduce = [](MonteCarloRunPtr &run, const ChunkResult &chunk) {
        run->add(chunk);
    };
    return QtConcurrent::mappedReduced<MonteCarloRunPtr>(
        pool ? pool : QThreadPool::globalInstance(), std::move(chunks), map, reduce,
        std::make_shared<MonteCarloRun>(plan),
        QtConcurrent::ReduceOptions(QtConcurrent::OrderedReduce | QtConcurrent::SequentialReduce));
}

MonteCarloSummary runMonteCarloParallel(const MonteCarloPlan &plan, QThreadPool *pool)
{
    QFuture<MonteCarloRunPtr> future = startMonteCarlo(plan, pool);
    future.waitForFinished();
    return future.result()->summary();
}

} // namespace roi
