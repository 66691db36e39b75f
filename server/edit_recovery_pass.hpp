// At start-up, before the API takes requests: the Docker manager's edits a crash interrupted are finished or rolled back.
#pragma once

#include "containers/create_policy.hpp"
#include "hosts/host_directory.hpp"
#include "store/audit_repository.hpp"
#include "store/container_edit_journal.hpp"

namespace rivetr::server {

// Each unfinished edit of `journal` is recovered on its host (containers/edit_recovery.hpp), logged and
// audited as container.edit_recovered by the system; one whose host does not answer is logged and
// left journaled for the next start. Never throws: a failed recovery must not keep Rivetr down.
void recoverContainerEdits(hosts::HostDirectory& hosts, const containers::PolicyOptions& policy,
                           store::ContainerEditJournal& journal, store::AuditRepository& audit);

}  // namespace rivetr::server
