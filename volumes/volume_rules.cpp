// What a volume name, driver, label and driver option may be, checked before any engine call (names reach URLs and drivers).
#include "volumes/volume_rules.hpp"

#include <algorithm>
#include <regex>

#include "containers/container_config.hpp"
#include "containers/container_error.hpp"

namespace rivetr::volumes {
namespace {

using containers::ContainerError;

[[noreturn]] void refuse(const std::string& code, const std::string& field, const std::string& message) {
    throw ContainerError(400, code, message, field);
}

bool printable(const std::string& s) {
    return std::none_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

}  // namespace

void checkVolumeName(const std::string& name, const std::string& field) {
    static const std::regex kName("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$");
    if (name.size() > 255 || !std::regex_match(name, kName))
        refuse("invalid_volume_name", field,
               "a volume name is 2 to 255 letters, digits, '_', '.' or '-', starting with a letter or digit (got '" +
                   (printable(name) ? name : std::string("<control characters>")) + "')");
}

void checkVolumeSpec(const runtime::VolumeSpec& spec) {
    checkVolumeName(spec.name);
    static const std::regex kDriver("^[a-zA-Z0-9][a-zA-Z0-9_.:/-]{0,127}$");
    if (!std::regex_match(spec.driver, kDriver) || spec.driver.find("..") != std::string::npos)
        refuse("invalid_volume", "driver", "a driver is a name such as \"local\" or a plugin's \"vendor/driver:tag\"");
    for (const auto& [key, value] : spec.labels) {
        if (key.empty() || !printable(key) || !printable(value))
            refuse("invalid_volume", "labels." + key, "a label has a non-empty key and no control characters");
        if (containers::isReservedLabel(key))
            refuse("invalid_volume", "labels." + key, "labels under rivetr. are Rivetr's own (they mark an app's volume)");
    }
    static const std::regex kOptKey("^[a-zA-Z0-9_.-]{1,64}$");
    for (const auto& [key, value] : spec.driverOpts) {
        if (!std::regex_match(key, kOptKey))
            refuse("invalid_volume", "driver_opts." + key, "a driver option's key is letters, digits, '_', '.' or '-'");
        if (!printable(value) || value.size() > 4096)
            refuse("invalid_volume", "driver_opts." + key, "a driver option's value has no control characters (at most 4096)");
    }
}

}  // namespace rivetr::volumes
