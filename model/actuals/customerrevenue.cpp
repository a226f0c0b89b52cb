#include "customerrevenue.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>

namespace roi::actuals {

namespace {

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) {
            return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
        };
        if (lower(a[i]) != lower(b[i]))
            return false;
    }
    return true;
}

/// Splits one line; false when a quote is not closed or text follows a closing quote.
bool split(std::string_view line, char delimiter, std::vector<std::string> &fields)
{
    fields.clear();
    std::size_t i = 0;
    for (;;) {
        std::string field;
        while (i < line.size() && line[i] == ' ')
            ++i;
        if (i < line.size() && line[i] == '"') {
            ++i;
            for (;;) {
                if (i >= line.size())
                    return false;
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        field.push_back('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field.push_back(line[i++]);
            }
            while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
                ++i;
            if (i < line.size() && line[i] != delimiter)
                return false;
        } else {
            const std::size_t end = line.find(delimiter, i);
            field.assign(trimmed(line.substr(i, end == std::string_view::npos ? end : end - i)));
            i = end == std::string_view::npos ? line.size() : end;
        }
        fields.push_back(std::move(field));
        if (i >= line.size())
            return true;
        ++i; // the delimiter
    }
}

/// A plain decimal ("1200", "1200.50", "1,200.50" is not: the comma separates fields).
std::optional<double> amount(std::string_view s)
{
    s = trimmed(s);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    if (s.empty())
        return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

} // namespace

RevenueCsv parseCustomerRevenueCsv(std::string_view text)
{
    RevenueCsv out;
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    // The delimiter: the first line's ';' or tab when it has no ','.
    const std::string_view first = text.substr(0, text.find('\n'));
    char delimiter = ',';
    if (first.find(',') == std::string_view::npos) {
        if (first.find(';') != std::string_view::npos)
            delimiter = ';';
        else if (first.find('\t') != std::string_view::npos)
            delimiter = '\t';
    }
    std::size_t customerColumn = 0, revenueColumn = 1;
    std::vector<std::string> fields;
    std::size_t lineNo = 0;
    bool firstContent = true;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        const std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        ++lineNo;
        if (trimmed(line).empty())
            continue;
        const std::string where = "line " + std::to_string(lineNo) + ": ";
        if (!split(line, delimiter, fields)) {
            out.errors.push_back(where
                                 + "a quoted customer is not closed, or text follows "
                                   "its closing quote");
            firstContent = false;
            continue;
        }
        if (firstContent) {
            firstContent = false;
            // A header: the line names a customer and a revenue column.
            std::size_t c = fields.size(), r = fields.size();
            for (std::size_t i = 0; i < fields.size(); ++i) {
                if (equalsIgnoringCase(fields[i], "customer")
                    || equalsIgnoringCase(fields[i], "client")
                    || equalsIgnoringCase(fields[i], "end_user"))
                    c = i;
                else if (equalsIgnoringCase(fields[i], "revenue")
                         || equalsIgnoringCase(fields[i], "monthly revenue")
                         || equalsIgnoringCase(fields[i], "mrr"))
                    r = i;
            }
            if (c < fields.size() && r < fields.size()) {
                customerColumn = c;
                revenueColumn = r;
                continue;
            }
            if (fields.size() >= 2 && !amount(fields[1])) {
                out.errors.push_back(where
                                     + "the header must name a customer and a revenue "
                                       "column (customer,revenue)");
                continue;
            }
        }
        if (fields.size() <= std::max(customerColumn, revenueColumn)) {
            out.errors.push_back(where + "has " + std::to_string(fields.size())
                                 + " field(s); expected a customer and a revenue");
            continue;
        }
        const std::string &customer = fields[customerColumn];
        if (customer.empty()) {
            out.errors.push_back(where + "the customer is empty");
            continue;
        }
        const std::optional<double> v = amount(fields[revenueColumn]);
        if (!v) {
            out.errors.push_back(where + "revenue \"" + fields[revenueColumn].substr(0, 40)
                                 + "\" is not a number (write 1200.50, without currency signs "
                                   "or thousands separators)");
            continue;
        }
        if (*v < 0 || *v > 1e12) {
            out.errors.push_back(where + "revenue must be between 0 and 1e12");
            continue;
        }
        out.entries.push_back({customer, *v});
    }
    return out;
}

std::vector<CustomerRevenue> mergeRevenue(const std::vector<CustomerRevenue> &current,
                                          const std::vector<CustomerRevenue> &imported)
{
    std::vector<CustomerRevenue> all = current;
    all.insert(all.end(), imported.begin(), imported.end());
    return normalisedRevenue(std::move(all)); // later entries win
}

} // namespace roi::actuals
