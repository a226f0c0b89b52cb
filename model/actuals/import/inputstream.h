// A byte source over a std::istream that is plain text or gzip (detected by the magic bytes,
// several gzip members allowed), with the first bytes available for format detection and the
// count of raw (compressed) bytes consumed for progress. Truncated or corrupt gzip data ends the
// stream with an error() naming the problem. Gzip data is inflated on a second thread (ISA-L)
// that hands 256 KiB blocks to the reader through a bounded queue of four, so decompression and
// parsing overlap on two cores in constant memory; destroying the stream stops that thread. A
// gzip input of known size up to 64 KiB is inflated on the calling thread: no thread, no blocks.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace roi::actuals::detail {

class InputStream
{
public:
    /// `totalBytes`: the raw size if known (for progress), else 0.
    InputStream(std::istream &in, std::uint64_t totalBytes);
    ~InputStream();
    InputStream(const InputStream &) = delete;
    InputStream &operator=(const InputStream &) = delete;

    /// Up to `size` first bytes of the (decompressed) text, without consuming them.
    std::string_view head(std::size_t size = 64 * 1024);
    /// Reads up to `size` bytes; 0 at the end or after an error.
    std::size_t read(char *buffer, std::size_t size);
    /// The next bytes (up to `size`) where they are: in the inflating thread's block, without a
    /// copy, or in a buffer of the stream's own. Valid until the next call; empty at the end or
    /// after an error. Not to be mixed with read().
    std::string_view readView(std::size_t size);
    /// Not empty once the data turned out truncated or corrupt.
    const std::string &error() const { return m_error; }
    bool compressed() const { return m_gzip; }
    std::uint64_t rawBytesRead() const { return m_rawRead; }
    std::uint64_t totalBytes() const { return m_total; }
    /// A good size for the reader's buffer: 64 KiB, less for a small input of known size (a
    /// fuzzing run, a tiny export), so that nothing large is allocated and cleared for it.
    std::size_t bufferSize() const;

private:
    std::size_t readDecoded(char *buffer, std::size_t size);
    /// Inflates into `buffer` on the calling thread; 0 at the end or after an error.
    std::size_t inflateSome(char *buffer, std::size_t size);
    /// The inflating thread's loop.
    void produce();
    /// The next decoded block from the inflating thread; 0 at the end.
    std::size_t readFromPipe(char *buffer, std::size_t size);
    /// The same without a copy: a view into the block, which goes back on the next call.
    std::string_view pipeView(std::size_t size);
    bool fillRaw();

    struct Inflater;
    struct Pipe;
    std::istream &m_in;
    std::uint64_t m_total = 0;
    std::uint64_t m_rawRead = 0; // as seen by the reader (updated with each block)
    std::uint64_t m_rawFill = 0; // read from m_in (by the inflating thread once it runs)
    bool m_started = false;
    bool m_gzip = false;
    bool m_rawEof = false;
    bool m_end = false;
    std::string m_error;     // the reader's view
    std::string m_rawError;  // set by fillRaw()
    std::string m_zError;    // the inflating thread's
    bool m_zEnd = false;     // the inflating thread's
    std::vector<char> m_raw; // raw bytes read, [m_rawPos, m_rawEnd) not yet consumed
    std::size_t m_rawPos = 0;
    std::size_t m_rawEnd = 0;
    std::string m_pending; // decoded bytes returned by head() and not yet read
    std::size_t m_pendingPos = 0;
    bool m_pendingDone = false; // readView() handed out the last of m_pending
    std::vector<char> m_view;   // readView()'s buffer when there is no block to point into
    std::unique_ptr<Inflater> m_inflater;
    std::unique_ptr<Pipe> m_pipe; // declared last: destroyed (thread joined) first
};

} // namespace roi::actuals::detail
