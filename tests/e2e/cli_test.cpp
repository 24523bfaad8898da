// The command-line contract: help, exit statuses, messages naming the file, JSON shape.
#include <sstream>

#include "e2e/e2e_support.hpp"
#include "mslit/readers.hpp"

using namespace mslit::test;
using nlohmann::json;

TEST_CASE("mslit --help and every subcommand's --help answer", "[cli]") {
  auto top = run_mslit("--help");
  CHECK(top.status == 0);
  for (auto cmd : {"index", "search", "stats", "show", "annotate"}) {
    INFO(cmd);
    CHECK(top.out.find(cmd) != std::string::npos);
    auto r = run_mslit(std::string(cmd) + " --help");
    CHECK(r.status == 0);
    CHECK(r.out.find("Usage: mslit " + std::string(cmd)) != std::string::npos);
    if (std::string(cmd) != "annotate") CHECK(r.out.find("--db") != std::string::npos);
  }
  CHECK(run_mslit("search --help").out.find("--evidence") != std::string::npos);
}

TEST_CASE("bad usage exits 2 with one clear line", "[cli]") {
  TempDir tmp;
  auto db = "--db " + quote((tmp / "db").string());
  struct Case {
    std::string args;
    std::string message;
  };
  for (auto& c : std::vector<Case>{
           {"frobnicate", "unknown command 'frobnicate'"},
           {"search " + db + " --no-such-option x", "unrecognised option '--no-such-option'"},
           {"search " + db + " --year 2010..2000 x", "2010 is after 2000"},
           {"search " + db + " --year soon x", "bad year range 'soon'"},
           {"search " + db + " --sort date x", "bad sort order 'date'"},
           {"search " + db + " --kind book x", "bad --kind 'book'"},
           {"search " + db + " --limit lots x", "--limit"},
           {"index " + db, "give at least one file or directory"},
           {"index " + db + " --format pdf x", "unknown format 'pdf'"},
           {"show " + db, "give the id"},
       }) {
    INFO(c.args);
    auto r = run_mslit(c.args);
    CHECK(r.status == 2);
    CHECK(r.err.find(c.message) != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
  CHECK(run_mslit("").status == 2);
}

TEST_CASE("searching a missing index exits 1 and says how to build one", "[cli]") {
  TempDir tmp;
  auto r = run_mslit("search --db " + quote((tmp / "nothing").string()) + " natalizumab");
  CHECK(r.status == 1);
  CHECK(r.err.find("no mslit index here") != std::string::npos);
}

TEST_CASE("bad files are skipped with a message naming them, good files are indexed, the index stays usable", "[cli]") {
  TempDir tmp;
  auto docs = tmp / "docs";
  write_file(docs / "good.txt", "A good page about natalizumab\n\nTysabri is natalizumab.\n");
  write_file(docs / "empty.txt", "");
  write_file(docs / "binary.dat", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  write_file(docs / "broken.txt", "A page with a broken byte\n\nHere \xC3 it is, then natalizumab.\n");
  write_file(docs / "huge-line.txt", "A page with one huge line\n\n" + std::string(20'000'000, 'x') + " natalizumab\n");
  write_file(docs / ".hidden.txt", "A hidden file that must not be indexed\n");
  auto db = tmp / "db";
  auto r = run_mslit("index --db " + quote(db.string()) + " " + quote(docs.string()));
  CHECK(r.status == 1);
  CHECK(r.err.find((docs / "empty.txt").string() + ": skipping - empty file") != std::string::npos);
  CHECK(r.err.find((docs / "binary.dat").string() + ": skipping - binary file") != std::string::npos);
  CHECK(r.err.find((docs / "broken.txt").string() + ":3: warning: invalid UTF-8 at byte 32") != std::string::npos);
  CHECK(r.err.find("3 file(s) added") != std::string::npos);

  auto stats = json_of(run_mslit("stats --db " + quote(db.string()) + " --json"));
  CHECK(stats["kinds"]["article"] == 3);
  REQUIRE(stats["skipped"].size() == 2);
  CHECK(stats["skipped"][0]["reason"].get<std::string>().find("binary") != std::string::npos);
  auto found = json_of(run_mslit("search --db " + quote(db.string()) + " --json natalizumab"));
  CHECK(found["total"] == 3);

  // A file that is fixed is no longer listed as skipped.
  write_file(docs / "empty.txt", "Now a real page on ocrelizumab\n\nOcrevus.\n");
  CHECK(run_mslit("index --db " + quote(db.string()) + " " + quote((docs / "empty.txt").string())).status == 0);
  CHECK(json_of(run_mslit("stats --db " + quote(db.string()) + " --json"))["skipped"].size() == 1);
}

TEST_CASE("a missing path is reported and the rest of the run goes on", "[cli]") {
  TempDir tmp;
  write_file(tmp / "a.txt", "A page about fingolimod\n\nGilenya.\n");
  auto r = run_mslit("index --db " + quote((tmp / "db").string()) + " " + quote((tmp / "missing.txt").string()) + " " +
                 quote((tmp / "a.txt").string()));
  CHECK(r.status == 1);
  CHECK(r.err.find("missing.txt: skipping - no such file or directory") != std::string::npos);
  CHECK(json_of(run_mslit("stats --db " + quote((tmp / "db").string()) + " --json"))["kinds"]["article"] == 1);
}

TEST_CASE("search --json prints the documented object", "[cli]") {
  require_shared();
  TempDir tmp;
  auto db = "--db " + quote((tmp / "db").string());
  REQUIRE(run_mslit("index -q " + db + " " + quote(seed("004_").string())).status == 0);
  auto j = json_of(run_mslit("search " + db + " --json --limit 3 --sort -year mitoxantrone"));
  CHECK(j["query"] == "mitoxantrone");
  CHECK(j["total"].is_number_integer());
  REQUIRE(j["results"].size() == 3);
  for (auto& r : j["results"]) {
    for (auto key : {"id", "kind", "title", "year", "evidence", "drugs", "source", "ordinal", "parent", "score", "snippet"}) {
      INFO(key);
      CHECK(r.contains(key));
    }
    CHECK((r["kind"] == "article" || r["kind"] == "reference"));
    CHECK(r["drugs"].is_array());
    CHECK(r["score"].is_number());
    if (r["kind"] == "reference") {
      CHECK(r["ordinal"].is_number_integer());
      CHECK(r["parent"].is_string());
    } else {
      CHECK(r["ordinal"].is_null());
      CHECK(r["parent"].is_null());
    }
  }
  CHECK(j["results"][0]["year"] >= j["results"][1]["year"]);
  for (auto facet : {"drug", "evidence", "year"}) {
    INFO(facet);
    REQUIRE(j["facets"][facet].is_array());
    for (auto& v : j["facets"][facet]) {
      CHECK(v.contains("value"));
      CHECK(v["count"].is_number_integer());
    }
  }
  CHECK(j["facets"]["year"][0]["value"].is_number_integer());
}

TEST_CASE("mslit annotate prints drug mentions with byte offsets into the input, evidence and year", "[cli][annotate]") {
  TempDir tmp;
  // Non-ASCII before the mentions, so byte offsets differ from character offsets.
  const std::string text =
      "Réduction des poussées: Tysabri (NATALIZUMAB) versus rituximab's biosimilar\n\n"
      "Last reviewed: March 2021\n\nPatients switched from Gilenya.\n";
  write_file(tmp / "page.txt", text);
  auto j = json_of(run_mslit("annotate --json " + quote((tmp / "page.txt").string())));
  REQUIRE(j["drugs"].is_array());
  std::vector<std::string> names;
  for (auto& d : j["drugs"]) {
    auto start = d["start"].get<std::size_t>(), end = d["end"].get<std::size_t>();
    REQUIRE(end <= text.size());
    CHECK(text.substr(start, end - start) == d["text"].get<std::string>());
    CHECK(!d["class"].get<std::string>().empty());
    names.push_back(d["name"]);
  }
  CHECK(names == std::vector<std::string>{"natalizumab", "natalizumab", "rituximab", "fingolimod"});
  CHECK(j["evidence"]["type"].is_string());
  CHECK(j["evidence"]["cue"].is_string());
  CHECK(j["year"] == 2021);

  // Standard input works the same way; a record format gives one line per record with its id.
  auto piped = run("printf 'Ocrevus' | " + quote(MSLIT_BIN) + " annotate --json -");
  REQUIRE(piped.status == 0);
  CHECK(json::parse(piped.out)["drugs"][0]["name"] == "ocrelizumab");
  write_file(tmp / "r.jsonl",
             "{\"pmid\":\"1\",\"title\":\"A randomized trial of fingolimod\",\"publication_types\":[\"Randomized Controlled Trial\"]}\n"
             "{\"pmid\":\"2\",\"title\":\"Case report\",\"abstract\":\"Natalizumab and PML.\",\"year\":2010}\n");
  auto r = run_mslit("annotate --json " + quote((tmp / "r.jsonl").string()));
  REQUIRE(r.status == 0);
  std::vector<json> lines;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["id"] == "pmid:1");
  CHECK(lines[0]["evidence"]["type"] == "rct");
  CHECK(lines[0]["evidence"]["cue"] == "publication type: Randomized Controlled Trial");
  CHECK(lines[0]["drugs"][0]["field"] == "title");
  CHECK(lines[0]["drugs"][0]["start"] == 22);  // "A randomized trial of " is 22 bytes
  CHECK(lines[1]["drugs"][0]["field"] == "abstract");
  CHECK(lines[1]["drugs"][0]["name"] == "natalizumab");
  CHECK(lines[1]["year"] == 2010);
  CHECK(lines[0]["year"].is_null());
}

TEST_CASE("search exports: RIS reads back through mslit's own RIS reader, BibTeX and CSV are well formed",
          "[cli][export]") {
  require_shared();
  TempDir tmp;
  auto db = quote((tmp / "db").string());
  REQUIRE(run_mslit("index -q --db " + db + " " + quote(MSLIT_SAMPLES_DIR) + " " + quote(seeds_dir.string())).status == 0);
  auto json = json_of(run_mslit("search --db " + db + " --json -n 15 'multiple sclerosis'"));
  REQUIRE(json["results"].size() == 15);

  // RIS: one record per result; reading the export as a collection gives back
  // the same titles, first authors and years.
  auto ris = run_mslit("search --db " + db + " --format ris -n 15 'multiple sclerosis'");
  REQUIRE(ris.status == 0);
  write_file(tmp / "export.ris", ris.out);
  auto back = mslit::read_file(tmp / "export.ris", "export.ris");
  CHECK(back.format == "ris");
  REQUIRE(back.articles.size() == 15);
  for (std::size_t i = 0; i < 15; ++i) {
    auto shown = json_of(run_mslit("show --db " + db + " --json " + quote(json["results"][i]["id"].get<std::string>())));
    INFO("result " << i + 1 << ": " << shown["id"]);
    CHECK(back.articles[i].title == shown["title"].get<std::string>());
    if (!shown["authors"].empty()) {
      REQUIRE(!back.articles[i].authors.empty());
      CHECK(back.articles[i].authors.front() == shown["authors"][0].get<std::string>());
    }
    if (shown["year"].is_number()) CHECK(back.articles[i].year == shown["year"].get<int>());
  }

  // BibTeX: one entry per result, braces balanced.
  auto bib = run_mslit("search --db " + db + " --format bibtex -n 15 'multiple sclerosis'");
  REQUIRE(bib.status == 0);
  std::size_t entries = 0;
  int depth = 0;
  for (std::size_t i = 0; i < bib.out.size(); ++i) {
    if (bib.out[i] == '\\') {
      ++i;
      continue;
    }
    if (bib.out[i] == '@' && depth == 0) ++entries;
    if (bib.out[i] == '{') ++depth;
    if (bib.out[i] == '}') --depth;
    REQUIRE(depth >= 0);
  }
  CHECK(depth == 0);
  CHECK(entries == 15);

  // CSV: a header and one row per result, every row with the header's 13 fields.
  auto csv = run_mslit("search --db " + db + " --format csv -n 15 'multiple sclerosis'");
  REQUIRE(csv.status == 0);
  std::vector<std::size_t> field_counts;
  std::size_t fields = 1;
  bool quoted = false;
  for (std::size_t i = 0; i < csv.out.size(); ++i) {
    char c = csv.out[i];
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) ++fields;
    else if (c == '\n' && !quoted) {
      field_counts.push_back(fields);
      fields = 1;
    }
  }
  REQUIRE(field_counts.size() == 16);
  for (auto n : field_counts) CHECK(n == 13);

  CHECK(run_mslit("search --db " + db + " --format pdf x").status == 2);
}
