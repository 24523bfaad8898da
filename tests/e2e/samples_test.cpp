// The sample collection shipped in corpus/samples, as the README's quickstart indexes it.
#include "e2e/e2e_support.hpp"

using namespace mslit::test;
using nlohmann::json;

TEST_CASE("the sample collection shows several values in every facet", "[cli]") {
  TempDir tmp;
  auto db = "--db " + quote((tmp / "db").string());
  auto r = run_mslit("index " + db + " " + quote(MSLIT_SAMPLES_DIR));
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto j = json_of(run_mslit("search " + db + " --json ''"));
  CHECK(j["facets"]["drug"].size() >= 10);
  CHECK(j["facets"]["evidence"].size() >= 6);
  CHECK(j["facets"]["year"].size() >= 10);
  CHECK(j["total"].get<int>() >= 80);
}

TEST_CASE("every sample file is one article with its year, and its references carry their years", "[cli]") {
  TempDir tmp;
  auto db = "--db " + quote((tmp / "db").string());
  REQUIRE(run_mslit("index -q " + db + " " + quote(MSLIT_SAMPLES_DIR)).status == 0);
  std::size_t files = 0;
  for (auto& f : std::filesystem::directory_iterator(MSLIT_SAMPLES_DIR)) files += f.is_regular_file();
  auto articles = json_of(run_mslit("search " + db + " --json --kind article --limit 100 ''"));
  CHECK(articles["total"] == files);
  for (auto& a : articles["results"]) {
    auto doc = json_of(run_mslit("show " + db + " --json " + quote(a["id"])));
    INFO(doc["source"] << ": " << doc["title"]);
    CHECK(doc["title"].get<std::string>().size() > 10);
    if (doc["format"] != "snippets") CHECK(doc["year"].is_number_integer());
    for (auto& r : doc["references"]) {
      auto ref = json_of(run_mslit("show " + db + " --json " + quote(r["id"])));
      INFO(ref["text"]);
      // A Vancouver citation names its authors and always has a year.
      if (!ref["authors"].empty() && ref["text"].get<std::string>().find(';') != std::string::npos)
        CHECK(ref["year"].is_number_integer());
    }
  }
}
