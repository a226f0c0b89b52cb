// The workbook the sensitivity and goal-seek tests solve by hand: the support assistant at its
// steady state (tests/data/sensitivity/steady-support.roiwb), 12 months, no discounting.
//
// 50,000 conversations a month, all handled from month 1 (immediate ramp, adoption a = 1), no
// growth, no price decline, no risk discount. Per handled conversation: tokens (1,500 × $2.50 +
// 500 × $10.00) / 1e6 = $0.00875, review 10% × 0.4 min × $36 / 60 = $0.024, labor reclaimed
// (40 − 12) / 60 × $36 × 50% = $8.40; net $8.36725. Fixed: hosting $400 + engineering 0.2 ×
// $180,000 / 12 = $3,000, so $3,400 a month; integration $60,000 in month 1.
// Net a month n = 50,000a × 8.36725 − 3,400; NPV (rate 0) = 12n − 60,000.
// Base: n = 418,362.5 − 3,400 = 414,962.5; NPV = 4,979,550 − 60,000 = 4,919,550.
#pragma once

#include "../testutil.h"

namespace roitest {

inline std::optional<roi::Workbook> steadySupport()
{
    roi::LoadResult r = roi::readWorkbook(
        readText(std::string(ROI_SOURCE_DIR) + "/tests/data/sensitivity/steady-support.roiwb"));
    return r.workbook;
}

} // namespace roitest
