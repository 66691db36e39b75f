// Tests only: whether the engine still has an image (by id or reference), for checks after a remove or a prune.
#pragma once

#include <string>

#include "runtime/image_store.hpp"
#include "runtime/runtime_error.hpp"

namespace rivetr::runtime::testing {

inline bool imageExists(ImageStore& images, const std::string& ref) {
    try {
        images.inspectImage(ref);
        return true;
    } catch (const RuntimeError&) {
        return false;
    }
}

}  // namespace rivetr::runtime::testing
