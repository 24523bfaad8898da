// Running the real mslit binary in the end-to-end tests.
#pragma once

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

extern char** environ;

#include "test_support.hpp"

namespace mslit::test {

inline const std::filesystem::path shared_dir = MSLIT_SHARED_DIR;
inline const std::filesystem::path seeds_dir = shared_dir / "seeds";

/// Runs `mslit ARGS` (ARGS already quoted for the shell).
inline RunResult run_mslit(const std::string& args) { return run(quote(MSLIT_BIN) + " " + args); }

/// Fails the test (never skips it) when the shared data is missing.
inline void require_shared() {
  INFO("the shared data folder must sit beside the checkout: " << shared_dir);
  REQUIRE(std::filesystem::is_directory(seeds_dir));
}

/// The seed file whose name starts with `prefix` ("004_").
inline std::filesystem::path seed(const std::string& prefix) {
  for (auto& e : std::filesystem::directory_iterator(seeds_dir))
    if (e.path().filename().string().rfind(prefix, 0) == 0) return e.path();
  FAIL("no seed file " << prefix << "* in " << seeds_dir);
  return {};
}

/// Starts `mslit ARGS` in the background with stdout and stderr going to
/// `log`; returns its pid (for tests that kill or wait for it).
inline pid_t spawn_mslit(const std::vector<std::string>& args, const std::filesystem::path& log) {
  std::vector<std::string> all{MSLIT_BIN};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, MSLIT_BIN, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(rc == 0);
  return pid;
}

inline nlohmann::json json_of(const RunResult& r) {
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.out);
}

}  // namespace mslit::test
