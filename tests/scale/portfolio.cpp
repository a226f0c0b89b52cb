#include "portfolio.h"

#include "workbookfile.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace roiscale {

roi::Workbook bundledPortfolio(const std::string &sourceDir)
{
    const std::string path = sourceDir + "/resources/examples/portfolio.roiwb";
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    roi::LoadResult r = roi::readWorkbook(bytes.str());
    if (!r.ok()) {
        std::fprintf(stderr, "%s: does not load\n", path.c_str());
        std::exit(1);
    }
    return *r.workbook;
}

roi::Workbook scaledPortfolio(const roi::Workbook &base, int useCases, int months)
{
    roi::Workbook wb = base;
    wb.settings.horizonMonths = months;
    wb.useCases.clear();
    const int n = static_cast<int>(base.useCases.size());
    if (n == 0)
        return wb;
    for (int i = 0; i < useCases; ++i) {
        roi::UseCase uc = base.useCases[static_cast<std::size_t>(i % n)];
        if (i >= n) {
            uc.name += ' ';
            uc.name += std::to_string(i / n + 1);
        }
        wb.useCases.push_back(std::move(uc));
    }
    return wb;
}

} // namespace roiscale
