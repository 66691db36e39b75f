// How libgit2 failures are named: by libgit2's phrasing, never by digits that happen to sit in a URL or path.
#include <gtest/gtest.h>

#include "core/git/git_handles.hpp"

namespace rivetr::git {
namespace {

TEST(GitErrors, PortsAndPathsThatContainStatusDigitsDoNotDecideTheKind) {
    // Seen in CI: a closed port 34015 made a refused connection an "authentication failure".
    EXPECT_EQ(classifyGitError(-1, "failed to connect to 127.0.0.1:34015: Connection refused"),
              SourceErrorKind::Unreachable);
    EXPECT_EQ(classifyGitError(-1, "could not find repository at '/tmp/rivetr-test-a401b/does-not-exist'"),
              SourceErrorKind::Unreachable);
    EXPECT_EQ(classifyGitError(-1, "reference 'refs/heads/x404' in /tmp/401 is odd"), SourceErrorKind::Failed);
}

TEST(GitErrors, StatusCodesInLibgit2sPhrasingDo) {
    EXPECT_EQ(classifyGitError(-1, "unexpected http status code: 401"), SourceErrorKind::AuthFailed);
    EXPECT_EQ(classifyGitError(-1, "unexpected http status code: 404"), SourceErrorKind::Unreachable);
    EXPECT_EQ(classifyGitError(GIT_EAUTH, "anything"), SourceErrorKind::AuthFailed);
    EXPECT_EQ(classifyGitError(-1, "too many redirects or authentication replays"), SourceErrorKind::AuthFailed);
}

}  // namespace
}  // namespace rivetr::git
