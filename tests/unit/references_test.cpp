// Reference lists: finding them and parsing citations into fields.
#include <catch2/catch.hpp>

#include "mslit/references.hpp"
#include "mslit/text.hpp"

using mslit::parse_citation;

TEST_CASE("a Vancouver citation is split into authors, title, journal, year, volume and pages", "[references]") {
  auto r = parse_citation(
      "Hauser SL, Bar-Or A, Comi G, et al. Ocrelizumab versus interferon beta-1a in relapsing multiple sclerosis. "
      "N Engl J Med 2017; 376:221.",
      12);
  CHECK(r.ordinal == 12);
  CHECK(r.authors == std::vector<std::string>{"Hauser SL", "Bar-Or A", "Comi G"});
  CHECK(r.title == "Ocrelizumab versus interferon beta-1a in relapsing multiple sclerosis");
  CHECK(r.journal == "N Engl J Med");
  CHECK(r.year == 2017);
  CHECK(r.volume == "376");
  CHECK(r.pages == "221");
}

TEST_CASE("the year is the one before the semicolon, not a page number that looks like one", "[references]") {
  auto r = parse_citation("Kappos L, Radue EW, O'Connor P, et al. A placebo-controlled trial of oral fingolimod in "
                          "relapsing multiple sclerosis. N Engl J Med 2010; 362:1387.", 3);
  CHECK(r.year == 2010);
  CHECK(r.pages == "1387");
  auto s = parse_citation("Giovannoni G, Comi G, Cook S, et al. A placebo-controlled trial of oral cladribine for "
                          "relapsing multiple sclerosis. N Engl J Med 2010; 362:2016.", 4);
  CHECK(s.year == 2010);
}

TEST_CASE("citations without personal authors keep the title and name the group", "[references]") {
  auto r = parse_citation("Interferon beta-1b is effective in relapsing-remitting multiple sclerosis. The IFNB "
                          "Multiple Sclerosis Study Group. Neurology 1993; 43:655.", 1);
  CHECK(r.title == "Interferon beta-1b is effective in relapsing-remitting multiple sclerosis");
  CHECK(r.authors == std::vector<std::string>{"The IFNB Multiple Sclerosis Study Group"});
  CHECK(r.journal == "Neurology");
  CHECK(r.year == 1993);

  auto g = parse_citation("Smith AB, Jones CD. The EXAMPLE Study Group. Siponimod in secondary progressive multiple "
                          "sclerosis. Lancet 2018; 391:1263.", 2);
  CHECK(g.title == "Siponimod in secondary progressive multiple sclerosis");
  CHECK(g.authors == std::vector<std::string>{"Smith AB", "Jones CD", "The EXAMPLE Study Group"});
}

TEST_CASE("abbreviations inside a title do not end it", "[references]") {
  auto r = parse_citation("Doe J, Roe R. A phase II study of i.v. methylprednisolone in progressive MS. "
                          "Neurology 1998; 51:239.", 1);
  CHECK(r.title == "A phase II study of i.v. methylprednisolone in progressive MS");
  CHECK(r.journal == "Neurology");
}

TEST_CASE("a book chapter's source runs from 'In:'", "[references]") {
  auto r = parse_citation("Doe J, Roe R. Plasma exchange in MS. In: Therapy of multiple sclerosis, Smith A (Ed), "
                          "Springer, Berlin 1992. p.267.", 5);
  CHECK(r.title == "Plasma exchange in MS");
  CHECK(mslit::starts_with_ci(r.journal, "In: Therapy of multiple sclerosis"));
  CHECK(r.year == 1992);
  CHECK(r.pages == "267");
}

TEST_CASE("web-style references are 'Title — Source'", "[references]") {
  auto r = parse_citation("Ocrelizumab and PML risk: what we know (2021) \xE2\x80\x94 Multiple Sclerosis Journal", 7);
  CHECK(r.title == "Ocrelizumab and PML risk: what we know (2021)");
  CHECK(r.journal == "Multiple Sclerosis Journal");
  CHECK(r.year == 2021);
  auto n = parse_citation("Disease-modifying therapies \xE2\x80\x94 National MS Society", 1);
  CHECK_FALSE(n.year.has_value());
}

TEST_CASE("author lists are recognised by their surname-initials shape", "[references]") {
  CHECK(mslit::looks_like_author_list("Yudkin PL, Ellison GW, Ghezzi A, et al"));
  CHECK(mslit::looks_like_author_list("Martinelli Boneschi F, La Mantia L, Garmany GP Jr"));
  CHECK_FALSE(mslit::looks_like_author_list("Randomized controlled trial of interferon beta"));
  CHECK_FALSE(mslit::looks_like_author_list("Mitoxantrone for multiple sclerosis"));
}

TEST_CASE("a reference list under a heading is found and ends where the numbering stops", "[references]") {
  std::string text =
      "Body text mentions a study.\n\nReferences\n  1. First Title \xE2\x80\x94 Source A\n  2. Second Title "
      "\xE2\x80\x94 Source B\n\n  3. Third Title \xE2\x80\x94 Source C\n\nAbout the author\n1. Not a reference\n";
  auto lines = mslit::split_lines(text);
  auto list = mslit::find_reference_list(lines);
  REQUIRE(list);
  CHECK(list->has_heading);
  REQUIRE(list->items.size() == 3);
  CHECK(list->items[2].text == "Third Title \xE2\x80\x94 Source C");
  CHECK(lines[list->first_line] == "References");
  CHECK(list->end_line == 7);
}

TEST_CASE("a trailing numbered list with years is a reference list even without a heading", "[references]") {
  std::string text =
      "Steps to take:\n1. Talk to your neurologist\n2. Keep a diary\n3. Ask about side effects\n\n"
      "Closing paragraph.\n  1. Doe J. Title one. Neurology 2001; 56:1.\n  2. Roe R. Title two. Lancet 2002; 360:2.\n"
      "  3. Poe P. Title three. Ann Neurol 2003; 53:3.\n";
  auto list = mslit::find_reference_list(mslit::split_lines(text));
  REQUIRE(list);
  CHECK_FALSE(list->has_heading);
  REQUIRE(list->items.size() == 3);
  CHECK(list->items[0].text == "Doe J. Title one. Neurology 2001; 56:1.");
}

TEST_CASE("a numbered list without years and without a heading is body text", "[references]") {
  std::string text = "Steps:\n1. Talk to your neurologist\n2. Keep a diary\n3. Ask about side effects\n";
  CHECK_FALSE(mslit::find_reference_list(mslit::split_lines(text)));
}

TEST_CASE("numbering that skips breaks the list", "[references]") {
  std::string text = "References\n1. A \xE2\x80\x94 S\n2. B \xE2\x80\x94 S\n4. D \xE2\x80\x94 S\n";
  auto list = mslit::find_reference_list(mslit::split_lines(text));
  REQUIRE(list);
  CHECK(list->items.size() == 2);
}
