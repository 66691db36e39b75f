// A private (0700) scratch directory created beside a target path, removed with everything in it.
#include "cli/private_dir.hpp"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace rivetr::cli {

namespace fs = std::filesystem;

PrivateDir::PrivateDir(const fs::path& target, const std::string& purpose) {
    auto absolute = fs::absolute(target).lexically_normal();
    if (!absolute.has_filename()) absolute = absolute.parent_path();
    auto pattern = (absolute.parent_path() / ("." + absolute.filename().string() + "." + purpose + "-XXXXXX")).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (!::mkdtemp(buf.data())) {  // mkdtemp creates it 0700
        throw std::runtime_error("cannot create a directory beside " + absolute.string() + ": " + std::strerror(errno));
    }
    path_ = buf.data();
}

PrivateDir::~PrivateDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

}  // namespace rivetr::cli
