// The bash and zsh completion scripts `rivetr completion` prints, generated from the command registry.
#pragma once

#include <string>

namespace rivetr::cli {

std::string bashCompletion();
std::string zshCompletion();

}  // namespace rivetr::cli
