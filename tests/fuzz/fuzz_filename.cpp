// libFuzzer target: user text to a safe file name (see fuzzchecks.h).
#include "fuzzchecks.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    roi::fuzz::checkFileName(std::string_view(reinterpret_cast<const char *>(data), size));
    return 0;
}
