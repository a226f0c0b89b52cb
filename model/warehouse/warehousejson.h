// The warehouse connection in the .roiwb file (format version 3): written without a password.
#pragma once

#include "warehouseconnection.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace roi {

nlohmann::ordered_json warehouseToJson(const WarehouseConnection &connection);
/// Reads "warehouse" at JSON pointer `path`. A "password" key is refused: it must never be saved.
void readWarehouse(const nlohmann::ordered_json &j, const std::string &path,
                   WarehouseConnection &connection,
                   const std::function<void(const std::string &, const std::string &)> &error,
                   const std::function<void(const std::string &)> &unknown);

} // namespace roi
