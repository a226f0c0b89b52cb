#include "twothreads.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace roi {

namespace {

/// The helper: one thread, started on first use, waiting on a condition variable between jobs.
class Helper
{
public:
    Helper()
        : m_thread([this] { loop(); })
    {}
    ~Helper()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_one();
        m_thread.join();
    }
    Helper(const Helper &) = delete;
    Helper &operator=(const Helper &) = delete;

    /// Serialises the callers: a caller that cannot take it runs both parts itself.
    std::mutex user;

    void start(void (*part)(void *, int), void *context)
    {
        {
            std::lock_guard lock(m_mutex);
            m_part = part;
            m_context = context;
            m_done = false;
        }
        m_wake.notify_one();
    }
    void wait()
    {
        std::unique_lock lock(m_mutex);
        m_finished.wait(lock, [this] { return m_done; });
    }

private:
    void loop()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] { return m_stop || m_part; });
            if (m_stop)
                return;
            auto *part = m_part;
            void *context = m_context;
            m_part = nullptr;
            lock.unlock();
            part(context, 1);
            lock.lock();
            m_done = true;
            m_finished.notify_one();
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_finished;
    void (*m_part)(void *, int) = nullptr;
    void *m_context = nullptr;
    bool m_done = true;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace

void runOnTwoThreads(void (*part)(void *context, int index), void *context)
{
    static const bool twoCores = std::thread::hardware_concurrency() >= 2;
    if (twoCores) {
        static Helper helper;
        std::unique_lock use(helper.user, std::try_to_lock);
        if (use.owns_lock()) {
            helper.start(part, context);
            part(context, 0);
            helper.wait();
            return;
        }
    }
    part(context, 0);
    part(context, 1);
}

} // namespace roi
