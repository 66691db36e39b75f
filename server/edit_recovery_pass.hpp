// The Docker manager's unfinished edits (a crash, a failed rollback) finished or rolled back: at start-up and periodically.
#pragma once

#include "containers/create_policy.hpp"
#include "hosts/host_directory.hpp"
#include "store/audit_repository.hpp"
#include "store/container_edit_journal.hpp"

namespace rivetr::server {

// Each unfinished edit of `journal` that no edit is still working on is recovered on its host
// (containers/edit_recovery.hpp), logged and audited as container.edit_recovered by the system; one whose
// host does not answer is logged and left journaled for the next pass. Never throws: a failed recovery
// must not keep Rivetr down (nor end the periodic pass's thread).
void recoverContainerEdits(hosts::HostDirectory& hosts, const containers::PolicyOptions& policy,
                           store::ContainerEditJournal& journal, store::AuditRepository& audit);

}  // namespace rivetr::server
