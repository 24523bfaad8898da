// bench-analysis: how fast mslit's ICU analysis turns text into index terms,
// against Xapian's own TermGenerator on the same text. Both produce a
// Xapian::Document with positional terms and "Z" stems, so the comparison is
// like for like. Prints the median of several runs.
//
// Usage: bench-analysis [--runs N] CORPUS.jsonl   (BEIR layout: title, text)
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "document_builder.hpp"
#include "mslit/analysis.hpp"
#include "mslit/annotators.hpp"

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

template <class F>
double seconds(F&& f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else if (a == "--help" || a == "-h") {
      std::cout << "Usage: bench-analysis [--runs N] CORPUS.jsonl\n"
                   "Analysis throughput (MB/s) of mslit's ICU analysis vs Xapian's TermGenerator.\n";
      return 0;
    } else path = a;
  }
  if (path.empty()) {
    std::cerr << "bench-analysis: give a BEIR corpus.jsonl (e.g. ../shared/data/beir-scifact/corpus.jsonl)\n";
    return 2;
  }
  std::ifstream in(path);
  if (!in) {
    std::cerr << "bench-analysis: " << path << ": cannot open\n";
    return 1;
  }
  std::vector<mslit::Article> docs;
  std::size_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) continue;
    mslit::Article a;
    a.id = j.value("_id", "");
    a.title = j.value("title", "");
    a.body = j.value("text", "");
    bytes += a.title.size() + a.body.size();
    docs.push_back(std::move(a));
  }
  double mb = static_cast<double>(bytes) / 1e6;

  mslit::Analyzer analyzer;
  mslit::DocumentBuilder builder(analyzer);
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("english"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);

  std::vector<double> tokenize, drugs, mslit_docs, xapian_docs;
  const auto& lexicon = mslit::DrugLexicon::builtin();
  std::size_t sink = 0;
  for (int r = 0; r < runs; ++r) {
    tokenize.push_back(seconds([&] {
      for (auto& d : docs) sink += analyzer.analyze(d.title).size() + analyzer.analyze(d.body).size();
    }));
    // What annotate() adds for drugs: analysis plus lexicon matching.
    drugs.push_back(seconds([&] {
      for (auto& d : docs)
        sink += lexicon.find(analyzer.analyze(d.title)).size() + lexicon.find(analyzer.analyze(d.body)).size();
    }));
    mslit_docs.push_back(seconds([&] {
      for (auto& d : docs) sink += builder.article(d, "bench").termlist_count();
    }));
    xapian_docs.push_back(seconds([&] {
      for (auto& d : docs) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(d.title, 1, "S");
        tg.increase_termpos();
        tg.index_text(d.title, 3);
        tg.increase_termpos();
        tg.index_text(d.body);
        sink += doc.termlist_count();
      }
    }));
  }
  auto report = [&](const char* name, double s) {
    std::cout << "  " << std::left << std::setw(44) << name << std::right << std::fixed << std::setprecision(2)
              << std::setw(8) << mb / s << " MB/s" << std::setw(10) << s * 1000 << " ms\n";
  };
  std::cout << "bench-analysis: " << docs.size() << " documents, " << std::setprecision(2) << std::fixed << mb
            << " MB of title+text, median of " << runs << " runs\n";
  report("mslit Analyzer::analyze (ICU words only)", median(tokenize));
  report("mslit analyze + DrugLexicon::find", median(drugs));
  report("mslit DocumentBuilder (ICU + terms + stems)", median(mslit_docs));
  report("Xapian TermGenerator (terms + stems)", median(xapian_docs));
  std::cout << "  ratio mslit / TermGenerator: " << std::setprecision(2) << median(xapian_docs) / median(mslit_docs)
            << "x   (checksum " << sink % 1000 << ")\n";
  return 0;
}
