// Tests only: a real engine whose container runtime is "down" (deployments are accepted, recorded and then fail), the setup every API test over real HTTP shares.
#pragma once

#include <filesystem>
#include <memory>

#include "api/api_context.hpp"
#include "core/git/source.hpp"
#include "engine/engine.hpp"
#include "server/proxy_traffic.hpp"
#include "store/app_state_repository.hpp"
#include "store/store.hpp"

namespace rivetr::test {

struct RuntimelessEngine {
    RuntimelessEngine(store::Store& store, api::ApiContext& ctx, const std::filesystem::path& dataDir)
        : source(git::makeLibgit2Source([&] {
              git::SourceOptions o;
              o.dataDir = dataDir;
              return o;
          }())),
          appState(store),
          engine({ctx.apps, appState, ctx.env, ctx.deployments, *source, builders,
                  [] { return std::shared_ptr<runtime::ContainerRuntime>(); }, traffic, events},
                 {}) {}

    std::unique_ptr<git::Source> source;
    builders::BuilderRegistry builders{builders::BuildersOptions{}};
    proxy::Proxy proxy{proxy::ProxyOptions{}};
    server::ProxyTraffic traffic{proxy};
    engine::DeploymentEvents events;
    store::AppStateRepository appState;  // the engine's writer of live/stopped
    engine::Engine engine;
};

}  // namespace rivetr::test
