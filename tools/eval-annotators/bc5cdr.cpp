#include "bc5cdr.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <ostream>

#include "figures.hpp"
#include "mslit/error.hpp"
#include "mslit/text.hpp"

namespace mslit::eval {

std::vector<IobSentence> read_iob(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), 0, "cannot open");
  std::vector<IobSentence> out;
  IobSentence current;
  bool in_span = false;
  auto finish = [&] {
    if (!current.text.empty()) out.push_back(std::move(current));
    current = IobSentence{};
    in_span = false;
  };
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty()) {
      finish();
      continue;
    }
    auto tab = line.rfind('\t');
    if (tab == std::string::npos) throw InputError(path.string(), n, "expected 'token<TAB>tag'");
    std::string_view token(line.data(), tab), tag(line.data() + tab + 1, line.size() - tab - 1);
    if (!current.text.empty()) current.text += ' ';
    std::size_t begin = current.text.size();
    current.text += token;
    std::size_t end = current.text.size();
    if (tag.starts_with("B-") || (tag.starts_with("I-") && !in_span)) {
      current.chemicals.emplace_back(begin, end);
      in_span = true;
    } else if (tag.starts_with("I-")) {
      current.chemicals.back().second = end;
    } else {
      in_span = false;
    }
  }
  finish();
  return out;
}

Bc5cdrResult evaluate_bc5cdr(const std::vector<IobSentence>& sentences, const DrugLexicon& lexicon,
                             const Analyzer& analyzer, const Bc5cdrOptions& options, std::ostream& out) {
  Bc5cdrResult r;
  std::map<std::string, Counts> by_class, by_kind;
  std::map<std::string, std::size_t> false_positives, fuzzy_hits, missed;
  for (auto& s : sentences) {
    ++r.sentences;
    r.gold_spans += s.chemicals.size();
    auto mentions = lexicon.find(analyzer.analyze(s.text));
    for (auto& m : mentions) {
      ++r.mentions;
      bool inside = std::any_of(s.chemicals.begin(), s.chemicals.end(),
                                [&](auto& c) { return c.first <= m.begin && m.end <= c.second; });
      auto& cls = by_class[m.drug->drug_class];
      auto& kind = by_kind[m.misspelling ? "one-edit misspelling" : "exact name"];
      (inside ? cls.tp : cls.fp)++;
      (inside ? kind.tp : kind.fp)++;
      std::string written = s.text.substr(m.begin, m.end - m.begin) + " -> " + m.drug->name;
      if (m.misspelling) {
        ++r.fuzzy_mentions;
        r.fuzzy_inside += inside;
        fuzzy_hits[written + (inside ? "" : "  [outside]")]++;
      }
      if (inside) ++r.inside;
      else false_positives[written]++;
    }
    // Recall, only over gold spans the lexicon could know: whose text is a name.
    for (auto& [b, e] : s.chemicals) {
      auto text = std::string_view(s.text).substr(b, e - b);
      auto* drug = lexicon.lookup(text, analyzer, DrugLexicon::Match::exact);
      if (!drug) continue;
      ++r.lexicon_gold;
      bool found = std::any_of(mentions.begin(), mentions.end(), [&](auto& m) { return m.begin == b && m.end == e; });
      if (found) ++r.lexicon_gold_found;
      else missed[std::string(text) + " -> " + drug->name]++;
    }
  }

  out << "BC5CDR chemical spans: " << r.sentences << " sentences, " << r.gold_spans << " gold chemical spans\n"
      << "drug mentions: " << r.mentions << ", inside a gold chemical span: " << r.inside << "\n"
      << "precision: " << percent(r.mentions ? std::optional<double>(r.precision()) : std::nullopt) << "%\n"
      << "one-edit misspelling mentions: " << r.fuzzy_mentions << ", inside: " << r.fuzzy_inside << "\n"
      << "recall of gold spans that are lexicon names: " << r.lexicon_gold_found << " / " << r.lexicon_gold << " = "
      << percent(r.lexicon_gold ? std::optional<double>(double(r.lexicon_gold_found) / double(r.lexicon_gold))
                                : std::nullopt)
      << "%\n\nBy drug class (tp = inside a chemical span):\n";
  print_prf_table(out, "class", by_class);
  out << "\nBy kind of match:\n";
  print_prf_table(out, "match", by_kind);
  auto list = [&](const char* title, const std::map<std::string, std::size_t>& counts) {
    out << "\n" << title << "\n";
    for (auto& [text, n] : top_counts(counts, options.top)) out << "  " << std::setw(5) << n << "  " << text << "\n";
  };
  list("Top false positives (text as written -> drug):", false_positives);
  list("One-edit misspelling matches:", fuzzy_hits);
  list("Top missed gold spans that are lexicon names:", missed);
  return r;
}

}  // namespace mslit::eval
