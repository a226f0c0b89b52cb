// roi-make-portfolio: writes a large portfolio workbook for timing the command line and the
// window (see portfolio.h).
//   roi-make-portfolio USE_CASES MONTHS OUT.roiwb
#include "portfolio.h"

#include "workbookfile.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>

int main(int argc, char *argv[])
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: roi-make-portfolio USE_CASES MONTHS OUT.roiwb\n");
        return 2;
    }
    const int useCases = std::atoi(argv[1]);
    const int months = std::atoi(argv[2]);
    if (useCases < 1 || months < 1 || months > 120) {
        std::fprintf(stderr, "roi-make-portfolio: 1 or more use cases, 1..120 months\n");
        return 2;
    }
    const roi::Workbook wb =
        roiscale::scaledPortfolio(roiscale::bundledPortfolio(ROI_SOURCE_DIR), useCases, months);
    const roi::SaveResult saved = roi::writeWorkbook(wb);
    if (!saved.ok()) {
        std::fprintf(stderr, "roi-make-portfolio: the workbook does not save\n");
        return 1;
    }
    std::ofstream out(argv[3], std::ios::binary);
    out << saved.text;
    if (!out.flush()) {
        std::fprintf(stderr, "roi-make-portfolio: cannot write %s\n", argv[3]);
        return 1;
    }
    return 0;
}
