// eval-evidence: how well the text classifier finds evidence types when a
// record's publication types are hidden. The gold is what the hidden types
// say (evidence_from_publication_types); records whose types say nothing
// specific ("Journal Article" only) are gold "unspecified", a negative for
// every class. Prints per-class precision/recall/F1 and a confusion table;
// exits 1 when a --min-* threshold is not met, so CI can hold the figures.
#include <boost/program_options.hpp>

#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "metrics.hpp"
#include "mslit/annotators.hpp"
#include "mslit/error.hpp"
#include "mslit/readers.hpp"

namespace fs = std::filesystem;
namespace po = boost::program_options;

namespace {

constexpr const char* usage = R"(Usage: eval-evidence [OPTIONS] DIR_OR_FILE...

Reads MEDLINE/PubMed XML records (any format mslit reads; directories are
walked, gzip read transparently), hides each record's publication types,
classifies its evidence type from title, abstract and journal, and compares
with what the hidden types say. Records whose types say nothing specific are
gold "unspecified": predicting any class on them is a false positive.

Records that NLM has not indexed yet (in-process and publisher records) carry
only the publisher's "Journal Article", whatever they are; --indexed-only
leaves out records without MeSH headings (assigned together with publication
types), so that gold "unspecified" means "indexed, nothing specific".

Thresholds take CLASS=X with X in [0,1] and may repeat, e.g.
  eval-evidence --min-recall rct=0.95 --min-f1 case-report=0.9 DIR
Exit status: 0 all thresholds met, 1 one was not (each is reported), 2 usage
or input error.
)";

constexpr const char* unspecified = "unspecified";

struct Threshold {
  std::string metric;  // "f1", "precision", "recall"
  std::string label;
  double min = 0;
};

struct Record {
  std::string title;
  std::string source;
  std::string id;
  std::string gold;
  std::string gold_cue;
  mslit::EvidenceDecision predicted;
};

std::vector<Threshold> parse_thresholds(const std::vector<std::string>& specs, const std::string& metric) {
  std::vector<Threshold> out;
  for (auto& s : specs) {
    auto eq = s.find('=');
    if (eq == std::string::npos) throw mslit::UsageError("--min-" + metric + " wants CLASS=X, not '" + s + "'");
    Threshold t{metric, s.substr(0, eq), 0};
    if (!mslit::evidence_from_string(t.label))
      throw mslit::UsageError("--min-" + metric + ": unknown evidence type '" + t.label + "'");
    char* end = nullptr;
    auto value = s.substr(eq + 1);
    t.min = std::strtod(value.c_str(), &end);
    if (value.empty() || *end || t.min < 0 || t.min > 1)
      throw mslit::UsageError("--min-" + metric + ": '" + value + "' is not a number between 0 and 1");
    out.push_back(t);
  }
  return out;
}

std::vector<fs::path> files_of(const std::vector<std::string>& inputs) {
  std::vector<fs::path> out;
  for (auto& in : inputs) {
    fs::path p(in);
    if (fs::is_directory(p)) {
      std::vector<fs::path> found;
      for (auto& e : fs::recursive_directory_iterator(p)) {
        if (!e.is_regular_file()) continue;
        auto name = e.path().filename().string();
        // SOURCE.md and other notes beside the data are not records.
        if (name.find(".xml") == std::string::npos) continue;
        found.push_back(e.path());
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p)) {
      out.push_back(p);
    } else {
      throw mslit::UsageError(in + ": no such file or directory");
    }
  }
  return out;
}

double metric_of(const mslit::eval::Counts& c, const std::string& metric) {
  if (metric == "f1") return c.f1();
  if (metric == "precision") return c.precision();
  return c.recall();
}

int run(int argc, char** argv) {
  std::vector<std::string> inputs, min_f1, min_precision, min_recall, errors;
  bool indexed_only = false;
  po::options_description opts("Options");
  opts.add_options()("help,h", "show this help")
      ("min-f1", po::value(&min_f1)->composing(), "CLASS=X: fail unless CLASS has F1 >= X")
      ("min-precision", po::value(&min_precision)->composing(), "CLASS=X: fail unless CLASS has precision >= X")
      ("min-recall", po::value(&min_recall)->composing(), "CLASS=X: fail unless CLASS has recall >= X")
      ("indexed-only", po::bool_switch(&indexed_only),
       "leave out records without MeSH headings (not yet indexed by NLM: their publication types are not gold)")
      ("errors", po::value(&errors)->composing(),
       "CLASS: list the records of this gold or predicted class that were misclassified, with the cue");
  po::options_description hidden;
  hidden.add_options()("input", po::value(&inputs)->composing());
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("input", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
  if (vm.count("help")) {
    std::cout << usage << "\n" << opts << "\n";
    return 0;
  }
  po::notify(vm);
  if (inputs.empty()) throw mslit::UsageError("no input: give MEDLINE XML files or directories (see --help)");

  std::vector<Threshold> thresholds;
  for (auto& [specs, metric] : {std::pair{&min_f1, "f1"}, std::pair{&min_precision, "precision"},
                                std::pair{&min_recall, "recall"}}) {
    auto t = parse_thresholds(*specs, metric);
    thresholds.insert(thresholds.end(), t.begin(), t.end());
  }
  for (auto& e : errors)
    if (!mslit::evidence_from_string(e) && e != unspecified)
      throw mslit::UsageError("--errors: unknown evidence type '" + e + "'");

  std::vector<Record> records;
  std::size_t left_out = 0;
  for (auto& file : files_of(inputs)) {
    auto result = mslit::read_file(file, file.string());
    for (auto& w : result.warnings) std::cerr << w << "\n";
    if (!result.error.empty()) std::cerr << file.string() << ": " << result.error << "\n";
    for (auto& a : result.articles) {
      if (indexed_only && a.mesh.empty()) {
        ++left_out;
        continue;
      }
      auto gold = mslit::evidence_from_publication_types(a.publication_types);
      a.publication_types.clear();  // hidden: the classifier must not see them
      records.push_back({a.title, file.filename().string(), a.pmid.empty() ? a.id : "pmid:" + a.pmid,
                         gold ? std::string(mslit::to_string(gold->type)) : unspecified, gold ? gold->cue : "",
                         mslit::classify_evidence(mslit::evidence_input(a))});
    }
  }

  mslit::eval::Confusion confusion;
  for (auto& r : records) confusion.add(r.gold, std::string(mslit::to_string(r.predicted.type)));

  std::vector<std::string> classes;
  for (auto e : mslit::all_evidence_types()) classes.emplace_back(mslit::to_string(e));
  auto rows = classes;
  rows.push_back(unspecified);
  const std::vector<std::string> short_names = {"guide", "sysrev", "rct",  "trial", "obs",
                                                "case",  "review", "precl", "pat",   "other"};

  std::cout << "evidence types of " << records.size() << " records, publication types hidden";
  if (indexed_only) std::cout << " (" << left_out << " records without MeSH headings left out)";
  std::cout << "\n\n";
  mslit::eval::print_scores(std::cout, mslit::eval::class_scores(confusion, classes));
  std::cout << "\n";
  mslit::eval::print_confusion(std::cout, confusion, rows, classes, short_names);

  for (auto& label : errors) {
    std::cout << "\nerrors for " << label << " (FN: gold " << label << ", FP: predicted " << label << "):\n";
    for (auto& r : records) {
      auto predicted = std::string(mslit::to_string(r.predicted.type));
      if (r.gold == predicted || (r.gold != label && predicted != label)) continue;
      std::cout << (r.gold == label ? "FN " : "FP ") << r.id << " [" << r.source << "] gold " << r.gold
                << (r.gold_cue.empty() ? "" : " (" + r.gold_cue + ")") << ", predicted " << predicted << " ("
                << r.predicted.cue << ")\n   " << r.title << "\n";
    }
  }

  int status = 0;
  if (!thresholds.empty()) std::cout << "\n";
  for (auto& t : thresholds) {
    double got = metric_of(confusion.counts(t.label), t.metric);
    bool ok = got + 1e-9 >= t.min;
    std::cout << (ok ? "ok   " : "FAIL ") << t.label << " " << t.metric << " " << std::fixed << std::setprecision(3)
              << got << (ok ? " >= " : " < ") << t.min << "\n";
    if (!ok) status = 1;
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const mslit::UsageError& e) {
    std::cerr << "eval-evidence: " << e.what() << "\n";
    return 2;
  } catch (const po::error& e) {
    std::cerr << "eval-evidence: " << e.what() << " (see --help)\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "eval-evidence: " << e.what() << "\n";
    return 2;
  }
}
