// How the columns of a plain CSV map onto the normalised record (usagerecord.h): set up once in
// the window, saved by name in the workbook, reused by `roi-workbench import --mapping NAME`.
#pragma once

#include <string>

namespace roi::actuals {

/// Each member names a CSV header (matched exactly, after trimming); empty = not in the file.
struct ColumnMapping
{
    std::string name; // unique within the workbook, e.g. "Finance team's gateway export"

    std::string date;  // required: the usage day
    std::string model; // required
    std::string provider;
    std::string uncachedInput;
    std::string cacheReadInput;
    std::string cacheWriteInput;
    std::string outputTokens;
    std::string requests;
    std::string outcomes;
    std::string cost;
    std::string currency;
    std::string feature;
    std::string team;
    std::string customer;
    std::string project;
    std::string user;
    std::string tags; // a JSON object, or "k=v;k=v"

    // How to read the values:
    std::string dateFormat = "auto"; // auto (ISO date / RFC 3339 / Unix seconds), or "YYYY-MM-DD",
                                     // "DD/MM/YYYY", "MM/DD/YYYY", "unix"
    bool costInCents = false;        // amounts are cents, not units of the currency
    std::string defaultCurrency;     // when there is no currency column; empty = workbook's
    std::string defaultProvider;     // when there is no provider column
    char delimiter = ',';
    // What the input column holds: false = uncached input only, true = every input token
    // including cache reads and writes (then uncached = input - cache read - cache write).
    bool inputIncludesCached = false;

    friend bool operator==(const ColumnMapping &, const ColumnMapping &) = default;
};

} // namespace roi::actuals
