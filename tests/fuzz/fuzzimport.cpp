#include "fuzzimport.h"

#include "importer.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <istream>
#include <streambuf>
#include <string>

namespace roi::fuzz {

namespace {

[[noreturn]] void fail(const std::string &what)
{
    std::fprintf(stderr, "FUZZ CHECK FAILED: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

void require(bool ok, const char *what)
{
    if (!ok)
        fail(what);
}

/// A read-only stream buffer over the fuzzer's bytes.
class MemoryBuffer : public std::streambuf
{
public:
    explicit MemoryBuffer(std::string_view bytes)
    {
        char *begin = const_cast<char *>(bytes.data()); // never written: get area only
        setg(begin, begin, begin + bytes.size());
    }
};

bool count(double v)
{
    return std::isfinite(v) && v >= 0 && v <= 1e15;
}

} // namespace

void checkImport(std::string_view bytes, ImportTarget target)
{
    using namespace roi::actuals;
    ImportOptions options;
    std::string name = "fuzz";
    switch (target) {
    case ImportTarget::Focus:
        options.format = SourceFormat::Focus;
        name = "fuzz.csv";
        break;
    case ImportTarget::OpenAi:
        options.format = SourceFormat::OpenAiUsage; // costs when the content says so
        name = "fuzz.json";
        break;
    case ImportTarget::Anthropic:
        options.format = SourceFormat::AnthropicUsage;
        name = "fuzz.json";
        break;
    case ImportTarget::LiteLlm:
        options.format = SourceFormat::LiteLlm;
        name = "fuzz.json";
        break;
    case ImportTarget::MappedCsv: {
        const unsigned char flags = bytes.empty() ? 0 : static_cast<unsigned char>(bytes[0]);
        if (!bytes.empty())
            bytes.remove_prefix(1);
        ColumnMapping m;
        m.name = "fuzz";
        m.date = "date";
        m.model = "model";
        m.provider = "provider";
        m.uncachedInput = "input";
        m.cacheReadInput = "cached";
        m.outputTokens = "output";
        m.cost = "cost";
        m.tags = "tags";
        static const char *const formats[] = {"auto", "YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY",
                                              "unix"};
        m.dateFormat = formats[flags % 5];
        m.costInCents = flags & 8;
        m.inputIncludesCached = flags & 16;
        m.delimiter = (flags & 32) ? ';' : ',';
        options.mapping = m;
        options.format = SourceFormat::MappedCsv;
        name = "fuzz.csv";
        break;
    }
    }
    // The bytes read in place (no copy) with their size told: the importer then sizes its
    // buffers to the input and inflates a small gzip input without a thread, so that a run
    // costs what its input needs.
    MemoryBuffer buffer(bytes);
    std::istream in(&buffer);
    std::uint64_t sunk = 0;
    const ImportResult r =
        importStreamSized(in, name, bytes.size(), options, [&](const UsageRecord &rec) {
            ++sunk;
            require(!rec.day.isNull() && rec.day.year >= 1970 && rec.day.year <= 9999
                        && rec.day.month >= 1 && rec.day.month <= 12 && rec.day.day >= 1
                        && rec.day.day <= daysInMonth(rec.day.year, rec.day.month),
                    "a record's day is not a real day");
            require(count(rec.uncachedInput) && count(rec.cacheReadInput)
                        && count(rec.cacheWriteInput) && count(rec.outputTokens)
                        && count(rec.requests) && count(rec.outcomes),
                    "a record's token or request count is not in [0, 1e15]");
            require(std::isfinite(rec.cost) && std::fabs(rec.cost) <= 1e12,
                    "a record's cost is not finite");
            require(rec.costKind != CostKind::None || rec.cost == 0,
                    "a record without a cost kind has a cost");
            require(!rec.model.empty(), "a record has no model");
        });
    const ImportStats &s = r.stats;
    require(sunk == s.rowsUsed, "rowsUsed differs from the records handed to the sink");
    require(s.rowsUsed + s.rowsRefused + s.rowsSkipped == s.rowsRead,
            "read != used + refused + skipped");
    require(s.issues.size() <= kMaxIssues && s.issues.size() <= s.rowsRefused,
            "more issues than refused rows");
    for (const ImportIssue &issue : s.issues)
        require(issue.line >= 1 && !issue.message.empty(), "an issue without line or message");
    require(r.ok || !r.error.empty(), "a failed import without a message");
    require(!r.ok || s.rowsUsed == 0 || (!s.firstDay.isNull() && !(s.lastDay < s.firstDay)),
            "the day range does not cover the used rows");
}

} // namespace roi::fuzz
