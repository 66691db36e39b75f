// Every refusal of the stack and template routes in the error shape; a compose file's issues travel in error.issues.
#pragma once

#include "api/http/reply.hpp"
#include "api/stacks/stack_json.hpp"
#include "core/file_write.hpp"
#include "runtime/runtime_error.hpp"
#include "stacks/stack_error.hpp"

namespace rivetr::api {

template <typename F>
Reply guardedStacks(F f) {
    try {
        return f();
    } catch (const stacks::ComposeInvalid& e) {
        return Reply::json(400, {{"error", {{"code", "invalid_compose"}, {"message", e.what()}, {"field", "compose"},
                                            {"issues", composeIssuesJson(e.issues())}}}});
    } catch (const stacks::StackError& e) {
        return Reply::error(e.status(), e.code(), e.what(), e.field());
    } catch (const FileWriteError& e) {
        return Reply::error(e.diskFull() ? 507 : 500, e.diskFull() ? "disk_full" : "write_failed", e.what());
    } catch (const runtime::RuntimeError& e) {
        return Reply::error(e.kind() == runtime::ErrorKind::DaemonUnavailable ? 503 : 502, "engine_error", e.what());
    }
}

}  // namespace rivetr::api
