// The configuration turned into each module's options: one mapping per module, read in one place.
#pragma once

#include "api/http/api_server.hpp"
#include "api/volume_content/volume_content_deps.hpp"
#include "api/auth/auth_options.hpp"
#include "builders/registry.hpp"
#include "core/config.hpp"
#include "core/git/source.hpp"
#include "engine/engine.hpp"
#include "hosts/remote_host.hpp"
#include "proxy/proxy.hpp"
#include "runtime/container_runtime.hpp"
#include "terminal/terminal_options.hpp"

namespace rivetr::server {

runtime::RuntimeOptions runtimeOptions(const Config& cfg);
proxy::ProxyOptions proxyOptions(const Config& cfg);
proxy::CertManagerOptions acmeOptions(const Config& cfg);
engine::EngineOptions engineOptions(const Config& cfg);
api::ApiOptions apiOptions(const Config& cfg);
terminal::TerminalOptions terminalOptions(const Config& cfg);
// [docker] volume_backup_dir (default <data_dir>/volume-backups) and volume_helper_busybox; uploads
// are spooled under <data_dir>/tmp, on the disk the data dir's probe watches.
api::VolumeContentSettings volumeContentSettings(const Config& cfg);
// How this process reaches its own control API ("http://127.0.0.1:8080"): a wildcard bind on loopback.
std::string selfUrl(const Config& cfg);
api::AuthOptions authOptions(const Config& cfg);
git::SourceOptions sourceOptions(const Config& cfg);
builders::BuildersOptions buildersOptions(const Config& cfg);
hosts::RemoteHostOptions remoteHostOptions(const Config& cfg);

}  // namespace rivetr::server
