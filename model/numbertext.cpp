#include "numbertext.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

namespace roi {

void appendShortest(std::string &out, double value)
{
    // Whole numbers below a million (months, counts, round amounts, zero) print as integers in
    // "%g" whatever their digits: no need for the general path.
    if (value > -1e6 && value < 1e6 && value == static_cast<double>(static_cast<long>(value))) {
        char digits[16];
        char *end = digits;
        if (value == 0 && std::signbit(value))
            *end++ = '-';
        end = std::to_chars(end, digits + sizeof digits, static_cast<long>(value)).ptr;
        out.append(digits, static_cast<std::size_t>(end - digits));
        return;
    }
    // The shortest digits and their exponent: "-d.ddde±XX".
    char sci[40];
    const char *end =
        std::to_chars(sci, sci + sizeof sci, value, std::chars_format::scientific).ptr;
    const char *e = end - 1;
    while (*e != 'e')
        --e;
    int exponent = 0;
    for (const char *c = e + 2; c < end; ++c)
        exponent = exponent * 10 + (*c - '0');
    if (e[1] == '-')
        exponent = -exponent;
    const bool negative = sci[0] == '-';
    const char *first = sci + (negative ? 1 : 0);
    // Digits: the first, then those after the point (if any).
    char digits[24];
    int n = 0;
    digits[n++] = first[0];
    for (const char *c = first + 2; c < e; ++c)
        digits[n++] = *c;
    // "%.<P>g": scientific when the exponent is below -4 or at least the precision.
    const int precision = n > 6 ? n : 6;
    if (exponent < -4 || exponent >= precision) {
        out.append(sci, static_cast<std::size_t>(end - sci));
        return;
    }
    char fixed[48];
    char *o = fixed;
    if (negative)
        *o++ = '-';
    if (exponent < 0) {
        *o++ = '0';
        *o++ = '.';
        for (int i = 0; i < -exponent - 1; ++i)
            *o++ = '0';
        for (int i = 0; i < n; ++i)
            *o++ = digits[i];
    } else {
        const int whole = exponent + 1;
        for (int i = 0; i < whole; ++i)
            *o++ = i < n ? digits[i] : '0';
        if (n > whole) {
            *o++ = '.';
            for (int i = whole; i < n; ++i)
                *o++ = digits[i];
        }
    }
    out.append(fixed, static_cast<std::size_t>(o - fixed));
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
