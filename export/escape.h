// export/escape.h — escaping for every text format export writes.
//
// One pure function per target syntax, each with a one-line contract. Every
// function first repairs invalid UTF-8 (each bad sequence becomes U+FFFD), so
// whatever is in the store, the output is valid UTF-8; valid non-ASCII text
// passes through unchanged.
//
//   out << '"' << DotEscape("Say \"hi\"\n") << '"';    // "Say \"hi\"\n" (a DOT line break)
//   out << "<td>" << HtmlEscape("<script>") << "</td>";  // &lt;script&gt;
//   out << CsvCell("=HYPERLINK(\"x\")");                // "'=HYPERLINK(""x"")"
//
// All functions are thread-safe (no shared state).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace corpgraph::exporter {

// The body of a DOT double-quoted string used as a label or tooltip (an
// "escString"): backslash -> \\, quote -> \", newline -> \n (centred line
// break), other control characters -> space, '&' -> &amp; (GraphViz decodes
// HTML entities in labels, so a literal "&lt;" must stay literal).
std::string DotEscape(std::string_view text);

// The body of a DOT double-quoted string used as a node id or cluster name:
// backslash and quote are escaped, control characters become spaces, nothing
// else changes.
std::string DotIdEscape(std::string_view text);

// Text content or attribute value for XML/HTML/SVG: & < > " ' become entities;
// control characters other than tab and newline (invalid in XML 1.0) are dropped.
std::string XmlEscape(std::string_view text);
inline std::string HtmlEscape(std::string_view text) { return XmlEscape(text); }

// One RFC 4180 CSV cell. A cell starting with '=', '+', '-', '@', tab or CR
// is first prefixed with "'" so spreadsheets do not evaluate it as a formula.
// The cell is then quoted (quotes doubled) when it contains a comma, quote,
// CR or LF.
std::string CsvCell(std::string_view text);

// A CSV cell for a number we formatted ourselves: no formula protection, so a
// negative number stays a number.
std::string CsvNumber(double value, int precision = 4);

// Cuts `text` to at most `max_bytes` bytes on a UTF-8 character boundary,
// appending "…" when something was cut (the result may then exceed max_bytes by 3).
std::string TruncateUtf8(std::string_view text, size_t max_bytes);

// Formats `value` with `precision` digits after the point, without trailing
// zeros ("0.9", "1", "0.125"); locale-independent.
std::string FormatNumber(double value, int precision = 3);

}  // namespace corpgraph::exporter
