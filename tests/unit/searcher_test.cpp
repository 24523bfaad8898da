// Search on a small index built in the test: filters, exact facets, sort,
// paging, fallback, snippets, and re-indexing without duplicates.
#include <catch2/catch.hpp>

#include <algorithm>

#include "mslit/error.hpp"
#include "mslit/indexer.hpp"
#include "mslit/searcher.hpp"
#include "test_support.hpp"

using namespace mslit;

namespace {

// Three small articles written for this test.
void write_collection(const std::filesystem::path& dir) {
  test::write_file(dir / "a.txt",
                   "Ocrelizumab for relapsing multiple sclerosis\n\nLast reviewed: June 2021\n\n"
                   "Ocrevus\xC2\xAE (ocrelizumab) lowers relapse rates. Talk to your doctor about infusions.1\n\n"
                   "References\n"
                   "  1. Hauser SL, Bar-Or A, Comi G, et al. Ocrelizumab versus interferon beta-1a in relapsing multiple "
                   "sclerosis. N Engl J Med 2017; 376:221.\n"
                   "  2. Polman CH, O'Connor PW, Havrdova E, et al. A randomized, placebo-controlled trial of natalizumab "
                   "for relapsing multiple sclerosis. N Engl J Med 2006; 354:899.\n");
  test::write_file(dir / "b.txt",
                   "Natalizumab and the risk of PML\n\nUpdated on March 3, 2019\n\n"
                   "Tysabri (natalizumab) carries a risk of progressive multifocal leukoencephalopathy. "
                   "Ask your doctor about JC virus testing. Quality of life matters too.\n");
  test::write_file(dir / "c.md",
                   "---\ntitle: \"Rituximab in MS: a review\"\ndate: 2015-02-01\n---\n\n# Rituximab\n\n"
                   "Rituxan is used off-label. Rituximab depletes B cells.\n");
}

struct Fixture {
  test::TempDir tmp;
  std::filesystem::path db = tmp / "db";
  Fixture() {
    write_collection(tmp / "docs");
    Indexer indexer(db);
    indexer.add(tmp / "docs");
    auto s = indexer.finish();
    REQUIRE(s.files_added == 3);
    REQUIRE(s.articles == 3);
    REQUIRE(s.references == 2);
  }
  SearchResult search(SearchRequest r) const { return Searcher(db).search(r); }
  static SearchRequest q(const std::string& text) {
    SearchRequest r;
    r.query = text;
    return r;
  }
};

std::size_t count_of(const std::vector<FacetCount>& f, const std::string& value) {
  for (auto& v : f)
    if (v.value == value) return v.count;
  return 0;
}

}  // namespace

TEST_CASE_METHOD(Fixture, "an empty query matches every document and counts every facet", "[searcher]") {
  auto r = search(q(""));
  CHECK(r.total == 5);
  CHECK(count_of(r.facets.drug, "natalizumab") == 2);  // article b and reference 2
  CHECK(count_of(r.facets.drug, "ocrelizumab") == 2);  // article a and reference 1
  CHECK(count_of(r.facets.drug, "rituximab") == 1);
  CHECK(count_of(r.facets.evidence, "rct") == 1);
  CHECK(count_of(r.facets.evidence, "patient-info") == 2);
  CHECK(count_of(r.facets.year, "2006") == 1);
  CHECK(count_of(r.facets.year, "2021") == 1);
}

TEST_CASE_METHOD(Fixture, "facet counts are exact over all matches, not the page", "[searcher]") {
  auto r = q("");
  r.limit = 1;
  auto res = search(r);
  CHECK(res.hits.size() == 1);
  CHECK(res.total == 5);
  std::size_t sum = 0;
  for (auto& e : res.facets.evidence) sum += e.count;
  CHECK(sum == 5);
}

TEST_CASE_METHOD(Fixture, "a drug filter accepts any name of the drug", "[searcher]") {
  for (auto name : {"natalizumab", "Tysabri", "TYSABRI"}) {
    auto r = q("");
    r.drugs = {name};
    auto res = search(r);
    INFO(name);
    CHECK(res.total == 2);
    CHECK(res.notes.empty());
  }
  auto r = q("");
  r.drugs = {"notadrug"};
  auto res = search(r);
  CHECK(res.total == 0);
  CHECK(res.notes.size() == 1);
}

TEST_CASE_METHOD(Fixture, "kind, evidence and year filters combine", "[searcher]") {
  auto r = q("");
  r.kind = Kind::reference;
  CHECK(search(r).total == 2);
  r.evidence = {"rct"};
  auto rct = search(r);
  REQUIRE(rct.total == 1);
  CHECK(rct.hits[0].ordinal == 2);
  CHECK(rct.hits[0].parent.has_value());
  auto y = q("");
  y.years = parse_year_range("2015..2020");
  CHECK(search(y).total == 3);  // 2017 reference, 2019 article, 2015 article
  y.years = parse_year_range("..2010");
  CHECK(search(y).total == 1);
  auto bad = q("");
  bad.evidence = {"anecdote"};
  CHECK_THROWS_AS(search(bad), UsageError);
}

TEST_CASE_METHOD(Fixture, "words are matched through stemming, case and brand names in text", "[searcher]") {
  CHECK(search(q("relapses ocrelizumab")).total >= 1);
  // A brand name stands for every name of its drug: the documents that say
  // ocrelizumab are found too, and "Ocrevus" in quotes is only that word.
  CHECK(search(q("RELAPSE Ocrevus")).total == search(q("relapse ocrelizumab")).total);
  CHECK(search(q("RELAPSE Ocrevus")).total > search(q("relapse \"Ocrevus\"")).total);
  auto phrase = search(q("\"quality of life\""));
  REQUIRE(phrase.total == 1);
  CHECK(phrase.hits[0].title == "Natalizumab and the risk of PML");
  auto in_title = search(q("title:natalizumab"));
  CHECK(in_title.total == 2);  // article b and reference 2 ("...trial of natalizumab for...")
  CHECK(search(q("title:Tysabri")).total == 0);  // the brand is only in b's body
}

TEST_CASE_METHOD(Fixture, "NEAR finds words within a distance, in body and title fields", "[searcher]") {
  CHECK(search(q("tysabri NEAR/3 leukoencephalopathy")).total == 0);  // 7 words apart
  CHECK(search(q("tysabri NEAR/8 leukoencephalopathy")).total == 1);
  CHECK(search(q("title:risk NEAR/2 title:pml")).total == 1);         // "...the risk of PML"
  CHECK(search(q("title:natalizumab NEAR/2 title:pml")).total == 0);  // 5 words apart
}

TEST_CASE_METHOD(Fixture, "=word and a quoted word match the exact form, not the stem", "[searcher]") {
  CHECK(search(q("relapse")).total == 3);     // "relapse" in a, "relapsing" in both references
  CHECK(search(q("=relapse")).total == 1);    // only a says "relapse"
  CHECK(search(q("\"relapsing\"")).total == 3);  // a's title and both references
}

TEST_CASE_METHOD(Fixture, "all words are required, when none has them all, any word will do", "[searcher]") {
  auto all = search(q("ocrelizumab interferon"));
  CHECK_FALSE(all.relaxed);
  CHECK(all.total == 1);  // reference 1 has both
  auto relaxed = search(q("natalizumab rituxan"));
  CHECK(relaxed.relaxed);
  CHECK(relaxed.total == 3);  // article b and reference 2 (natalizumab), article c (Rituxan)
}

TEST_CASE_METHOD(Fixture, "Match::any ranks documents with any word, Match::all never falls back", "[searcher]") {
  auto any = q("ocrelizumab interferon");
  any.match = Match::any;
  auto r = search(any);
  CHECK_FALSE(r.relaxed);
  CHECK(r.total == 2);  // article a (ocrelizumab) and reference 1 (both words)
  REQUIRE(r.hits.size() == 2);
  CHECK(r.hits[0].score >= r.hits[1].score);
  auto all = q("natalizumab rituxan");
  all.match = Match::all;
  auto none = search(all);
  CHECK_FALSE(none.relaxed);
  CHECK(none.total == 0);
  CHECK(parse_match("any") == Match::any);
  CHECK_THROWS_AS(parse_match("some"), UsageError);
}

TEST_CASE_METHOD(Fixture, "without facets the same page is ranked, with no facet counts and no snippets if asked", "[searcher]") {
  auto with = search(q("natalizumab"));
  auto r = q("natalizumab");
  r.facets = false;
  r.snippets = false;
  auto without = search(r);
  REQUIRE(without.hits.size() == with.hits.size());
  for (std::size_t i = 0; i < with.hits.size(); ++i) {
    CHECK(without.hits[i].id == with.hits[i].id);
    CHECK(without.hits[i].score == Approx(with.hits[i].score));
    CHECK(without.hits[i].snippet.text.empty());
  }
  CHECK(without.facets.drug.empty());
  CHECK(without.facets.year.empty());
  CHECK_FALSE(with.facets.drug.empty());
}

TEST_CASE_METHOD(Fixture, "sorting by year puts documents without a year last", "[searcher]") {
  auto r = q("");
  r.sort = SortOrder::year_ascending;
  auto asc = search(r);
  REQUIRE(asc.hits.size() == 5);
  CHECK(asc.hits.front().year == 2006);
  r.sort = SortOrder::year_descending;
  auto desc = search(r);
  CHECK(desc.hits.front().year == 2021);
  std::vector<int> years;
  for (auto& h : desc.hits) years.push_back(h.year.value_or(0));
  CHECK(std::is_sorted(years.rbegin(), years.rend()));
}

TEST_CASE_METHOD(Fixture, "paging returns successive ranks", "[searcher]") {
  auto r = q("");
  r.limit = 2;
  r.offset = 2;
  auto page = search(r);
  REQUIRE(page.hits.size() == 2);
  CHECK(page.hits[0].rank == 3);
  CHECK(page.hits[1].rank == 4);
}

TEST_CASE_METHOD(Fixture, "snippets highlight what matched, including stems", "[searcher]") {
  auto res = search(q("relapse"));
  REQUIRE(res.total >= 1);
  bool found = false;
  for (auto& h : res.hits)
    for (auto& m : h.snippet.highlights) {
      auto word = h.snippet.text.substr(m.begin, m.end - m.begin);
      CHECK((word == "relapse" || word == "relapsing"));
      found = true;
    }
  CHECK(found);
}

TEST_CASE_METHOD(Fixture, "documents are fetched by id with their links", "[searcher]") {
  Searcher s(db);
  auto res = s.search(q("ocrelizumab interferon"));
  REQUIRE(res.total == 1);
  auto ref = s.get(res.hits[0].id);
  REQUIRE(ref);
  CHECK(ref->kind == Kind::reference);
  CHECK(ref->journal == "N Engl J Med");
  REQUIRE(ref->parent);
  auto article = s.get(*ref->parent);
  REQUIRE(article);
  REQUIRE(article->references.size() == 2);
  CHECK(article->references[0].id == ref->id);
  CHECK_FALSE(s.get("nope").has_value());
}

TEST_CASE_METHOD(Fixture, "re-indexing a file replaces its documents, never duplicates them", "[searcher]") {
  {
    Indexer again(db);
    again.add(tmp / "docs");
    again.finish();
  }
  CHECK(search(q("")).total == 5);
  // The file now has one reference fewer: the stale one must go.
  auto text = test::read_file(tmp / "docs" / "a.txt");
  text = text.substr(0, text.find("  2. Polman"));
  test::write_file(tmp / "docs" / "a.txt", text);
  {
    Indexer again(db);
    again.add(tmp / "docs" / "a.txt");
    again.finish();
  }
  CHECK(search(q("")).total == 4);
  CHECK(Searcher(db).stats().references == 1);
}

TEST_CASE("opening a missing index is an IndexError that says how to build one", "[searcher]") {
  test::TempDir tmp;
  CHECK_THROWS_WITH(Searcher(tmp / "none"), Catch::Contains("mslit index --db"));
}

TEST_CASE("the indexer refuses a directory that is not an index", "[searcher]") {
  test::TempDir tmp;
  test::write_file(tmp / "notes" / "file.txt", "my notes");
  CHECK_THROWS_WITH(Indexer(tmp / "notes"), Catch::Contains("not an mslit index"));
}

TEST_CASE("a second writer gets a clear lock message", "[searcher]") {
  test::TempDir tmp;
  Indexer first(tmp / "db");
  CHECK_THROWS_WITH(Indexer(tmp / "db"), Catch::Contains("locked"));
}

TEST_CASE("year ranges and sort orders are validated", "[searcher]") {
  CHECK(parse_year_range("2000..2010").from == 2000);
  CHECK(parse_year_range("2000..2010").to == 2010);
  CHECK_FALSE(parse_year_range("..2010").from.has_value());
  CHECK(parse_year_range("2004").to == 2004);
  CHECK_THROWS_AS(parse_year_range("2010..2000"), UsageError);
  CHECK_THROWS_AS(parse_year_range("20x0"), UsageError);
  CHECK_THROWS_AS(parse_year_range(".."), UsageError);
  CHECK(parse_sort_order("-year") == SortOrder::year_descending);
  CHECK_THROWS_AS(parse_sort_order("date"), UsageError);
}

TEST_CASE("snippets highlight the words as written when they matched through folding or stemming", "[searcher]") {
  test::TempDir tmp;
  test::write_file(tmp / "d.txt",
                   "Immunoglobulin trials in progressive disease\n\n"
                   "S\xC3\xB8rensen and colleagues treated patients with IFN-\xCE\xB2 and reported fewer relapses "
                   "after na\xC3\xAFve patients started therapy.\n");
  {
    Indexer indexer(tmp / "db");
    indexer.add(tmp / "d.txt");
    indexer.finish();
  }
  Searcher s(tmp / "db");
  auto highlighted = [&](const std::string& query) {
    SearchRequest r;
    r.query = query;
    auto res = s.search(r);
    std::vector<std::string> words;
    if (res.hits.empty()) return words;
    auto& snip = res.hits[0].snippet;
    for (auto& h : snip.highlights) words.push_back(snip.text.substr(h.begin, h.end - h.begin));
    return words;
  };
  CHECK(highlighted("sorensen") == std::vector<std::string>{"S\xC3\xB8rensen"});
  CHECK(highlighted("ifn-beta") == std::vector<std::string>{"IFN", "\xCE\xB2"});
  CHECK(highlighted("beta") == std::vector<std::string>{"\xCE\xB2"});
  CHECK(highlighted("relapse") == std::vector<std::string>{"relapses"});
  CHECK(highlighted("naive") == std::vector<std::string>{"na\xC3\xAFve"});
}

TEST_CASE_METHOD(Fixture, "a drug's brand name, code name or misspelling in a query finds every name of the drug",
                 "[searcher][drugs]") {
  auto generic = search(q("natalizumab")).total;
  REQUIRE(generic >= 1);
  CHECK(search(q("Tysabri")).total == generic);
  CHECK(search(q("natalizumb")).total == generic);        // one letter missing
  CHECK(search(q("drug:Tysabri")).total == generic);
  CHECK(search(q("drug:\"natalizumab\"")).total == generic);
  CHECK(search(q("=Tysabri")).total <= generic);           // the exact word only
  CHECK(search(q("drug:notadrugname")).total == 0);
}

TEST_CASE_METHOD(Fixture, "query fields: case-insensitive, year ranges, ref:, and unknown fields are errors",
                 "[searcher][fields]") {
  CHECK(search(q("TITLE:natalizumab")).total == search(q("title:natalizumab")).total);
  CHECK(search(q("title:natalizumab")).total == 2);  // article b and the Polman reference
  // year:FROM..TO is a range over the year facet; either end may be left out.
  CHECK(search(q("year:2015..2019")).total == 3);  // the 2017 reference, 2019 and 2015 articles
  CHECK(search(q("year:..2010")).total == 1);      // the 2006 reference
  CHECK(search(q("year:2019")).total == 1);
  // ref: is the text of reference lists: the article citing Polman, and the reference itself.
  auto cites = search(q("ref:polman"));
  CHECK(cites.total == 2);
  auto articles = q("ref:polman");
  articles.kind = Kind::article;
  auto citing = search(articles);
  REQUIRE(citing.total == 1);
  CHECK(citing.hits[0].title == "Ocrelizumab for relapsing multiple sclerosis");
  // Unknown fields name the known ones; a pasted address is words.
  CHECK_THROWS_WITH(search(q("frobnicate:x relapse")),
                    Catch::Contains("unknown field 'frobnicate:'") && Catch::Contains("title:"));
  CHECK_NOTHROW(search(q("https://example.org relapse")));
}

TEST_CASE_METHOD(Fixture, "the explanation shows widened drug names and the Xapian query", "[searcher][explain]") {
  auto r = search(q("Tysabri year:2018..2020"));
  CHECK(r.explanation.understood.find("natalizumab") != std::string::npos);
  CHECK(r.explanation.understood.find("tysabri") != std::string::npos);
  CHECK(r.explanation.xapian_query.find("VALUE_RANGE 0 2018 2020") != std::string::npos);
  CHECK(r.total == 1);
}

TEST_CASE_METHOD(Fixture, "similar finds documents sharing a document's telling words, not the document itself",
                 "[searcher][similar]") {
  Searcher searcher(db);
  auto ids = search(q("title:natalizumab PML"));
  REQUIRE(ids.total == 1);
  auto like = searcher.similar(ids.hits[0].id, q(""));
  REQUIRE(like.has_value());
  REQUIRE(like->total >= 1);
  for (auto& h : like->hits) CHECK(h.id != ids.hits[0].id);
  // The Polman natalizumab reference shares "natalizumab" with it; the rituximab review shares little.
  bool polman = false;
  for (auto& h : like->hits) polman = polman || h.title.find("natalizumab") != std::string::npos;
  CHECK(polman);
  CHECK_FALSE(searcher.similar("no-such-id", q("")).has_value());
}

TEST_CASE_METHOD(Fixture, "a misspelt query that matches nothing runs corrected from the index's own words",
                 "[searcher][spelling]") {
  auto r = search(q("relapsng sclerosis"));
  CHECK(r.corrected == "relapsing sclerosis");
  CHECK(r.total == search(q("relapsing sclerosis")).total);
  CHECK(r.total >= 1);
  // A query that matches as written is left alone; nonsense stays unmatched.
  CHECK(search(q("relapsing sclerosis")).corrected.empty());
  auto none = search(q("qqqzzx"));
  CHECK(none.total == 0);
  CHECK(none.corrected.empty());
}
