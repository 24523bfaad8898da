// The ICU analysis: what each biomedical form is indexed as. These cases are
// the decisions documented in ARCHITECTURE.md ("Text analysis").
#include <catch2/catch.hpp>

#include "mslit/analysis.hpp"

using mslit::Analyzer;
using mslit::Token;

namespace {

// "term@position" for words, "+term@position" for compound forms.
std::vector<std::string> render(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (auto& t : tokens) out.push_back((t.compound ? "+" : "") + t.term + "@" + std::to_string(t.position));
  return out;
}

}  // namespace

TEST_CASE("biomedical forms are segmented and normalised as documented", "[analysis]") {
  Analyzer a;
  struct Case {
    std::string input;
    std::vector<std::string> expected;
  };
  std::vector<Case> cases = {
      {"interferon beta-1a", {"interferon@0", "beta@1", "1a@2", "+beta1a@1"}},
      {"interferon \xCE\xB2-1a", {"interferon@0", "beta@1", "1a@2", "+beta1a@1"}},  // β
      {"IFN-\xCE\xB2", {"ifn@0", "beta@1", "+ifnbeta@0"}},
      {"2-chlorodeoxyadenosine", {"2@0", "chlorodeoxyadenosine@1", "+2chlorodeoxyadenosine@0"}},
      {"anti-CD20", {"anti@0", "cd20@1", "+anticd20@0"}},
      {"\xCE\xB1" "4-integrin", {"alpha4@0", "integrin@1", "+alpha4integrin@0"}},  // α4-integrin
      {"MS-STAT", {"ms@0", "stat@1", "+msstat@0"}},
      {"COVID-19", {"covid@0", "19@1", "+covid19@0"}},
      {"7.5 mg", {"7.5@0", "mg@1"}},
      {"0.05", {"0.05@0"}},
      {"p<0.001", {"p@0", "0.001@1"}},
      {"Cladribine/placebo", {"cladribine@0", "placebo@1"}},
      {"(EXPAND)", {"expand@0"}},
      {"non-relapsing", {"non@0", "relapsing@1", "+nonrelapsing@0"}},
      {"co-trimoxazole", {"co@0", "trimoxazole@1", "+cotrimoxazole@0"}},
      {"Rituxan\xC2\xAE (rituximab)", {"rituxan@0", "rituximab@1"}},  // ®
      {"rituximab's effect", {"rituximab@0", "effect@1"}},
      {"Sj\xC3\xB6gren\xE2\x80\x99s", {"sjogren@0"}},  // Sjögren’s
      {"1990\xE2\x80\x93" "2000", {"1990@0", "2000@1"}},  // en dash ranges are not compounds
      {"beta--1a", {"beta@0", "1a@1"}},
      {"the U.S. FDA and M.D. degrees", {"the@0", "us@1", "fda@2", "and@3", "md@4", "degrees@5"}},
  };
  for (auto& c : cases) {
    INFO("input: " << c.input);
    CHECK(render(a.analyze(c.input)) == c.expected);
  }
}

TEST_CASE("folding removes case, accents, ligatures, width and invisible characters", "[analysis]") {
  Analyzer a;
  CHECK(a.fold("S\xC3\xB8rensen") == "sorensen");         // Sørensen
  CHECK(a.fold("F\xC3\xA4rkkil\xC3\xA4") == "farkkila");  // Färkkilä
  CHECK(a.fold("na\xC3\xAFve") == "naive");               // naïve
  CHECK(a.fold("\xEF\xAC\x81ngolimod") == "fingolimod");  // ﬁ ligature
  CHECK(a.fold("\xEF\xBC\xAD\xEF\xBC\xB3") == "ms");      // full-width ＭＳ
  CHECK(a.fold("KAPPA") == "kappa");
  CHECK(a.fold("\xCE\xBA") == "kappa");                   // κ
  CHECK(a.fold("\xCE\x91") == "alpha");                   // capital Α
  CHECK(a.fold("\xC2\xB5g") == "ug");                     // micro sign µg
  CHECK(a.fold("ocre\xC2\xADlizumab") == "ocrelizumab");  // soft hyphen
  CHECK(a.fold("Stra\xC3\x9F" "e") == "strasse");         // ß
}

TEST_CASE("invisible characters and non-breaking spaces do not split or join words wrongly", "[analysis]") {
  Analyzer a;
  CHECK(render(a.analyze("ocre\xC2\xADlizumab")) == std::vector<std::string>{"ocrelizumab@0"});
  CHECK(render(a.analyze("multiple\xC2\xA0sclerosis")) == std::vector<std::string>{"multiple@0", "sclerosis@1"});
  CHECK(render(a.analyze("multiple\xE2\x80\x83sclerosis")) == std::vector<std::string>{"multiple@0", "sclerosis@1"});
  // A zero-width space is a word boundary, and never part of a term.
  CHECK(render(a.analyze("multiple\xE2\x80\x8Bsclerosis")) == std::vector<std::string>{"multiple@0", "sclerosis@1"});
  CHECK(render(a.analyze("\xE2\x80\x8Bnatalizumab\xE2\x80\x8B")) == std::vector<std::string>{"natalizumab@0"});
}

TEST_CASE("tokens carry byte offsets into the original text", "[analysis]") {
  Analyzer a;
  std::string text = "S\xC3\xB8rensen PS, Rituxan\xC2\xAE";
  auto tokens = a.analyze(text);
  REQUIRE(tokens.size() == 3);
  CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "S\xC3\xB8rensen");
  CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "PS");
  CHECK(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin) == "Rituxan");
}

TEST_CASE("overlong words are not indexed, and do not break the words around them", "[analysis]") {
  Analyzer a;
  auto tokens = a.analyze("before " + std::string(500, 'x') + " after");
  CHECK(render(tokens) == std::vector<std::string>{"before@0", "after@1"});
}

TEST_CASE("queries are folded like documents but keep their operators and syntax", "[analysis]") {
  Analyzer a;
  CHECK(a.normalize_query("Natalizumab AND PML") == "natalizumab AND pml");
  CHECK(a.normalize_query("\xE2\x80\x9Cquality of life\xE2\x80\x9D") == "\"quality of life\"");
  CHECK(a.normalize_query("title:Cladribine -placebo") == "title:cladribine -placebo");
  CHECK(a.normalize_query("IFN-\xCE\xB2 NEAR relapse") == "ifn-beta NEAR relapse");
  CHECK(a.normalize_query("S\xC3\xB8rensen") == "sorensen");
  CHECK(a.normalize_query("natali*") == "natali*");
  CHECK(a.normalize_query("Rituxan\xC2\xAE") == "rituxan ");
  CHECK(a.normalize_query("=Relapses ocrelizumab") == "\"relapses\" ocrelizumab");
  CHECK(a.normalize_query("(=relapses OR x)") == "(\"relapses\" OR x)");
  CHECK(a.normalize_query("a=b") == "a=b");
  CHECK(a.normalize_query("AND") == "and");                 // no operands: a word
  CHECK(a.normalize_query("OR relapse") == "or relapse");
  CHECK(a.normalize_query("NOT placebo") == "NOT placebo");  // pure NOT
  CHECK(a.normalize_query("relapse AND") == "relapse and");
}
