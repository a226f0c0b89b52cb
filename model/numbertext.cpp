#include "numbertext.h"

#include <charconv>
#include <cstdlib>
#include <string_view>
#include <system_error>

namespace roi {

void appendShortest(std::string &out, double value)
{
    // The shortest digits and their exponent: "d.ddde±XX".
    char sci[40];
    const auto r = std::to_chars(sci, sci + sizeof sci, value, std::chars_format::scientific);
    const std::string_view text(sci, static_cast<std::size_t>(r.ptr - sci));
    const std::size_t e = text.find('e');
    std::size_t pos = 0;
    const bool negative = text[0] == '-';
    if (negative)
        ++pos;
    char digits[24];
    int n = 0;
    for (std::size_t i = pos; i < e; ++i) {
        if (text[i] != '.')
            digits[n++] = text[i];
    }
    int exponent = 0;
    std::from_chars(text.data() + e + (text[e + 1] == '+' ? 2 : 1), text.data() + text.size(),
                    exponent);
    // "%.<P>g": scientific when the exponent is below -4 or at least the precision.
    const int precision = n > 6 ? n : 6;
    if (exponent < -4 || exponent >= precision) {
        out.append(text);
        return;
    }
    if (negative)
        out += '-';
    if (exponent < 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-exponent - 1), '0');
        out.append(digits, static_cast<std::size_t>(n));
        return;
    }
    const int whole = exponent + 1;
    if (n <= whole) {
        out.append(digits, static_cast<std::size_t>(n));
        out.append(static_cast<std::size_t>(whole - n), '0');
        return;
    }
    out.append(digits, static_cast<std::size_t>(whole));
    out += '.';
    out.append(digits + whole, static_cast<std::size_t>(n - whole));
}

std::string shortestText(double value)
{
    std::string out;
    appendShortest(out, value);
    return out;
}

void appendFixed(std::string &out, double value, int decimals)
{
    // DBL_MAX has 309 digits before the point; the exact expansion of the smallest subnormal
    // has 1074 after it.
    char stack[512];
    const auto r =
        std::to_chars(stack, stack + sizeof stack, value, std::chars_format::fixed, decimals);
    if (r.ec == std::errc()) {
        out.append(stack, static_cast<std::size_t>(r.ptr - stack));
        return;
    }
    std::string big(static_cast<std::size_t>(decimals) + 400, '\0');
    const auto b = std::to_chars(big.data(), big.data() + big.size(), value,
                                 std::chars_format::fixed, decimals);
    out.append(big.data(), static_cast<std::size_t>(b.ptr - big.data()));
}

} // namespace roi
