// End to end on the real seed documents in ../shared/seeds.
#include <fstream>
#include <regex>
#include <set>

#include "e2e/e2e_support.hpp"
#include "mslit/schema.hpp"

using namespace mslit::test;
using nlohmann::json;

namespace {

// One index of all seeds, built once for this executable's tests.
const std::filesystem::path& seeds_db() {
  static TempDir dir;
  static bool built = false;
  if (!built) {
    require_shared();
    auto r = run_mslit("index --db " + quote((dir / "db").string()) + " " + quote(seeds_dir.string()));
    INFO(r.err);
    REQUIRE(r.status == 0);
    built = true;
  }
  static auto db = dir / "db";
  return db;
}

std::string db_arg() { return "--db " + quote(seeds_db().string()); }

json search(const std::string& args) { return json_of(run_mslit("search " + db_arg() + " --json " + args)); }

json article_of(const std::string& seed_prefix) {
  auto path = seed(seed_prefix).string();
  auto all = search("--kind article --limit 100 ''");
  for (auto& r : all["results"])
    if (r["source"] == path) return json_of(run_mslit("show " + db_arg() + " --json " + quote(r["id"])));
  FAIL("no article from " << path);
  return {};
}

}  // namespace

TEST_CASE("all five seeds are indexed, each as one article", "[seeds]") {
  auto stats = json_of(run_mslit("stats " + db_arg() + " --json"));
  CHECK(stats["kinds"]["article"] == 5);
  CHECK(stats["schema_version"] == mslit::schema::version);
  CHECK(stats["skipped"].empty());
}

TEST_CASE("the clinical article's 60 references are found, numbered, with the years their citations give", "[seeds]") {
  auto article = article_of("004_");
  CHECK(article["title"] == "Treatment of progressive multiple sclerosis in adults");
  CHECK(article["evidence"] == "review");
  auto refs = article["references"];
  REQUIRE(refs.size() == 60);

  // The expected years, read from the seed independently: "Journal YYYY; vol:page".
  std::ifstream in(seed("004_"));
  std::regex item(R"(^\s+(\d+)\.\s.*\s((?:19|20)\d\d);)");
  std::map<int, int> expected;
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, item)) expected[std::stoi(m[1])] = std::stoi(m[2]);
  }
  REQUIRE(expected.size() >= 55);  // a few citations put the year elsewhere (books)
  for (std::size_t i = 0; i < refs.size(); ++i) {
    INFO("reference " << i + 1 << ": " << refs[i]["title"]);
    CHECK(refs[i]["ordinal"] == i + 1);
    REQUIRE(refs[i]["year"].is_number_integer());
    if (expected.count(static_cast<int>(i + 1))) CHECK(refs[i]["year"] == expected[static_cast<int>(i + 1)]);
  }
}

TEST_CASE("a reference is a document of its own that names its citing article", "[seeds]") {
  auto article = article_of("004_");
  auto ref = json_of(run_mslit("show " + db_arg() + " --json " + quote(article["references"][31]["id"])));
  CHECK(ref["kind"] == "reference");
  CHECK(ref["ordinal"] == 32);
  CHECK(ref["parent"] == article["id"]);
  CHECK(ref["year"] == 2008);
  CHECK(ref["authors"][0] == "Ramkumar B");
  CHECK(ref["journal"] == "Cancer Genet Cytogenet");
  CHECK(ref["volume"] == "182");
  CHECK(ref["pages"] == "126");
  CHECK(ref["drugs"] == json::array({"mitoxantrone"}));
}

TEST_CASE("searching 'mitoxantrone leukemia' returns the references on leukaemia after mitoxantrone", "[seeds]") {
  auto r = search("'mitoxantrone leukemia'");
  REQUIRE(r["total"].get<int>() >= 4);
  std::set<int> ordinals;
  for (auto& hit : r["results"]) {
    auto title = hit["title"].get<std::string>();
    std::transform(title.begin(), title.end(), title.begin(), ::tolower);
    INFO(title);
    CHECK(hit["kind"] == "reference");
    CHECK(title.find("leukemia") != std::string::npos);
    CHECK(title.find("mitoxantrone") != std::string::npos);
    ordinals.insert(hit["ordinal"].get<int>());
  }
  CHECK(ordinals == std::set<int>{32, 33, 34, 36});
  CHECK(r["facets"]["drug"][0]["value"] == "mitoxantrone");
}

TEST_CASE("filtering on the drug rituximab finds rituximab whether the text says Rituxan or rituximab", "[seeds]") {
  auto by_generic = search("--drug rituximab --limit 100 ''");
  auto by_brand = search("--drug Rituxan --limit 100 ''");
  CHECK(by_generic["total"] == by_brand["total"]);
  std::set<std::string> sources, kinds;
  for (auto& hit : by_generic["results"]) {
    CHECK(std::find(hit["drugs"].begin(), hit["drugs"].end(), "rituximab") != hit["drugs"].end());
    sources.insert(hit["source"].get<std::string>());
    kinds.insert(hit["kind"].get<std::string>());
  }
  CHECK(sources.count(seed("000_").string()));  // says "Rituxan® (rituximab)"
  CHECK(sources.count(seed("001_").string()));  // says "rituximab (Rituxan)"
  CHECK(kinds.count("reference"));              // "Rituximab in patients with primary progressive MS"
}

TEST_CASE("the seed articles get their years from their own dates", "[seeds]") {
  CHECK(article_of("000_")["year"] == 2024);  // Last reviewed: March 2024
  CHECK(article_of("001_")["year"] == 2024);  // Updated on November 7, 2024
  CHECK(article_of("002_")["year"] == 2025);  // front matter week_start: 2025-12-08
  CHECK(article_of("003_")["year"].is_null());  // a snippet page has no date
  CHECK(article_of("004_")["year"] == 2016);  // Literature review current through: Apr 2016
}

TEST_CASE("consumer pages are patient information, with the cue that decided it", "[seeds]") {
  for (auto p : {"000_", "001_", "002_", "003_"}) {
    auto a = article_of(p);
    INFO(p << " " << a["evidence_cue"]);
    CHECK(a["evidence"] == "patient-info");
    CHECK_FALSE(a["evidence_cue"].get<std::string>().empty());
  }
}

TEST_CASE("the web article's 20 references are split into title and source", "[seeds]") {
  auto a = article_of("001_");
  REQUIRE(a["references"].size() == 20);
  auto ref = json_of(run_mslit("show " + db_arg() + " --json " + quote(a["references"][3]["id"])));
  CHECK(ref["title"] == "Mesenchymal Stem Cell Therapy in Multiple Sclerosis: A Systematic Review and Meta-Analysis");
  CHECK(ref["journal"] == "Journal of Clinical Medicine");
  CHECK(ref["evidence"] == "systematic-review");
}

TEST_CASE("citation markers and sign-up boilerplate are not indexed", "[seeds]") {
  auto a = article_of("000_");
  auto text = a["text"].get<std::string>();
  CHECK(text.find("(replicate).2,3") == std::string::npos);
  CHECK(text.find("(replicate).") != std::string::npos);
  CHECK(text.find("By providing your email") == std::string::npos);
  auto b = article_of("001_");
  CHECK(b["title"] == "Off-Label and Nonapproved Treatments Used for MS");
  CHECK(b["text"].get<std::string>().find("Sign up Log in") == std::string::npos);
  CHECK(search("'recaptcha'")["total"] == 0);
}

TEST_CASE("the drugs of each seed are recognised, brand names reported by generic name", "[seeds]") {
  auto has = [](const json& a, const char* drug) {
    return std::find(a["drugs"].begin(), a["drugs"].end(), drug) != a["drugs"].end();
  };
  auto a = article_of("000_");
  for (auto d : {"mycophenolate mofetil", "cyclophosphamide", "azathioprine", "minocycline", "rituximab", "simvastatin"}) {
    INFO(d);
    CHECK(has(a, d));
  }
  auto b = article_of("001_");
  for (auto d : {"evobrutinib", "naltrexone", "amantadine", "modafinil", "methylphenidate", "dalfampridine",
                 "clemastine", "lipoic acid"}) {
    INFO(d);
    CHECK(has(b, d));
  }
  auto c = article_of("002_");
  for (auto d : {"amantadine", "gabapentin"}) CHECK(has(c, d));
  auto s = article_of("003_");
  for (auto d : {"diroximel fumarate", "azathioprine", "methotrexate", "mycophenolate mofetil", "mitoxantrone", "natalizumab"}) {
    INFO(d);
    CHECK(has(s, d));
  }
}
