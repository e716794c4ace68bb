// redpanda-data/redpanda@da3d491ebb src/v/cluster/members_manager.cc
// Story: handle_configuration_update_request() created the update_broker_client() future
// into a local `f` and never waited for it (found by a clang-tidy check being developed);
// the fix awaits it inside a try/catch that logs and answers the request.
#include <aio/aio.hpp>

#include <optional>
#include <string>
#include <system_error>

struct broker { int id; std::string rpc_address; };
struct configuration_update_request { broker node; int target_node; };
struct configuration_update_reply { bool success; };

aio::task<> update_broker_client(int self, int node_id, std::string address) {
  (void)self, (void)node_id, (void)address;
  co_return;
}

struct raft0 { std::optional<int> get_leader_id() const { return 1; } };

namespace bad {
struct members_manager {
  int _self = 1;
  raft0* _raft0 = nullptr;
  aio::task<std::error_code> update_node(broker) { co_return std::error_code{}; }

  aio::task<configuration_update_reply> handle_configuration_update_request(
      configuration_update_request req) {
    if (req.target_node != _self) co_return configuration_update_reply{false};
    auto f = update_broker_client(_self, req.node.id, req.node.rpc_address); // BUG: async-unawaited-task
    std::optional<int> leader_id = _raft0->get_leader_id();
    if (!leader_id) co_return configuration_update_reply{false};
    if (leader_id == _self) {
      std::error_code ec = co_await update_node(std::move(req.node));
      co_return configuration_update_reply{!ec};
    }
    co_return configuration_update_reply{true};
  }
};
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
struct members_manager {
  int _self = 1;
  raft0* _raft0 = nullptr;
  aio::task<std::error_code> update_node(broker) { co_return std::error_code{}; }

  aio::task<configuration_update_reply> handle_configuration_update_request(
      configuration_update_request req) {
    if (req.target_node != _self) co_return configuration_update_reply{false};
    try {
      co_await update_broker_client(_self, req.node.id, req.node.rpc_address);
    } catch (const std::exception&) {
      co_return configuration_update_reply{false};
    }
    std::optional<int> leader_id = _raft0->get_leader_id();
    if (!leader_id) co_return configuration_update_reply{false};
    if (leader_id == _self) {
      std::error_code ec = co_await update_node(std::move(req.node));
      co_return configuration_update_reply{!ec};
    }
    co_return configuration_update_reply{true};
  }
};
} // namespace fixed
