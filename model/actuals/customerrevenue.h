// Revenue per customer from a CSV of `customer,revenue` lines (monthly revenue in the workbook's
// currency), as a finance team exports it: an optional header naming the two columns (in either
// order, any case, more columns ignored), ',' or ';' or tab between fields, quoted customers
// ("" for a quote), a UTF-8 byte-order mark, blank lines. Plain C++, no Qt.
#pragma once

#include "actuals.h"

#include <string>
#include <string_view>
#include <vector>

namespace roi::actuals {

struct RevenueCsv
{
    std::vector<CustomerRevenue> entries; // in file order (normalisedRevenue sorts them)
    /// "line N: ..." for every refused line; a file with any is refused as a whole.
    std::vector<std::string> errors;
};

RevenueCsv parseCustomerRevenueCsv(std::string_view text);

/// `current` with `imported` merged in: an imported customer's revenue replaces its old one,
/// the others are kept; sorted by customer.
std::vector<CustomerRevenue> mergeRevenue(const std::vector<CustomerRevenue> &current,
                                          const std::vector<CustomerRevenue> &imported);

} // namespace roi::actuals
