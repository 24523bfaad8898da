// The crash test (issue 8): `mslit index` killed with SIGKILL at pseudo-random
// points keeps the batches it committed, leaves an index that opens and passes
// `mslit check`, and the next run resumes; the last run ends with exactly the
// index a clean single run builds.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include "e2e/e2e_support.hpp"

using namespace mslit::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

json stats_of(const fs::path& db) { return json_of(run_mslit("stats --db " + quote(db.string()) + " --json")); }

void require_check_ok(const fs::path& db, const std::string& when) {
  auto r = run_mslit("check --db " + quote(db.string()));
  INFO(when << "\ncheck: " << r.out << r.err);
  REQUIRE(r.status == 0);
  REQUIRE(r.out.find("ok: no problems found") != std::string::npos);
}

}  // namespace

TEST_CASE(" crash: indexing killed with SIGKILL 20+ times resumes and ends with the clean index", "[crash]") {
  require_shared();
  auto data = shared_dir / "data";
  std::vector<std::string> inputs = {(data / "medline-xml").string(), (data / "medline-xml-extra").string(),
                                     (data / "beir-scifact" / "corpus.jsonl").string()};
  for (auto& p : inputs) {
    INFO(p);
    REQUIRE(fs::exists(p));
  }
  std::string input_args;
  for (auto& p : inputs) input_args += " " + quote(p);
  TempDir tmp;

  // The reference: one clean run, one big batch.
  auto clean = tmp / "clean";
  auto t0 = std::chrono::steady_clock::now();
  auto r = run_mslit("index -q --progress never --batch-size 1000000 --db " + quote(clean.string()) + input_args);
  double clean_seconds = seconds_since(t0);
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto clean_stats = stats_of(clean);
  auto total = clean_stats["documents"].get<long>();
  REQUIRE(total > 6000);

  // Killed runs. Delays are pseudo-random (fixed seed) around a typical delay
  // that adapts to this machine's speed: longer when a run was killed before
  // it wrote anything new (a resumed run first re-reads what it has already
  // indexed), shorter when one got far, so the kills spread over the whole run.
  auto db = tmp / "db";
  std::vector<std::string> args = {"index", "--db", db.string(), "--batch-size", "200", "--progress", "never", "-v"};
  args.insert(args.end(), inputs.begin(), inputs.end());
  std::mt19937 rng(20240611);
  constexpr int wanted_kills = 22;
  int kills = 0;
  long last_documents = 0, last_files = 0, max_files_seen = 0;
  double typical = clean_seconds / 30;
  std::ostringstream trace;
  int rounds = 1;
  for (int attempt = 0; kills < wanted_kills && attempt < wanted_kills + 20; ++attempt) {
    double delay = typical * std::uniform_real_distribution<double>(0.4, 1.6)(rng);
    auto log = tmp / ("run-" + std::to_string(attempt) + ".log");
    auto pid = spawn_mslit(args, log);
    std::this_thread::sleep_for(std::chrono::duration<double>(delay));
    int status = 0;
    bool killed = false;
    if (waitpid(pid, &status, WNOHANG) == 0) {
      REQUIRE(kill(pid, SIGKILL) == 0);
      REQUIRE(waitpid(pid, &status, 0) == pid);
      killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    }
    if (!killed && WIFEXITED(status)) {
      // The run finished before the kill: the index is complete and must be
      // the clean one. On a loaded machine the kills can outpace the plan;
      // then another round starts on a fresh index, with shorter delays,
      // until enough kills have been checked.
      INFO(read_file(log));
      REQUIRE(WEXITSTATUS(status) == 0);
      trace << "run " << attempt << ": finished before the kill at " << delay << " s\n";
      auto done = stats_of(db);
      CHECK(done["documents"].get<long>() == total);
      require_check_ok(db, "a round that completed");
      if (kills >= wanted_kills) break;
      ++rounds;
      fs::remove_all(db);
      last_documents = last_files = 0;
      typical = clean_seconds / 60;
      continue;
    }
    REQUIRE(killed);
    ++kills;

    // The index opens, is sound, and has kept everything committed before.
    std::string when = "after kill " + std::to_string(kills) + " at " + std::to_string(delay) + " s";
    INFO(when);
    auto stats = stats_of(db);  // fails if the index does not open
    require_check_ok(db, when);
    auto documents = stats["documents"].get<long>();
    auto files = stats["files"].get<long>();
    trace << "kill " << kills << " at " << delay << " s: " << documents << " documents, " << files
          << " files recorded\n";
    CHECK(documents >= last_documents);
    CHECK(documents <= total);
    CHECK(files >= last_files);
    if (documents == last_documents) typical *= 1.6;
    else if (documents - last_documents > total / 12) typical *= 0.7;
    else if (documents - last_documents < total / 40) typical *= 1.2;
    last_documents = documents;
    last_files = files;
    max_files_seen = std::max(max_files_seen, files);
  }
  WARN("clean run " << clean_seconds << " s, " << total << " documents, " << rounds << " round(s)\n" << trace.str());
  CHECK(kills >= 20);
  CHECK(rounds <= 3);
  // Kills were spread: some runs had completed files before they were killed.
  CHECK(max_files_seen >= 1);
  CHECK(last_documents > 0);

  // The last run completes; the files completed by killed runs are not read again.
  t0 = std::chrono::steady_clock::now();
  auto final_run = run_mslit("index --progress never --batch-size 200 --db " + quote(db.string()) + input_args);
  double final_seconds = seconds_since(t0);
  INFO(final_run.err);
  REQUIRE(final_run.status == 0);
  std::smatch m;
  REQUIRE(std::regex_search(final_run.err, m,
                            std::regex(R"((\d+) file\(s\) added, (\d+) updated, (\d+) unchanged, 0 removed; (\d+) article)")));
  long unchanged = std::stol(m[3]);
  WARN("final run " << final_seconds << " s: " << m[0]);
  if (last_files > 0) {
    CHECK(unchanged == last_files);  // resumed: the files recorded before are skipped
    CHECK(unchanged >= 1);
    CHECK(std::stol(m[1]) + std::stol(m[2]) + unchanged == clean_stats["files"].get<long>());
  }

  auto stats = stats_of(db);
  CHECK(stats["documents"].get<long>() == total);
  CHECK(stats["kinds"] == clean_stats["kinds"]);
  CHECK(stats["files"] == clean_stats["files"]);
  CHECK(stats["facets"] == clean_stats["facets"]);
  CHECK(stats["years"] == clean_stats["years"]);
  require_check_ok(db, "after the final run");

  // And a further run has nothing to do.
  auto again = run_mslit("index --progress never --db " + quote(db.string()) + input_args);
  CHECK(again.status == 0);
  CHECK(again.err.find(" 0 file(s) added, 0 updated, " + clean_stats["files"].dump() +
                       " unchanged, 0 removed; 0 article(s) and 0 reference(s) written") != std::string::npos);
}
