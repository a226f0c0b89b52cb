// The warehouse connection in the .roiwb file (see warehouseconnection.h).
#include "warehousejson.h"

namespace roi {

nlohmann::ordered_json warehouseToJson(const WarehouseConnection &c)
{
    nlohmann::ordered_json j;
    j["host"] = c.host;
    j["port"] = c.port;
    j["database"] = c.database;
    j["user"] = c.user;
    j["table"] = c.table;
    return j;
}

void readWarehouse(const nlohmann::ordered_json &j, const std::string &path, WarehouseConnection &c,
                   const std::function<void(const std::string &, const std::string &)> &error,
                   const std::function<void(const std::string &)> &unknown)
{
    if (!j.is_object()) {
        error(path, "must be an object");
        return;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string p = path + "/" + it.key();
        std::string *text = it.key() == "host"       ? &c.host
                            : it.key() == "database" ? &c.database
                            : it.key() == "user"     ? &c.user
                            : it.key() == "table"    ? &c.table
                                                     : nullptr;
        if (text) {
            if (!it->is_string() || it->get_ref<const std::string &>().size() > 1000)
                error(p, "must be a string of at most 1000 characters");
            else
                *text = it->get<std::string>();
        } else if (it.key() == "port") {
            if (!it->is_number_integer() || it->get<std::int64_t>() < 1
                || it->get<std::int64_t>() > 65535)
                error(p, "must be a whole number from 1 to 65535");
            else
                c.port = it->get<int>();
        } else if (it.key() == "password") {
            error(p, "a password is never stored in a workbook: use ~/.pgpass or type it when "
                     "asked");
        } else {
            unknown(p);
        }
    }
}

} // namespace roi
