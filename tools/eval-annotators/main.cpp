// eval-annotators: how good are mslit's annotators against gold data sets?
// Each evaluation is one option; add one by writing a function that reads its
// data set and prints through figures.hpp, and an option that calls it.
#include <boost/program_options.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include <map>

#include "bc5cdr.hpp"
#include "medline_chemicals.hpp"
#include "figures.hpp"
#include "mslit/error.hpp"

namespace po = boost::program_options;

namespace {

constexpr const char* usage = R"(Usage: eval-annotators [OPTIONS]

Measures mslit's annotators against gold data and prints the figures a
maintainer needs to improve them (counts, precision/recall tables, the most
frequent errors). Exit status: 0 done (and above every --min-* threshold),
1 below a threshold or unreadable input, 2 bad usage.

Evaluations (give one or more):
  --bc5cdr FILE   drug mention precision against BC5CDR chemical spans (IOB
                  tokens, e.g. ../shared/data/bc5cdr-chem/devel.tsv): every
                  drug mention should lie inside a gold chemical span

  --medline PATH  drug recall against MEDLINE chemical lists: for every record
                  (MEDLINE XML or text, file or folder) whose chemical list
                  names a lexicon drug, is that drug found in the title and
                  abstract with the list hidden?

  --misspellings FILE
                  every word of a text file (one document a line; JSON lines
                  work too) that the one-edit misspelling rule reads as a drug,
                  with counts: review it for English words next to drug names

Example:
  eval-annotators --bc5cdr ../shared/data/bc5cdr-chem/devel.tsv --min-precision 0.95
)";

}  // namespace

int main(int argc, char** argv) {
  po::options_description options("Options");
  std::vector<std::string> bc5cdr_files, misspelling_files, medline_paths;
  std::optional<double> min_precision, min_recall;
  std::string lexicon_file;
  mslit::eval::Bc5cdrOptions bc5cdr_options;
  options.add_options()("help,h", "show this help")(
      "bc5cdr", po::value(&bc5cdr_files)->value_name("FILE"), "BC5CDR chemical IOB file (repeatable)")(
      "misspellings", po::value(&misspelling_files)->value_name("FILE"), "list misspelling matches in a text file")(
      "medline", po::value(&medline_paths)->value_name("PATH"), "MEDLINE records for drug recall (repeatable)")(
      "min-recall", po::value<double>()->value_name("R"),
      "fail (exit 1) if drug recall against --medline chemical lists is below R (0..1)")(
      "lexicon", po::value(&lexicon_file)->value_name("TSV"),
      "evaluate this drug lexicon file instead of the compiled-in one (tune without rebuilding)")(
      "min-precision", po::value<double>()->value_name("P"),
      "fail (exit 1) if drug mention precision on any --bc5cdr file is below P (0..1)")(
      "top", po::value(&bc5cdr_options.top)->value_name("N")->default_value(25), "errors to list per table");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, options), vm);
    if (vm.count("help")) {
      std::cout << usage << "\n" << options << "\n";
      return 0;
    }
    po::notify(vm);
    if (vm.count("min-precision")) min_precision = vm["min-precision"].as<double>();
    if (vm.count("min-recall")) min_recall = vm["min-recall"].as<double>();
    if (bc5cdr_files.empty() && misspelling_files.empty() && medline_paths.empty())
      throw po::error("nothing to evaluate: give --bc5cdr FILE or --medline PATH (see --help)");
  } catch (const po::error& e) {
    std::cerr << "eval-annotators: " << e.what() << "\n";
    return 2;
  }

  try {
    mslit::Analyzer analyzer;
    std::optional<mslit::DrugLexicon> custom;
    if (!lexicon_file.empty()) {
      std::ifstream in(lexicon_file, std::ios::binary);
      if (!in) throw mslit::InputError(lexicon_file, 0, "cannot open");
      std::stringstream tsv;
      tsv << in.rdbuf();
      custom = mslit::DrugLexicon::parse(tsv.str(), lexicon_file, analyzer);
    }
    const auto& lexicon = custom ? *custom : mslit::DrugLexicon::builtin();
    std::size_t names = 0;
    for (auto& e : lexicon.entries()) names += e.names.size();
    std::cout << "drug lexicon " << (lexicon_file.empty() ? "(compiled in)" : lexicon_file) << ": "
              << lexicon.entries().size() << " drugs, " << names << " other names, " << lexicon.key_count()
              << " match keys\n";
    int status = 0;
    for (auto& file : bc5cdr_files) {
      std::cout << "== " << file << "\n";
      auto result = mslit::eval::evaluate_bc5cdr(mslit::eval::read_iob(file), lexicon, analyzer, bc5cdr_options,
                                                 std::cout);
      if (min_precision && result.precision() < *min_precision) {
        std::cerr << "eval-annotators: " << file << ": drug mention precision " << result.precision()
                  << " is below --min-precision " << *min_precision << "\n";
        status = 1;
      }
      std::cout << "\n";
    }
    if (!medline_paths.empty()) {
      std::cout << "== MEDLINE chemical lists:";
      for (auto& p : medline_paths) std::cout << " " << p;
      std::cout << "\n";
      for (auto& p : medline_paths)
        if (!std::filesystem::exists(p)) throw mslit::InputError(p, 0, "no such file or directory");
      auto result = mslit::eval::evaluate_medline_chemicals(
          std::vector<std::filesystem::path>(medline_paths.begin(), medline_paths.end()), lexicon, analyzer,
          bc5cdr_options.top, std::cout);
      if (min_recall && result.recall() < *min_recall) {
        std::cerr << "eval-annotators: drug recall against MEDLINE chemical lists " << result.recall()
                  << " is below --min-recall " << *min_recall << "\n";
        status = 1;
      }
      std::cout << "\n";
    }
    for (auto& file : misspelling_files) {
      std::ifstream in(file, std::ios::binary);
      if (!in) throw mslit::InputError(file, 0, "cannot open");
      std::map<std::string, std::size_t> counts;
      std::size_t lines = 0, mentions = 0;
      for (std::string line; std::getline(in, line); ++lines)
        for (auto& m : lexicon.find(analyzer.analyze(line)))
          if (m.misspelling) {
            ++mentions;
            ++counts[analyzer.fold(line.substr(m.begin, m.end - m.begin)) + " -> " + m.drug->name];
          }
      std::cout << "== " << file << "\n" << lines << " lines, " << mentions << " misspelling matches, "
                << counts.size() << " distinct:\n";
      for (auto& [text, n] : mslit::eval::top_counts(counts, bc5cdr_options.top))
        std::cout << "  " << n << "  " << text << "\n";
    }
    return status;
  } catch (const mslit::Error& e) {
    std::cerr << "eval-annotators: " << e.what() << "\n";
    return 1;
  }
}
