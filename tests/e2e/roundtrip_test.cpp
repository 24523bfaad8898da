// The analysis round trip: every word and every 2-4 word phrase of a document,
// typed as a query, finds that document. This proves the query side produces
// the words the index side produced, on real text.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "e2e/e2e_support.hpp"
#include "mslit/analysis.hpp"
#include "mslit/error.hpp"
#include "mslit/indexer.hpp"
#include "mslit/searcher.hpp"

using namespace mslit;

namespace {

struct Miss {
  std::string query;
  std::string id;
};

// Queries each word and each quoted 2-4 word phrase of a document's stored
// text, restricted to that document, and returns the ones that do not find it.
std::vector<Miss> misses(const Searcher& s, const Analyzer& a, const DocumentRecord& d, std::size_t stride) {
  std::vector<Miss> out;
  std::vector<Token> words;
  for (auto& t : a.analyze(d.text))
    if (!t.compound) words.push_back(t);
  auto finds = [&](const std::string& query) {
    SearchRequest r;
    r.query = query + " id:" + d.id;
    r.limit = 1;
    try {
      return s.search(r).total == 1;
    } catch (const Error&) {
      return false;
    }
  };
  for (std::size_t i = 0; i < words.size(); i += stride) {
    auto surface = d.text.substr(words[i].begin, words[i].end - words[i].begin);
    if (!finds(surface)) out.push_back({surface, d.id});
    for (std::size_t n = 2; n <= 4 && i + n <= words.size(); ++n) {
      auto& last = words[i + n - 1];
      auto phrase = d.text.substr(words[i].begin, last.end - words[i].begin);
      // Quote marks inside a phrase would end the query's own quotes.
      bool has_quote = false;
      for (std::string_view q : {"\"", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x9E", "\xC2\xAB", "\xC2\xBB", "\n"})
        has_quote = has_quote || phrase.find(q) != std::string::npos;
      if (has_quote) continue;
      if (!finds("\"" + phrase + "\"")) out.push_back({"\"" + phrase + "\"", d.id});
    }
  }
  return out;
}

// Indexes a directory and checks every document's words and phrases.
void check_round_trip(const std::filesystem::path& docs, std::size_t expected_documents) {
  test::TempDir tmp;
  {
    Indexer indexer(tmp / "db");
    indexer.add(docs);
    indexer.finish();
  }
  Searcher s(tmp / "db");
  Analyzer a;
  SearchRequest all;
  all.limit = 1000;
  std::size_t count = 0;
  std::vector<Miss> missed;
  for (auto& hit : s.search(all).hits) {
    auto d = s.get(hit.id);
    REQUIRE(d);
    auto m = misses(s, a, *d, d->kind == Kind::article ? 1 : 3);
    missed.insert(missed.end(), m.begin(), m.end());
    ++count;
  }
  CHECK(count == expected_documents);
  std::ostringstream report;
  for (std::size_t i = 0; i < missed.size() && i < 30; ++i) report << missed[i].id << ": " << missed[i].query << "\n";
  INFO(missed.size() << " queries did not find their document, for example:\n" << report.str());
  CHECK(missed.empty());
}

}  // namespace

TEST_CASE("every word and phrase of the seed documents, typed as a query, finds its document", "[roundtrip]") {
  test::require_shared();
  check_round_trip(test::seeds_dir, 85);  // 5 articles and their 80 references
}

TEST_CASE("every word and phrase of a sample of SciFact abstracts finds its document", "[roundtrip]") {
  test::require_shared();
  std::ifstream in(test::shared_dir / "data" / "beir-scifact" / "corpus.jsonl");
  REQUIRE(in);
  test::TempDir docs;
  std::size_t n = 0, written = 0;
  for (std::string line; std::getline(in, line); ++n) {
    if (n % 100 != 0) continue;  // a fixed sample: every hundredth abstract
    auto j = nlohmann::json::parse(line);
    test::write_file(docs / (j["_id"].get<std::string>() + ".txt"),
                     j["title"].get<std::string>() + "\n\n" + j["text"].get<std::string>() + "\n");
    ++written;
  }
  REQUIRE(written == 52);
  check_round_trip(docs.path(), written);
}

TEST_CASE("every word and phrase of the MEDLINE text records' titles and abstracts finds its document", "[roundtrip]") {
  test::require_shared();
  test::TempDir docs;
  std::size_t written = 0;
  for (auto& f : std::filesystem::directory_iterator(test::shared_dir / "data" / "medline-text")) {
    if (f.path().extension() != ".txt") continue;
    std::ifstream in(f.path());
    std::string field, title, abstract, pmid;
    auto flush = [&] {
      if (!pmid.empty() && !abstract.empty()) {
        test::write_file(docs / (pmid + ".txt"), title + "\n\n" + abstract + "\n");
        ++written;
      }
      title.clear();
      abstract.clear();
    };
    for (std::string line; std::getline(in, line);) {
      if (line.size() >= 6 && line[4] == '-' && line[5] == ' ') {
        field = line.substr(0, 4);
        auto value = line.substr(6);
        if (field == "PMID") {
          flush();
          pmid = value;
        } else if (field == "TI  ") title = value;
        else if (field == "AB  ") abstract = value;
      } else if (line.rfind("      ", 0) == 0) {
        (field == "TI  " ? title : field == "AB  " ? abstract : field) += " " + line.substr(6);
      }
    }
    flush();
  }
  REQUIRE(written >= 10);
  check_round_trip(docs.path(), written);
}
