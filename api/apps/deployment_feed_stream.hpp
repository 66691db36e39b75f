// GET /api/events: every status change of any deployment or app action, and every webhook delivery recorded, as SSE, so dashboards need not poll.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "api/apps/feed_journal.hpp"
#include "api/http/sse_hub.hpp"
#include "store/deployment_repository.hpp"

namespace rivetr::api {

// Each change carries its journal id. A client that reconnects with the last one (Last-Event-ID) gets
// the changes it missed; when the journal no longer holds them (or the id is from an earlier run) it
// gets a `resync` event (reload what you show) and the changes from then on.
class DeploymentFeedStream : public StreamProducer {
public:
    DeploymentFeedStream(store::DeploymentRepository& repo, std::shared_ptr<FeedJournal> journal,
                         std::optional<std::int64_t> after)
        : repo_(repo), journal_(std::move(journal)), lastId_(after ? *after : journal_->latest()) {}
    void begin(Wake wake) override { listening_ = journal_->listen(std::move(wake)); }
    bool pump(SseStream& out) override;
    void end() override { listening_.reset(); }

private:
    bool announce(SseStream& out, const FeedJournal::Entry& e);

    store::DeploymentRepository& repo_;
    std::shared_ptr<FeedJournal> journal_;
    std::int64_t lastId_;
    FeedJournal::Listening listening_;
};

}  // namespace rivetr::api
