#include "inputstream.h"

#include <isa-l/igzip_lib.h>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>

namespace roi::actuals::detail {

namespace {
constexpr std::size_t kRawBuffer = 64 * 1024;
constexpr std::size_t kBlock = 256 * 1024; // decoded bytes per block handed to the reader
constexpr std::size_t kBlocks = 4;         // blocks in flight: memory stays at 1 MiB
} // namespace

/// The hand-over between the inflating thread (producer) and the reader: full blocks go from
/// the producer to the reader, emptied ones back; `stop` asks the producer to finish early.
struct InputStream::Pipe
{
    struct Block
    {
        std::vector<char> data = std::vector<char>(kBlock);
        std::size_t size = 0;
        std::uint64_t rawAfter = 0; // raw bytes consumed once this block was decoded
        bool last = false;          // the producer ended after this block
        std::string error;          // set on the last block if the data was bad
    };
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Block *> full, empty;
    std::vector<std::unique_ptr<Block>> blocks;
    bool stop = false;
    Block *current = nullptr; // the block the reader is emptying
    std::size_t currentPos = 0;
    bool done = false;
    std::thread thread;

    Pipe()
    {
        for (std::size_t i = 0; i < kBlocks; ++i) {
            blocks.push_back(std::make_unique<Block>());
            empty.push_back(blocks.back().get());
        }
    }
    ~Pipe()
    {
        {
            std::lock_guard lock(mutex);
            stop = true;
        }
        changed.notify_all();
        if (thread.joinable())
            thread.join();
    }
};

/// ISA-L's inflater (igzip: about 2.5 times zlib's speed on this machine, the CRC folded in):
/// it reads the gzip header, inflates, and checks the trailer's CRC-32 and length.
struct InputStream::Inflater
{
    inflate_state s; // large (tens of KiB): set up by isal_inflate_init, never cleared whole
    bool memberEnded = false; // the last member ended cleanly (trailer checked)

    void start()
    {
        isal_inflate_init(&s);
        s.crc_flag = ISAL_GZIP;
        memberEnded = false;
    }
};

namespace {

const char *isalProblem(int rc)
{
    switch (rc) {
    case ISAL_INVALID_BLOCK:
        return "invalid block";
    case ISAL_INVALID_SYMBOL:
        return "invalid code";
    case ISAL_INVALID_LOOKBACK:
        return "invalid distance too far back";
    case ISAL_INVALID_WRAPPER:
        return "incorrect header";
    case ISAL_UNSUPPORTED_METHOD:
        return "unknown compression method";
    case ISAL_INCORRECT_CHECKSUM:
        return "incorrect data check";
    default:
        return nullptr;
    }
}

} // namespace

InputStream::InputStream(std::istream &in, std::uint64_t totalBytes)
    : m_in(in)
    , m_total(totalBytes)
    // A small input of known size gets a buffer its size (+1 to see the end in one read).
    , m_raw(totalBytes > 0 && totalBytes < kRawBuffer ? static_cast<std::size_t>(totalBytes) + 1
                                                      : kRawBuffer)
{}

std::size_t InputStream::bufferSize() const
{
    // Plain text of known size: no more than the text. Gzip: what it inflates to is unknown.
    if (m_total > 0 && m_total < kRawBuffer && !m_gzip)
        return std::max<std::size_t>(static_cast<std::size_t>(m_total) + 1, 256);
    return 64 * 1024;
}

InputStream::~InputStream() = default;

bool InputStream::fillRaw()
{
    if (m_rawEof)
        return false;
    if (m_rawPos > 0 && m_rawPos < m_rawEnd)
        std::memmove(m_raw.data(), m_raw.data() + m_rawPos, m_rawEnd - m_rawPos);
    m_rawEnd -= m_rawPos;
    m_rawPos = 0;
    m_in.read(m_raw.data() + m_rawEnd, static_cast<std::streamsize>(m_raw.size() - m_rawEnd));
    const auto got = static_cast<std::size_t>(m_in.gcount());
    if (got == 0 || !m_in) {
        m_rawEof = m_in.eof() || m_in.fail();
        if (m_in.bad())
            m_rawError = "the file could not be read to the end";
    }
    m_rawEnd += got;
    m_rawFill += got;
    return got > 0;
}

std::size_t InputStream::readDecoded(char *buffer, std::size_t size)
{
    if (m_end || size == 0)
        return 0;
    if (!m_started) {
        m_started = true;
        while (m_rawEnd - m_rawPos < 2 && fillRaw()) {
        }
        m_gzip = m_rawEnd - m_rawPos >= 2 && static_cast<unsigned char>(m_raw[m_rawPos]) == 0x1f
                 && static_cast<unsigned char>(m_raw[m_rawPos + 1]) == 0x8b;
        if (m_gzip) {
            m_inflater.reset(new Inflater); // not value-initialised: start() sets it up
            m_inflater->start();
            // A small file (known size up to 64 KiB: all of it is in m_raw already or soon) is
            // inflated here, on demand; a thread and its 1 MiB of blocks would cost more.
            if (m_total == 0 || m_total >= kRawBuffer) {
                // From here on only the inflating thread touches m_in, m_raw and m_inflater.
                m_pipe = std::make_unique<Pipe>();
                m_pipe->thread = std::thread([this] { produce(); });
            }
        }
        m_rawRead = m_rawFill;
    }
    if (!m_gzip) {
        if (m_rawPos == m_rawEnd && !fillRaw()) {
            m_rawRead = m_rawFill;
            m_error = m_rawError;
            m_end = true;
            return 0;
        }
        m_rawRead = m_rawFill;
        const std::size_t n = std::min(size, m_rawEnd - m_rawPos);
        std::memcpy(buffer, m_raw.data() + m_rawPos, n);
        m_rawPos += n;
        return n;
    }
    if (!m_pipe) {
        std::size_t n = 0;
        try {
            n = inflateSome(buffer, size);
        } catch (const std::exception &e) {
            m_zError = std::string("the file could not be read: ") + e.what();
            m_zEnd = true;
        }
        m_rawRead = m_rawFill;
        if (n == 0) {
            m_error = m_zError;
            m_end = true;
        }
        return n;
    }
    return readFromPipe(buffer, size);
}

void InputStream::produce()
{
    Pipe &p = *m_pipe;
    for (;;) {
        Pipe::Block *block = nullptr;
        {
            std::unique_lock lock(p.mutex);
            p.changed.wait(lock, [&] { return p.stop || !p.empty.empty(); });
            if (p.stop)
                return;
            block = p.empty.front();
            p.empty.pop_front();
        }
        block->size = 0;
        block->last = false;
        try {
            while (block->size < kBlock && !m_zEnd) {
                const std::size_t n =
                    inflateSome(block->data.data() + block->size, kBlock - block->size);
                block->size += n;
                if (n == 0)
                    break;
            }
        } catch (const std::exception &e) {
            m_zError = std::string("the file could not be read: ") + e.what();
            m_zEnd = true;
        }
        block->rawAfter = m_rawFill;
        block->last = m_zEnd;
        if (m_zEnd)
            block->error = m_zError;
        {
            std::lock_guard lock(p.mutex);
            p.full.push_back(block);
        }
        p.changed.notify_all();
        if (block->last)
            return;
    }
}

std::size_t InputStream::readFromPipe(char *buffer, std::size_t size)
{
    const std::string_view view = pipeView(size);
    if (!view.empty())
        std::memcpy(buffer, view.data(), view.size());
    return view.size();
}

std::string_view InputStream::pipeView(std::size_t size)
{
    Pipe &p = *m_pipe;
    for (;;) {
        if (p.current && p.currentPos < p.current->size) {
            const std::size_t n = std::min(size, p.current->size - p.currentPos);
            const std::string_view view(p.current->data.data() + p.currentPos, n);
            p.currentPos += n;
            return view; // the block goes back to the inflating thread on the next call
        }
        if (p.current) {
            const bool last = p.current->last;
            if (last) {
                m_error = p.current->error;
                p.done = true;
                m_end = true;
            }
            {
                std::lock_guard lock(p.mutex);
                p.empty.push_back(p.current);
            }
            p.changed.notify_all();
            p.current = nullptr;
        }
        if (p.done)
            return {};
        std::unique_lock lock(p.mutex);
        p.changed.wait(lock, [&] { return !p.full.empty(); });
        p.current = p.full.front();
        p.full.pop_front();
        p.currentPos = 0;
        m_rawRead = p.current->rawAfter;
    }
}

std::size_t InputStream::inflateSome(char *buffer, std::size_t size)
{
    if (m_zEnd || size == 0)
        return 0;
    inflate_state &z = m_inflater->s;
    for (;;) {
        if (m_inflater->memberEnded) {
            // Trailing zero padding after the last member is tolerated, as gzip(1) does.
            while (m_rawPos < m_rawEnd && m_raw[m_rawPos] == 0)
                ++m_rawPos;
            if (m_rawPos == m_rawEnd && !fillRaw()) {
                m_zError = m_rawError; // the end (or the file could not be read)
                m_zEnd = true;
                return 0;
            }
            if (m_raw[m_rawPos] == 0)
                continue;
            m_inflater->start(); // another gzip member follows (concatenated .gz files)
        }
        // Inflate what is there first (igzip may hold decoded bytes for a small output buffer
        // after reading its input), then read more.
        const std::size_t before = m_rawPos;
        z.next_in = reinterpret_cast<std::uint8_t *>(m_raw.data() + m_rawPos);
        z.avail_in = static_cast<std::uint32_t>(m_rawEnd - m_rawPos);
        z.next_out = reinterpret_cast<std::uint8_t *>(buffer);
        z.avail_out = static_cast<std::uint32_t>(std::min<std::size_t>(size, 1u << 30));
        const int rc = isal_inflate(&z);
        const std::size_t produced =
            static_cast<std::size_t>(reinterpret_cast<char *>(z.next_out) - buffer);
        m_rawPos = m_rawEnd - z.avail_in;
        if (rc < 0) {
            const char *problem = isalProblem(rc);
            m_zError = std::string("the gzip data is corrupt (")
                       + (problem ? problem : "igzip error " + std::to_string(rc)) + ")";
            m_zEnd = true;
            return produced;
        }
        if (z.block_state == ISAL_BLOCK_FINISH)
            m_inflater->memberEnded = true;
        if (produced > 0)
            return produced;
        if (m_inflater->memberEnded)
            continue;
        if ((m_rawPos == m_rawEnd || m_rawPos == before) && !fillRaw()) {
            m_zError = m_rawPos == m_rawEnd || m_rawEof
                           ? "the gzip data ends early: the file is truncated"
                           : "the gzip data is corrupt (igzip made no progress)";
            if (!m_rawError.empty())
                m_zError = m_rawError;
            m_zEnd = true;
            return 0;
        }
    }
}

std::string_view InputStream::head(std::size_t size)
{
    while (m_pending.size() - m_pendingPos < size && !m_end) {
        const std::size_t old = m_pending.size();
        const std::size_t step = std::min(size, bufferSize());
        m_pending.resize(old + step);
        const std::size_t n = readDecoded(m_pending.data() + old, step);
        m_pending.resize(old + n);
        if (n == 0)
            break;
    }
    const std::size_t avail = m_pending.size() - m_pendingPos;
    return std::string_view(m_pending).substr(m_pendingPos, std::min(avail, size));
}

std::string_view InputStream::readView(std::size_t size)
{
    if (m_pendingDone) { // head()'s bytes, all handed out by the last call
        m_pending.clear();
        m_pending.shrink_to_fit();
        m_pendingPos = 0;
        m_pendingDone = false;
    }
    if (m_pendingPos < m_pending.size()) {
        const std::size_t n = std::min(size, m_pending.size() - m_pendingPos);
        const std::string_view view(m_pending.data() + m_pendingPos, n);
        m_pendingPos += n;
        m_pendingDone = m_pendingPos == m_pending.size();
        return view;
    }
    if (m_pipe && !m_end && size > 0)
        return pipeView(size); // the inflating thread's block itself: no copy
    if (m_view.empty())
        m_view.resize(bufferSize());
    const std::size_t n = readDecoded(m_view.data(), std::min(size, m_view.size()));
    return std::string_view(m_view.data(), n);
}

std::size_t InputStream::read(char *buffer, std::size_t size)
{
    if (m_pendingPos < m_pending.size()) {
        const std::size_t n = std::min(size, m_pending.size() - m_pendingPos);
        std::memcpy(buffer, m_pending.data() + m_pendingPos, n);
        m_pendingPos += n;
        if (m_pendingPos == m_pending.size()) {
            m_pending.clear();
            m_pending.shrink_to_fit();
            m_pendingPos = 0;
        }
        return n;
    }
    return readDecoded(buffer, size);
}

} // namespace roi::actuals::detail
