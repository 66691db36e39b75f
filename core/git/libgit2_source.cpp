// Source on libgit2: a persistent bare cache per app, incremental fetch, checkout into a fresh directory.
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "core/file_write.hpp"
#include "core/git/credentials.hpp"
#include "core/git/guarded_stream.hpp"
#include "core/git/remote_url.hpp"
#include "core/git/repo_cache.hpp"
#include "core/git/submodules.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"

namespace rivetr::git {
namespace {

constexpr const char* kWorkDirPrefix = "wd_";
constexpr const char* kSystemCaBundle = "/etc/ssl/certs/ca-certificates.crt";

void initLibgit2() {
    static std::once_flag once;
    std::call_once(once, [] {
        git_libgit2_init();
        registerGuardedStream();
    });
}

void validate(const FetchRequest& r, bool allowLocal) {
    if (!isSafeId(r.appId)) throw SourceError(SourceErrorKind::InvalidInput, "invalid app id '" + r.appId + "'");
    if (r.url.empty()) throw SourceError(SourceErrorKind::InvalidInput, "the app has no repository URL");
    checkRemoteUrl(r.url, allowLocal);
    validateAuth(r.auth);
}

void describe(Checkout& out, const git_commit* commit) {
    out.sha = git_oid_tostr_s(git_commit_id(commit));
    const char* msg = git_commit_message(commit);
    out.message = msg ? msg : "";
    while (!out.message.empty() && out.message.back() == '\n') out.message.pop_back();
    if (const git_signature* a = git_commit_author(commit)) {
        out.authorName = a->name ? a->name : "";
        out.authorEmail = a->email ? a->email : "";
        out.authorTimeMs = static_cast<std::int64_t>(a->when.time) * 1000;
    }
}

class Libgit2Source final : public Source {
public:
    explicit Libgit2Source(SourceOptions o) : opts_(std::move(o)) {
        if (opts_.workRoot.empty()) opts_.workRoot = opts_.dataDir / "work";
        initLibgit2();
        setTrustStore();
    }

    Checkout checkout(const FetchRequest& request) override {
        validate(request, opts_.allowLocalRepositories);
        auto lock = lockApp(request.appId);
        TransferGuard guard(request.deadline, request.stallTimeout, request.cancel);
        TransferGuard::Scope scope(guard);
        RemoteSession session(request, guard);
        auto cacheDir = gitRoot() / (request.appId + ".git");
        bool firstClone = !std::filesystem::exists(cacheDir);
        try {
            return fetchAndCheckout(request, session, cacheDir);
        } catch (const SourceError&) {
            if (firstClone) removeCaches(request.appId);
            throw;
        } catch (const std::exception& e) {  // disk full, permissions: still a typed error
            if (firstClone) removeCaches(request.appId);
            throw SourceError(SourceErrorKind::Failed, "checkout failed: " + explainFailure(e));
        }
    }

    void forget(const std::string& appId) override {
        if (!isSafeId(appId)) throw SourceError(SourceErrorKind::InvalidInput, "invalid app id '" + appId + "'");
        auto lock = lockApp(appId);
        removeCaches(appId);
    }

    std::size_t removeStaleWorkDirs() override {
        std::size_t removed = 0;
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(opts_.workRoot, ec)) {
            if (entry.path().filename().string().rfind(kWorkDirPrefix, 0) != 0) continue;
            std::filesystem::remove_all(entry.path(), ec);
            ++removed;
        }
        return removed;
    }

private:
    Checkout fetchAndCheckout(const FetchRequest& request, RemoteSession& session,
                              const std::filesystem::path& cacheDir) {
        RepoCache cache(cacheDir);
        auto defaultBranch = cache.fetch(request.url, session);
        Checkout out;
        out.fetched = session.stats();
        out.hostKey = session.hostKey();
        auto commit = cache.resolve(request.ref, defaultBranch);
        out.dir = WorkDir::create(opts_.workRoot, kWorkDirPrefix + request.appId.substr(0, 24));
        cache.checkoutTo(commit.get(), out.dir.path());
        if (request.submodules) {
            SubmoduleContext ctx{gitRoot() / (request.appId + ".modules"), session, opts_.allowLocalRepositories};
            checkoutSubmodules(ctx, commit.get(), request.url, out.dir.path());
        }
        describe(out, commit.get());
        log::info("git.checkout", {{"app", request.appId},
                                   {"sha", out.sha},
                                   {"objects", std::to_string(out.fetched.receivedObjects)},
                                   {"bytes", std::to_string(out.fetched.receivedBytes)}});
        return out;
    }

    // libgit2 (mbedTLS) trusts exactly the file it is given, whatever Debian's build defaulted to:
    // the system's CAs, followed by the extra ones when configured.
    void setTrustStore() {
        std::filesystem::path bundle = kSystemCaBundle;
        if (!opts_.extraCaFile.empty()) {
            std::ifstream extra(opts_.extraCaFile, std::ios::binary);
            if (!extra)
                throw SourceError(SourceErrorKind::InvalidInput, "cannot read the CA file " + opts_.extraCaFile.string());
            bundle = gitRoot() / "ca-bundle.pem";
            std::filesystem::create_directories(gitRoot());
            std::ostringstream pem;
            if (std::ifstream systemCas(kSystemCaBundle, std::ios::binary); systemCas) pem << systemCas.rdbuf() << "\n";
            pem << extra.rdbuf();
            writeFileChecked(bundle, pem.str());  // a truncated bundle would distrust servers at random
        }
        if (!std::filesystem::exists(bundle)) return;
        gitCheck(git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, bundle.c_str(), nullptr),
                 "cannot load the CA certificates in " + bundle.string());
    }

    std::filesystem::path gitRoot() const { return opts_.dataDir / "git"; }

    void removeCaches(const std::string& appId) {
        std::error_code ec;
        std::filesystem::remove_all(gitRoot() / (appId + ".git"), ec);
        std::filesystem::remove_all(gitRoot() / (appId + ".modules"), ec);
    }

    // One fetch per app at a time: two deploys of one app must not write one cache at once.
    // Map nodes never move, so the mutex outlives the lookup.
    std::unique_lock<std::mutex> lockApp(const std::string& appId) {
        std::mutex* m = nullptr;
        {
            std::lock_guard g(locksMutex_);
            m = &locks_[appId];
        }
        return std::unique_lock<std::mutex>(*m);
    }

    SourceOptions opts_;
    std::mutex locksMutex_;
    std::map<std::string, std::mutex> locks_;
};

}  // namespace

std::unique_ptr<Source> makeLibgit2Source(SourceOptions options) {
    return std::make_unique<Libgit2Source>(std::move(options));
}

}  // namespace rivetr::git
