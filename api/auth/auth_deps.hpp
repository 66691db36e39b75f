// What the sign-in, account, user and token routes work with: the auth repositories, the authenticator, the audit trail.
#pragma once

#include "api/auth/authenticator.hpp"
#include "api/http/audit_trail.hpp"
#include "store/audit_repository.hpp"
#include "store/recovery_code_repository.hpp"
#include "store/session_repository.hpp"
#include "store/token_repository.hpp"
#include "store/user_repository.hpp"

namespace rivetr::api {

struct AuthDeps {
    store::UserRepository& users;
    store::SessionRepository& sessions;
    store::TokenRepository& tokens;
    store::RecoveryCodeRepository& recoveryCodes;
    store::AuditRepository& audit;  // read by GET /api/audit
    Authenticator& auth;
    AuditTrail& trail;
};

}  // namespace rivetr::api
