#include "filenames.h"

#include <array>
#include <cstdint>

namespace roi {

namespace {

/// Decodes one UTF-8 character at `pos`: returns -1 for an invalid
/// sequence (one byte is consumed), else the code point, advancing `pos` past it.
long decode(std::string_view s, std::size_t &pos)
{
    const auto byte = [&](std::size_t i) {
        return static_cast<unsigned char>(s[i]);
    };
    const unsigned char b0 = byte(pos);
    int length = 0;
    long cp = 0;
    long min = 0;
    if (b0 < 0x80) {
        ++pos;
        return b0;
    } else if ((b0 & 0xE0) == 0xC0) {
        length = 2;
        cp = b0 & 0x1F;
        min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        length = 3;
        cp = b0 & 0x0F;
        min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        length = 4;
        cp = b0 & 0x07;
        min = 0x10000;
    } else {
        ++pos;
        return -1;
    }
    if (pos + static_cast<std::size_t>(length) > s.size()) {
        ++pos;
        return -1;
    }
    for (int i = 1; i < length; ++i) {
        const unsigned char b = byte(pos + static_cast<std::size_t>(i));
        if ((b & 0xC0) != 0x80) {
            ++pos;
            return -1;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    // Overlong forms, surrogates and values past Unicode are not characters.
    if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        ++pos;
        return -1;
    }
    pos += static_cast<std::size_t>(length);
    return cp;
}

void encode(long cp, std::string &out)
{
    const auto c = static_cast<std::uint32_t>(cp);
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

bool isSpace(long cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f'
           || cp == 0xA0 || cp == 0x2028 || cp == 0x2029 || cp == 0x3000;
}

/// Characters that are invisible or reorder text: a name could hide its real extension
/// ("report<RLO>fdp.exe" shows as "reportexe.pdf").
bool isDropped(long cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) // C0, DEL, C1 controls
           || (cp >= 0x200B && cp <= 0x200F)                     // zero-width, LRM, RLM
           || (cp >= 0x202A && cp <= 0x202E)                     // bidi embeddings, overrides
           || (cp >= 0x2066 && cp <= 0x2069)                     // bidi isolates
           || cp == 0xFEFF || cp == 0xFFFD;                      // BOM, replacement character
}

bool isForbidden(long cp)
{
    switch (cp) {
    case '/':
    case '\\':
    case '<':
    case '>':
    case ':':
    case '"':
    case '|':
    case '?':
    case '*':
        return true;
    default:
        return false;
    }
}

char upper(char c)
{
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

/// CON, PRN, AUX, NUL, COM1-9, LPT1-9 (and COM/LPT with a superscript digit), which Windows
/// maps to devices whatever the extension: "con.txt" opens the console.
bool isReservedOnWindows(std::string_view name)
{
    std::string_view stem = name.substr(0, name.find('.'));
    while (!stem.empty() && stem.back() == ' ')
        stem.remove_suffix(1);
    std::string s;
    for (char c : stem)
        s += upper(c);
    if (s == "CON" || s == "PRN" || s == "AUX" || s == "NUL")
        return true;
    if (s.size() >= 4 && (s.compare(0, 3, "COM") == 0 || s.compare(0, 3, "LPT") == 0)) {
        const std::string_view digit = std::string_view(s).substr(3);
        return (digit.size() == 1 && digit[0] >= '1' && digit[0] <= '9') || digit == "\u00B9"
               || digit == "\u00B2" || digit == "\u00B3";
    }
    return false;
}

void trimEnd(std::string &s)
{
    while (!s.empty() && (s.back() == ' ' || s.back() == '.'))
        s.pop_back();
}

} // namespace

std::string safeFileName(std::string_view userText)
{
    std::string out;
    bool pendingSpace = false;
    for (std::size_t pos = 0; pos < userText.size();) {
        const long cp = decode(userText, pos);
        if (cp < 0 || (isDropped(cp) && !isSpace(cp)))
            continue;
        if (isSpace(cp)) {
            pendingSpace = !out.empty();
            continue;
        }
        // Leading dots would hide the file or name "." and "..".
        if (out.empty() && cp == '.')
            continue;
        if (pendingSpace)
            out += ' ';
        pendingSpace = false;
        if (isForbidden(cp))
            out += '_';
        else
            encode(cp, out);
    }
    if (isReservedOnWindows(out))
        out.insert(out.begin(), '_');
    if (out.size() > kMaxSafeFileName) {
        std::size_t cut = kMaxSafeFileName;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
            --cut; // back to the start of the character that does not fit
        out.resize(cut);
    }
    // Windows drops trailing dots and spaces, so "a." and "a" would be the same file.
    trimEnd(out);
    return out.empty() ? std::string("untitled") : out;
}

} // namespace roi
