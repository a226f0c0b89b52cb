// Snapshots in the .roiwb file (see snapshotjson.h).
#include "snapshotjson.h"

#include <cmath>

namespace roi {

using Json = nlohmann::ordered_json;

namespace {

constexpr std::size_t kMaxText = 200; // label, names, who

Json series(const std::vector<double> &v)
{
    Json a = Json::array();
    for (double x : v)
        a.push_back(x);
    return a;
}

class SnapshotReader
{
public:
    SnapshotReader(const SnapshotError &error, const std::function<void(const std::string &)> &unk)
        : m_error(error)
        , m_unknown(unk)
    {}

    void readAll(const Json &j, const std::string &path, std::vector<Snapshot> &out)
    {
        if (!j.is_array()) {
            m_error(path, "must be an array");
            return;
        }
        if (j.size() > limits::kMaxSnapshots) {
            m_error(path, "has " + std::to_string(j.size()) + " snapshots; at most "
                              + std::to_string(limits::kMaxSnapshots) + " are allowed");
            return;
        }
        for (std::size_t i = 0; i < j.size(); ++i) {
            Snapshot s;
            if (read(j[i], path + "/" + std::to_string(i), s))
                out.push_back(std::move(s));
        }
    }

private:
    const SnapshotError &m_error;
    const std::function<void(const std::string &)> &m_unknown;

    bool text(const Json &j, const std::string &path, std::string &out)
    {
        if (!j.is_string()) {
            m_error(path, "must be a string");
            return false;
        }
        out = j.get<std::string>();
        if (out.size() > kMaxText * 4) {
            m_error(path, "is too long");
            return false;
        }
        return true;
    }

    bool numbers(const Json &j, const std::string &path, int months, std::vector<double> &out)
    {
        if (!j.is_array()) {
            m_error(path, "must be an array of numbers");
            return false;
        }
        if (static_cast<int>(j.size()) != months) {
            m_error(path, "must have one value per month (" + std::to_string(months) + "), not "
                              + std::to_string(j.size()));
            return false;
        }
        out.clear();
        out.reserve(j.size());
        for (std::size_t t = 0; t < j.size(); ++t) {
            if (!j[t].is_number() || !std::isfinite(j[t].get<double>())) {
                m_error(path + "/" + std::to_string(t), "must be a finite number");
                return false;
            }
            out.push_back(j[t].get<double>());
        }
        return true;
    }

    bool readCase(const Json &j, const std::string &path, int months, SnapshotCase &c)
    {
        if (!j.is_object()) {
            m_error(path, "must be an object");
            return false;
        }
        bool ok = true;
        std::array<bool, kSnapshotRowCount> seen{};
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string p = path + "/" + it.key();
            if (it.key() == "name") {
                ok = text(*it, p, c.name) && ok;
                continue;
            }
            if (it.key() == "layers") {
                if (!it->is_array()) {
                    m_error(p, "must be an array");
                    ok = false;
                    continue;
                }
                for (std::size_t l = 0; l < it->size(); ++l) {
                    const Json &e = (*it)[l];
                    const std::string lp = p + "/" + std::to_string(l);
                    if (!e.is_object() || !e.contains("name") || !e.contains("cost")) {
                        m_error(lp, "must be an object with \"name\" and \"cost\"");
                        ok = false;
                        continue;
                    }
                    SnapshotLayer layer;
                    ok = text(e["name"], lp + "/name", layer.name) && ok;
                    ok = numbers(e["cost"], lp + "/cost", months, layer.cost) && ok;
                    c.layers.push_back(std::move(layer));
                }
                continue;
            }
            bool known = false;
            for (int r = 0; r < kSnapshotRowCount; ++r) {
                if (it.key() == snapshotRowKey(static_cast<SnapshotRow>(r))) {
                    known = true;
                    seen[static_cast<std::size_t>(r)] = true;
                    ok = numbers(*it, p, months, c.row(static_cast<SnapshotRow>(r))) && ok;
                }
            }
            if (!known)
                m_unknown(p);
        }
        if (!j.contains("name")) {
            m_error(path + "/name", "is missing");
            ok = false;
        }
        for (int r = 0; r < kSnapshotRowCount; ++r) {
            if (!seen[static_cast<std::size_t>(r)]) {
                m_error(path + "/" + std::string(snapshotRowKey(static_cast<SnapshotRow>(r))),
                        "is missing");
                ok = false;
            }
        }
        return ok;
    }

    bool read(const Json &j, const std::string &path, Snapshot &s)
    {
        if (!j.is_object()) {
            m_error(path, "must be an object");
            return false;
        }
        bool ok = true;
        // The horizon first: every series is checked against it.
        const auto months = j.find("months");
        if (months == j.end() || !months->is_number_integer() || months->get<std::int64_t>() < 1
            || months->get<std::int64_t>()
                   > static_cast<std::int64_t>(limits::kMaxSnapshotMonths)) {
            m_error(path + "/months", "must be a whole number from 1 to "
                                          + std::to_string(limits::kMaxSnapshotMonths));
            return false;
        }
        s.months = months->get<int>();
        for (const char *required : {"label", "scenario", "takenOn", "startMonth", "useCases"}) {
            if (!j.contains(required)) {
                m_error(path + "/" + required, "is missing");
                ok = false;
            }
        }
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string &key = it.key();
            const std::string p = path + "/" + key;
            if (key == "months") {
            } else if (key == "label") {
                ok = text(*it, p, s.label) && ok;
                if (ok && s.label.empty()) {
                    m_error(p, "must not be empty");
                    ok = false;
                }
            } else if (key == "scenario") {
                ok = text(*it, p, s.scenario) && ok;
            } else if (key == "takenBy") {
                ok = text(*it, p, s.takenBy) && ok;
            } else if (key == "currency") {
                ok = text(*it, p, s.currency) && ok;
            } else if (key == "takenOn") {
                const auto d =
                    it->is_string() ? Date::parse(it->get<std::string>()) : std::optional<Date>{};
                if (!d) {
                    m_error(p, "must be a date YYYY-MM-DD");
                    ok = false;
                } else {
                    s.takenOn = *d;
                }
            } else if (key == "startMonth") {
                const auto m = it->is_string() ? YearMonth::parse(it->get<std::string>())
                                               : std::optional<YearMonth>{};
                if (!m) {
                    m_error(p, "must be a month YYYY-MM");
                    ok = false;
                } else {
                    s.startMonth = *m;
                }
            } else if (key == "useCases") {
                if (!it->is_array()) {
                    m_error(p, "must be an array");
                    ok = false;
                    continue;
                }
                for (std::size_t u = 0; u < it->size(); ++u) {
                    SnapshotCase c;
                    ok = readCase((*it)[u], p + "/" + std::to_string(u), s.months, c) && ok;
                    s.useCases.push_back(std::move(c));
                }
            } else {
                m_unknown(p);
            }
        }
        return ok;
    }
};

} // namespace

Json snapshotsToJson(const std::vector<Snapshot> &snapshots)
{
    Json out = Json::array();
    for (const auto &s : snapshots) {
        Json j;
        j["label"] = s.label;
        j["scenario"] = s.scenario;
        j["takenBy"] = s.takenBy;
        j["takenOn"] = s.takenOn.toString();
        j["currency"] = s.currency;
        j["startMonth"] = s.startMonth.toString();
        j["months"] = s.months;
        Json cases = Json::array();
        for (const auto &c : s.useCases) {
            Json cj;
            cj["name"] = c.name;
            for (int r = 0; r < kSnapshotRowCount; ++r) {
                const auto row = static_cast<SnapshotRow>(r);
                cj[std::string(snapshotRowKey(row))] = series(c.row(row));
            }
            Json layers = Json::array();
            for (const auto &l : c.layers)
                layers.push_back(Json{{"name", l.name}, {"cost", series(l.cost)}});
            cj["layers"] = std::move(layers);
            cases.push_back(std::move(cj));
        }
        j["useCases"] = std::move(cases);
        out.push_back(std::move(j));
    }
    return out;
}

void readSnapshots(const Json &j, const std::string &path, std::vector<Snapshot> &snapshots,
                   const SnapshotError &error,
                   const std::function<void(const std::string &)> &unknown)
{
    SnapshotReader(error, unknown).readAll(j, path, snapshots);
}

void migrateSnapshotsToV3(Json &root)
{
    if (!root.contains("snapshots"))
        root["snapshots"] = Json::array();
    root["version"] = 3;
}

} // namespace roi
