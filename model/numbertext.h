// Numbers as text, fast: the shortest form that reads back to the same double (std::to_chars),
// laid out as printf's "%g" would, and fixed decimals as printf's "%.*f" would.
#pragma once

#include <string>

namespace roi {

/// Appends the shortest text that reads back (strtod, from_chars, a spreadsheet) to exactly
/// `value`, in the layout of "%.<P>g" with P = max(6, significant digits): "0.1", "1234567",
/// "1.2e+06", "1e-07", "-0". The same text as the former loop over "%.6g" .. "%.17g" that kept the
/// first precision reading back exactly, except for subnormals (where "%.6g" has more digits
/// than needed: 5e-324 was "4.94066e-324") and where that loop needed one digit more than the
/// shortest form: both read back exactly. `value` must be finite.
void appendShortest(std::string &out, double value);
std::string shortestText(double value);

/// Appends `value` with `decimals` digits after the point exactly as printf("%.*f") does
/// (correctly rounded, exact binary ties to even), for any finite double.
void appendFixed(std::string &out, double value, int decimals);

} // namespace roi
