// Entry point of the one rivetr binary: hands argv to the subcommand dispatcher.
#include "cli/commands.hpp"

int main(int argc, char** argv) {
    return rivetr::cli::dispatch(std::vector<std::string>(argv + 1, argv + argc));
}
