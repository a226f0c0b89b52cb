// Where a workbook's actuals come from when they live in a warehouse: a PostgreSQL server and a
// FOCUS-shaped table or view. Saved in the workbook (format version 3) WITHOUT the password,
// which is asked each time or taken from the standard ~/.pgpass.
#pragma once

#include <string>

namespace roi {

struct WarehouseConnection
{
    std::string host;     // e.g. "warehouse.example.com" or "127.0.0.1"
    int port = 5432;      // 1..65535
    std::string database; // e.g. "finops"
    std::string user;     // e.g. "analyst"
    std::string table;    // a FOCUS table or view, optionally schema-qualified: "billing.focus"

    bool isSet() const { return !host.empty() || !table.empty(); }
    friend bool operator==(const WarehouseConnection &, const WarehouseConnection &) = default;
};

} // namespace roi
