#include "inputstream.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace roi::actuals::detail {

namespace {
constexpr std::size_t kRawBuffer = 256 * 1024;
}

struct InputStream::Zlib
{
    z_stream z{};
    bool open = false;
    bool memberEnded = false; // the last member ended cleanly (Z_STREAM_END)
    ~Zlib()
    {
        if (open)
            inflateEnd(&z);
    }
};

InputStream::InputStream(std::istream &in, std::uint64_t totalBytes)
    : m_in(in)
    , m_total(totalBytes)
    , m_raw(kRawBuffer)
{}

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
            m_error = "the file could not be read to the end";
    }
    m_rawEnd += got;
    m_rawRead += got;
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
            m_zlib = std::make_unique<Zlib>();
            if (inflateInit2(&m_zlib->z, 15 + 16) != Z_OK) {
                m_error = "gzip: zlib could not start";
                m_end = true;
                return 0;
            }
            m_zlib->open = true;
        }
    }
    if (!m_gzip) {
        if (m_rawPos == m_rawEnd && !fillRaw()) {
            m_end = true;
            return 0;
        }
        const std::size_t n = std::min(size, m_rawEnd - m_rawPos);
        std::memcpy(buffer, m_raw.data() + m_rawPos, n);
        m_rawPos += n;
        return n;
    }
    z_stream &z = m_zlib->z;
    for (;;) {
        if (m_rawPos == m_rawEnd && !fillRaw()) {
            if (!m_zlib->memberEnded)
                m_error = "the gzip data ends early: the file is truncated";
            m_end = true;
            return 0;
        }
        if (m_zlib->memberEnded) {
            // Another gzip member follows (concatenated .gz files are valid gzip).
            if (inflateReset(&z) != Z_OK) {
                m_error = "gzip: zlib could not continue";
                m_end = true;
                return 0;
            }
            m_zlib->memberEnded = false;
        }
        z.next_in = reinterpret_cast<Bytef *>(m_raw.data() + m_rawPos);
        z.avail_in = static_cast<uInt>(m_rawEnd - m_rawPos);
        z.next_out = reinterpret_cast<Bytef *>(buffer);
        z.avail_out = static_cast<uInt>(std::min<std::size_t>(size, 1u << 30));
        const int rc = inflate(&z, Z_NO_FLUSH);
        const std::size_t produced =
            static_cast<std::size_t>(reinterpret_cast<char *>(z.next_out) - buffer);
        m_rawPos = m_rawEnd - z.avail_in;
        if (rc == Z_STREAM_END) {
            m_zlib->memberEnded = true;
            // Trailing zero padding after the last member is tolerated, as gzip(1) does.
            while (m_rawPos < m_rawEnd && m_raw[m_rawPos] == 0)
                ++m_rawPos;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            m_error = std::string("the gzip data is corrupt (")
                      + (z.msg ? z.msg : "zlib error " + std::to_string(rc)) + ")";
            m_end = true;
            return produced;
        }
        if (produced > 0)
            return produced;
    }
}

std::string_view InputStream::head(std::size_t size)
{
    while (m_pending.size() - m_pendingPos < size && !m_end) {
        const std::size_t old = m_pending.size();
        m_pending.resize(old + 64 * 1024);
        const std::size_t n = readDecoded(m_pending.data() + old, 64 * 1024);
        m_pending.resize(old + n);
        if (n == 0)
            break;
    }
    const std::size_t avail = m_pending.size() - m_pendingPos;
    return std::string_view(m_pending).substr(m_pendingPos, std::min(avail, size));
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
