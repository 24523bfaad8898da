// Readers: titles, dates, bylines, boilerplate, markers, formats, bad input.
#include <catch2/catch.hpp>

#include "mslit/error.hpp"
#include "mslit/readers.hpp"
#include "test_support.hpp"

using mslit::read_text;
using mslit::strip_citation_markers;

TEST_CASE("citation markers glued to sentences are removed, numbers in the text are kept", "[readers]") {
  CHECK(strip_citation_markers("if other treatments are not working.1") == "if other treatments are not working.");
  CHECK(strip_citation_markers("copies of themselves (replicate).2,3 Next") == "copies of themselves (replicate). Next");
  CHECK(strip_citation_markers("relapses in people with RRMS.2,5\n") == "relapses in people with RRMS.\n");
  CHECK(strip_citation_markers("rates increase postpartum. [ 18]") == "rates increase postpartum.");
  CHECK(strip_citation_markers("as shown before [3-5], and") == "as shown before, and");
  CHECK(strip_citation_markers("shown\xC2\xB9\xC2\xB2 here") == "shown here");
  CHECK(strip_citation_markers("low-dose (7.5 mg) methotrexate") == "low-dose (7.5 mg) methotrexate");
  CHECK(strip_citation_markers("a dose of 0.5 mg daily, 2.5 mg weekly") == "a dose of 0.5 mg daily, 2.5 mg weekly");
  CHECK(strip_citation_markers("Figure 2.1 shows") == "Figure 2.1 shows");
  CHECK(strip_citation_markers("over 2019/20. Then") == "over 2019/20. Then");
}

TEST_CASE("a web article: title after the navigation, byline, date, body without boilerplate", "[readers]") {
  std::string page =
      "Sign up Log in\nAbout Us\nChoosing a Disease-Modifying Therapy for MS\n\n"
      "Medically reviewed by Ann Lee, MD | Written by Sam Roe, PhD\nLast reviewed: May 2023\n\n"
      "Ocrevus\xC2\xAE (ocrelizumab) is given every six months.1 Ask about infusion reactions.2,3\n\n"
      "By providing your email address, you are agreeing to our privacy policy.\n";
  auto r = read_text(page, "page.txt", "k1", "text");
  REQUIRE(r.articles.size() == 1);
  auto& a = r.articles[0];
  CHECK(a.id == "fk1");
  CHECK(a.title == "Choosing a Disease-Modifying Therapy for MS");
  CHECK(a.year == 2023);
  CHECK(a.year_cue == "Last reviewed: May 2023");
  CHECK(a.authors == std::vector<std::string>{"Sam Roe"});
  CHECK(a.body.find("six months. Ask about infusion reactions.") != std::string::npos);
  CHECK(a.body.find("privacy policy") == std::string::npos);
  CHECK(a.body.find("Sign up") == std::string::npos);
  CHECK(a.body.find("About Us") == std::string::npos);
  CHECK(a.header.find("Medically reviewed by") != std::string::npos);
}

TEST_CASE("the latest of an article's own dates is its year", "[readers]") {
  std::string page = "Treatment of relapsing multiple sclerosis\n\nBody paragraph one.\n"
                     "Literature review current through: Jan 2023. | This topic last updated: Oct 5, 2022.\n";
  auto a = read_text(page, "p.txt", "k", "text").articles.at(0);
  CHECK(a.year == 2023);
}

TEST_CASE("dates that are not the article's own do not set its year", "[readers]") {
  std::string page = "A community thread about fatigue\n\nMarch 18, 2021 by A Member\nI tried amantadine in 2019.\n";
  auto a = read_text(page, "p.txt", "k", "text").articles.at(0);
  CHECK_FALSE(a.year.has_value());
}

TEST_CASE("a clinical article's authors are named, its editors are not", "[readers]") {
  std::string page = "Treatment of progressive MS in adults\n\nJane A Doe, MD\nSection Editor\nJohn Roe, MD\n"
                     "Deputy Editor\nAnn Poe, MD, PhD\n\nLong body text " + std::string(150, 'x') + "\n";
  auto a = read_text(page, "p.txt", "k", "text").articles.at(0);
  CHECK(a.authors == std::vector<std::string>{"Jane A Doe"});
}

TEST_CASE("a markdown report: front matter date and title, markup removed, references parsed", "[readers]") {
  std::string md =
      "---\nlayout: report\ntitle: \"Monthly digest: BTK inhibitors\"\ndate: 2024-05-06\ntags:\n  - ms\n  - btk\n---\n\n"
      "# Monthly digest\n\n## Highlights\n- **Tolebrutinib** was studied in [HERCULES](https://example.org).\n\n"
      "## References\n1. Doe J, Roe R. Tolebrutinib in progressive MS. Neurology 2024; 102:1.\n"
      "2. Poe P. BTK inhibition in MS. Lancet Neurol 2023; 22:2.\n";
  auto a = read_text(md, "d.md", "k", "markdown").articles.at(0);
  CHECK(a.title == "Monthly digest: BTK inhibitors");
  CHECK(a.year == 2024);
  CHECK(a.body.find("Tolebrutinib was studied in HERCULES.") != std::string::npos);
  CHECK(a.body.find("**") == std::string::npos);
  CHECK(a.body.find("https://") == std::string::npos);
  REQUIRE(a.references.size() == 2);
  CHECK(a.references[1].journal == "Lancet Neurol");
  CHECK(a.references[1].year == 2023);
}

TEST_CASE("formats are detected from content and extension", "[readers]") {
  CHECK(mslit::detect_format("a.txt", "---\ntitle: x\n---\nbody") == "markdown");
  CHECK(mslit::detect_format("a.md", "# Title\nbody") == "markdown");
  CHECK(mslit::detect_format("a.txt", "A title for a page\n\nSome body text.\n") == "text");
  std::string snippets = "Medication\nWhat is the best MS treatment?\nAnswer one.\nWhat is the latest MS treatment?\n"
                         "Answer two.\nWhat are the steroids used for MS?\nAnswer three.\nHow often is it given?\nFour.\n";
  CHECK(mslit::detect_format("a.txt", snippets) == "snippets");
}

TEST_CASE("unreadable, empty and binary files are input errors naming the file", "[readers]") {
  mslit::test::TempDir dir;
  auto empty = dir / "empty.txt";
  auto blank = dir / "blank.txt";
  auto binary = dir / "image.txt";
  mslit::test::write_file(empty, "");
  mslit::test::write_file(blank, "\n  \n\t\n");
  mslit::test::write_file(binary, std::string("PNG\0\0\x01\x02", 7));
  CHECK_THROWS_WITH(mslit::read_file(empty, "empty.txt"), "empty.txt: empty file");
  CHECK_THROWS_WITH(mslit::read_file(blank, "blank.txt"), "blank.txt: empty file (only white space)");
  CHECK_THROWS_WITH(mslit::read_file(binary, "image.txt"), Catch::Contains("image.txt: binary file"));
  CHECK_THROWS_AS(mslit::read_file(dir / "missing.txt", "missing.txt"), mslit::InputError);
}

TEST_CASE("invalid UTF-8 is repaired with a warning naming file and byte offset, the rest is kept", "[readers]") {
  mslit::test::TempDir dir;
  auto f = dir / "broken.txt";
  mslit::test::write_file(f, "A page about natalizumab\n\nFirst \xFF paragraph.\n\nLast paragraph survives.\n");
  auto r = mslit::read_file(f, "broken.txt");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "broken.txt:3: warning: invalid UTF-8 at byte 32, replaced with U+FFFD");
  CHECK(r.articles.at(0).body.find("Last paragraph survives.") != std::string::npos);
}

TEST_CASE("a gigantic line is read whole", "[readers]") {
  std::string page = "A title for a long page\n\n" + std::string(5'000'000, 'a') + " natalizumab end\n";
  auto a = read_text(page, "big.txt", "k", "text").articles.at(0);
  CHECK(a.body.size() > 5'000'000);
}

TEST_CASE("the same file has the same key however it is named", "[readers]") {
  mslit::test::TempDir dir;
  mslit::test::write_file(dir / "sub" / "a.txt", "x");
  CHECK(mslit::file_key(dir / "sub" / "a.txt") == mslit::file_key(dir / "sub" / ".." / "sub" / "a.txt"));
  CHECK(mslit::file_key(dir / "sub" / "a.txt") != mslit::file_key(dir / "sub" / "b.txt"));
}
