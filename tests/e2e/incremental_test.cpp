// Incremental indexing (issue 8): re-running `mslit index` on a collection that
// changed gives exactly the documents and facets of the new collection, touches
// only what changed, and says so in its summary; `mslit delete` and `check`.
#include <chrono>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "e2e/e2e_support.hpp"

using namespace mslit::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string q(const fs::path& p) { return quote(p.string()); }

// The "indexed -> ..." summary line of an index run.
std::string summary_of(const RunResult& r) {
  std::istringstream in(r.err);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("indexed -> ", 0) == 0) return line;
  FAIL("no summary line in stderr:\n" << r.err);
  return {};
}

RunResult index_run(const fs::path& db, const std::string& paths, const std::string& extra = "") {
  auto r = run_mslit("index --progress never --db " + q(db) + " " + extra + " " + paths);
  INFO("stderr: " << r.err);
  REQUIRE(r.status == 0);
  return r;
}

// Every document, by id, as `search --json ''` lists it.
std::map<std::string, json> documents(const fs::path& db) {
  auto j = json_of(run_mslit("search --db " + q(db) + " --json --limit 10000 ''"));
  std::map<std::string, json> out;
  for (auto& r : j["results"]) {
    r.erase("score");
    r.erase("snippet");
    r.erase("rank");
    out[r["id"].get<std::string>()] = r;
  }
  REQUIRE(out.size() == j["total"].get<std::size_t>());
  return out;
}

// An id with its file key ("f3a..." - a hash of the path) replaced by the
// file's name, so expectations can be written down: "<page1.txt>.r2".
std::string readable_id(const json& doc) {
  static const std::regex file_key("^f[0-9a-f]+");
  auto id = doc["id"].get<std::string>();
  auto name = fs::path(doc["source"].get<std::string>()).filename().string();
  return std::regex_replace(id, file_key, "<" + name + ">", std::regex_constants::format_first_only);
}

std::set<std::string> readable_ids(const fs::path& db) {
  std::set<std::string> out;
  for (auto& [id, doc] : documents(db)) out.insert(readable_id(doc));
  return out;
}

void require_check_ok(const fs::path& db) {
  auto r = run_mslit("check --db " + q(db));
  INFO("check: " << r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("ok: no problems found") != std::string::npos);
  CHECK(r.out.find("problem:") == std::string::npos);
}

// value -> count of one facet of `stats --json`.
std::map<std::string, long> facet(const json& stats, const std::string& name) {
  std::map<std::string, long> out;
  for (auto& v : stats["facets"][name]) out[v["value"].dump()] = v["count"].get<long>();
  return out;
}

json stats_of(const fs::path& db) { return json_of(run_mslit("stats --db " + q(db) + " --json")); }

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

const std::string page1_v1 =
    "Natalizumab and progressive multifocal leukoencephalopathy: a clinical review\n\n"
    "Last reviewed: March 2020\n\n"
    "Natalizumab (Tysabri) is a monoclonal antibody used in relapsing multiple sclerosis. Patients receiving "
    "natalizumab are monitored for JC virus antibodies [1,2].\n\n"
    "REFERENCES\n"
    "  1. Polman CH, O'Connor PW, Havrdova E, et al. A randomized, placebo-controlled trial of natalizumab for "
    "relapsing multiple sclerosis. N Engl J Med 2006; 354:899.\n"
    "  2. Bloomgren G, Richman S, Hotermans C, et al. Risk of natalizumab-associated progressive multifocal "
    "leukoencephalopathy. N Engl J Med 2012; 366:1870.\n";
const std::string page1_ref3 =
    "  3. Ryerson LZ, Foley J, Chang I, et al. Risk of natalizumab-associated PML in patients with MS is reduced "
    "with extended interval dosing. Neurology 2019; 93:e1452.\n";

const std::string page2 =
    "Fingolimod for relapsing multiple sclerosis: what patients should know\n\n"
    "Last reviewed: June 2021\n\n"
    "Fingolimod (Gilenya) is a capsule taken once a day. Your first dose is given in a clinic [1].\n\n"
    "REFERENCES\n"
    "  1. Kappos L, Radue EW, O'Connor P, et al. A placebo-controlled trial of oral fingolimod in relapsing "
    "multiple sclerosis. N Engl J Med 2010; 362:387.\n"
    "  2. Cohen JA, Barkhof F, Comi G, et al. Oral fingolimod or intramuscular interferon for relapsing multiple "
    "sclerosis. N Engl J Med 2010; 362:402.\n";

const std::string page3 =
    "Siponimod for secondary progressive multiple sclerosis\n\n"
    "Last reviewed: May 2022\n\n"
    "Siponimod (Mayzent) is taken by mouth [1].\n\n"
    "REFERENCES\n"
    "  1. Kappos L, Bar-Or A, Cree BAC, et al. Siponimod versus placebo in secondary progressive multiple "
    "sclerosis (EXPAND): a double-blind, randomised, phase 3 study. Lancet 2018; 391:1263.\n";

const std::string rec1 =
    R"({"id":"r1","title":"Ocrelizumab in primary progressive multiple sclerosis","abstract":"A randomized controlled trial of ocrelizumab versus placebo."})";
const std::string rec2 =
    R"({"id":"r2","title":"Dimethyl fumarate and lymphopenia","abstract":"A case report of a patient on dimethyl fumarate."})";
const std::string rec3_v1 =
    R"({"id":"r3","title":"Interferon beta in clinically isolated syndrome","abstract":"A summary of interferon beta trials."})";
const std::string rec3_v2 =
    R"({"id":"r3","title":"Interferon beta in clinically isolated syndrome","abstract":"A systematic review and meta-analysis of interferon beta trials."})";
const std::string rec4 =
    R"({"id":"r4","title":"Teriflunomide and pregnancy outcomes","abstract":"An observational cohort study of teriflunomide exposure."})";

const std::string nbib =
    "PMID- 11111111\n"
    "TI  - Alemtuzumab versus interferon beta 1a in relapsing multiple sclerosis.\n"
    "AB  - This randomized trial compared alemtuzumab with interferon beta.\n"
    "DP  - 2012 Nov\n"
    "PT  - Randomized Controlled Trial\n\n"
    "PMID- 22222222\n"
    "TI  - Cladribine tablets for relapsing multiple sclerosis: a review.\n"
    "AB  - We review cladribine.\n"
    "DP  - 2018 Jan\n"
    "PT  - Review\n";

// Unchanged filler, so the first run does some work to time against.
std::string bulk_records(int n) {
  std::string out;
  for (int i = 1; i <= n; ++i)
    out += R"({"id":"b)" + std::to_string(i) + R"(","title":"Vitamin D levels in multiple sclerosis cohort )" +
           std::to_string(i) +
           R"(","abstract":"Serum vitamin D and relapse rate in patients followed for )" + std::to_string(i) +
           " months. Disability, MRI lesions, interferon beta exposure and smoking were recorded.\"}\n";
  return out;
}
constexpr int bulk_count = 400;

}  // namespace

TEST_CASE(" incremental: re-index of a changed collection gives exactly the new collection", "[incremental]") {
  TempDir tmp;
  auto c = tmp / "collection";
  auto db = tmp / "db";
  write_file(c / "page1.txt", page1_v1 + page1_ref3);
  write_file(c / "page2.txt", page2);
  write_file(c / "records.jsonl", rec1 + "\n" + rec2 + "\n" + rec3_v1 + "\n" + rec4 + "\n");
  write_file(c / "export.nbib", nbib);
  write_file(c / "bulk.jsonl", bulk_records(bulk_count));

  auto t0 = std::chrono::steady_clock::now();
  auto first = index_run(db, q(c));
  double first_seconds = seconds_since(t0);
  CHECK(summary_of(first).find(": 5 file(s) added, 0 updated, 0 unchanged, 0 removed; " +
                               std::to_string(8 + bulk_count) + " article(s) and 5 reference(s) written;") !=
        std::string::npos);
  require_check_ok(db);

  std::set<std::string> expected_v1 = {"pmid:11111111",     "pmid:22222222",     "<page1.txt>",
                                       "<page1.txt>.r1",    "<page1.txt>.r2",    "<page1.txt>.r3",
                                       "<page2.txt>",       "<page2.txt>.r1",    "<page2.txt>.r2",
                                       "<records.jsonl>:r1", "<records.jsonl>:r2", "<records.jsonl>:r3",
                                       "<records.jsonl>:r4"};
  for (int i = 1; i <= bulk_count; ++i) expected_v1.insert("<bulk.jsonl>:b" + std::to_string(i));
  CHECK(readable_ids(db) == expected_v1);
  auto before = documents(db);
  std::string page1_id;
  for (auto& [id, d] : before)
    if (readable_id(d) == "<page1.txt>") page1_id = id;
  REQUIRE(!page1_id.empty());
  auto stats1 = stats_of(db);
  CHECK(facet(stats1, "drug")["\"dimethyl fumarate\""] == 1);
  CHECK(facet(stats1, "drug")["\"fingolimod\""] == 3);
  CHECK(facet(stats1, "evidence")["\"case-report\""] == 1);

  // The collection changes: page1's reference list shrinks, page2 goes, page3
  // comes, a record is removed from inside the JSONL file and another changes
  // its evidence; export.nbib and bulk.jsonl stay as they were.
  write_file(c / "page1.txt", page1_v1);
  fs::remove(c / "page2.txt");
  write_file(c / "page3.txt", page3);
  write_file(c / "records.jsonl", rec1 + "\n" + rec3_v2 + "\n" + rec4 + "\n");

  auto second = index_run(db, q(c), "--prune");
  auto line = summary_of(second);
  INFO(line);
  CHECK(line.find(": 1 file(s) added, 2 updated, 2 unchanged, 1 removed; ") != std::string::npos);
  CHECK(second.err.find((c / "page2.txt").string() + ": removed (3 documents)") != std::string::npos);
  // r1 (first in the file, same content) is found as it was, not rewritten.
  std::smatch m;
  REQUIRE(std::regex_search(line, m, std::regex(R"((\d+) article\(s\) found unchanged)")));
  CHECK(std::stoi(m[1]) >= 1);
  if (std::stoi(m[1]) < 2)
    WARN("r4 of records.jsonl was rewritten although only its position changed: " << line);
  require_check_ok(db);

  std::set<std::string> expected_v2 = {"pmid:11111111",     "pmid:22222222",     "<page1.txt>",
                                       "<page1.txt>.r1",    "<page1.txt>.r2",    "<page3.txt>",
                                       "<page3.txt>.r1",    "<records.jsonl>:r1", "<records.jsonl>:r3",
                                       "<records.jsonl>:r4"};
  for (int i = 1; i <= bulk_count; ++i) expected_v2.insert("<bulk.jsonl>:b" + std::to_string(i));
  CHECK(readable_ids(db) == expected_v2);
  auto after = documents(db);
  CHECK(after.count(page1_id) == 1);  // ids are stable across runs
  CHECK(after[page1_id]["drugs"] == json::array({"natalizumab"}));

  // Facets of the new collection: what went is gone, what changed is counted as it is now.
  auto stats2 = stats_of(db);
  auto drugs = facet(stats2, "drug");
  auto evidence = facet(stats2, "evidence");
  auto years = facet(stats2, "year");
  CHECK(stats2["documents"] == 10 + bulk_count);
  CHECK(stats2["kinds"]["article"] == 7 + bulk_count);
  CHECK(stats2["kinds"]["reference"] == 3);
  CHECK(stats2["files"] == 5);
  CHECK(drugs.count("\"dimethyl fumarate\"") == 0);
  CHECK(drugs.count("\"fingolimod\"") == 0);
  CHECK(drugs["\"natalizumab\""] == 3);
  CHECK(drugs["\"siponimod\""] == 2);
  CHECK(drugs["\"teriflunomide\""] == 1);
  CHECK(drugs["\"ocrelizumab\""] == 1);
  CHECK(evidence.count("\"case-report\"") == 0);
  CHECK(evidence["\"systematic-review\""] == 1);
  CHECK(years.count("2019") == 0);  // page1's third reference
  CHECK(years.count("2010") == 0);  // page2's references
  CHECK(years.count("2021") == 0);  // page2
  CHECK(years["2022"] == 1);        // page3
  auto r3 = json_of(run_mslit("show --db " + q(db) + " --json " +
                              quote(std::find_if(after.begin(), after.end(), [](auto& kv) {
                                      return readable_id(kv.second) == "<records.jsonl>:r3";
                                    })->first)));
  CHECK(r3["abstract"].get<std::string>().find("meta-analysis") != std::string::npos);
  CHECK(r3["evidence"] == "systematic-review");

  // The incremental index equals a clean index of the same files, document for
  // document and facet for facet.
  auto clean = tmp / "clean";
  index_run(clean, q(c));
  CHECK(documents(clean) == after);
  auto clean_stats = stats_of(clean);
  for (auto key : {"documents", "kinds", "formats", "files", "years", "facets"}) {
    INFO(key);
    CHECK(clean_stats[key] == stats2[key]);
  }

  // An immediate re-run finds everything unchanged and writes nothing.
  t0 = std::chrono::steady_clock::now();
  auto third = index_run(db, q(c), "--prune");
  double rerun_seconds = seconds_since(t0);
  CHECK(summary_of(third).find(": 0 file(s) added, 0 updated, 5 unchanged, 0 removed; 0 article(s) and 0 "
                               "reference(s) written; skipped 0 file(s)") != std::string::npos);
  CHECK(documents(db) == after);
  require_check_ok(db);
  WARN("first index run " << first_seconds << " s (" << 8 + bulk_count << " articles); unchanged re-run "
                          << rerun_seconds << " s (" << (rerun_seconds / first_seconds * 100) << "% of the first)");
}

TEST_CASE(" incremental: a reference list that shrank leaves no stale references, and the summary counts them", "[incremental]") {
  TempDir tmp;
  auto page = tmp / "page1.txt";
  auto db = tmp / "db";
  write_file(page, page1_v1 + page1_ref3);
  index_run(db, q(page));
  CHECK(stats_of(db)["kinds"]["reference"] == 3);

  // Down to one reference.
  auto shrunk = page1_v1.substr(0, page1_v1.find("  2. Bloomgren"));
  write_file(page, shrunk);
  auto r = index_run(db, q(page));
  auto line = summary_of(r);
  INFO(line);
  CHECK(line.find("0 file(s) added, 1 updated, 0 unchanged, 0 removed; 1 article(s) and 1 reference(s) written") !=
        std::string::npos);
  std::set<std::string> expected = {"<page1.txt>", "<page1.txt>.r1"};
  CHECK(readable_ids(db) == expected);
  auto stats = stats_of(db);
  CHECK(stats["kinds"]["reference"] == 1);
  CHECK(facet(stats, "year").count("2012") == 0);
  CHECK(facet(stats, "year").count("2019") == 0);
  // The article lists only the reference it still has.
  auto docs = documents(db);
  auto article = std::find_if(docs.begin(), docs.end(), [](auto& kv) { return kv.second["kind"] == "article"; });
  REQUIRE(article != docs.end());
  auto shown = json_of(run_mslit("show --db " + q(db) + " --json " + quote(article->first)));
  CHECK(shown["references"].size() == 1);
  require_check_ok(db);
  // The two references that went are documents removed, and the summary says so.
  CHECK(line.find("2 document(s) removed") != std::string::npos);

  // And it grows back.
  write_file(page, page1_v1 + page1_ref3);
  index_run(db, q(page));
  CHECK(stats_of(db)["kinds"]["reference"] == 3);
  require_check_ok(db);
}

TEST_CASE(" incremental: records removed from inside a JSONL file disappear, the records around them stay", "[incremental]") {
  TempDir tmp;
  auto file = tmp / "records.jsonl";
  auto db = tmp / "db";
  write_file(file, rec1 + "\n" + rec2 + "\n" + rec3_v1 + "\n" + rec4 + "\n");
  index_run(db, q(file));
  CHECK(readable_ids(db).size() == 4);

  // Only the last record changes: the other three are found unchanged.
  write_file(file, rec1 + "\n" + rec2 + "\n" + rec3_v1 + "\n" +
                       R"({"id":"r4","title":"Teriflunomide and pregnancy outcomes","abstract":"A case report."})" +
                       "\n");
  auto line = summary_of(index_run(db, q(file)));
  INFO(line);
  CHECK(line.find("1 updated, 0 unchanged, 0 removed; 1 article(s) and 0 reference(s) written, 3 article(s) found "
                  "unchanged;") != std::string::npos);
  CHECK(facet(stats_of(db), "evidence")["\"case-report\""] == 2);

  // Two records go from the middle.
  write_file(file, rec1 + "\n" +
                       R"({"id":"r4","title":"Teriflunomide and pregnancy outcomes","abstract":"A case report."})" +
                       "\n");
  line = summary_of(index_run(db, q(file)));
  CHECK(line.find("2 document(s) removed") != std::string::npos);
  std::set<std::string> expected = {"<records.jsonl>:r1", "<records.jsonl>:r4"};
  CHECK(readable_ids(db) == expected);
  auto stats = stats_of(db);
  CHECK(facet(stats, "drug").count("\"dimethyl fumarate\"") == 0);
  CHECK(facet(stats, "drug").count("\"interferon beta\"") == 0);
  CHECK(facet(stats, "evidence")["\"case-report\""] == 1);
  require_check_ok(db);

  // A record's id may also appear later in the file: ids, not positions, decide.
  write_file(file, R"({"id":"r4","title":"Teriflunomide and pregnancy outcomes","abstract":"A case report."})" +
                       std::string("\n") + rec1 + "\n");
  line = summary_of(index_run(db, q(file)));
  CHECK(readable_ids(db) == expected);
  CHECK(line.find("document(s) removed") == std::string::npos);
  require_check_ok(db);
}

TEST_CASE(" incremental: mslit delete removes articles with their references, a file's documents, and refuses unknown ids",
          "[incremental]") {
  TempDir tmp;
  auto c = tmp / "c";
  auto db = tmp / "db";
  write_file(c / "page1.txt", page1_v1 + page1_ref3);
  write_file(c / "page2.txt", page2);
  write_file(c / "export.nbib", nbib);
  index_run(db, q(c));
  auto docs = documents(db);
  REQUIRE(docs.size() == 9);
  std::string page1_id, page2_id;
  for (auto& [id, d] : docs) {
    if (readable_id(d) == "<page1.txt>") page1_id = id;
    if (readable_id(d) == "<page2.txt>") page2_id = id;
  }
  REQUIRE(!page1_id.empty());
  REQUIRE(!page2_id.empty());

  // An article goes with its three references.
  auto r = run_mslit("delete --db " + q(db) + " " + quote(page1_id));
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.err.find("deleted 1 article(s) and 3 reference(s)") != std::string::npos);
  std::set<std::string> expected = {"pmid:11111111", "pmid:22222222", "<page2.txt>", "<page2.txt>.r1",
                                    "<page2.txt>.r2"};
  CHECK(readable_ids(db) == expected);
  CHECK(run_mslit("show --db " + q(db) + " " + quote(page1_id + ".r2")).status == 1);
  CHECK(facet(stats_of(db), "drug").count("\"natalizumab\"") == 0);
  require_check_ok(db);

  // A single reference; then an article by PMID.
  r = run_mslit("delete --db " + q(db) + " " + quote(page2_id + ".r2") + " pmid:22222222");
  CHECK(r.status == 0);
  CHECK(r.err.find("deleted 1 article(s) and 1 reference(s)") != std::string::npos);
  CHECK(json_of(run_mslit("show --db " + q(db) + " --json " + quote(page2_id)))["references"].size() == 1);
  expected = {"pmid:11111111", "<page2.txt>", "<page2.txt>.r1"};
  CHECK(readable_ids(db) == expected);
  require_check_ok(db);

  // Unknown ids: exit 1, a message naming each, the known one still deleted.
  r = run_mslit("delete --db " + q(db) + " pmid:99999999 " + quote(page1_id) + " pmid:11111111");
  CHECK(r.status == 1);
  CHECK(r.err.find("no document with id 'pmid:99999999'") != std::string::npos);
  CHECK(r.err.find("no document with id '" + page1_id + "'") != std::string::npos);
  expected = {"<page2.txt>", "<page2.txt>.r1"};
  CHECK(readable_ids(db) == expected);

  // --source: every document of the file, and the file is no longer recorded,
  // so indexing the collection again brings it back.
  r = run_mslit("delete --db " + q(db) + " --source " + q(c / "page2.txt"));
  CHECK(r.status == 0);
  CHECK(r.err.find("deleted 1 article(s) and 1 reference(s)") != std::string::npos);
  CHECK(documents(db).empty());
  require_check_ok(db);
  r = run_mslit("delete --db " + q(db) + " --source " + q(c / "page2.txt"));
  CHECK(r.status == 1);
  CHECK(r.err.find("no documents read from '" + (c / "page2.txt").string() + "'") != std::string::npos);

  auto line = summary_of(index_run(db, q(c / "page2.txt")));
  CHECK(line.find(": 1 file(s) added, 0 updated, 0 unchanged") != std::string::npos);
  CHECK(readable_ids(db) == std::set<std::string>{"<page2.txt>", "<page2.txt>.r1", "<page2.txt>.r2"});

  // A missing index is not created by delete.
  r = run_mslit("delete --db " + q(tmp / "none") + " pmid:1");
  CHECK(r.status == 1);
  CHECK(r.err.find("no mslit index here") != std::string::npos);
  CHECK(!fs::exists(tmp / "none"));
  require_check_ok(db);
}

TEST_CASE(" incremental: an article in two files survives when one of them is removed and pruned", "[incremental]") {
  // Overlapping PubMed exports are common: the same PMID in two files.
  TempDir tmp;
  auto c = tmp / "c";
  auto db = tmp / "db";
  write_file(c / "a-export.nbib", nbib);
  index_run(db, q(c));
  write_file(c / "b-export.nbib", nbib.substr(0, nbib.find("PMID- 22222222")));  // pmid 11111111 only
  index_run(db, q(c));
  CHECK(readable_ids(db) == std::set<std::string>{"pmid:11111111", "pmid:22222222"});

  fs::remove(c / "b-export.nbib");
  auto line = summary_of(index_run(db, q(c), "--prune"));
  INFO(line);
  CHECK(line.find("1 removed") != std::string::npos);
  // a-export.nbib still holds pmid:11111111, so the index must too.
  CHECK(readable_ids(db) == std::set<std::string>{"pmid:11111111", "pmid:22222222"});
  auto show = run_mslit("show --db " + q(db) + " --json pmid:11111111");
  CHECK(show.status == 0);
  require_check_ok(db);
}
