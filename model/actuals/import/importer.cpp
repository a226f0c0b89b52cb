// Format names, detection and the entry points of roi_import (see importer.h).
#include "importer.h"

#include "anthropicimporter.h"
#include "focusimporter.h"
#include "importcontext.h"
#include "inputstream.h"
#include "litellmimporter.h"
#include "mappedcsvimporter.h"
#include "openaiimporter.h"
#include "parsing.h"

#include <filesystem>
#include <fstream>

namespace roi::actuals {

using detail::icontains;

std::string_view formatName(SourceFormat format)
{
    switch (format) {
    case SourceFormat::Auto:
        return "auto";
    case SourceFormat::Focus:
        return "focus";
    case SourceFormat::OpenAiUsage:
        return "openai-usage";
    case SourceFormat::OpenAiCosts:
        return "openai-costs";
    case SourceFormat::AnthropicUsage:
        return "anthropic-usage";
    case SourceFormat::AnthropicCosts:
        return "anthropic-costs";
    case SourceFormat::LiteLlm:
        return "litellm";
    case SourceFormat::MappedCsv:
        return "csv";
    }
    return "auto";
}

std::string_view formatLabel(SourceFormat format)
{
    switch (format) {
    case SourceFormat::Auto:
        return "Detect automatically";
    case SourceFormat::Focus:
        return "FOCUS 1.0-1.4 (CSV)";
    case SourceFormat::OpenAiUsage:
        return "OpenAI usage (JSON or CSV)";
    case SourceFormat::OpenAiCosts:
        return "OpenAI costs (JSON)";
    case SourceFormat::AnthropicUsage:
        return "Anthropic usage report (JSON)";
    case SourceFormat::AnthropicCosts:
        return "Anthropic cost report (JSON)";
    case SourceFormat::LiteLlm:
        return "LiteLLM spend logs (CSV or JSON)";
    case SourceFormat::MappedCsv:
        return "CSV with a column mapping";
    }
    return "";
}

std::optional<SourceFormat> formatFromName(std::string_view name)
{
    name = detail::trim(name);
    for (SourceFormat f :
         {SourceFormat::Auto, SourceFormat::Focus, SourceFormat::OpenAiUsage,
          SourceFormat::OpenAiCosts, SourceFormat::AnthropicUsage, SourceFormat::AnthropicCosts,
          SourceFormat::LiteLlm, SourceFormat::MappedCsv})
        if (detail::iequals(name, formatName(f)))
            return f;
    if (detail::iequals(name, "openai"))
        return SourceFormat::OpenAiUsage;
    if (detail::iequals(name, "anthropic"))
        return SourceFormat::AnthropicUsage;
    return std::nullopt;
}

namespace {

bool has(std::string_view text, std::string_view word)
{
    return text.find(word) != std::string_view::npos;
}

/// The header line's names, split on , ; or tab and unquoted (enough for detection).
bool headerHas(std::string_view line, std::string_view name)
{
    std::size_t start = 0;
    while (start <= line.size()) {
        std::size_t end = line.find_first_of(",;\t", start);
        if (end == std::string_view::npos)
            end = line.size();
        std::string_view f = detail::trim(line.substr(start, end - start));
        if (f.size() >= 2 && f.front() == '"' && f.back() == '"')
            f = f.substr(1, f.size() - 2);
        if (detail::iequals(f, name))
            return true;
        start = end + 1;
    }
    return false;
}

SourceFormat detectByName(std::string_view fileName)
{
    const std::string name = std::filesystem::path(fileName).filename().string();
    if (icontains(name, "focus"))
        return SourceFormat::Focus;
    if (icontains(name, "litellm") || icontains(name, "spendlog") || icontains(name, "spend_log")
        || icontains(name, "spend-log"))
        return SourceFormat::LiteLlm;
    if (icontains(name, "anthropic") || icontains(name, "claude"))
        return icontains(name, "cost") ? SourceFormat::AnthropicCosts
                                       : SourceFormat::AnthropicUsage;
    if (icontains(name, "openai"))
        return icontains(name, "cost") ? SourceFormat::OpenAiCosts : SourceFormat::OpenAiUsage;
    return SourceFormat::Auto;
}

std::string knownFormats()
{
    return "known formats: FOCUS 1.0-1.4 CSV (focus), OpenAI usage JSON or CSV (openai-usage), "
           "OpenAI costs JSON (openai-costs), Anthropic usage report JSON (anthropic-usage), "
           "Anthropic cost report JSON (anthropic-costs), LiteLLM spend logs CSV or JSON "
           "(litellm), any CSV with a column mapping (csv)";
}

} // namespace

SourceFormat detectFormat(std::string_view head, std::string_view fileName)
{
    std::string_view text = head;
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    text = detail::trim(text);
    if (!text.empty() && (text.front() == '{' || text.front() == '[')) {
        if (has(text, "\"spend\"")
            && (has(text, "\"prompt_tokens\"") || has(text, "\"startTime\"")))
            return SourceFormat::LiteLlm;
        // Cost reports name token kinds as values ("token_type": "uncached_input_tokens"):
        // look for them first.
        if (has(text, "\"cost_type\"") || (has(text, "\"starting_at\"") && has(text, "\"amount\"")))
            return SourceFormat::AnthropicCosts;
        if (has(text, "\"uncached_input_tokens\""))
            return SourceFormat::AnthropicUsage;
        if (has(text, "organization.costs.result") || has(text, "\"line_item\""))
            return SourceFormat::OpenAiCosts;
        if (has(text, "organization.usage.completions.result")
            || has(text, "\"input_cached_tokens\"") || has(text, "\"num_model_requests\""))
            return SourceFormat::OpenAiUsage;
        if (has(text, "\"cache_read_input_tokens\"") && has(text, "\"starting_at\""))
            return SourceFormat::AnthropicUsage;
    } else if (!text.empty()) {
        const std::string_view line = text.substr(0, text.find('\n'));
        if (headerHas(line, "ChargePeriodStart")
            && (headerHas(line, "EffectiveCost") || headerHas(line, "BilledCost")))
            return SourceFormat::Focus;
        if (headerHas(line, "spend")
            && (headerHas(line, "prompt_tokens") || headerHas(line, "startTime")))
            return SourceFormat::LiteLlm;
        if (headerHas(line, "num_model_requests") || headerHas(line, "input_cached_tokens")
            || headerHas(line, "n_context_tokens_total"))
            return SourceFormat::OpenAiUsage;
    }
    return detectByName(fileName);
}

ImportResult importStream(std::istream &in, std::string_view name, const ImportOptions &options,
                          const RecordSink &sink)
{
    return importStreamSized(in, name, 0, options, sink);
}

ImportResult importStreamSized(std::istream &in, std::string_view name, std::uint64_t totalBytes,
                               const ImportOptions &options, const RecordSink &sink)
{
    ImportResult result;
    detail::InputStream input(in, totalBytes);
    const std::string_view head = input.head();
    if (head.empty()) {
        result.error = input.error().empty() ? "the file is empty" : input.error();
        return result;
    }
    SourceFormat format = options.format;
    const SourceFormat detected = detectFormat(head, name);
    if (format == SourceFormat::Auto)
        format = detected;
    else if ((format == SourceFormat::OpenAiUsage && detected == SourceFormat::OpenAiCosts)
             || (format == SourceFormat::AnthropicUsage
                 && detected == SourceFormat::AnthropicCosts))
        format = detected; // "openai" / "anthropic": the kind is detected
    if (format == SourceFormat::Auto && options.mapping)
        format = SourceFormat::MappedCsv;
    if (format == SourceFormat::Auto) {
        result.error =
            "the format of " + std::string(name) + " is not recognised; " + knownFormats();
        return result;
    }
    result.stats.format = format;
    detail::ImportContext context(std::string(name), options, sink, input, result.stats);
    std::string error;
    switch (format) {
    case SourceFormat::Focus:
        error = detail::importFocus(context);
        break;
    case SourceFormat::OpenAiUsage:
    case SourceFormat::OpenAiCosts:
        error = detail::importOpenAi(context, format);
        break;
    case SourceFormat::AnthropicUsage:
    case SourceFormat::AnthropicCosts:
        error = detail::importAnthropic(context, format);
        break;
    case SourceFormat::LiteLlm:
        error = detail::importLiteLlm(context);
        break;
    case SourceFormat::MappedCsv:
        if (!options.mapping) {
            error = "a plain CSV needs a column mapping";
            break;
        }
        error = detail::importMappedCsv(context, *options.mapping);
        break;
    case SourceFormat::Auto:
        break;
    }
    result.cancelled = context.cancelled();
    if (result.cancelled) {
        result.error = "the import was cancelled";
        return result;
    }
    if (!error.empty()) {
        result.error = error;
        return result;
    }
    context.finish();
    result.ok = true;
    return result;
}

ImportResult importFile(const std::string &path, const ImportOptions &options,
                        const RecordSink &sink)
{
    std::error_code ec;
    const std::uint64_t size = std::filesystem::file_size(path, ec);
    std::ifstream in(path, std::ios::binary);
    if (!in || ec || std::filesystem::is_directory(path, ec)) {
        ImportResult result;
        result.error = "cannot open " + path;
        return result;
    }
    return importStreamSized(in, path, ec ? 0 : size, options, sink);
}

} // namespace roi::actuals
