#include "leverscommand.h"

#include "levers/leverexport.h"

#include <algorithm>
#include <ostream>

namespace roi {

bool isLeversFormat(const std::string &format)
{
    return format.empty() || format == "text" || format == "json" || format == "csv";
}

void printLevers(const Workbook &wb, const Results &res, int scenario, const std::string &format,
                 std::ostream &out)
{
    // The executive view is one scenario: Base unless the caller names another.
    if (scenario < 0)
        scenario = std::max(0, res.findScenario(kBaseScenario));
    if (format == "json")
        out << leversJsonText(wb, res, scenario);
    else if (format == "csv")
        out << leversCsv(wb, res, scenario);
    else
        out << leversText(wb, res, scenario);
}

} // namespace roi
