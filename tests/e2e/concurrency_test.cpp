// Searching while indexing (issue 8): searches run while `mslit index` commits
// batches never fail and never see totals go down; a second writer is refused
// with a message naming the process that holds the index.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "e2e/e2e_support.hpp"
#include "mslit/searcher.hpp"

using namespace mslit::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// What a searching thread saw; checked by the main thread (Catch is not thread-safe).
struct Observations {
  std::mutex mutex;
  std::vector<std::string> failures;
  std::vector<std::size_t> totals;  // in the order seen
  std::size_t searches = 0;
  void fail(std::string what) {
    std::lock_guard lock(mutex);
    if (failures.size() < 20) failures.push_back(std::move(what));
  }
};

// Checks the totals of one query, in the order one thread saw them, never went down.
void check_monotonic(const std::vector<std::size_t>& totals, const std::string& what) {
  for (std::size_t i = 1; i < totals.size(); ++i) {
    INFO(what << ": search " << i << " saw " << totals[i] << " after " << totals[i - 1]);
    REQUIRE(totals[i] >= totals[i - 1]);
  }
}

}  // namespace

TEST_CASE(" concurrent: searches while the indexer writes never fail and totals never go down, a second writer is refused",
          "[concurrent]") {
  require_shared();
  auto scifact = shared_dir / "data" / "beir-scifact" / "corpus.jsonl";
  REQUIRE(fs::exists(scifact));
  TempDir tmp;
  auto db = tmp / "db";
  // An index to search from the start.
  write_file(tmp / "first.txt", "Natalizumab and cells\n\nNatalizumab acts on T cells crossing the blood-brain barrier.\n");
  REQUIRE(run_mslit("index -q --db " + quote(db.string()) + " " + quote((tmp / "first.txt").string())).status == 0);

  auto log = tmp / "writer.log";
  auto writer = spawn_mslit({"index", "--db", db.string(), "--batch-size", "100", "--progress", "never",
                             scifact.string()},
                            log);
  std::atomic<bool> done{false};

  // Searchers: the CLI in two threads (all documents; one word), the library in a third.
  Observations all_docs, word, library, library_fresh;
  auto cli_loop = [&](Observations& obs, const std::string& query) {
    while (!done) {
      auto r = run_mslit("search --db " + quote(db.string()) + " --json --limit 3 " + quote(query));
      std::lock_guard lock(obs.mutex);
      ++obs.searches;
      if (r.status != 0) {
        obs.failures.push_back("exit " + std::to_string(r.status) + ": " + r.err);
        continue;
      }
      auto j = json::parse(r.out, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("total") || !j["total"].is_number_integer() ||
          !j["results"].is_array()) {
        obs.failures.push_back("not the JSON object: " + r.out.substr(0, 300) + "\nstderr: " + r.err);
        continue;
      }
      obs.totals.push_back(j["total"].get<std::size_t>());
      std::this_thread::sleep_for(std::chrono::milliseconds(30));  // leave the writer some CPU
    }
  };
  auto library_loop = [&] {
    try {
      mslit::Searcher searcher(db);
      mslit::SearchRequest request;
      request.query = "cells";
      request.limit = 5;
      for (int i = 0; !done; ++i) {
        // Alternately a long-lived searcher and a freshly opened one.
        auto& obs = i % 2 ? library : library_fresh;
        auto result = i % 2 ? searcher.search(request) : mslit::Searcher(db).search(request);
        std::unique_lock lock(obs.mutex);
        ++obs.searches;
        obs.totals.push_back(result.total);
        if (result.hits.size() != std::min<std::size_t>(5, result.total))
          obs.failures.push_back("page of " + std::to_string(result.hits.size()) + " for total " +
                                     std::to_string(result.total));
        lock.unlock();
        if (i % 2) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    } catch (const std::exception& e) {
      library.fail(std::string("exception: ") + e.what());
    }
  };
  std::thread t1(cli_loop, std::ref(all_docs), std::string());
  std::thread t2(cli_loop, std::ref(word), std::string("cells"));
  std::thread t3(library_loop);

  // While the writer holds the index: other writers are refused, naming it.
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  int status = 0;
  bool writer_running = waitpid(writer, &status, WNOHANG) == 0;
  if (writer_running) {
    auto second = run_mslit("index --db " + quote(db.string()) + " " + quote((tmp / "first.txt").string()));
    INFO(second.err);
    CHECK(second.status == 1);
    CHECK(second.err.find("index is locked by process " + std::to_string(writer) + " writing to it") !=
          std::string::npos);
    auto del = run_mslit("delete --db " + quote(db.string()) + " pmid:1");
    INFO(del.err);
    CHECK(del.status == 1);
    CHECK(del.err.find("locked by process " + std::to_string(writer)) != std::string::npos);
    auto compact = run_mslit("compact --db " + quote(db.string()));
    INFO(compact.err);
    CHECK(compact.status == 1);
    CHECK(compact.err.find("locked") != std::string::npos);
  }

  auto wait_start = std::chrono::steady_clock::now();
  if (writer_running) REQUIRE(waitpid(writer, &status, 0) == writer);
  double writer_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wait_start).count() + 0.8;
  done = true;
  t1.join();
  t2.join();
  t3.join();

  INFO("writer: " << read_file(log));
  REQUIRE(writer_running);  // the writer must have run long enough to be searched meanwhile
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);

  for (auto* obs : {&all_docs, &word, &library, &library_fresh}) {
    std::string failures;
    for (auto& f : obs->failures) failures += f + "\n";
    INFO(failures);
    CHECK(obs->failures.empty());
  }
  check_monotonic(all_docs.totals, "search ''");
  check_monotonic(word.totals, "search cells");
  check_monotonic(library.totals, "long-lived Searcher cells");
  check_monotonic(library_fresh.totals, "new Searcher cells");

  auto final_total = json_of(run_mslit("search --db " + quote(db.string()) + " --json --limit 1 ''"))["total"];
  CHECK(final_total == 5183 + 1);
  auto final_word = json_of(run_mslit("search --db " + quote(db.string()) + " --json --limit 1 cells"))["total"];
  CHECK(!all_docs.totals.empty());
  CHECK(all_docs.totals.front() >= 1);
  CHECK(all_docs.totals.back() <= final_total.get<std::size_t>());
  if (!word.totals.empty()) CHECK(word.totals.back() <= final_word.get<std::size_t>());

  // The searches really ran against a growing index: several totals in between.
  std::set<std::size_t> seen(all_docs.totals.begin(), all_docs.totals.end());
  std::set<std::size_t> seen_lib(library_fresh.totals.begin(), library_fresh.totals.end());
  std::set<std::size_t> seen_long(library.totals.begin(), library.totals.end());
  WARN("writer ran " << writer_seconds << " s; searches: " << all_docs.searches << " CLI '', " << word.searches
                     << " CLI 'cells', " << library.searches + library_fresh.searches << " in-process; " << seen.size()
                     << " distinct totals seen by CLI '', " << seen_lib.size() << " by new Searchers, " << seen_long.size()
                     << " by the long-lived one");
  CHECK(seen.size() >= 3);
  CHECK(seen_lib.size() >= 3);
  CHECK(all_docs.searches >= 10);

  auto check = run_mslit("check --db " + quote(db.string()));
  CHECK(check.status == 0);
  CHECK(check.out.find("ok: no problems found") != std::string::npos);
}
