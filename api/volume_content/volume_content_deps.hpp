// What the volume-content routes work with: the hosts' engines, the audit trail, where files go on the server.
#pragma once

#include <filesystem>
#include <string>

#include "api/http/audit_trail.hpp"
#include "hosts/host_directory.hpp"

namespace rivetr::api {

// Filled by `rivetr serve` from [docker] volume_backup_dir and volume_helper_busybox and the data dir.
struct VolumeContentSettings {
    std::filesystem::path busybox = "/bin/busybox";
    std::filesystem::path backupDir;   // backups kept on the server (?to=server)
    std::filesystem::path scratchDir;  // uploads spooled before they are checked; empty: the system's temp dir
};

struct VolumeContentDeps {
    std::shared_ptr<hosts::HostDirectory> hosts;
    AuditTrail& trail;
    VolumeContentSettings settings;
};

}  // namespace rivetr::api
