// Lookups over a loaded compose project.
#include "stacks/compose_model.hpp"

#include <algorithm>

namespace rivetr::stacks {
namespace {

template <typename T, typename Key>
const T* findBy(const std::vector<T>& items, const std::string& value, Key key) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return t.*key == value; });
    return it == items.end() ? nullptr : &*it;
}

}  // namespace

const ServiceSpec* ComposeProject::service(const std::string& n) const { return findBy(services, n, &ServiceSpec::name); }
const NetworkDecl* ComposeProject::network(const std::string& key) const { return findBy(networks, key, &NetworkDecl::key); }
const VolumeDecl* ComposeProject::volume(const std::string& key) const { return findBy(volumes, key, &VolumeDecl::key); }

}  // namespace rivetr::stacks
