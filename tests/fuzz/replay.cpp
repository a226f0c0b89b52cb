// Replays files through the fuzz targets' checks with the normal compiler (ctest label
// fuzz-regression): every corpus seed and every input a fuzzer once crashed on.
// Usage: fuzz_replay workbook|inputpath|dates|filename PATH... (files, or folders read
// recursively).
#include "fuzzchecks.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char *argv[])
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s workbook|inputpath|dates|filename PATH...\n", argv[0]);
        return 2;
    }
    const std::string target = argv[1];
    void (*check)(std::string_view) = target == "workbook"    ? roi::fuzz::checkWorkbook
                                      : target == "inputpath" ? roi::fuzz::checkInputPath
                                      : target == "dates"     ? roi::fuzz::checkDates
                                      : target == "filename"  ? roi::fuzz::checkFileName
                                                              : nullptr;
    if (!check) {
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
