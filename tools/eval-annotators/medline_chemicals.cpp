#include "medline_chemicals.hpp"

#include <set>

#include "mslit/readers.hpp"

namespace fs = std::filesystem;

namespace mslit::eval {
namespace {

std::set<std::string> drugs_in(const std::string& text, const DrugLexicon& lexicon, const Analyzer& analyzer) {
  std::set<std::string> out;
  for (auto& m : lexicon.find(analyzer.analyze(text))) out.insert(m.drug->name);
  return out;
}

std::vector<fs::path> files_under(const std::vector<fs::path>& paths) {
  std::vector<fs::path> files;
  for (auto& p : paths) {
    if (fs::is_directory(p)) {
      for (auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file() && e.path().extension() != ".md") files.push_back(e.path());
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

ChemicalRecall evaluate_medline_chemicals(const std::vector<fs::path>& paths, const DrugLexicon& lexicon,
                                          const Analyzer& analyzer, std::size_t top, std::ostream& out) {
  ChemicalRecall result;
  result.counts.fn = 0;
  std::map<std::string, Counts> per_drug;
  std::map<std::string, std::size_t> misses;
  for (auto& file : files_under(paths)) {
    auto read = read_file(file, file.string());
    if (read.format != "pubmed-xml" && read.format != "medline") continue;
    for (auto& a : read.articles) {
      ++result.records;
      // Gold: the drugs named by the chemical list (substance names, as NLM writes them).
      std::set<std::string> gold;
      for (auto& c : a.chemicals)
        for (auto& d : drugs_in(c, lexicon, analyzer)) gold.insert(d);
      if (gold.empty()) continue;
      ++result.records_with_gold;
      auto found = drugs_in(a.title + "\n" + a.abstract, lexicon, analyzer);
      for (auto& d : gold) {
        auto& c = per_drug[d];
        if (!c.fn) c.fn = 0;
        if (found.count(d)) ++c.tp, ++result.counts.tp;
        else {
          ++*c.fn, ++*result.counts.fn;
          ++misses[d + "  (PMID " + a.pmid + ": " + a.title.substr(0, 70) + ")"];
        }
      }
      for (auto& d : found)
        if (!gold.count(d)) ++per_drug[d].fp, ++result.counts.fp;
    }
  }
  out << result.records << " records, " << result.records_with_gold
      << " with a chemical list naming a lexicon drug; drugs found in title and abstract (chemical list hidden):\n";
  print_prf_table(out, "drug", per_drug, top);
  out << "recall " << percent(result.counts.recall()) << "% (" << result.counts.tp << " of "
      << result.counts.tp + *result.counts.fn << " listed drugs found in the text)\n";
  if (!misses.empty()) {
    out << "listed but not found in the text:\n";
    for (auto& [text, n] : top_counts(misses, top)) out << "  " << text << "\n";
  }
  return result;
}

}  // namespace mslit::eval
