// Running the real mslit binary in the end-to-end tests.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

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

inline nlohmann::json json_of(const RunResult& r) {
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.out);
}

}  // namespace mslit::test
