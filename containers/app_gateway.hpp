// How the Docker manager reaches a Rivetr app's own actions, so it never stops or starts an app's container behind the engine's back.
#pragma once

#include <string>

namespace rivetr::containers {

enum class AppVerb { Start, Stop, Restart };

// The server wires this to engine::AppActions (through Engine::act, serialised with the app's
// deployments); tests give a recording one.
class AppGateway {
public:
    virtual ~AppGateway() = default;
    // The app's name, for messages that name it ("" when no app has that id any more).
    virtual std::string appName(const std::string& appId) = 0;
    // Runs the app's own action and waits for it; throws ContainerError when it is refused or fails.
    virtual void act(const std::string& appId, AppVerb verb) = 0;
};

}  // namespace rivetr::containers
