// End to end on the real record collections in ../shared/data: MEDLINE/PubMed
// XML, MEDLINE text, PMC JATS and BEIR SciFact, indexed with the mslit binary.
// Expected counts come from each folder's SOURCE.md; expected fields were read
// from the source files (quoted in the comments) or are extracted from them
// here, independently of mslit's readers.
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "e2e/e2e_support.hpp"
#include "mslit/readers.hpp"

using namespace mslit::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path data_dir = shared_dir / "data";

/// Fails (never skips) when a data folder is missing.
fs::path data(const std::string& name) {
  require_shared();
  auto dir = data_dir / name;
  INFO("the shared data folder " << dir << " is missing");
  REQUIRE(fs::is_directory(dir));
  return dir;
}

/// A file's content, decompressed when it is gzip (zlib reads plain files as they are).
std::string content_of(const fs::path& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  REQUIRE(f != nullptr);
  std::string out;
  std::vector<char> buf(1 << 16);
  int n;
  while ((n = gzread(f, buf.data(), static_cast<unsigned>(buf.size()))) > 0) out.append(buf.data(), static_cast<std::size_t>(n));
  gzclose(f);
  return out;
}

/// How many elements named `name` open in `xml` ("<name>" or "<name ...", not "<nameSet>").
std::size_t count_elements(const std::string& xml, const std::string& name) {
  std::size_t n = 0;
  for (auto at = xml.find("<" + name); at != std::string::npos; at = xml.find("<" + name, at + 1)) {
    char next = xml[at + 1 + name.size()];
    if (next == '>' || next == ' ' || next == '\n' || next == '\t' || next == '\r') ++n;
  }
  return n;
}

struct Indexed {
  fs::path db;
  RunResult run;
};

/// One index per data set, built once per test process by `mslit index --db DB PATH`.
const Indexed& indexed(const std::string& name, const fs::path& path) {
  static std::map<std::string, std::unique_ptr<TempDir>> dirs;
  static std::map<std::string, Indexed> built;
  if (auto it = built.find(name); it != built.end()) return it->second;
  auto& dir = dirs[name] = std::make_unique<TempDir>();
  Indexed ix{*dir / "db", {}};
  ix.run = run_mslit("index --db " + quote(ix.db.string()) + " " + quote(path.string()));
  INFO(ix.run.err);
  REQUIRE(ix.run.status == 0);
  return built[name] = ix;
}

std::string db_arg(const Indexed& ix) { return "--db " + quote(ix.db.string()); }

json search(const Indexed& ix, const std::string& args) {
  return json_of(run_mslit("search " + db_arg(ix) + " --json " + args));
}

json show(const Indexed& ix, const std::string& id) { return json_of(run_mslit("show " + db_arg(ix) + " --json " + quote(id))); }

/// Articles in the index, counted by the file they came from.
std::map<std::string, std::size_t> articles_by_source(const Indexed& ix) {
  auto all = search(ix, "--kind article --limit 10000 ''");
  REQUIRE(all["total"].get<std::size_t>() == all["results"].size());
  std::map<std::string, std::size_t> out;
  for (auto& r : all["results"]) ++out[r["source"].get<std::string>()];
  return out;
}

/// The ids a search finds (up to 100).
std::vector<std::string> ids_of(const Indexed& ix, const std::string& query) {
  std::vector<std::string> out;
  auto found = search(ix, "--limit 100 " + quote(query));
  for (auto& r : found["results"]) out.push_back(r["id"]);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool contains_ci(const std::string& text, const std::string& word) { return lower(text).find(lower(word)) != std::string::npos; }

std::string squash(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) out += static_cast<char>(cp);
  else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// The text of an XML fragment: tags removed, XML's character references decoded, white space collapsed.
std::string xml_text(const std::string& fragment) {
  static const std::regex tag("<[^>]*>");
  auto s = std::regex_replace(fragment, tag, "");
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    auto semi = s.find(';', i);
    auto ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp") out += '&';
    else if (ent == "lt") out += '<';
    else if (ent == "gt") out += '>';
    else if (ent == "quot") out += '"';
    else if (ent == "apos") out += '\'';
    else if (ent.size() > 1 && ent[0] == '#')
      append_utf8(out, ent[1] == 'x' || ent[1] == 'X' ? std::stoul(ent.substr(2), nullptr, 16) : std::stoul(ent.substr(1)));
    else out += "&" + ent + ";";
    i = semi;
  }
  return squash(out);
}

/// The <ref> elements of a JATS file, in order.
std::vector<std::string> jats_refs(const std::string& xml) {
  std::vector<std::string> refs;
  for (auto at = xml.find("<ref"); at != std::string::npos; at = xml.find("<ref", at + 1)) {
    char next = xml[at + 4];
    if (next != '>' && next != ' ') continue;  // <ref-list>
    auto end = xml.find("</ref>", at);
    REQUIRE(end != std::string::npos);
    refs.push_back(xml.substr(at, end + 6 - at));
  }
  return refs;
}

/// A <ref> without its non-author person groups (editors, translators): their names are not the authors.
std::string without_other_people(std::string ref) {
  static const std::regex other(R"(<person-group person-group-type="(?!author")[^"]*">[\s\S]*?</person-group>)");
  return std::regex_replace(ref, other, "");
}

/// Fields of one MEDLINE text record: tag -> values (continuation lines joined by a space).
using TaggedRecord = std::vector<std::pair<std::string, std::string>>;

std::vector<TaggedRecord> medline_records(const std::string& text) {
  std::vector<TaggedRecord> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("PMID- ", 0) == 0) out.emplace_back();
    if (out.empty() || line.find_first_not_of(' ') == std::string::npos) continue;
    if (line.rfind("      ", 0) == 0) {
      out.back().back().second += " " + squash(line);
    } else if (line.size() >= 5 && line[4] == '-') {
      auto tag = squash(line.substr(0, 4));
      out.back().emplace_back(tag, line.size() > 6 ? squash(line.substr(6)) : "");
    }
  }
  return out;
}

std::vector<std::string> values(const TaggedRecord& r, const std::string& tag) {
  std::vector<std::string> out;
  for (auto& [t, v] : r)
    if (t == tag) out.push_back(v);
  return out;
}

std::vector<std::string> strings(const json& j) {
  std::vector<std::string> out;
  if (j.is_array())
    for (auto& v : j) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------
// MEDLINE/PubMed XML (medline-xml): 947 citations.

TEST_CASE("medline-xml: every MedlineCitation of SOURCE.md is an article with the fields its XML gives",
          "[collections][medline-xml]") {
  auto dir = data("medline-xml");
  auto& ix = indexed("medline-xml", dir);

  SECTION("record counts per file agree with SOURCE.md") {
    // SOURCE.md's table: records (MedlineCitation) per file; total 947.
    const std::map<std::string, std::size_t> expected = {
        {"medline16n0902-sample.xml.gz", 604}, {"pubmed-29768149.xml", 1}, {"test_current_medline.xml", 4},
        {"sr-project-pubmed_result.xml", 106}, {"mokztk-CPFE.xml", 111},   {"qi29-pubmed_result.xml", 121}};
    auto by_source = articles_by_source(ix);
    std::size_t xml_articles = 0, total_citations = 0;
    for (auto& [file, citations] : expected) {
      INFO(file);
      auto xml = content_of(dir / file);
      // The data itself says what SOURCE.md says; this folder has no book records.
      CHECK(count_elements(xml, "MedlineCitation") == citations);
      CHECK(count_elements(xml, "PubmedBookArticle") == 0);
      CHECK(by_source[(dir / file).string()] == citations);
      xml_articles += by_source[(dir / file).string()];
      total_citations += citations;
    }
    CHECK(total_citations == 947);
    CHECK(xml_articles == 947);
    // The only other file, SOURCE.md, is one markdown article.
    CHECK(by_source[(dir / "SOURCE.md").string()] == 1);
    CHECK(by_source.size() == expected.size() + 1);
    CHECK(ix.run.err.find("948 article(s)") != std::string::npos);  // the run's summary line
    auto stats = json_of(run_mslit("stats " + db_arg(ix) + " --json"));
    CHECK(stats["kinds"]["article"] == 948);
    CHECK(stats["skipped"].empty());
  }

  SECTION("pmid:29768149, the RCT: title, year, authors, DOI, types, MeSH, evidence from its publication type") {
    auto a = show(ix, "pmid:29768149");
    CHECK(a["format"] == "pubmed-xml");
    CHECK(a["title"] == "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.");  // <ArticleTitle>
    CHECK(a["year"] == 2018);                                                                // PubDate <Year>2018
    REQUIRE(a["authors"].size() == 10);                                                      // 10 <Author>
    CHECK(a["authors"][0] == "O'Byrne PM");
    CHECK(a["doi"] == "10.1056/nejmoa1715274");  // <ELocationID EIdType="doi">10.1056/NEJMoa1715274
    CHECK(a["journal"] == "The New England journal of medicine");
    CHECK(has(strings(a["publication_types"]), "Randomized Controlled Trial"));
    CHECK(has(strings(a["publication_types"]), "Clinical Trial, Phase III"));
    CHECK(a["evidence"] == "rct");
    CHECK(a["evidence_cue"] == "publication type: Randomized Controlled Trial");
    CHECK(has(strings(a["mesh"]), "Asthma/drug therapy"));
    CHECK(has(strings(a["chemicals"]), "Budesonide"));
    CHECK(a["abstract"].get<std::string>().rfind("BACKGROUND: In patients with mild asthma", 0) == 0);
    CHECK(a["abstract"].get<std::string>().find("\n\nMETHODS: We conducted a 52-week") != std::string::npos);
  }

  SECTION("pmid:17942999 from the old MedlineCitationSet layout (medline16n0902-sample.xml.gz)") {
    auto a = show(ix, "pmid:17942999");
    CHECK(a["source"] == (dir / "medline16n0902-sample.xml.gz").string());
    CHECK(a["title"] ==
          "Neuroplasticity in the processing of pitch dimensions: a multidimensional scaling analysis of the mismatch "
          "negativity.");
    CHECK(a["year"] == 2007);  // PubDate <Year>2007 (DateCompleted says 2008)
    CHECK(strings(a["authors"]) == std::vector<std::string>{"Chandrasekaran B", "Gandour JT", "Krishnan A"});
    CHECK(a["journal"] == "Restorative neurology and neuroscience");
    CHECK(strings(a["publication_types"]) ==
          std::vector<std::string>{"Journal Article", "Research Support, Non-U.S. Gov't"});
    CHECK(a["evidence_cue"].get<std::string>().find("publication type") == std::string::npos);  // "Journal Article" says nothing
    CHECK(a["abstract"].get<std::string>().rfind("PURPOSE: An auditory electrophysiological study", 0) == 0);
    CHECK(a["abstract"].get<std::string>().find("\n\nCONCLUSIONS: The MMN can serve") != std::string::npos);
    CHECK(has(strings(a["mesh"]), "Evoked Potentials, Auditory/physiology"));
    CHECK(a["language"] == "eng");
  }

  SECTION("pmid:15774942: MedlineDate '2005 Mar-Apr' gives 2005, the DOI comes from the ArticleIdList") {
    auto a = show(ix, "pmid:15774942");
    CHECK(a["title"] == "The temporal dynamics of retention of a context memory: something is missing.");
    CHECK(a["year"] == 2005);
    CHECK(a["authors"][0] == "Rudy JW");
    CHECK(a["doi"] == "10.1101/lm.84005");
    // Comparative Study + Journal Article + Research Support: the comparative study decides.
    CHECK(a["evidence_cue"] == "publication type: Comparative Study");
  }

  SECTION("pmid:31045810, a case report") {
    auto a = show(ix, "pmid:31045810");
    CHECK(a["title"] ==
          "Cerebral arterial air embolism after computed tomography-guided hook-wire localization of a pulmonary "
          "nodule: A case report.");
    CHECK(a["year"] == 2019);
    CHECK(a["authors"][0] == "Wang MY");
    CHECK(a["doi"] == "10.1097/md.0000000000015437");
    CHECK(a["evidence"] == "case-report");
    CHECK(a["evidence_cue"] == "publication type: Case Reports");
    CHECK(has(strings(a["mesh"]), "Embolism, Air/etiology/therapy"));
  }

  SECTION("field search: pmid:, doi: in any case, mesh:, title:, author:, abstract:, journal:, id:") {
    CHECK(ids_of(ix, "pmid:29768149") == std::vector<std::string>{"pmid:29768149"});
    CHECK(ids_of(ix, "doi:10.1056/NEJMoa1715274") == std::vector<std::string>{"pmid:29768149"});
    CHECK(ids_of(ix, "doi:10.1056/NEJMOA1715274") == std::vector<std::string>{"pmid:29768149"});
    CHECK(ids_of(ix, "doi:10.1101/LM.84005") == std::vector<std::string>{"pmid:15774942"});
    CHECK(ids_of(ix, "id:pmid:17942999") == std::vector<std::string>{"pmid:17942999"});

    auto check_all = [&](const std::string& query, const std::string& must_find, const std::string& field,
                         const std::string& word) {
      INFO(query);
      auto ids = ids_of(ix, query);
      CHECK(has(ids, must_find));
      for (auto& id : ids) {
        auto doc = show(ix, id);
        std::string text = doc[field].is_array() ? doc[field].dump() : doc[field].get<std::string>();
        INFO(id << " " << field << ": " << text.substr(0, 300));
        CHECK(contains_ci(text, word));
      }
    };
    check_all("mesh:asthma", "pmid:29768149", "mesh", "asthma");
    check_all("title:budesonide", "pmid:29768149", "title", "budesonide");
    check_all("author:Chandrasekaran", "pmid:17942999", "authors", "Chandrasekaran");
    check_all("abstract:terbutaline", "pmid:29768149", "abstract", "terbutaline");
    check_all("journal:neuroscience", "pmid:17942999", "journal", "neuroscience");
    // A word only in the abstract is not found as a title word.
    CHECK_FALSE(has(ids_of(ix, "title:terbutaline"), "pmid:29768149"));
  }
}

// ---------------------------------------------------------------------------
// medline-xml-extra: 552 citations and 7 book records.

TEST_CASE("medline-xml-extra: 552 citations plus the book records, all as pubmed-xml articles",
          "[collections][medline-xml]") {
  auto dir = data("medline-xml-extra");
  auto& ix = indexed("medline-xml-extra", dir);

  SECTION("record counts per file agree with SOURCE.md, book records reconciled") {
    struct Expect {
      std::size_t citations, books;
    };
    // SOURCE.md's records per file (MedlineCitation, total 552); the PubmedBookArticle records
    // (1 in filiperigueiro, 6 in solitude6060) are not in its table but are records too.
    const std::map<std::string, Expect> expected = {
        {"jha0076-efetch-ms.xml", {1, 0}},           {"solitude6060-pubmed_result.xml.gz", {208, 6}},
        {"cytyds-pubmed_result_ade.xml", {5, 0}},    {"mauriciomanoel-pubmed_result.xml.gz", {32, 0}},
        {"filiperigueiro-pubmed_result.xml.gz", {106, 1}}, {"nadianana-pubmed_result.xml.gz", {174, 0}},
        {"gui11aume-pubmed.xml.gz", {26, 0}}};
    auto by_source = articles_by_source(ix);
    std::size_t citations = 0, books = 0, articles = 0;
    for (auto& [file, e] : expected) {
      INFO(file);
      auto xml = content_of(dir / file);
      CHECK(count_elements(xml, "MedlineCitation") == e.citations);
      CHECK(count_elements(xml, "PubmedBookArticle") == e.books);
      CHECK(by_source[(dir / file).string()] == e.citations + e.books);
      citations += e.citations;
      books += e.books;
      articles += by_source[(dir / file).string()];
    }
    CHECK(citations == 552);
    CHECK(books == 7);
    CHECK(articles == 552 + 7);
    CHECK(by_source[(dir / "SOURCE.md").string()] == 1);
    CHECK(by_source.size() == expected.size() + 1);
    CHECK(json_of(run_mslit("stats " + db_arg(ix) + " --json"))["skipped"].empty());
  }

  SECTION("pmid:30410033, the one MS record: a review") {
    auto a = show(ix, "pmid:30410033");
    CHECK(a["title"] == "Multiple sclerosis.");
    CHECK(a["year"] == 2018);
    CHECK(a["authors"][0] == "Filippi M");
    CHECK(a["authors"].size() == 7);
    CHECK(a["doi"] == "10.1038/s41572-018-0041-4");
    CHECK(a["journal"] == "Nature reviews. Disease primers");
    CHECK(strings(a["publication_types"]) == std::vector<std::string>{"Journal Article", "Review"});
    CHECK(a["evidence"] == "review");
    CHECK(a["evidence_cue"] == "publication type: Review");
    CHECK(has(strings(a["mesh"]), "Multiple Sclerosis/diagnosis/epidemiology/therapy"));
    CHECK(has(strings(a["chemicals"]), "siponimod"));
  }

  SECTION("pmid:29165978, a PubmedBookArticle: its chapter title, book date and publication type") {
    // <BookDocument><PMID>29165978 ... <BookTitle>Assay Guidance Manual</BookTitle><PubDate><Year>2004 ...
    // <ArticleTitle>Measurement of cAMP for G<sub>αs</sub>- and G<sub>αi</sub> Protein-Coupled Receptors (GPCRs)
    // <PublicationType UI="D016454">Review</PublicationType> (a child of BookDocument, with no PublicationTypeList)
    auto a = show(ix, "pmid:29165978");
    CHECK(a["format"] == "pubmed-xml");
    CHECK(a["title"] == "Measurement of cAMP for G\xCE\xB1s- and G\xCE\xB1i Protein-Coupled Receptors (GPCRs)");
    CHECK(a["year"] == 2004);
    CHECK(strings(a["publication_types"]) == std::vector<std::string>{"Review"});
    CHECK(a["evidence"] == "review");
    CHECK(a["evidence_cue"] == "publication type: Review");
  }
}

// ---------------------------------------------------------------------------
// MEDLINE text (.nbib style): 13 records.

TEST_CASE("medline-text: the 13 records, each with the title, year, types and MeSH its tagged lines give",
          "[collections][medline-text]") {
  auto dir = data("medline-text");
  auto& ix = indexed("medline-text", dir);
  // SOURCE.md: records (PMID- lines) per file.
  const std::map<std::string, std::size_t> expected = {{"biopython-pubmed_result1.txt", 1},
                                                       {"biopython-pubmed_result2.txt", 4},
                                                       {"biopython-pubmed_result3.txt", 1},
                                                       {"dreamytang-pubmed_result.txt", 7}};
  auto by_source = articles_by_source(ix);
  std::size_t total = 0;
  for (auto& [file, count] : expected) {
    INFO(file);
    CHECK(by_source[(dir / file).string()] == count);
    auto records = medline_records(content_of(dir / file));
    REQUIRE(records.size() == count);
    total += count;
    // Every record against an independent reading of its tagged lines.
    for (auto& rec : records) {
      auto pmid = values(rec, "PMID").at(0);
      INFO("PMID " << pmid);
      auto a = show(ix, "pmid:" + pmid);
      CHECK(a["format"] == "medline");
      CHECK(a["title"] == values(rec, "TI").at(0));
      auto dp = values(rec, "DP").at(0);
      CHECK(a["year"] == std::stoi(dp.substr(0, 4)));
      CHECK(strings(a["publication_types"]) == values(rec, "PT"));
      std::vector<std::string> mesh;
      for (auto m : values(rec, "MH")) {
        m.erase(std::remove(m.begin(), m.end(), '*'), m.end());
        mesh.push_back(m);
      }
      CHECK(strings(a["mesh"]) == mesh);
      if (auto au = values(rec, "AU"); !au.empty()) CHECK(strings(a["authors"]) == au);
      if (auto ab = values(rec, "AB"); !ab.empty()) CHECK(a["abstract"] == ab.at(0));
    }
  }
  CHECK(total == 13);
  CHECK(by_source.size() == expected.size() + 1);  // and SOURCE.md

  // One record read by eye: biopython-pubmed_result1.txt.
  auto a = show(ix, "pmid:12230038");
  CHECK(a["title"] == "The Bio* toolkits--a brief overview.");
  CHECK(a["year"] == 2002);  // DP  - 2002 Sep
  CHECK(strings(a["authors"]) == std::vector<std::string>{"Mangalam H"});
  CHECK(a["journal"] == "Briefings in bioinformatics");
  CHECK(has(strings(a["mesh"]), "Computational Biology"));  // MH  - *Computational Biology
  CHECK(a["abstract"].get<std::string>().find("commercial software. The Open Source BioPerl") != std::string::npos);
  CHECK(ids_of(ix, "author:Mangalam") == std::vector<std::string>{"pmid:12230038"});
}

// ---------------------------------------------------------------------------
// PMC JATS: 8 articles, 350 references.

TEST_CASE("pmc-jats: 8 articles and their 350 references, each reference as its ref-list gives it",
          "[collections][jats]") {
  auto dir = data("pmc-jats");
  auto& ix = indexed("pmc-jats", dir);
  // SOURCE.md: <ref> in ref-list per file, 350 in all.
  const std::map<std::string, std::size_t> ref_counts = {
      {"1471-2180-11-174.nxml", 64}, {"1472-6831-8-11.nxml", 31}, {"6605965a.nxml", 34},  {"ehp-116-1694.nxml", 58},
      {"mds526.nxml", 40},           {"pntd.0002065.nxml", 32},   {"pone.0000217.nxml", 33}, {"pone.0046493.nxml", 58}};

  auto by_source = articles_by_source(ix);
  CHECK(by_source.size() == ref_counts.size() + 1);  // and SOURCE.md

  // The articles, by source file.
  std::map<std::string, json> article_of;
  auto articles = search(ix, "--kind article --limit 100 ''");
  for (auto& r : articles["results"]) {
    auto source = fs::path(r["source"].get<std::string>()).filename().string();
    if (ref_counts.count(source)) article_of[source] = show(ix, r["id"]);
  }
  REQUIRE(article_of.size() == 8);

  // All 350 references are reference documents whose parent is the article of the same file.
  auto refs = search(ix, "--kind reference --limit 10000 ''");
  CHECK(refs["total"] == 350);
  REQUIRE(refs["results"].size() == 350);
  std::map<std::string, std::set<int>> ordinals;
  for (auto& r : refs["results"]) {
    auto source = fs::path(r["source"].get<std::string>()).filename().string();
    INFO(r["id"]);
    CHECK(r["kind"] == "reference");
    REQUIRE(article_of.count(source));
    CHECK(r["parent"] == article_of[source]["id"]);
    ordinals[source].insert(r["ordinal"].get<int>());
  }
  std::size_t total = 0;
  for (auto& [file, n] : ref_counts) {
    INFO(file);
    CHECK(article_of[file]["references"].size() == n);
    CHECK(ordinals[file].size() == n);
    if (!ordinals[file].empty()) CHECK(*ordinals[file].rbegin() == static_cast<int>(n));
    total += n;
  }
  CHECK(total == 350);

  // Every reference document's fields, shown by the binary in one shell loop.
  std::string loop = "for id in";
  for (auto& r : refs["results"]) loop += " " + quote(r["id"].get<std::string>());
  loop += "; do " + quote(MSLIT_BIN) + " show " + db_arg(ix) + " --json \"$id\" || exit 1; echo; done";
  auto shown = run(loop);
  REQUIRE(shown.status == 0);
  std::map<std::pair<std::string, int>, json> ref_doc;  // (file, ordinal) -> document
  std::istringstream lines(shown.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    auto d = json::parse(line);
    CHECK(d["parent_title"] == article_of[fs::path(d["source"].get<std::string>()).filename().string()]["title"]);
    ref_doc[{fs::path(d["source"].get<std::string>()).filename().string(), d["ordinal"].get<int>()}] = d;
  }
  REQUIRE(ref_doc.size() == 350);

  // An independent extraction from each <ref>: the first <year>, the first author <surname>
  // (editors' person groups left out), the <article-title>.
  static const std::regex year_re(R"(<year[^>]*>\s*(\d{4}))");
  static const std::regex surname_re(R"(<surname>([\s\S]*?)</surname>)");
  static const std::regex title_re(R"(<article-title[^>]*>([\s\S]*?)</article-title>)");
  std::size_t with_year = 0, with_surname = 0, with_title = 0;
  for (auto& [file, n] : ref_counts) {
    auto xml = content_of(dir / file);
    auto file_refs = jats_refs(xml);
    REQUIRE(file_refs.size() == n);
    for (std::size_t i = 0; i < file_refs.size(); ++i) {
      auto& d = ref_doc[{file, static_cast<int>(i + 1)}];
      INFO(file << " reference " << i + 1 << ": " << file_refs[i].substr(0, 600));
      REQUIRE(d.is_object());
      std::smatch m;
      if (std::regex_search(file_refs[i], m, year_re)) {
        ++with_year;
        CHECK(d["year"] == std::stoi(m[1]));
      }
      auto people = without_other_people(file_refs[i]);
      if (std::regex_search(people, m, surname_re)) {
        ++with_surname;
        auto surname = xml_text(m[1]);
        REQUIRE(d["authors"].is_array());
        REQUIRE_FALSE(d["authors"].empty());
        auto first = d["authors"][0].get<std::string>();
        CHECK((first == surname || first.rfind(surname + " ", 0) == 0));
      }
      if (std::regex_search(file_refs[i], m, title_re)) {
        ++with_title;
        CHECK(d["title"] == xml_text(m[1]));
      }
    }
  }
  // Nearly every reference has each part, so the comparison covers the collection.
  CHECK(with_year >= 330);
  CHECK(with_surname >= 320);
  CHECK(with_title >= 320);

  SECTION("one article read by eye: 1471-2180-11-174.nxml") {
    // <article-id pub-id-type="pmid">21810267, <article-id pub-id-type="doi">10.1186/1471-2180-11-174,
    // <article-title>Factors influencing lysis time stochasticity in bacteriophage λ, first contrib Dennehy, John J,
    // <pub-date pub-type="epub"> ... <year>2011, <journal-title>BMC Microbiology.
    auto a = show(ix, "pmid:21810267");
    CHECK(a["format"] == "jats");
    CHECK(a["source"] == (dir / "1471-2180-11-174.nxml").string());
    CHECK(a["title"] == "Factors influencing lysis time stochasticity in bacteriophage \xCE\xBB");
    CHECK(a["doi"] == "10.1186/1471-2180-11-174");
    CHECK(a["year"] == 2011);
    CHECK(a["authors"][0] == "Dennehy JJ");
    CHECK(a["journal"] == "BMC Microbiology");
    CHECK(a["abstract"].get<std::string>().rfind("Background: ", 0) == 0);
    CHECK(a["text"].get<std::string>().size() > 10000);
    auto r1 = show(ix, "pmid:21810267.r1");
    CHECK(r1["kind"] == "reference");
    CHECK(r1["parent"] == "pmid:21810267");
    CHECK(r1["ordinal"] == 1);
  }
}

// ---------------------------------------------------------------------------
// BEIR SciFact: 5,183 abstracts (and 1,109 untitled claims in queries.jsonl).

TEST_CASE("beir-scifact: the 5,183 corpus records, and queries.jsonl's 1,109 untitled claims accounted for",
          "[collections][jsonl]") {
  auto dir = data("beir-scifact");
  auto& ix = indexed("beir-scifact", dir);
  auto corpus = dir / "corpus.jsonl";
  auto queries = dir / "queries.jsonl";

  // Read independently: one JSON object per non-empty line.
  auto read_lines = [](const fs::path& p) {
    std::vector<json> out;
    std::ifstream in(p);
    for (std::string line; std::getline(in, line);)
      if (line.find_first_not_of(" \t\r") != std::string::npos) out.push_back(json::parse(line));
    return out;
  };
  auto corpus_lines = read_lines(corpus);
  auto query_lines = read_lines(queries);
  CHECK(corpus_lines.size() == 5183);  // SOURCE.md: corpus 5,183 docs
  CHECK(query_lines.size() == 1109);   // SOURCE.md: queries.jsonl 1,109 queries

  auto by_source = articles_by_source(ix);
  CHECK(by_source[corpus.string()] == 5183);
  CHECK(by_source[queries.string()] == 1109);
  // Every other file (SOURCE.md, qrels/*.tsv) is one text article.
  std::size_t others = 0;
  for (auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path() != corpus && e.path() != queries) {
      INFO(e.path());
      CHECK(by_source[e.path().string()] == 1);
      ++others;
    }
  CHECK(by_source.size() == others + 2);
  // The claims have no title: one warning for the file, not 1,109.
  CHECK(ix.run.err.find(queries.string() + ": warning: 1109 records have no title") != std::string::npos);

  // Records from the start, middle and end of the corpus, found by their BEIR _id.
  auto key = mslit::file_key(corpus);
  for (std::size_t i : {std::size_t{0}, std::size_t{2591}, std::size_t{5182}}) {
    auto& line = corpus_lines.at(i);
    auto id = "f" + key + ":" + line["_id"].get<std::string>();
    INFO("corpus line " << i + 1 << " " << id);
    auto a = show(ix, id);
    CHECK(a["format"] == "jsonl");
    CHECK(a["record_id"] == line["_id"]);
    CHECK(a["title"] == squash(line["title"].get<std::string>()));
    CHECK(a["abstract"] == line["text"]);
  }
  // A claim is found by its text.
  auto q = show(ix, "f" + mslit::file_key(queries) + ":" + query_lines.at(0)["_id"].get<std::string>());
  CHECK(q["title"] == "");
  CHECK(q["abstract"] == query_lines.at(0)["text"]);
}

// ---------------------------------------------------------------------------
// Bad input, end to end.

TEST_CASE("bad files end to end: good records indexed, one message per problem, skipped files listed, re-indexing "
          "adds nothing",
          "[collections][bad-input]") {
  TempDir tmp;
  auto docs = tmp / "docs";
  const std::string good_records =
      "<PubmedArticle><MedlineCitation><PMID>990001</PMID><Article><ArticleTitle>An invented record on gait."
      "</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n"
      "<PubmedArticle><MedlineCitation><PMID>990002</PMID><Article><ArticleTitle>Another invented record."
      "</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n";
  // Truncated: the third record is cut off in its title, on line 5.
  write_file(docs / "truncated.xml", "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n" + good_records +
                                         "<PubmedArticle><MedlineCitation><PMID>990003</PMID><Article><ArticleTi");
  write_file(docs / "empty.xml", "");
  write_file(docs / "picture.ris", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  write_file(docs / "refs.ris",
             "TY  - JOUR\nTI  - An invented RIS record\nT1 -Broken tag line\nAU  - Doe, Jane\nPY  - 2019\nER  - \n");
  auto db = "--db " + quote((tmp / "db").string());

  auto r = run_mslit("index " + db + " " + quote(docs.string()));
  INFO(r.err);
  // `mslit index --help`: a skipped file or record is reported and the run goes on, exit status 1.
  CHECK(r.status == 1);
  std::vector<std::string> lines;
  std::istringstream err(r.err);
  for (std::string line; std::getline(err, line);) lines.push_back(line);
  // One line per problem, each starting with the file's path (the summary may list skipped files again, indented).
  std::size_t problem_lines = 0;
  for (auto& l : lines)
    if (l.rfind(docs.string() + "/", 0) == 0) ++problem_lines;
  CHECK(problem_lines == 4);
  auto line_for = [&](const std::string& file) {
    auto path = (docs / file).string();
    std::vector<std::string> found;
    for (auto& l : lines)
      if (l.rfind(path + ":", 0) == 0) found.push_back(l);
    INFO(file);
    REQUIRE(found.size() == 1);
    return found[0];
  };
  CHECK(line_for("truncated.xml") == (docs / "truncated.xml").string() +
                                         ":5: error: record 3: the file ends inside this record (truncated?); skipped");
  CHECK(line_for("empty.xml") == (docs / "empty.xml").string() + ": skipping - empty file");
  CHECK(line_for("picture.ris").find(": skipping - binary file") != std::string::npos);
  CHECK(line_for("refs.ris").rfind((docs / "refs.ris").string() + ":3: warning: malformed field tag", 0) == 0);
  CHECK(r.err.find("3 article(s)") != std::string::npos);  // the summary

  auto stats = json_of(run_mslit("stats " + db + " --json"));
  CHECK(stats["kinds"]["article"] == 3);
  REQUIRE(stats["skipped"].size() == 2);
  std::map<std::string, std::string> reasons;
  for (auto& s : stats["skipped"]) reasons[s["file"]] = s["reason"];
  CHECK(reasons[(docs / "empty.xml").string()] == "empty file");
  CHECK(reasons[(docs / "picture.ris").string()].rfind("binary file", 0) == 0);
  auto found = json_of(run_mslit("search " + db + " --json invented"));
  CHECK(found["total"] == 3);

  // Re-indexing the same files replaces their documents: the count does not change.
  auto documents = stats["documents"];
  // (Whether an unchanged file is read again or passed over, its records must not be added twice.)
  auto ran = [](const RunResult& x) { return x.status == 0 || x.status == 1; };
  CHECK(ran(run_mslit("index " + db + " " + quote(docs.string()))));
  CHECK(ran(run_mslit("index " + db + " " + quote((docs / "truncated.xml").string()))));
  // A changed file is read again and replaces its records.
  write_file(docs / "refs.ris", mslit::test::read_file(docs / "refs.ris") + "\n");
  CHECK(ran(run_mslit("index " + db + " " + quote((docs / "refs.ris").string()))));
  auto again = json_of(run_mslit("stats " + db + " --json"));
  CHECK(again["documents"] == documents);
  CHECK(again["kinds"]["article"] == 3);
  CHECK(json_of(run_mslit("search " + db + " --json 'pmid:990001'"))["total"] == 1);
}

TEST_CASE("indexing a folder that holds the index does not read the index's own files", "[collections][bad-input]") {
  TempDir tmp;
  write_file(tmp / "notes" / "page.txt", "A page about natalizumab dosing\n\nTysabri is natalizumab.\n");
  // The index inside the folder indexed, as with the default --db ./mslit-index and `mslit index .`.
  auto db = "--db " + quote((tmp / "notes" / "mslit-index").string());
  auto first = run_mslit("index " + db + " " + quote((tmp / "notes").string()));
  CHECK(first.status == 0);
  auto second = run_mslit("index " + db + " " + quote((tmp / "notes").string()));
  INFO(second.err);
  CHECK(second.status == 0);
  CHECK(second.err.find("mslit-index/") == std::string::npos);
  auto stats = json_of(run_mslit("stats " + db + " --json"));
  CHECK(stats["kinds"]["article"] == 1);
  CHECK(stats["skipped"].empty());
}
