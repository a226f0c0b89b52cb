// Replays files through the fuzz targets' checks with the normal compiler (ctest label
// fuzz-regression): every corpus seed and every input a fuzzer once crashed on.
// Usage: fuzz_replay workbook|inputpath|dates|filename PATH... (files, or folders read
// recursively).
#include "fuzzchecks.h"
#include "fuzzimport.h"

#include "workbookfile.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

/// How the reader answers a workbook input: accepted, or the rule of its first error.
std::string classify(std::string_view bytes)
{
    const roi::LoadResult r = roi::readWorkbook(bytes);
    if (r.ok())
        return r.diagnostics.empty() ? "accepted" : "accepted with warnings";
    const std::string m = r.errors().front().message; // a copy: errors() returns a temporary
    auto has = [&](const char *words) {
        return m.find(words) != std::string::npos;
    };
    if (has("is empty") || has("MiB"))
        return "refused: size";
    if (has("nesting deeper"))
        return "refused: nesting depth";
    if (has("not valid JSON"))
        return "refused: not JSON";
    if (has("roi-workbench") || has("version"))
        return "refused: format or version";
    if (has("base64") || has("must be a date") || has("must be a month") || has("ISO 4217"))
        return "refused: malformed date, currency or logo";
    if (has("must be a") || has("must be true") || has("whole number"))
        return "refused: wrong type";
    if (has("must be >=") || has("must be <=") || has("finite"))
        return "refused: out of range";
    if (has("must be one of"))
        return "refused: unknown enum name";
    if (has("is missing"))
        return "refused: missing field";
    if (has("duplicate"))
        return "refused: duplicate name";
    if (has("at most") || has("monthly series"))
        return "refused: length or count limit";
    if (has("named input") || has("names no use case"))
        return "refused: bad reference";
    return "refused: other (" + m.substr(0, 40) + ")";
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc < 3) {
        std::fprintf(stderr,
                     "usage: %s workbook|inputpath|dates|filename|import_focus|import_openai|"
                     "import_anthropic|import_litellm|import_csv|revenue_csv PATH...\n",
                     argv[0]);
        return 2;
    }
    const std::string target = argv[1];
    const bool classifying = target == "--classify";
    void (*check)(std::string_view) = target == "workbook"        ? roi::fuzz::checkWorkbook
                                      : target == "inputpath"     ? roi::fuzz::checkInputPath
                                      : target == "dates"         ? roi::fuzz::checkDates
                                      : target == "filename"      ? roi::fuzz::checkFileName
                                      : target == "import_focus"  ? roi::fuzz::checkImportFocus
                                      : target == "import_openai" ? roi::fuzz::checkImportOpenAi
                                      : target == "import_anthropic"
                                          ? roi::fuzz::checkImportAnthropic
                                      : target == "import_litellm" ? roi::fuzz::checkImportLiteLlm
                                      : target == "import_csv"     ? roi::fuzz::checkImportCsv
                                      : target == "revenue_csv"    ? roi::fuzz::checkRevenueCsv
                                                                   : nullptr;
    if (!check && !classifying) {
        std::fprintf(stderr, "unknown target %s\n", target.c_str());
        return 2;
    }
    std::vector<fs::path> files;
    for (int i = 2; i < argc; ++i) {
        const fs::path path = argv[i];
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            for (const auto &entry : fs::recursive_directory_iterator(path)) {
                if (entry.is_regular_file())
                    files.push_back(entry.path());
            }
        } else if (fs::is_regular_file(path, ec)) {
            files.push_back(path);
        } else {
            // A regression folder stays absent until a fuzzer first finds something.
            std::printf("skipping %s: not found\n", path.c_str());
        }
    }
    std::sort(files.begin(), files.end());
    if (classifying) {
        std::map<std::string, int> counts;
        for (const fs::path &file : files) {
            std::ifstream in(file, std::ios::binary);
            ++counts[classify(std::string((std::istreambuf_iterator<char>(in)),
                                          std::istreambuf_iterator<char>()))];
        }
        for (const auto &[kind, n] : counts)
            std::printf("%7d  %s\n", n, kind.c_str());
        std::printf("%7zu  inputs\n", files.size());
        return 0;
    }
    for (const fs::path &file : files) {
        std::ifstream in(file, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
        // Name the file first: a failed check aborts the process.
        std::printf("%s: %s\n", target.c_str(), file.c_str());
        std::fflush(stdout);
        check(bytes);
    }
    std::printf("%zu file(s) passed the %s checks\n", files.size(), target.c_str());
    return files.empty() ? 1 : 0;
}
