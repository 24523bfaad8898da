// Annotators: drug mentions to canonical names, evidence types with their cue.
#include <catch2/catch.hpp>

#include "mslit/annotators.hpp"
#include "mslit/error.hpp"

using mslit::Analyzer;
using mslit::DrugLexicon;
using mslit::Evidence;

namespace {

const char* test_lexicon =
    "# canonical\tclass\tnames\n"
    "rituximab\tanti-CD20 antibody\tRituxan|MabThera\n"
    "interferon beta-1a\tinterferon\tAvonex|Rebif\n"
    "interferon beta\tinterferon\tIFN-beta\n"
    "dimethyl fumarate\tfumarate\tTecfidera|BG-12\n"
    "azathioprine\timmunosuppressant\tImuran|azothiaprine\n";

std::vector<std::string> canonical(const DrugLexicon& lex, const Analyzer& a, const std::string& text) {
  std::vector<std::string> out;
  for (auto& m : lex.find(a.analyze(text))) out.push_back(m.drug->name);
  return out;
}

}  // namespace

TEST_CASE("drug mentions map to canonical names whatever name the text uses", "[annotators]") {
  Analyzer a;
  auto lex = DrugLexicon::parse(test_lexicon, "test.tsv", a);
  CHECK(canonical(lex, a, "Rituxan\xC2\xAE reduces relapses") == std::vector<std::string>{"rituximab"});
  CHECK(canonical(lex, a, "RITUXIMAB and rituximab's label") == std::vector<std::string>{"rituximab", "rituximab"});
  CHECK(canonical(lex, a, "BG-12 and BG12 and Tecfidera") ==
        std::vector<std::string>{"dimethyl fumarate", "dimethyl fumarate", "dimethyl fumarate"});
  CHECK(canonical(lex, a, "other drugs include azothiaprine") == std::vector<std::string>{"azathioprine"});
}

TEST_CASE("the longest name wins: interferon beta-1a is not also interferon beta", "[annotators]") {
  Analyzer a;
  auto lex = DrugLexicon::parse(test_lexicon, "test.tsv", a);
  CHECK(canonical(lex, a, "Interferon beta-1a in primary progressive MS") == std::vector<std::string>{"interferon beta-1a"});
  CHECK(canonical(lex, a, "interferon-\xCE\xB2-1a weekly") == std::vector<std::string>{"interferon beta-1a"});
  CHECK(canonical(lex, a, "Interferon beta 1a for SPMS") == std::vector<std::string>{"interferon beta-1a"});
  CHECK(canonical(lex, a, "Interferon beta for PPMS") == std::vector<std::string>{"interferon beta"});
}

TEST_CASE("mention offsets point at the text as written", "[annotators]") {
  Analyzer a;
  auto lex = DrugLexicon::parse(test_lexicon, "test.tsv", a);
  std::string text = "Started Avonex\xC2\xAE in 2010.";
  auto m = lex.find(a.analyze(text));
  REQUIRE(m.size() == 1);
  CHECK(text.substr(m[0].begin, m[0].end - m[0].begin) == "Avonex");
}

TEST_CASE("lookup accepts any name of a drug", "[annotators]") {
  Analyzer a;
  auto lex = DrugLexicon::parse(test_lexicon, "test.tsv", a);
  REQUIRE(lex.lookup("MabThera", a));
  CHECK(lex.lookup("MabThera", a)->name == "rituximab");
  CHECK(lex.lookup("rituximab", a)->drug_class == "anti-CD20 antibody");
  CHECK(lex.lookup("aspirin", a) == nullptr);
}

TEST_CASE("a lexicon that gives one name to two drugs is rejected with its line", "[annotators]") {
  Analyzer a;
  CHECK_THROWS_WITH(DrugLexicon::parse("a\tx\tShared\nb\tx\tshared\n", "bad.tsv", a),
                    Catch::Contains("bad.tsv:2: drug name 'shared' is already a name of 'a'"));
  CHECK_THROWS_AS(DrugLexicon::parse("only-one-column\n", "bad.tsv", a), mslit::InputError);
}

TEST_CASE("the shipped lexicon loads and knows the drugs of the seed documents", "[annotators]") {
  Analyzer a;
  const auto& lex = DrugLexicon::builtin();
  struct Case {
    const char* name;
    const char* canonical;
  };
  for (auto c : {Case{"Cellcept", "mycophenolate mofetil"}, Case{"Imuran", "azathioprine"}, Case{"Rituxan", "rituximab"},
                 Case{"Novantrone", "mitoxantrone"}, Case{"2-chlorodeoxyadenosine", "cladribine"},
                 Case{"Avonex", "interferon beta-1a"},
                 Case{"Tysabri", "natalizumab"}, Case{"Ampyra", "dalfampridine"}, Case{"Provigil", "modafinil"},
                 Case{"Gocovri", "amantadine"}, Case{"azothiaprine", "azathioprine"},
                 Case{"mycophenolate moftil", "mycophenolate mofetil"}}) {
    INFO(c.name);
    auto* d = lex.lookup(c.name, a);
    REQUIRE(d);
    CHECK(d->name == c.canonical);
  }
}

TEST_CASE("spelling variants of one drug share its canonical name", "[annotators]") {
  Analyzer a;
  const auto& lex = DrugLexicon::builtin();
  for (auto group : {std::vector<const char*>{"ciclosporin", "cyclosporine", "cyclosporin"},
                     std::vector<const char*>{"fampridine", "dalfampridine", "4-aminopyridine"},
                     std::vector<const char*>{"interferon beta-1b", "interferon beta-Ib", "Betaseron"}}) {
    auto* first = lex.lookup(group[0], a);
    REQUIRE(first);
    for (auto name : group) {
      INFO(name);
      REQUIRE(lex.lookup(name, a));
      CHECK(lex.lookup(name, a)->name == first->name);
    }
  }
}

TEST_CASE("a long word one edit from exactly one drug name is that drug", "[annotators]") {
  Analyzer a;
  auto lex = DrugLexicon::parse(test_lexicon, "test.tsv", a);
  // Replaced, dropped, doubled and swapped letters.
  CHECK(canonical(lex, a, "treated with rituxinab") == std::vector<std::string>{"rituximab"});
  CHECK(canonical(lex, a, "Tecfidra twice daily") == std::vector<std::string>{"dimethyl fumarate"});
  CHECK(canonical(lex, a, "azathioprrine") == std::vector<std::string>{"azathioprine"});
  CHECK(canonical(lex, a, "RITUXMIAB") == std::vector<std::string>{"rituximab"});
  auto m = lex.find(a.analyze("rituxinab and rituximab"));
  REQUIRE(m.size() == 2);
  CHECK(m[0].misspelling);
  CHECK_FALSE(m[1].misspelling);
  CHECK(lex.find(a.analyze("rituxinab"), DrugLexicon::Match::exact).empty());
}

TEST_CASE("short words, codes, far spellings and ambiguous words are not misspellings", "[annotators]") {
  Analyzer a;
  auto lex = DrugLexicon::parse(test_lexicon, "test.tsv", a);
  // Under 8 letters: one edit from Avonex / Rebif, but not matched.
  CHECK(canonical(lex, a, "Avonix and Rebiff").empty());
  // Codes: one character makes another compound.
  CHECK(canonical(lex, a, "BG-13 and BG00013").empty());
  // Two edits away.
  CHECK(canonical(lex, a, "rituxinav").empty());
  // One edit from two drugs' names: no match.
  auto two = DrugLexicon::parse("alphamab\tother\talphamabx\nalphamac\tother\t\n", "two.tsv", a);
  CHECK(two.find(a.analyze("alphamad")).empty());
  CHECK(two.lookup("alphamad", a) == nullptr);
  // One edit from two names of the same drug is that drug.
  CHECK(two.lookup("alphamabz", a) != nullptr);
}

TEST_CASE("lookup accepts a long misspelling, unless asked for exact names", "[annotators]") {
  Analyzer a;
  auto lex = DrugLexicon::parse(test_lexicon, "test.tsv", a);
  REQUIRE(lex.lookup("Mabtherra", a));
  CHECK(lex.lookup("Mabtherra", a)->name == "rituximab");
  CHECK(lex.lookup("azothiaprin", a)->name == "azathioprine");
  CHECK(lex.lookup("Mabtherra", a, DrugLexicon::Match::exact) == nullptr);
  // Rituxan and Avonex are too short for the misspelling rule.
  CHECK(lex.lookup("Rituxann", a) == nullptr);
  CHECK(lex.lookup("Avonax", a) == nullptr);
}

TEST_CASE("generic words are never a drug on their own, only inside a longer name", "[annotators]") {
  Analyzer a;
  CHECK(DrugLexicon::is_generic_word("water"));
  CHECK(DrugLexicon::is_generic_word("iron"));
  CHECK_FALSE(DrugLexicon::is_generic_word("rituximab"));
  CHECK_THROWS_WITH(DrugLexicon::parse("ferrous sulfate\tother\tIron\n", "g.tsv", a),
                    Catch::Contains("g.tsv:1: drug name 'iron' is a generic word"));
  CHECK_THROWS_AS(DrugLexicon::parse("water\tother\t\n", "g.tsv", a), mslit::InputError);
  auto lex = DrugLexicon::parse("iron sucrose\tother\tVenofer\nsodium oxybate\tother\tXyrem\n", "g.tsv", a);
  CHECK(canonical(lex, a, "Iron deficiency was treated with iron sucrose; sodium intake, sodium oxybate") ==
        std::vector<std::string>{"iron sucrose", "sodium oxybate"});
  // The shipped lexicon: everyday substances and class words give no facet value,
  // and a plural class word is not read as a misspelt drug.
  const auto& shipped = DrugLexicon::builtin();
  CHECK(canonical(shipped, a, "Water, oxygen, iron, alcohol, sodium, glucose, vitamins, statins, steroids, "
                              "interferons, amphetamines and gadolinium").empty());
  CHECK(canonical(shipped, a, "vitamin D and interferon beta-1a") ==
        std::vector<std::string>{"cholecalciferol", "interferon beta-1a"});
}

TEST_CASE("the shipped lexicon maps brands, codes, salts, INN variants and misspellings to one name", "[annotators]") {
  Analyzer a;
  const auto& lex = DrugLexicon::builtin();
  struct Case {
    const char* name;
    const char* canonical;
  };
  for (auto c : {// brands, US (some from Drugs@FDA) and EU
                 Case{"RESTASIS", "ciclosporin"}, Case{"Gilenya", "fingolimod"}, Case{"Fampyra", "dalfampridine"},
                 Case{"Tascenso ODT", "fingolimod"}, Case{"MabThera", "rituximab"},
                 // code names
                 Case{"BG-12", "dimethyl fumarate"}, Case{"FTY720", "fingolimod"}, Case{"BAF312", "siponimod"},
                 Case{"2-CdA", "cladribine"}, Case{"SAR442168", "tolebrutinib"},
                 // salt forms, INN/USAN and other-language INN spellings (DrugBank)
                 Case{"doxycycline hyclate", "doxycycline"}, Case{"fingolimod hydrochloride", "fingolimod"},
                 Case{"Fampridinum", "dalfampridine"}, Case{"Ciclosporina", "ciclosporin"},
                 // misspellings, listed or one edit away
                 Case{"mitoxanthrone", "mitoxantrone"}, Case{"Tecfiderra", "dimethyl fumarate"},
                 Case{"ocrelizumabb", "ocrelizumab"}, Case{"natalizumb", "natalizumab"}}) {
    INFO(c.name);
    auto* d = lex.lookup(c.name, a);
    REQUIRE(d);
    CHECK(d->name == c.canonical);
  }
  // Text: the longest name wins, and a misspelling is found in running text.
  CHECK(canonical(lex, a, "Tecfidra (dimethyl fumarate, BG12) versus fingolimod hydrochloride") ==
        std::vector<std::string>{"dimethyl fumarate", "dimethyl fumarate", "dimethyl fumarate", "fingolimod"});
  // Words one edit from a name that are not that drug: ordinary words next to a
  // brand, another drug next to a DrugBank synonym, an adjective next to a hormone.
  CHECK(canonical(lex, a, "metadata on concerts; mitomycin; corticotropic cells").empty());
  CHECK(lex.lookup("metadata", a) == nullptr);
  // No glatiramer acetate for GA (gestational age), no short ambiguous codes.
  CHECK(canonical(lex, a, "GA at birth; CTX and MMF").empty());
}

TEST_CASE("evidence types come from ordered rules, each with its cue", "[annotators]") {
  using mslit::classify_evidence;
  using mslit::Kind;
  struct Case {
    const char* title;
    const char* journal;
    Evidence expected;
    const char* cue;
  };
  std::vector<Case> cases = {
      {"Evidence-based guideline update: plasmapheresis in neurologic disorders", "", Evidence::guideline, "title: guideline"},
      {"A systematic review of randomized trials of methotrexate", "", Evidence::systematic_review, "title: systematic review"},
      {"Interferon beta for primary progressive multiple sclerosis", "Cochrane Database Syst Rev",
       Evidence::systematic_review, "journal: Cochrane Database"},
      {"Ocrelizumab versus placebo: a randomised, double-blind trial", "", Evidence::rct, "title: randomised"},
      {"An open-label study of ibudilast", "", Evidence::clinical_trial, "title: open-label"},
      {"A phase 2 study of ibudilast", "", Evidence::clinical_trial, "title: phase 2"},
      {"Long-term outcomes in a national registry of natalizumab users", "", Evidence::observational, "title: registry"},
      {"Progressive multifocal leukoencephalopathy in a patient treated with fingolimod: a case report", "",
       Evidence::case_report, "title: case report"},
      {"Clemastine promotes remyelination in experimental autoimmune encephalomyelitis", "", Evidence::preclinical,
       "title: experimental autoimmune encephalomyelitis"},
      {"Treating depression in MS: a brief review of clinical trials", "", Evidence::review, "title: review of"},
      {"B cells in multiple sclerosis: an update", "", Evidence::review, "title: update"},
      {"Does interferon beta help in secondary progressive MS?", "", Evidence::other, "no cue"},
      {"The phase in which relapses stop", "", Evidence::other, "no cue"},
  };
  for (auto& c : cases) {
    INFO(c.title);
    auto d = classify_evidence({Kind::reference, "text", c.title, c.journal, c.title, {}});
    CHECK(d.type == c.expected);
    CHECK(d.cue == c.cue);
  }
}

TEST_CASE("articles are classified by their source when the title names no design", "[annotators]") {
  using mslit::classify_evidence;
  using mslit::Kind;
  CHECK(classify_evidence({Kind::article, "text", "Off-label drugs for MS", "", "Talk to your doctor about risks.", {}}).type ==
        Evidence::patient_info);
  CHECK(classify_evidence({Kind::article, "snippets", "What is MS?", "", "", {}}).type == Evidence::patient_info);
  auto clinical = classify_evidence({Kind::article, "text", "Treatment of progressive MS", "", "Body.",
                                     "Literature review current through: Apr 2016."});
  CHECK(clinical.type == Evidence::review);
  CHECK(clinical.cue == "clinical reference article: literature review current through");
  // A page or report that mentions trials in its text is not a trial.
  CHECK(classify_evidence({Kind::article, "markdown", "Progress in progressive MS", "",
                           "Two randomized trials reported this year.", {}}).type == Evidence::other);
  CHECK(classify_evidence({Kind::article, "markdown", "Evidence digest: progressive MS", "", "", {}}).type ==
        Evidence::review);
}

namespace {
mslit::EvidenceDecision classify_abstract(const char* title, const char* abstract, const char* journal = "") {
  return mslit::classify_evidence({mslit::Kind::article, "pubmed-xml", title, journal, abstract, {}});
}
mslit::EvidenceDecision classify_evidence_title_only(const char* title) {
  return mslit::classify_evidence({mslit::Kind::reference, "text", title, "", title, {}});
}
}  // namespace

TEST_CASE("an abstract that randomly assigns people is an rct, one that randomises rats is not", "[annotators]") {
  auto rct = classify_abstract(
      "Ibudilast and fatigue in progressive MS",
      "BACKGROUND: Fatigue is common in progressive MS.\n\n"
      "METHODS: Eighty adults were randomly assigned to ibudilast or placebo for 24 weeks.\n\n"
      "RESULTS: Fatigue scores fell more with ibudilast (p = 0.03).");
  CHECK(rct.type == Evidence::rct);
  CHECK(rct.cue == "text: randomly assigned");

  auto animal = classify_abstract(
      "Clemastine and myelin repair after cuprizone",
      "Forty rats were randomly divided into four groups and fed cuprizone for six weeks; myelin was then measured.");
  CHECK(animal.type == Evidence::preclinical);
  CHECK(animal.cue == "text: randomly divided + rats");

  // Background trials are plural, and a non-randomised design is not an rct.
  CHECK(classify_abstract("Natalizumab in clinical practice",
                          "Randomized controlled trials showed fewer relapses. We followed 120 patients in a "
                          "retrospective cohort for five years.").type == Evidence::observational);
  CHECK(classify_abstract("Exercise in MS", "In this non-randomized study, 30 patients trained for 12 weeks.").type ==
        Evidence::clinical_trial);
  // A protocol has not randomised anyone yet.
  CHECK(classify_abstract("Vitamin D in early MS",
                          "Participants will be randomized to high or low dose vitamin D for two years.").type ==
        Evidence::other);
}

TEST_CASE("case reports are found by the patient they report", "[annotators]") {
  auto d = classify_abstract("Tumefactive demyelination after a viral illness",
                             "We describe a 34-year-old woman who developed hemiparesis two weeks after influenza. "
                             "Imaging showed a single ring-enhancing lesion.");
  CHECK(d.type == Evidence::case_report);
  CHECK(d.cue == "text: 34-year-old woman");
  CHECK(classify_abstract("Optic neuritis in a 9-year-old boy", "").type == Evidence::case_report);
  CHECK(classify_abstract("Recurrent myelitis", "CASE PRESENTATION: A man had three episodes of myelitis.").cue ==
        "abstract section: case presentation");
  CHECK(classify_abstract("Two sisters with late-onset MS", "Here we report two siblings with the same course.").cue ==
        "text: we report ... siblings");
  // A patient-centred tool is not a patient.
  CHECK(classify_abstract("A relapse diary app", "We present a patient-centered app for tracking relapses.").type !=
        Evidence::case_report);
  // "case" in "case-control" is not a case report.
  CHECK(classify_evidence_title_only("Smoking and MS: report of a case-control study").type == Evidence::observational);
}

TEST_CASE("narrative reviews say so, or discuss without reporting a study", "[annotators]") {
  CHECK(classify_abstract("B cells in MS", "In this review we summarise how B cells drive relapses.").cue ==
        "text: this review");
  auto narrative = classify_abstract(
      "Remyelination therapies",
      "Remyelination is the next frontier in multiple sclerosis care. Several candidate molecules have emerged from "
      "screening, and their mechanisms are becoming clearer. Oligodendrocyte precursor cells persist in chronic "
      "lesions, yet often fail to differentiate. Clemastine, metformin and thyroid hormone analogues act on distinct "
      "pathways. Imaging markers of myelin content remain imperfect, which complicates trial design. We discuss "
      "current candidates and future directions, and highlight open questions about timing, dosing and outcome "
      "measures that the field will need to settle before remyelinating drugs reach the clinic for people with MS.");
  CHECK(narrative.type == Evidence::review);
  CHECK(narrative.cue == "narrative abstract (no methods or findings): discuss, current, future");
  CHECK(classify_abstract("Sleep in MS", "", "Current opinion in neurology").cue == "journal: current opinion in");
  // A case report that also reviews the literature is a case report.
  CHECK(classify_abstract("Balo concentric sclerosis: case report and review of the literature", "").type ==
        Evidence::case_report);
}

TEST_CASE("systematic reviews and guidelines are found whenever the title says so", "[annotators]") {
  CHECK(classify_abstract("Vitamin D supplementation in MS: a systematic review and meta-analysis", "").cue ==
        "title: systematic review");
  CHECK(classify_abstract("Cognitive rehabilitation in MS: a meta-analysis of randomised trials", "").type ==
        Evidence::systematic_review);
  CHECK(classify_abstract("ECTRIMS/EAN guideline on the pharmacological treatment of people with MS", "").cue ==
        "title: guideline");
  CHECK(classify_abstract("Disease-modifying therapies: a practice guideline from the national academy", "").type ==
        Evidence::guideline);
  // The methods of a systematic review, in the abstract.
  CHECK(classify_abstract("Fatigue and depression in MS",
                          "DATA SOURCES: MEDLINE and Embase to 2020.\n\nSTUDY SELECTION: Cohort studies.").type ==
        Evidence::systematic_review);
}
