// libFuzzer target: a revenue-per-customer CSV, as the Actuals page imports it (see fuzzchecks.h).
#include "fuzzchecks.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    roi::fuzz::checkRevenueCsv(std::string_view(reinterpret_cast<const char *>(data), size));
    return 0;
}
