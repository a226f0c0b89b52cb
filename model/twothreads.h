// Two threads for the engine: the calling thread and one helper that exists once per process.
#pragma once

namespace roi {

/// Runs part(context, 0) on the calling thread and part(context, 1) on the helper thread, and
/// returns when both have finished. When the helper is busy (another thread is using it: the
/// Monte Carlo chunks, say, already run on two threads), or the machine has a single core, both
/// parts run here, 0 then 1. Callers make each part write only its own outputs, so what is
/// computed does not depend on where a part ran.
void runOnTwoThreads(void (*part)(void *context, int index), void *context);

/// Same, for a callable taking the part index.
template<typename Body>
void runOnTwoThreads(Body &body)
{
    runOnTwoThreads([](void *c, int i) { (*static_cast<Body *>(c))(i); }, &body);
}

} // namespace roi
