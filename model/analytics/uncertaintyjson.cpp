#include "uncertaintyjson.h"

#include "../inputs.h"
#include "distribution.h"

#include <algorithm>
#include <cmath>

namespace roi {

using Json = nlohmann::json;

namespace {

struct Param
{
    const char *key;
    double DistributionSpec::*member;
};

std::vector<Param> paramsOf(DistributionKind kind)
{
    switch (kind) {
    case DistributionKind::Pert:
    case DistributionKind::Triangular:
        return {{"min", &DistributionSpec::min},
                {"mode", &DistributionSpec::mode},
                {"max", &DistributionSpec::max}};
    case DistributionKind::Uniform:
        return {{"min", &DistributionSpec::min}, {"max", &DistributionSpec::max}};
    case DistributionKind::Normal:
        return {{"mean", &DistributionSpec::mean}, {"sd", &DistributionSpec::sd}};
    case DistributionKind::LogNormal:
        return {{"p10", &DistributionSpec::p10}, {"p90", &DistributionSpec::p90}};
    }
    return {};
}

} // namespace

Json uncertaintyToJson(const UncertaintySetup &setup)
{
    Json j;
    j["sampling"] = std::string(name(setup.sampling));
    Json inputs = Json::array();
    for (const auto &in : setup.inputs) {
        Json e;
        e["input"] = in.input;
        if (!in.useCase.empty())
            e["useCase"] = in.useCase;
        e["distribution"] = std::string(name(in.distribution.kind));
        for (const Param &p : paramsOf(in.distribution.kind))
            e[p.key] = in.distribution.*(p.member);
        inputs.push_back(std::move(e));
    }
    j["inputs"] = std::move(inputs);
    Json corr = Json::array();
    for (const auto &c : setup.correlations)
        corr.push_back(Json{{"a", c.a}, {"b", c.b}, {"rho", c.rho}});
    j["correlations"] = std::move(corr);
    if (!setup.scenario.empty())
        j["scenario"] = setup.scenario;
    return j;
}

void readUncertainty(const Json &j, const std::string &path, UncertaintySetup &setup,
                     const UncertaintyError &error,
                     const std::function<void(const std::string &)> &unknown)
{
    if (!j.is_object()) {
        error(path, "must be an object");
        return;
    }
    auto number = [&](const Json &v, const std::string &p, double &out) {
        if (!v.is_number() || !std::isfinite(v.get<double>())) {
            error(p, "must be a number");
            return false;
        }
        out = v.get<double>();
        return true;
    };
    auto index = [&](const Json &v, const std::string &p, int &out) {
        if (!v.is_number_integer() || v.get<std::int64_t>() < 0
            || v.get<std::int64_t>() >= static_cast<std::int64_t>(limits::kMaxUncertainInputs)) {
            error(p, "must be the index of an uncertain input (0 to "
                         + std::to_string(limits::kMaxUncertainInputs - 1) + ")");
            return;
        }
        out = static_cast<int>(v.get<std::int64_t>());
    };
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string p = path + "/" + it.key();
        const Json &v = *it;
        if (it.key() == "sampling") {
            if (!v.is_string() || !parseSamplingMethod(v.get<std::string>(), setup.sampling))
                error(p, "must be \"lhs\" or \"random\"");
        } else if (it.key() == "scenario") {
            if (!v.is_string() || v.get<std::string>().empty() || v.get<std::string>().size() > 200)
                error(p, "must be the name of a scenario");
            else
                setup.scenario = v.get<std::string>();
        } else if (it.key() == "inputs") {
            if (!v.is_array()) {
                error(p, "must be an array");
                continue;
            }
            if (v.size() > limits::kMaxUncertainInputs) {
                error(p,
                      "has more than " + std::to_string(limits::kMaxUncertainInputs) + " inputs");
                continue;
            }
            for (std::size_t i = 0; i < v.size(); ++i) {
                const std::string ip = p + "/" + std::to_string(i);
                const Json &e = v[i];
                UncertainInput in;
                if (!e.is_object()) {
                    error(ip, "must be an object");
                    continue;
                }
                const auto kind = e.find("distribution");
                if (kind == e.end() || !kind->is_string()
                    || !parseDistributionKind(kind->get<std::string>(), in.distribution.kind)) {
                    error(ip + "/distribution",
                          "must be one of pert, triangular, uniform, normal, lognormal");
                }
                const std::vector<Param> params = paramsOf(in.distribution.kind);
                for (auto m = e.begin(); m != e.end(); ++m) {
                    const std::string mp = ip + "/" + m.key();
                    if (m.key() == "input") {
                        std::string why;
                        if (!m->is_string() || m->get<std::string>().size() > 400)
                            error(mp, "must be a named input such as \"baseline.volume\"");
                        else if (!InputPath::parse(m->get<std::string>(), &why))
                            error(mp, why);
                        else
                            in.input = m->get<std::string>();
                    } else if (m.key() == "useCase") {
                        if (!m->is_string() || m->get<std::string>().empty()
                            || m->get<std::string>().size() > 200)
                            error(mp, "must be the name of a use case");
                        else
                            in.useCase = m->get<std::string>();
                    } else if (m.key() == "distribution") {
                    } else {
                        bool known = false;
                        for (const Param &prm : params) {
                            if (m.key() == prm.key) {
                                known = true;
                                number(*m, mp, in.distribution.*(prm.member));
                            }
                        }
                        if (!known)
                            unknown(mp);
                    }
                }
                if (!e.contains("input"))
                    error(ip + "/input", "is missing");
                for (const Param &prm : params) {
                    if (!e.contains(prm.key))
                        error(ip + "/" + prm.key, "is missing");
                }
                setup.inputs.push_back(std::move(in));
            }
        } else if (it.key() == "correlations") {
            if (!v.is_array()) {
                error(p, "must be an array");
                continue;
            }
            if (v.size() > limits::kMaxCorrelations) {
                error(p, "has more than " + std::to_string(limits::kMaxCorrelations) + " pairs");
                continue;
            }
            for (std::size_t i = 0; i < v.size(); ++i) {
                const std::string cp = p + "/" + std::to_string(i);
                const Json &e = v[i];
                if (!e.is_object()) {
                    error(cp, "must be an object");
                    continue;
                }
                InputCorrelation c;
                for (const char *key : {"a", "b", "rho"}) {
                    if (!e.contains(key))
                        error(cp + "/" + key, "is missing");
                }
                for (auto m = e.begin(); m != e.end(); ++m) {
                    const std::string mp = cp + "/" + m.key();
                    if (m.key() == "a") {
                        index(*m, mp, c.a);
                    } else if (m.key() == "b") {
                        index(*m, mp, c.b);
                    } else if (m.key() == "rho") {
                        if (number(*m, mp, c.rho) && (c.rho < -1 || c.rho > 1))
                            error(mp, "must be between -1 and 1");
                    } else {
                        unknown(mp);
                    }
                }
                setup.correlations.push_back(c);
            }
        } else {
            unknown(p);
        }
    }
}

void validateUncertainty(const Workbook &wb, const UncertaintyError &error)
{
    const UncertaintySetup &setup = wb.uncertainty;
    const std::string root = "/uncertainty";
    if (!setup.scenario.empty()
        && std::none_of(wb.scenarios.begin(), wb.scenarios.end(),
                        [&](const Scenario &s) { return s.name == setup.scenario; }))
        error(root + "/scenario", "names no scenario of the workbook");
    if (setup.inputs.size() > limits::kMaxUncertainInputs)
        error(root + "/inputs",
              "has more than " + std::to_string(limits::kMaxUncertainInputs) + " inputs");
    for (std::size_t i = 0; i < setup.inputs.size(); ++i) {
        const UncertainInput &in = setup.inputs[i];
        const std::string p = root + "/inputs/" + std::to_string(i);
        std::string why;
        const auto path = InputPath::parse(in.input, &why);
        if (!path) {
            error(p + "/input", in.input.empty() ? "is missing" : why);
            continue;
        }
        if (!in.useCase.empty() && wb.findUseCase(in.useCase) < 0) {
            error(p + "/useCase", "names no use case of the workbook");
            continue;
        }
        bool found = false;
        if (path->section == InputSection::Settings) {
            found = true;
        } else if (path->section == InputSection::Prices) {
            for (std::size_t e = 0; e < wb.priceBook.size() && !found; ++e) {
                found = path->selector == InputPath::Selector::All
                        || (path->selector == InputPath::Selector::Key
                            && wb.priceBook[e].model == path->key)
                        || (path->selector == InputPath::Selector::Index
                            && static_cast<std::size_t>(path->index) == e);
            }
        } else {
            for (const UseCase &uc : wb.useCases) {
                if (!in.useCase.empty() && uc.name != in.useCase)
                    continue;
                UseCase scratch = uc;
                std::vector<PriceEntry> prices;
                Settings settings;
                found =
                    found
                    || applyAdjustment(*path, AdjustmentOp::Multiply, 1, scratch, prices, settings)
                           > 0;
            }
        }
        if (!found) {
            error(p + "/input", "'" + in.input + "' names no input of "
                                    + (in.useCase.empty() ? std::string("the workbook")
                                                          : "use case '" + in.useCase + "'"));
            continue;
        }
        const FieldInfo *info = path->info();
        std::string param;
        const std::string bad = Distribution::check(in.distribution, info->min, info->max, &param);
        if (!bad.empty())
            error(p + "/" + param, bad);
    }
    const int k = static_cast<int>(setup.inputs.size());
    for (std::size_t i = 0; i < setup.correlations.size(); ++i) {
        const InputCorrelation &c = setup.correlations[i];
        const std::string p = root + "/correlations/" + std::to_string(i);
        if (c.a < 0 || c.a >= k)
            error(p + "/a", "names no uncertain input (there are " + std::to_string(k) + ")");
        if (c.b < 0 || c.b >= k)
            error(p + "/b", "names no uncertain input (there are " + std::to_string(k) + ")");
        if (c.a == c.b)
            error(p + "/b", "must differ from a");
        if (!std::isfinite(c.rho) || c.rho < -1 || c.rho > 1)
            error(p + "/rho", "must be between -1 and 1");
        for (std::size_t e = 0; e < i; ++e) {
            const InputCorrelation &o = setup.correlations[e];
            if ((o.a == c.a && o.b == c.b) || (o.a == c.b && o.b == c.a))
                error(p, "repeats the pair of /uncertainty/correlations/" + std::to_string(e));
        }
    }
}

} // namespace roi
