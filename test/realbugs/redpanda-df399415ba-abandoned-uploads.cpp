// redpanda-data/redpanda@df399415ba src/v/archival/ntp_archiver_service.cc
// Story: schedule_single_upload() started the segment upload into `all_uploads`, then awaited
// get_aborted_transactions(); when that threw, the handler logged and rethrew, abandoning the
// background uploads, which later touched the destroyed archiver. Fix: record the exception,
// wait for every upload (when_all), log their failures, then rethrow.
#include <aio/aio.hpp>

#include <exception>
#include <string>
#include <vector>

struct upload_candidate { std::string name; };
struct upload_result { bool ok = true; };

struct archiver_base {
  aio::task<upload_result> upload_segment(upload_candidate) { co_await aio::sleep(std::chrono::milliseconds(1)); co_return {}; }
  aio::task<upload_result> upload_tx(upload_candidate, std::vector<int>) { co_await aio::sleep(std::chrono::milliseconds(1)); co_return {}; }
  aio::task<std::vector<int>> get_aborted_transactions(upload_candidate) { co_await aio::sleep(std::chrono::milliseconds(1)); co_return {}; }
  void log_warn(const std::string&) {}
};

namespace bad {
struct ntp_archiver : archiver_base {
  aio::task<std::vector<upload_result>> schedule_single_upload(upload_candidate upload) {
    std::vector<aio::join_handle<upload_result>> all_uploads;
    all_uploads.emplace_back(aio::create_task(upload_segment(upload))); // BUG: async-dropped-exception
    try {
      auto tx = co_await get_aborted_transactions(upload);
      if (!tx.empty()) all_uploads.emplace_back(aio::create_task(upload_tx(upload, std::move(tx))));
    } catch (...) {
      log_warn("Failed to get aborted transactions");
      throw;
    }
    std::vector<upload_result> results;
    for (auto& h : all_uploads) results.push_back(co_await h);
    co_return results;
  }
};
} // namespace bad

namespace fixed { // FIXED SHAPE: no finding below
struct ntp_archiver : archiver_base {
  aio::task<std::vector<upload_result>> schedule_single_upload(upload_candidate upload) {
    std::vector<aio::join_handle<upload_result>> all_uploads;
    all_uploads.emplace_back(aio::create_task(upload_segment(upload)));
    std::exception_ptr ep;
    try {
      auto tx = co_await get_aborted_transactions(upload);
      if (!tx.empty()) all_uploads.emplace_back(aio::create_task(upload_tx(upload, std::move(tx))));
    } catch (...) {
      ep = std::current_exception();
    }
    if (ep) {
      log_warn("Failed to get aborted transactions");
      auto futs = co_await aio::gather(aio::return_exceptions, std::move(all_uploads));
      for (auto& f : futs) {
        if (!f.has_value()) log_warn("Upload failed");
      }
      std::rethrow_exception(ep);
    }
    std::vector<upload_result> results;
    for (auto& h : all_uploads) results.push_back(co_await h);
    co_return results;
  }
};
} // namespace fixed
