// libFuzzer target: the bytes as an export read by roi_import (Focus; see fuzzimport.h).
#include "fuzzimport.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    roi::fuzz::checkImport(std::string_view(reinterpret_cast<const char *>(data), size),
                           roi::fuzz::ImportTarget::Focus);
    return 0;
}
